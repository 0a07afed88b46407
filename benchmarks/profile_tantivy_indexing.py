"""Where newsearch-on-tantivy's indexing time goes, stage by stage, on Reuters-21578 (one process).

    python benchmarks/profile_tantivy_indexing.py            # stages + extraction's cProfile top lines
    python benchmarks/profile_tantivy_indexing.py --every 5  # extraction profiled on every 5th story

Stages, each timed alone over every story (CPU seconds, so other jobs on the machine matter less):
reading (newsearch's corpus readers on the JSONL), the record without extraction (``sync.prepared``,
which includes the MinHash signature), the signature alone, extraction, the tantivy writer's ``prepare``
(analysis, value hashes, the JSON record: what the sync's workers do for it; cold and warm term cache), and
the tantivy writer (``add``: from_dict, near-duplicate marks, add_document; ``commit``). Then cProfile of
extraction, sorted by own time. Writes benchmarks/results/tantivy-indexing-profile.json (``--out``).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import pstats
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
    started = time.process_time()
    out = call()
    return time.process_time() - started, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=int, default=5, help="profile extraction on every N-th story")
    ap.add_argument("--out", type=Path, default=common.RESULTS / "tantivy-indexing-profile.json")
    args = ap.parse_args(argv)
    folder = bench_index.reuters_corpus()
    if folder is None:
        print("skipped: Reuters-21578 is not there", file=sys.stderr)
        return 0
    from newsearch import dedupe
    from newsearch.backends.tantivy import terms
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
    terms._caches.clear()
    stages["writer.prepare: analysis, hashes, JSON (cold term cache)"], analysed = cpu(
        lambda: [prepare(r) for r in records]
    )
    stages["writer.prepare: analysis, hashes, JSON (warm term cache)"], _ = cpu(
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

    record = {"benchmark": "tantivy-indexing-profile", **common.run_meta(), "stories": n,
              "cpu_s": {k: round(v, 3) for k, v in stages.items()},
              "us_per_story": {k: round(v / n * 1e6, 1) for k, v in stages.items()},
              "commit_wall_s": round(commit_wall, 3), "extraction_profile_top": top,
              "extraction_profiled_stories": len(sample)}  # fmt: skip
    common.write_json(args.out, record)
    rows = [[k, round(v, 2), round(v / n * 1e6, 1)] for k, v in stages.items()]
    print(common.table(["stage (Reuters-21578, one process)", "CPU s", "µs per story"], rows))
    print(f"\nextraction, cProfile over {len(sample)} stories, by own time:")
    print("\n".join(top))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
