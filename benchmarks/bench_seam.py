"""The Whoosh path's cost: newsearch's ``Index.search`` against plain Whoosh on the SAME index, one process.

    python benchmarks/bench_seam.py                      # bbc_news + Reuters-21578 (~3 min)
    python benchmarks/bench_seam.py --corpora bbc --profile out.txt

Plain Whoosh opens the newsearch index folder itself (same segments, analyzer and fields), parses with
``MultifieldParser`` over the four text fields and runs:
- ``whoosh`` — the top 10 with stored fields (id, headline), nothing else;
- ``whoosh+work`` — the same work newsearch does: the top 10 with stored fields, a highlighted snippet
  per hit (Whoosh's highlighter, ``ContextFragmenter(maxchars=220, surround=60)``, top 2 fragments) and
  the exact total (``len(results)``); for the facet class also ``groupedby`` counts of speakers and
  parties (allow_overlap) and a month histogram of the date column.

Query classes (words drawn from the corpus with a fixed seed, ``common.draw_queries``): ``term`` (one
mid-frequency word), ``and`` (two words from one article, both required: ``a AND b`` / AndGroup),
``phrase`` (a frequent two-word phrase), ``facets`` (a one-word query's top 10 + speakers, parties and
date:month). Engines are interleaved query by query; medians over ``--rounds`` passes of 10 queries.

Targets (issue 13): every class ≤ 1.5× ``whoosh+work``; ``term`` ≤ 3× ``whoosh``. The record goes to
``results/seam-<name>.json``; ``--profile FILE`` writes cProfile's top lines of newsearch's searches.
Corpora are read in place from ../shared/data and converted to JSONL under the git-ignored ``work/``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

CLASSES = ("term", "and", "phrase", "facets")
TEXT_FIELDS = ["headline", "standfirst", "body", "subheads"]
FACETS = ["speakers", "parties", "date:month"]
BBC = common.ROOT.parent / "shared" / "data" / "bbc_news"


def bbc_corpus() -> Path | None:
    """bbc_news as JSONL records (headline = first line, body = the rest) in the git-ignored work folder."""
    if not BBC.is_dir():
        return None
    folder = common.WORK / "bbc-jsonl"
    stamp = folder / ".complete"
    if not stamp.exists():
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        with (folder / "bbc.jsonl").open("w", encoding="utf-8") as out:
            for path in sorted(BBC.glob("*/*.txt")):
                text = path.read_bytes().decode("latin-1")
                head, _, body = text.strip().partition("\n")
                rec = {"id": f"{path.parent.name}/{path.name}", "headline": head.strip()}
                rec["body"] = body.strip()
                out.write(json.dumps(rec) + "\n")
        stamp.write_text("ok\n")
    return folder


def corpora(names: list[str]) -> dict[str, Path]:
    import bench_index

    found: dict[str, Path] = {}
    for name in names:
        makers = {"bbc": bbc_corpus, "reuters": bench_index.reuters_corpus}
        folder = makers[name]() if name in makers else None
        if folder is None:
            print(f"{name}: data absent, skipped", file=sys.stderr)
        else:
            found[name] = folder
    return found


def build(corpus: Path, index: Path) -> float:
    import newsearch

    if index.exists():
        shutil.rmtree(index)
    started = time.perf_counter()
    newsearch.create_index(index).add([corpus])
    return time.perf_counter() - started


def whoosh_folder(index: Path) -> Path:
    """Where the Whoosh segment files of a newsearch index live."""
    sub = index / "whoosh"
    return sub if sub.is_dir() else index


class PlainWhoosh:
    def __init__(self, index: Path) -> None:
        from whoosh import highlight, qparser, sorting
        from whoosh import index as wix
        from whoosh.util.times import long_to_datetime

        self.ix = wix.open_dir(str(whoosh_folder(index)))
        self.searcher = self.ix.searcher()
        fields = [f for f in TEXT_FIELDS if f in self.ix.schema]
        self.or_parser = qparser.MultifieldParser(fields, self.ix.schema, group=qparser.OrGroup)
        self.and_parser = qparser.MultifieldParser(fields, self.ix.schema, group=qparser.AndGroup)
        self.fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)

        def month(value):
            try:
                return long_to_datetime(value).strftime("%Y-%m")
            except (OverflowError, TypeError, ValueError):
                return None

        self.facets = {
            "speakers": sorting.FieldFacet("speakers", allow_overlap=True),
            "parties": sorting.FieldFacet("parties", allow_overlap=True),
            "month": sorting.TranslateFacet(month, sorting.FieldFacet("date")),
        }
        self.count = sorting.Count

    def run(self, cls: str, text: str, work: bool) -> int:
        parser = self.and_parser if cls == "and" else self.or_parser
        q = parser.parse(text.replace(" AND ", " "))
        if cls == "facets" and work:
            r = self.searcher.search(q, limit=10, groupedby=self.facets, maptype=self.count)
            for name in self.facets:
                r.groups(name)
        else:
            r = self.searcher.search(q, limit=10)
        hits = r[:10]
        out = [(h["id"], h["headline"]) for h in hits]
        if work:
            r.fragmenter = self.fragmenter
            for h in hits:
                h.highlights("body", top=2) or h.highlights("headline", top=2)
            len(r)
        return len(out)

    def close(self) -> None:
        self.searcher.close()


class Newsearch:
    def __init__(self, index: Path) -> None:
        import newsearch

        self.ix = newsearch.open_index(index)

    def run(self, cls: str, text: str, work: bool = True) -> int:
        facets = FACETS if cls == "facets" else ()
        return len(self.ix.search(text, limit=10, facets=facets).hits)

    def close(self) -> None:
        self.ix.close()


def queries(corpus: Path) -> dict[str, list[str]]:
    qs = common.draw_queries(corpus)
    return {
        "term": list(qs.terms),
        "and": [f"{a} AND {b}" for a, b in qs.pairs],
        "phrase": [f'"{a} {b}"' for a, b in qs.phrases],
        "facets": list(qs.terms),
    }


def measure(index: Path, texts: dict[str, list[str]], rounds: int) -> dict:
    engines = {
        "newsearch": (Newsearch(index), True),
        "whoosh": (PlainWhoosh(index), False),
        "whoosh+work": (PlainWhoosh(index), True),
    }
    out: dict[str, dict] = {}
    for cls in CLASSES:
        timings: dict[str, list[float]] = {name: [] for name in engines}
        for engine, work in engines.values():  # warm-up
            for text in texts[cls]:
                engine.run(cls, text, work)
        for _ in range(rounds):
            for text in texts[cls]:
                for name, (engine, work) in engines.items():
                    t = time.perf_counter()
                    engine.run(cls, text, work)
                    timings[name].append((time.perf_counter() - t) * 1000)
        med = {name: common.median(ms) for name, ms in timings.items()}
        out[cls] = {
            "median_ms": {n: round(v, 3) for n, v in med.items()},
            "vs_whoosh_work": round(med["newsearch"] / med["whoosh+work"], 3),
            "vs_whoosh": round(med["newsearch"] / med["whoosh"], 3),
            "samples": len(timings["newsearch"]),
        }
    for engine, _ in engines.values():
        engine.close()
    return out


def profile(index: Path, texts: dict[str, list[str]], rounds: int, top: int = 25) -> str:
    engine = Newsearch(index)
    for cls in CLASSES:  # warm caches first: the profile is of steady-state searches
        for text in texts[cls]:
            engine.run(cls, text)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(rounds):
        for cls in CLASSES:
            for text in texts[cls]:
                engine.run(cls, text)
    prof.disable()
    engine.close()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def table(name: str, figures: dict) -> str:
    rows = []
    for cls in CLASSES:
        f = figures[cls]
        m = f["median_ms"]
        rows.append(
            [cls, f"{m['newsearch']:.2f}", f"{m['whoosh+work']:.2f}", f"{m['whoosh']:.2f}",
             f"{f['vs_whoosh_work']:.2f}×", f"{f['vs_whoosh']:.2f}×"]
        )  # fmt: skip
    headers = ["class", "newsearch ms", "whoosh+work ms", "whoosh ms", "× whoosh+work", "× whoosh"]
    return f"{name}: median ms\n" + common.table(headers, rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", default="bbc,reuters")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--name", default="seam")
    ap.add_argument("--profile", type=Path, help="write cProfile's top lines of newsearch's searches here")
    ap.add_argument("--reuse", action="store_true", help="reuse indexes built by an earlier run")
    args = ap.parse_args(argv)
    record: dict = {"benchmark": "seam", **common.run_meta(), "corpora": {}}
    profiles = []
    for name, corpus in corpora(args.corpora.split(",")).items():
        index = common.WORK / "seam" / name
        seconds = None if args.reuse and index.exists() else build(corpus, index)
        texts = queries(corpus)
        figures = measure(index, texts, args.rounds)
        record["corpora"][name] = {"build_s": seconds, "queries": texts, "figures": figures}
        print(table(name, figures) + "\n")
        if args.profile:
            profiles.append(f"=== {name}\n" + profile(index, texts, 2))
    if args.profile:
        args.profile.write_text("\n".join(profiles), encoding="utf-8")
    common.write_json(common.RESULTS / f"{args.name}.json", record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
