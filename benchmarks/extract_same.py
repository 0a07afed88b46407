"""Check that this tree's extractor gives exactly the output of another git ref's, article by article.

    python benchmarks/extract_same.py [--ref main] [--data ../shared/data] [--only bbc_news,reuters]
                                      [--python VENV/bin/python]

A speed change of ``newsearch.extract`` must not change what it finds. This script reads every article of
PolNeAR train and dev, the Wikinews and GUM evaluation sets (and every Wikinews 2019/2020 story), the seed
article, the project's ``corpus/``, all of bbc_news and every Reuters-21578 story with a body (the readers
``eval_extraction.py`` and the index use), runs ``extract()`` of ``--ref`` (``git archive`` into a temp
folder) and of this tree in separate processes, and compares ``repr()`` of the whole ``Extraction``
(speakers, quotes with spans, parties with kinds, evidence, rules and cues). This tree also runs a second
time in reverse article order, so that a cache whose answer depends on what came before shows up. Prints the
count of differing articles per collection (0 is the only pass) and exits 1 on any difference.
The data is read in place and nothing derived from it is written into the project.

``--python`` runs this side with another interpreter and the newsearch installed there instead of this
tree's src/: e.g. a regular (compiled, mypyc) install of this tree against ``--ref HEAD`` run as pure Python.
"""

from __future__ import annotations

import argparse
import csv
import json
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_extraction import _snapshot, paragraphs, polnear_articles, read_bbc, read_plain  # noqa: E402
from newsearch.models import Article  # noqa: E402

_RUNNER = """
import pickle, sys
if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
import newsearch.extract
from newsearch.extract import extract
state = "compiled" if newsearch.extract.COMPILED else "pure Python"
print(f"  extractor: {newsearch.extract.extractor.__file__} ({state})", file=sys.stderr)
articles = pickle.load(open(sys.argv[2], "rb"))
order = range(len(articles) - 1, -1, -1) if sys.argv[4] == "reverse" else range(len(articles))
out = [""] * len(articles)
for i in order:
    out[i] = repr(extract(articles[i]))
pickle.dump(out, open(sys.argv[3], "wb"))
"""


def collections(data: Path) -> dict[str, list[Article]]:
    """Every article set the check covers, read as the evaluation harness and the index read them."""
    out: dict[str, list[Article]] = {}
    for split in ("train", "dev"):
        path = data / "polnear" / f"{split}.jsonl"
        if path.exists():
            records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
            out[f"polnear_{split}"] = list(polnear_articles(records).values())
    csv.field_size_limit(1 << 24)
    wikinews = []
    for year in ("2019", "2020"):
        path = data / "wikinews_2019_2020" / f"wikinews_{year}.csv"
        if path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    wikinews.append(
                        Article(id=row["url"], headline=row["title"], body=paragraphs(row["text"]))
                    )
    if wikinews:
        out["wikinews"] = wikinews
    gum = data / "gum_news_entities" / "gold.jsonl"
    if gum.exists():
        docs = [json.loads(x) for x in gum.read_text(encoding="utf-8").splitlines() if x.strip()]
        out["gum"] = [Article(id=d["id"], headline=d["headline"], body=d["body"]) for d in docs]
    seed = data / "seed" / "expected.json"
    if seed.exists():
        out["seed"] = [read_plain(data / "seed" / json.loads(seed.read_text(encoding="utf-8"))["file"])]
    from newsearch.corpus import discover, read_file

    corpus = [
        item
        for source in discover([ROOT / "corpus"])
        for item in read_file(source)  # type: ignore[arg-type]
        if isinstance(item, Article)
    ]
    if corpus:
        out["corpus"] = corpus
    bbc = sorted((data / "bbc_news").glob("*/*.txt"))
    if bbc:
        out["bbc_news"] = [read_bbc(f) for f in bbc]
    from newsearch.corpus.decode import decode
    from newsearch.corpus.sgml import read_sgml

    reuters = [
        item
        for path in sorted((data / "reuters21578").glob("reut2-*.sgm"))
        for item in read_sgml(decode(path.read_bytes()), path.name)
        if isinstance(item, Article)
    ]
    if reuters:
        out["reuters"] = reuters
    return out


def run(src: Path | None, articles: Path, work: Path, order: str, python: str = sys.executable) -> list[str]:
    """``extract()`` of every article by the source folder ``src`` (None: what ``python`` has installed)."""
    out = work / "out.pickle"
    where = str(src) if src else ""
    subprocess.run([python, "-c", _RUNNER, where, str(articles), str(out), order], check=True, cwd=work)
    with out.open("rb") as fh:
        return pickle.load(fh)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--ref", default="main", help="git ref whose extractor is the reference (default main)"
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--only", default="", help="comma-separated collection names (default: all)")
    parser.add_argument(
        "--python",
        default="",
        help="run this side with this interpreter's installed newsearch (e.g. a compiled install), not src/",
    )
    parser.add_argument("--show", type=int, default=2, help="print this many differing articles in full")
    args = parser.parse_args()
    sets = collections(args.data)
    if args.only:
        sets = {k: v for k, v in sets.items() if k in args.only.split(",")}
    names = [(name, i) for name, arts in sets.items() for i in range(len(arts))]
    with tempfile.TemporaryDirectory(prefix="ns-same-") as tmp:
        work = Path(tmp)
        ref_src = _snapshot(args.ref, work)
        if ref_src is None:
            print(f"cannot read git ref {args.ref!r}", file=sys.stderr)
            return 2
        articles = work / "articles.pickle"
        with articles.open("wb") as fh:
            pickle.dump([a for arts in sets.values() for a in arts], fh)
        reference = run(ref_src, articles, work, "forward")
        ours_src, python = (None, args.python) if args.python else (ROOT / "src", sys.executable)
        ours = run(ours_src, articles, work, "forward", python)
        backwards = run(ours_src, articles, work, "reverse", python)
    total = 0
    shown = 0
    print(f"{'collection':14} {'articles':>8} {'differ':>7} {'differ (reverse order)':>23}")
    for name, arts in sets.items():
        idx = [k for k, (n, _) in enumerate(names) if n == name]
        differ = [k for k in idx if ours[k] != reference[k]]
        differ_rev = [k for k in idx if backwards[k] != reference[k]]
        total += len(differ) + len(differ_rev)
        print(f"{name:14} {len(arts):8d} {len(differ):7d} {len(differ_rev):23d}")
        for k in (differ + differ_rev)[: max(0, args.show - shown)]:
            shown += 1
            print(f"  {name} #{names[k][1]}\n    {args.ref}: {reference[k]}\n    this: {ours[k]}")
    print(f"all: {len(names)} articles, {total} differences against {args.ref} (both orders counted)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
