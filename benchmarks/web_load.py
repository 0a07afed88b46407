"""Load test of ``newsearch serve``: N keep-alive clients on /api/search for S seconds, loopback only.

    newsearch index ../shared/data/bbc_news --index /tmp/bbc-index
    python benchmarks/web_load.py --index /tmp/bbc-index                    # 8 clients, 30 s

The server is the real command (``python -m newsearch serve --port 0``) in its own process; the clients
(``httpload``) run in this one, cycle through the same general news queries as ``web_stacks.py`` and stop
after the time or ``--max-requests``. Every answer that is not a 200 counts as an error. Writes
``results/web-load.json`` (``--name`` changes it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpload
from common import PYTHON, RESULTS, run_meta, table
from web_stacks import paths, stack_versions


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", required=True, help="a newsearch index (e.g. of ../shared/data/bbc_news)")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--max-requests", type=int, default=200_000)
    ap.add_argument("--name", default="web-load")
    args = ap.parse_args()
    command = [PYTHON, "-m", "newsearch", "serve", "--index", args.index, "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        try:
            line = server.stdout.readline() if server.stdout else ""
            if " at http://" not in line:
                raise SystemExit(f"the server did not start: {line!r}")
            url = line.split(" at ")[1].split(" ")[0]
            host, port = url.removeprefix("http://").rstrip("/").rsplit(":", 1)
            httpload.wait_until_up(host, int(port), "/api/stats")
            httpload.run(host, int(port), paths(), clients=args.clients, seconds=2)  # warm caches
            result = httpload.run(
                host,
                int(port),
                paths(),
                clients=args.clients,
                seconds=args.seconds,
                max_requests=args.max_requests,
            )
        finally:
            server.terminate()
            server.wait(20)
    summary = result.summary()
    print(
        table(
            ["clients", "seconds", "requests", "errors", "req/s", "p50 ms", "p95 ms"],
            [[summary[k] for k in ("clients", "seconds", "requests", "errors", "rps", "p50_ms", "p95_ms")]],
        )
    )
    if summary["first_error"]:
        print(f"first error: {summary['first_error']}")
    stats = json.loads(
        subprocess.run(
            [PYTHON, "-m", "newsearch", "stats", "--json", "--index", args.index],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    record = {
        **run_meta(),
        "stack_versions": stack_versions(),
        "index": args.index,
        "articles": stats["articles"],
        "paths": paths(),
        "result": summary,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.name}.json").write_text(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
