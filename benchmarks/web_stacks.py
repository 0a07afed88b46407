"""Which web stack serves newsearch's HTTP API fastest? Requests/s on /api/search, side by side.

Each candidate is the same minimal endpoint (``Index.search`` → ``shapes.envelope`` → JSON), served in its
own process on 127.0.0.1; the load (``httpload``: keep-alive clients in another process, default 4 for
20 s) is the same for every stack, and the stacks are run in alternating rounds so that the machine's
other load falls on all of them alike.

    newsearch index ../shared/data/bbc_news --index /tmp/bbc-index
    python benchmarks/web_stacks.py --index /tmp/bbc-index
    python benchmarks/web_stacks.py --index IDX --rounds 3 --seconds 20 --clients 4

Writes ``results/web-stacks.json`` (``--name`` changes it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpload
from common import PYTHON, RESULTS, median, run_meta, table

# General news words and phrases (not taken from any evaluation query): the same for every stack.
QUERIES = (
    "election",
    "oil prices",
    '"world cup"',
    "mobile phone",
    "economy growth",
    "film award",
    "tax",
    "broadband",
    "interest rates",
    "music",
    "football injury",
    "government plans",
)
STACKS = ("starlette-uvicorn", "starlette-uvicorn-async", "flask-waitress", "falcon-waitress")


def paths() -> list[str]:
    return [f"/api/search?q={quote(q)}&limit=10" for q in QUERIES]


# ------------------------------------------------------------------------------------- the candidates
def serve(stack: str, index: str, port: int) -> None:
    import newsearch
    from newsearch import shapes

    ix = newsearch.open_index(index)

    def answer(q: str) -> bytes:
        return json.dumps(shapes.envelope("search", ix.search(q, limit=10)), ensure_ascii=False).encode()

    if stack.startswith("starlette"):
        import uvicorn
        from starlette.applications import Starlette
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import Response
        from starlette.routing import Route

        def search(request):  # a plain def: Starlette runs it in its thread pool
            return Response(answer(request.query_params["q"]), media_type="application/json")

        async def search_async(request):
            body = await run_in_threadpool(answer, request.query_params["q"])
            return Response(body, media_type="application/json")

        endpoint = search_async if stack.endswith("async") else search
        app = Starlette(routes=[Route("/api/search", endpoint)])
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    elif stack == "flask-waitress":
        import waitress
        from flask import Flask, Response, request

        flask_app = Flask("bench")

        @flask_app.get("/api/search")
        def flask_search():
            return Response(answer(request.args["q"]), mimetype="application/json")

        waitress.serve(flask_app, host="127.0.0.1", port=port, threads=4, _quiet=True)
    elif stack == "falcon-waitress":
        import falcon
        import waitress

        class Search:
            def on_get(self, req, resp):
                resp.data = answer(req.get_param("q"))
                resp.content_type = "application/json"

        falcon_app = falcon.App()
        falcon_app.add_route("/api/search", Search())
        waitress.serve(falcon_app, host="127.0.0.1", port=port, threads=4, _quiet=True)
    else:
        raise SystemExit(f"unknown stack {stack}")


def stack_versions() -> dict[str, str | None]:
    from importlib import metadata

    out: dict[str, str | None] = {}
    for name in ("starlette", "uvicorn", "flask", "werkzeug", "waitress", "falcon", "h11"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def measure(stack: str, index: str, clients: int, seconds: float) -> dict:
    port = httpload.free_port()
    proc = subprocess.Popen(
        [PYTHON, __file__, "--serve", stack, "--index", index, "--port", str(port)],
        stdout=subprocess.DEVNULL,
    )
    try:
        httpload.wait_until_up("127.0.0.1", port, "/api/search?q=warmup")
        httpload.run("127.0.0.1", port, paths(), clients=clients, seconds=2)  # warm caches
        result = httpload.run("127.0.0.1", port, paths(), clients=clients, seconds=seconds)
    finally:
        proc.terminate()
        proc.wait(10)
    return result.summary()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", required=True, help="a newsearch index (e.g. of ../shared/data/bbc_news)")
    ap.add_argument("--stacks", default=",".join(STACKS))
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--name", default="web-stacks")
    ap.add_argument("--serve", help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.serve, args.index, args.port)
        return
    stacks = args.stacks.split(",")
    runs: dict[str, list[dict]] = {s: [] for s in stacks}
    for r in range(args.rounds):
        order = stacks if r % 2 == 0 else stacks[::-1]
        for stack in order:
            summary = measure(stack, args.index, args.clients, args.seconds)
            runs[stack].append(summary)
            print(
                f"round {r + 1} {stack}: {summary['rps']} req/s, p50 {summary['p50_ms']} ms, "
                f"p95 {summary['p95_ms']} ms, errors {summary['errors']}",
                file=sys.stderr,
            )
    rows = []
    best = max(median([x["rps"] for x in runs[s]]) for s in stacks)
    for s in stacks:
        rps = median([x["rps"] for x in runs[s]])
        rows.append(
            [
                s,
                rps,
                median([x["p50_ms"] for x in runs[s]]),
                median([x["p95_ms"] for x in runs[s]]),
                sum(x["errors"] for x in runs[s]),
                rps / best,
            ]
        )
    print(table(["stack", "req/s (median)", "p50 ms", "p95 ms", "errors", "vs best"], rows))
    record = {
        **run_meta(),
        "index": args.index,
        "clients": args.clients,
        "seconds": args.seconds,
        "rounds": args.rounds,
        "queries": list(QUERIES),
        "runs": runs,
        "stack_versions": stack_versions(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.name}.json").write_text(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
