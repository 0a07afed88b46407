"""newsearch on tantivy side by side with newsearch on Whoosh, plain Whoosh and plain tantivy: indexing
speed, peak memory, index size and query latency through ``Index.search``, in one run.

    python benchmarks/bench_tantivy.py                               # Reuters-21578 + 10k synthetic
    python benchmarks/bench_tantivy.py --sizes 10000,100000 --no-reuters
    python benchmarks/bench_tantivy.py --reuse benchmarks/results/tantivy-reuters.json   # queries again
    python benchmarks/bench_tantivy.py --report benchmarks/results/tantivy-reuters.json

Engines: ``whoosh``, ``newsearch``, ``newsearch-noextract``, ``tantivy`` (as in bench_index.py) and
``newsearch-tantivy``, ``newsearch-tantivy-noextract``: ``newsearch.create_index(dir, engine="tantivy")
.add([corpus], workers=W)`` with and without extraction. Queries (bench_query.py's kinds): every built
engine with a query side; newsearch's rows are ``Index.search`` with its snippets for the 10 hits, exact
totals, near-duplicate folding and, for ``facets``, three facets. Writes benchmarks/results/<name>.json;
``--source`` freezes the newsearch under test (HEAD by default) so edits during a run cannot mix in.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_index
import bench_query
import common

ENGINES = (
    "whoosh",
    "newsearch",
    "newsearch-noextract",
    "tantivy",
    "newsearch-tantivy",
    "newsearch-tantivy-noextract",
)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------- building (child side)
def build(engine: str, corpus: Path, index: Path, workers: int | None) -> dict:
    if engine.startswith("newsearch-tantivy"):
        extract = engine == "newsearch-tantivy"
        return bench_index.build_newsearch(corpus, index, extract=extract, workers=workers, engine="tantivy")
    return bench_index.build(engine, corpus, index, workers)


def child(argv: list[str]) -> int:
    return bench_index.child(argv, prog="bench_tantivy.py", engines=ENGINES, builder=build)


def run_build(engine: str, corpus: Path, index: Path, workers: int) -> dict:
    if index.exists():
        shutil.rmtree(index)
    args = [__file__, "child", "--engine", engine, "--corpus", str(corpus), "--index", str(index),
            "--workers", str(workers)]  # fmt: skip
    run = common.run_child(args)
    r = run.result
    return {
        "docs": r["docs"],
        "seconds": round(r["seconds"], 3),
        "docs_per_s": round(r["docs"] / r["seconds"], 1),
        "cpu_s": round(run.cpu_s, 2),
        "rss_mib": round(run.max_rss_mib, 1),
        "tree_rss_mib": round(run.tree_rss_mib, 1),
        "index_mib": round(common.dir_bytes(index) / 2**20, 1),
        "load_1min": [round(x, 2) for x in run.load],
        "index_path": str(index),
        **({"workers": r["workers"]} if r.get("workers") else {}),
    }


# ------------------------------------------------------------------------------------- querying
class NewsearchTantivy(bench_query.NewsearchEngine):
    name = "newsearch-tantivy"


bench_query.EXTRA_ENGINES.update({"newsearch-tantivy": NewsearchTantivy})


# ------------------------------------------------------------------------------------- the run
def bench_corpus(
    name: str,
    folder: Path,
    engines: list[str],
    workers: int,
    samples: int,
    built: dict | None = None,
    queries: bool = True,
) -> dict:
    """Build each engine's index (or take ``built``: the figures of an earlier run, indexes still on disk)
    and time the queries (``queries=False``: builds only)."""
    base = common.WORK / "tantivy" / name
    base.mkdir(parents=True, exist_ok=True)
    figures: dict[str, dict] = {}
    for engine in engines:
        if built and engine in built and Path(built[engine]["index_path"]).exists():
            figures[engine] = built[engine]
            log(f"  {engine}: reusing the index of the earlier run")
            continue
        log(f"  {engine}: building …")
        fig = run_build(engine, folder, base / f"index-{engine}", workers)
        figures[engine] = fig
        log(f"  {engine}: {fig['docs']} docs in {fig['seconds']:.1f}s ({fig['docs_per_s']} docs/s), "
            f"peak {fig['tree_rss_mib']} MiB")  # fmt: skip
    base_fig = figures.get("whoosh", {})
    for fig in figures.values():
        fig["speed_vs_whoosh"] = common.ratio(fig["docs_per_s"], base_fig.get("docs_per_s"))
    timed: dict = {}
    if queries:
        queried = ("whoosh", "newsearch", "tantivy", "newsearch-tantivy")
        indexes = {e: Path(f["index_path"]) for e, f in figures.items() if e in queried}
        log(f"  queries ({samples} timings per kind and engine) …")
        timed = bench_query.bench_queries(indexes, folder, samples=samples, log=log)
    return {"path": str(folder), "articles": common.count_records(folder), "index": figures, "query": timed}


def report(record: dict) -> str:
    out = [f"commit {record['commit']}; Python {record['python']}, {record['cpu_count']} CPUs, load at start "
           f"{[round(x, 1) for x in record['load_at_start']]}; workers={record['workers']}\n"]  # fmt: skip
    for cname, entry in record["corpora"].items():
        out.append(bench_index.index_table(cname, entry["index"]) + "\n")
        if entry["query"]:
            out.append(bench_query.query_table(cname, entry["query"]) + "\n")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "child":
        return child(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000", help="synthetic corpus sizes, comma-separated")
    ap.add_argument("--no-reuters", action="store_true")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--samples", type=int, default=50)
    ap.add_argument("--no-queries", action="store_true", help="builds only (indexing speed, CPU, memory)")
    ap.add_argument("--name", default="tantivy")
    ap.add_argument("--report", type=Path, help="only print the tables of a results JSON")
    ap.add_argument("--reuse", type=Path, help="a results JSON whose indexes (still on disk) to query again")
    ap.add_argument("--source", default="head", help="newsearch to run: head (a frozen copy of HEAD's src/), "
                    "a commit, worktree, or installed (this python's, e.g. a compiled install)")  # fmt: skip
    args = ap.parse_args(argv)
    if args.report:
        print(report(json.loads(args.report.read_text())))
        return 0
    source, label = common.snapshot_source(args.source)
    common.use_source(source)  # this process and every build child import newsearch from the frozen copy
    record = {"benchmark": "tantivy", **common.run_meta(), "newsearch_source": label, "workers": args.workers,
              "corpora": {}}  # fmt: skip
    sizes = [int(s) for s in args.sizes.split(",") if s]
    corpora = [(f"synthetic-{size}", bench_index.synthetic_corpus(size)) for size in sizes]
    if not args.no_reuters:
        folder = bench_index.reuters_corpus()
        if folder is not None:
            corpora.insert(0, ("reuters21578", folder))
    out = common.RESULTS / f"{args.name}.json"
    for cname, folder in corpora:
        log(f"== {cname}")
        earlier = json.loads(args.reuse.read_text())["corpora"].get(cname, {}) if args.reuse else {}
        record["corpora"][cname] = bench_corpus(cname, folder, args.engines.split(","), args.workers,
                                                args.samples, earlier.get("index"),
                                                not args.no_queries)  # fmt: skip
        common.write_json(out, record)
    print(report(record))
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
