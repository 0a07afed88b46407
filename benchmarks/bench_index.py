"""Indexing speed, peak memory and index size: newsearch side by side with the engines users would pick.

    /work/venv/bin/python benchmarks/bench_index.py --sizes 10000            # synthetic corpus
    /work/venv/bin/python benchmarks/bench_index.py --sizes 10000 --reuters  # + Reuters-21578

Every build runs in its own child process (``bench_index.py child …``), so its peak memory is its own:
``tree_rss_mib`` (the tables' "peak MiB") is the peak of the summed RSS of the build's whole process tree
(newsearch's worker processes included) and ``rss_mib`` that of its largest single process, both sampled
from /proc every 0.1 s (records made before 2026-11-25 16:20 hold the kernel's ru_maxrss there, inflated by
the parent's memory at fork). docs/s counts the build itself (reading files, analysis, extraction,
writing, commit), not the interpreter start.

Engines (all read the same JSONL files):
- ``whoosh``: the baseline — a plain single-process Whoosh script: StemmingAnalyzer on headline and body
  (stored), id, source, date (sortable, for the histogram), the corpus's own labels as KEYWORD facet
  fields, default writer, one commit.
- ``newsearch`` / ``newsearch-noextract``: ``newsearch.create_index(dir).add([corpus], workers=W)`` with
  and without speaker/party extraction.
- ``fts5``: SQLite FTS5, porter tokenizer, labels in a side table (stdlib sqlite3).
- ``tantivy``: tantivy-py, en_stem tokenizer, its default multi-threaded writer.

newsearch also gets an unchanged re-run and a re-run after 1% of the records were rewritten (the other
engines have no incremental mode: a plain script rebuilds, i.e. pays its full build again).
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

ENGINES = ("whoosh", "newsearch", "newsearch-noextract", "fts5", "tantivy")
BASELINE = "whoosh"


def _labels(rec: dict, key: str) -> list[str]:
    value = rec.get(key) or []
    return [v for v in value if isinstance(v, str) and v.strip()]


def _parties(rec: dict) -> list[str]:
    return _labels(rec, "orgs") + _labels(rec, "places")


def _date(rec: dict) -> datetime | None:
    try:
        return datetime.fromisoformat(rec["date"]) if rec.get("date") else None
    except ValueError:
        return None


# ------------------------------------------------------------------------------------- builders (child side)
def whoosh_schema():
    from whoosh import fields
    from whoosh.analysis import StemmingAnalyzer

    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        headline=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True),
        body=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True),
        date=fields.DATETIME(stored=True, sortable=True),  # a column: the month histogram reads it
        source=fields.ID(stored=True),
        people=fields.KEYWORD(commas=True),
        parties=fields.KEYWORD(commas=True),
    )


def build_whoosh(corpus: Path, index: Path, **_) -> dict:
    from whoosh import index as windex

    ix = windex.create_in(str(index), whoosh_schema())
    n = 0
    with ix.writer() as w:
        for rec in common.read_records(corpus):
            doc = {
                "id": str(rec["id"]),
                "headline": rec.get("headline") or "",
                "body": rec.get("body") or "",
                "people": ",".join(p.replace(",", " ") for p in _labels(rec, "people")),
                "parties": ",".join(p.replace(",", " ") for p in _parties(rec)),
            }
            if (d := _date(rec)) is not None:
                doc["date"] = d
            if rec.get("source"):
                doc["source"] = rec["source"]
            w.add_document(**doc)
            n += 1
    return {"docs": n}


def build_newsearch(
    corpus: Path, index: Path, *, extract: bool = True, workers: int | None = None, engine: str | None = None
) -> dict:
    import newsearch

    ix = newsearch.create_index(index, engine=engine) if engine else newsearch.create_index(index)
    kwargs: dict = {"extract": extract}
    note = None
    if "workers" in inspect.signature(ix.add).parameters:
        kwargs["workers"] = workers
    else:
        note = "add() does not accept workers yet: ran without it"
    report = ix.add([corpus], **kwargs)
    ix.close()
    return {
        "docs": report.added + report.updated,
        "report": {
            "added": report.added,
            "updated": report.updated,
            "removed": report.removed,
            "unchanged": report.unchanged,
            "skipped": len(report.skipped),
        },
        "workers": kwargs.get("workers"),
        "note": note,
        "module": newsearch.__file__,
    }


FTS5_SCHEMA = """
CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, headline, body, date UNINDEXED, source UNINDEXED,
                                      tokenize='porter unicode61');
