"""Where newsearch-on-tantivy's indexing time goes, stage by stage, on Reuters-21578 (one process).

    python benchmarks/profile_tantivy_indexing.py            # stages + extraction's cProfile top lines
    python benchmarks/profile_tantivy_indexing.py --every 5  # extraction profiled on every 5th story
    python benchmarks/profile_tantivy_indexing.py --builds 2 # + real builds: where the CPU goes, by process

Stages, each timed alone over every story (CPU seconds, so other jobs on the machine matter less):
reading (newsearch's corpus readers on the JSONL), the record without extraction (``sync.prepared``,
which includes the MinHash signature), the signature alone, extraction, the tantivy writer's ``prepare``
(analysis, value hashes, the JSON record; every analysis cache emptied first, then warm), and the tantivy
writer (``add``: from_dict, near-duplicate marks, add_document; ``commit``). The garbage collector's
permanent generation takes what each stage reads, as a build holds no story list (without that a stage
pays for collecting ~20k records it does not own). Then cProfile of extraction, sorted by own time.

``--builds N``: N real builds (``Index.add(workers=2)`` on tantivy, with and without extraction, in this
process, alternating), each split into the writing process's main thread (reading, analysis, adding), its
other threads (tantivy's indexing threads, the worker pool's pickling threads) and the worker processes
(records, signatures, extraction): on 2 cores a build's wall time is bounded below by the larger of the
main thread's CPU and half the total, which is what the ratio against plain Whoosh runs into.
Writes benchmarks/results/tantivy-indexing-profile.json (``--out``).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import io
import os
import pstats
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_index
import common


def articles(folder: Path) -> list:
    """(article, file key) for every story, through newsearch's corpus readers."""
    from newsearch import corpus
    from newsearch.models import Article, Skipped

    out = []
    for source in corpus.discover([folder]):
        if not isinstance(source, Skipped):
            found = corpus.read_file(source, corpus.load(source))
            out += [(a, source.key) for a in found if isinstance(a, Article)]
    return out