CREATE TABLE labels(docid INTEGER, kind TEXT, name TEXT);
"""


def build_fts5(corpus: Path, index: Path, **_) -> dict:
    import sqlite3

    db = sqlite3.connect(index / "fts.db")
    db.executescript(FTS5_SCHEMA)
    n = 0
    with db:
        for rowid, rec in enumerate(common.read_records(corpus), start=1):
            d = _date(rec)
            db.execute(
                "INSERT INTO docs(rowid, id, headline, body, date, source) VALUES (?,?,?,?,?,?)",
                (rowid, str(rec["id"]), rec.get("headline") or "", rec.get("body") or "",
                 d.isoformat() if d else None, rec.get("source")),
            )  # fmt: skip
            db.executemany(
                "INSERT INTO labels VALUES (?,?,?)",
                [(rowid, "people", p) for p in _labels(rec, "people")]
                + [(rowid, "parties", p) for p in _parties(rec)],
            )
            n += 1
        db.execute("CREATE INDEX labels_doc ON labels(docid, kind, name)")
    db.close()
    return {"docs": n}


def tantivy_schema():
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("headline", stored=True, tokenizer_name="en_stem")
    sb.add_text_field("body", stored=True, tokenizer_name="en_stem")
    sb.add_date_field("date", stored=True, indexed=True, fast=True)
    sb.add_text_field("source", stored=True, tokenizer_name="raw", fast=True)
    sb.add_text_field("people", tokenizer_name="raw", fast=True)
    sb.add_text_field("parties", tokenizer_name="raw", fast=True)
    return sb.build()


def build_tantivy(corpus: Path, index: Path, **_) -> dict:
    import tantivy

    ix = tantivy.Index(tantivy_schema(), path=str(index))
    writer = ix.writer()
    n = 0
    for rec in common.read_records(corpus):
        doc = tantivy.Document()
        doc.add_text("id", str(rec["id"]))
        doc.add_text("headline", rec.get("headline") or "")
        doc.add_text("body", rec.get("body") or "")
        if (d := _date(rec)) is not None:
            doc.add_date("date", d)
        if rec.get("source"):
            doc.add_text("source", rec["source"])
        for p in _labels(rec, "people"):
            doc.add_text("people", p)
        for p in _parties(rec):
            doc.add_text("parties", p)
        writer.add_document(doc)
        n += 1
    writer.commit()
    writer.wait_merging_threads()
    return {"docs": n}


def tantivy_available() -> bool:
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


def build(engine: str, corpus: Path, index: Path, workers: int | None) -> dict:
    """Build one engine's index of ``corpus`` in this process; returns at least {"docs": n}."""
    if engine == "whoosh":
        return build_whoosh(corpus, index)
    if engine.startswith("newsearch"):
        return build_newsearch(corpus, index, extract=engine == "newsearch", workers=workers)
    if engine == "fts5":
        return build_fts5(corpus, index)
    return build_tantivy(corpus, index)


def child(argv: list[str], *, prog: str = "bench_index.py", engines=ENGINES, builder=build) -> int:
    """The child side of ``run_build``: build one index, print the figures as one JSON line."""
    ap = argparse.ArgumentParser(prog=f"{prog} child")
    ap.add_argument("--engine", choices=engines, required=True)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args(argv)
    args.index.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    out = builder(args.engine, args.corpus, args.index, args.workers)
    out["seconds"] = time.perf_counter() - started
    print(json.dumps(out))
    return 0


# ------------------------------------------------------------------------------------- parent side
def run_build(engine: str, corpus: Path, index: Path, *, workers: int | None) -> dict:
    args = [__file__, "child", "--engine", engine, "--corpus", str(corpus), "--index", str(index)]
    if workers is not None:
        args += ["--workers", str(workers)]
    run = common.run_child(args)
    r = run.result
    return {
        "docs": r["docs"],
        "seconds": round(r["seconds"], 3),
        "docs_per_s": round(r["docs"] / r["seconds"], 1) if r["seconds"] else None,
        "rss_mib": round(run.max_rss_mib, 1),
        "tree_rss_mib": round(run.tree_rss_mib, 1),
        "index_mib": round(common.dir_bytes(index) / 2**20, 1),
        "cpu_s": round(run.cpu_s, 2),  # includes interpreter start-up (~0.3 s)
        "load_1min": [round(x, 2) for x in run.load],
        **{k: r[k] for k in ("report", "workers", "note", "module") if r.get(k) is not None},
    }


def bench_corpus(
    name: str,
    corpus: Path,
    *,
    engines: list[str],
    workers: int | None,
    reruns: list[str],
    change: float = 0.01,
    log=print,
) -> dict:
    """Build every engine's index of ``corpus`` under WORK/<name>/; returns figures per engine.

    The indexes stay there for bench_query. Engines with re-runs index their own copy of the corpus,
    since the 1% change is written into the files in place.
    """
    base = common.WORK / name
    base.mkdir(parents=True, exist_ok=True)
    figures: dict[str, dict] = {}
    for engine in engines:
        if engine == "tantivy" and not tantivy_available():
            figures[engine] = {"skipped": "tantivy is not installed (pip install tantivy)"}
            log(f"  {engine}: skipped (not installed)")
            continue
        index = base / f"index-{engine}"
        if index.exists():
            shutil.rmtree(index)
        source = corpus
        if engine in reruns:
            source = common.copy_corpus(corpus, base / f"corpus-{engine}")
        log(f"  {engine}: full build …")
        fig = run_build(engine, source, index, workers=workers)
        log(f"  {engine}: {fig['docs']} docs in {fig['seconds']:.1f}s, {fig['docs_per_s']} docs/s")
        if engine in reruns:
            again = run_build(engine, source, index, workers=workers)
            fig["unchanged_rerun"] = again
            fig["unchanged_share"] = round(again["seconds"] / fig["seconds"], 4)
            changed = common.change_share(source, change)
            after = run_build(engine, source, index, workers=workers)
            after["records_changed"] = changed
            fig["changed_rerun"] = after
            fig["changed_share"] = round(after["seconds"] / fig["seconds"], 4)
            log(
                f"  {engine}: unchanged re-run {again['seconds']:.2f}s ({fig['unchanged_share']:.1%}), "
                f"{changed} changed: {after['seconds']:.2f}s ({fig['changed_share']:.1%})"
            )
        fig["index_path"] = str(index)
        figures[engine] = fig
    base_fig = figures.get(BASELINE, {})
    for fig in figures.values():
        if "docs_per_s" in fig:
            fig["speed_vs_whoosh"] = common.ratio(fig["docs_per_s"], base_fig.get("docs_per_s"))
    return figures


def index_table(corpus_name: str, figures: dict[str, dict]) -> str:
    rows = []
    for engine, f in figures.items():
        if "skipped" in f:
            rows.append([engine, *["—"] * 8, f["skipped"]])
            continue
        rows.append(
            [
                engine,
                f["docs"],
                f["seconds"],
                f.get("cpu_s"),
                f["docs_per_s"],
                f.get("speed_vs_whoosh"),
                f["tree_rss_mib"],
                f["index_mib"],
                f"{f['unchanged_share']:.1%}" if "unchanged_share" in f else "—",
                f"{f['changed_share']:.1%}" if "changed_share" in f else "—",
            ]
        )
    headers = ["engine", "docs", "build s", "CPU s", "docs/s", "× whoosh", "peak MiB", "index MiB",
               "unchanged re-run", "1% changed"]  # fmt: skip
    return f"Indexing — {corpus_name}\n" + common.table(headers, rows)


def synthetic_corpus(size: int, seed: int = 1) -> Path:
    """The seeded synthetic corpus of ``size`` articles, generated once into WORK/synthetic-<size>-s<seed>."""
    import gen_corpus

    folder = common.WORK / f"synthetic-{size}-s{seed}"
    stamp = folder / ".complete"
    if not stamp.exists():
        gen_corpus.generate(size, folder, seed=seed)
        stamp.write_text("ok\n")
    return folder


def reuters_corpus() -> Path | None:
    import reuters

    if not reuters.available():
        return None
    folder = common.WORK / "reuters-jsonl"
    stamp = folder / ".complete"
    if not stamp.exists():
        if folder.exists():
            shutil.rmtree(folder)
        reuters.write_jsonl(folder)
        stamp.write_text("ok\n")
    return folder


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "child":
        return child(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000", help="synthetic corpus sizes, comma-separated")
    ap.add_argument("--reuters", action="store_true", help="also Reuters-21578 (skipped when absent)")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    ap.add_argument("--out", type=Path, default=common.RESULTS / "index.json")
    args = ap.parse_args(argv)
    engines = args.engines.split(",")
    record = {"benchmark": "index", **common.run_meta(), "corpora": {}}
    for size in [int(s) for s in args.sizes.split(",") if s]:
        name = f"synthetic-{size}"
        print(f"{name}:", file=sys.stderr)
        figs = bench_corpus(name, synthetic_corpus(size), engines=engines, workers=args.workers,
                            reruns=["newsearch"], log=lambda m: print(m, file=sys.stderr))  # fmt: skip
        record["corpora"][name] = figs
        print(index_table(name, figs) + "\n")
    if args.reuters:
        folder = reuters_corpus()
        if folder is None:
            record["corpora"]["reuters21578"] = {"skipped": "no ../shared/data/reuters21578"}
        else:
            figs = bench_corpus("reuters21578", folder, engines=engines, workers=args.workers,
                                reruns=["newsearch"], log=lambda m: print(m, file=sys.stderr))  # fmt: skip
            record["corpora"]["reuters21578"] = figs
            print(index_table("reuters21578", figs) + "\n")
    common.write_json(args.out, record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