def cpu(call) -> tuple[float, object]:
    gc.freeze()
    started = time.process_time()
    out = call()
    return time.process_time() - started, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=int, default=5, help="profile extraction on every N-th story")
    ap.add_argument("--builds", type=int, default=0, help="real builds of each kind, CPU split by process")
    ap.add_argument("--out", type=Path, default=common.RESULTS / "tantivy-indexing-profile.json")
    args = ap.parse_args(argv)
    folder = bench_index.reuters_corpus()
    if folder is None:
        print("skipped: Reuters-21578 is not there", file=sys.stderr)
        return 0
    from newsearch import analysis, dedupe
    from newsearch.backends.tantivy.engine import BACKEND
    from newsearch.backends.tantivy.store import prepare
    from newsearch.extract import default_aliases
    from newsearch.extract import extract as extract_article
    from newsearch.sync import prepared

    extractor = functools.partial(extract_article, aliases=default_aliases())
    stages: dict[str, float] = {}
    stages["read (corpus readers)"], stories = cpu(lambda: articles(folder))
    n = len(stories)
    stages["record without extraction (incl. signature)"], records = cpu(
        lambda: [prepared(a, k, None, "off") for a, k in stories]
    )
    stages["  of which the MinHash signature"], _ = cpu(
        lambda: [dedupe.signature(a.body or a.headline) for a, _ in stories]
    )
    extractor(stories[0][0])
    stages["extraction"], _ = cpu(lambda: [extractor(a) for a, _ in stories])
    _empty_analysis_caches(analysis)
    stages["writer.prepare: analysis, hashes, JSON (cold caches)"], analysed = cpu(
        lambda: [prepare(r) for r in records]
    )
    stages["writer.prepare: analysis, hashes, JSON (warm caches)"], _ = cpu(
        lambda: [prepare(r) for r in records]
    )
    index = common.WORK / "profile-tantivy"
    shutil.rmtree(index, ignore_errors=True)
    index.mkdir(parents=True)
    BACKEND.create(index, stemmer="snowball")
    writer = BACKEND.open(index, stemmer="snowball").writer()
    add_s, _ = cpu(lambda: [writer.add(r, a) for r, a in zip(records, analysed, strict=True)])
    wall = time.perf_counter()
    commit_s, _ = cpu(writer.commit)
    stages["tantivy writer: add (from_dict, marks, add_document)"] = add_s
    stages["tantivy writer: commit (this thread's CPU)"] = commit_s
    commit_wall = time.perf_counter() - wall

    profiler = cProfile.Profile()
    sample = [a for a, _ in stories[:: args.every]]
    profiler.enable()
    for article in sample:
        extractor(article)
    profiler.disable()
    buf = io.StringIO()
    pstats.Stats(profiler, stream=buf).sort_stats("tottime").print_stats(15)
    top = [line for line in buf.getvalue().splitlines() if "(" in line and "/" in line][:15]

    builds = [split_build(folder, extract) for _ in range(args.builds) for extract in (True, False)]

    record = {"benchmark": "tantivy-indexing-profile", **common.run_meta(), "stories": n, "builds": builds,
              "cpu_s": {k: round(v, 3) for k, v in stages.items()},
              "us_per_story": {k: round(v / n * 1e6, 1) for k, v in stages.items()},
              "commit_wall_s": round(commit_wall, 3), "extraction_profile_top": top,
              "extraction_profiled_stories": len(sample)}  # fmt: skip
    common.write_json(args.out, record)
    rows = [[k, round(v, 2), round(v / n * 1e6, 1)] for k, v in stages.items()]
    print(common.table(["stage (Reuters-21578, one process)", "CPU s", "µs per story"], rows))
    if builds:
        heads = ["build (Index.add, workers=2)", "wall s", "main thread µs", "other threads µs",
                 "workers µs", "total µs", "load"]  # fmt: skip
        keys = ("kind", "wall_s", "main_thread_us", "other_threads_us", "workers_us", "total_us", "load_1min")
        print("\n" + common.table(heads, [[b[k] for k in keys] for b in builds]))
    print(f"\nextraction, cProfile over {len(sample)} stories, by own time:")
    print("\n".join(top))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _empty_analysis_caches(analysis) -> None:
    from newsearch.backends.tantivy import terms

    terms._caches.clear()
    analysis.normalize.cache_clear()
    for cache in (*getattr(analysis, "_stems", {}).values(), *getattr(analysis, "_chunk_terms", {}).values()):
        cache.clear()


def split_build(folder: Path, extract: bool) -> dict:
    """One real Reuters build on tantivy in this process (worker processes forked from it), its CPU split
    into this process's main thread, its other threads and the workers, in µs a story."""
    import newsearch
    from newsearch import analysis

    _empty_analysis_caches(analysis)  # a fresh build process starts with none
    index = common.WORK / "profile-tantivy-build"
    shutil.rmtree(index, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, cpu0, main0 = time.perf_counter(), time.process_time(), time.thread_time()
    with newsearch.create_index(index, engine="tantivy") as ix:
        report = ix.add([folder], extract=extract, workers=2)
    wall, cpu_s, main_s = time.perf_counter() - wall, time.process_time() - cpu0, time.thread_time() - main0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    n = report.added + report.updated
    shutil.rmtree(index, ignore_errors=True)
    per = 1e6 / n
    return {
        "kind": "with extraction" if extract else "without extraction",
        "stories": n,
        "wall_s": round(wall, 2),
        "main_thread_us": round(main_s * per),
        "other_threads_us": round((cpu_s - main_s) * per),
        "workers_us": round(workers * per),
        "total_us": round((cpu_s + workers) * per),
        "load_1min": round(os.getloadavg()[0], 1),
    }


if __name__ == "__main__":
    sys.exit(main())
