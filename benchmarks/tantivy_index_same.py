"""Check that this tree builds exactly the tantivy index another git ref builds (Reuters-21578 by default).

    python benchmarks/tantivy_index_same.py [--ref main] [--corpus DIR] [--no-extract] [--same-extraction-key]

A speed change of the tantivy writer or the sync must not change what the index holds. Each side (``--ref``
by ``git archive`` into a temp folder, and this tree's ``src/``) builds the corpus in its own process with
``Index.add(workers=2)`` and reports:

- every Document handed to tantivy, in order: ``repr`` of the field values ``Document.from_dict`` gets
  (analysed text, value hashes, band keys, dates, the stored record and ``values`` JSON, ``dup_mark``), so
  the same terms, positions, stored bytes and marks went in, in the same order;
- what the committed index holds: per live document (by id) its stored fields, and per text and value
  field every term with its document frequency;
- the merges file the writer keeps (``newsearch-merges.json``) and the manifest's article hashes.

Prints the first difference of each part and exits 1 on any; 0 only when all are equal. The corpus is read
in place (Reuters: the JSONL that ``bench_index.reuters_corpus`` writes under benchmarks/work/).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

_RUNNER = r"""
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
import tantivy
fed = []
_from_dict = tantivy.Document.from_dict
def from_dict(values, *args):
    fed.append(hashlib.sha256(repr(values).encode()).hexdigest())
    return _from_dict(values, *args)
tantivy.Document.from_dict = from_dict
import newsearch
from newsearch.backends.tantivy import fields
if sys.argv[5] == "fixed-key":
    import newsearch.index
    newsearch.index.extractor_fingerprint = lambda folder=None: "fixed"
folder = sys.argv[3]
ix = newsearch.create_index(folder, engine="tantivy")
report = ix.add([sys.argv[2]], extract=sys.argv[4] == "extract", workers=2)
ix.close()
index = tantivy.Index.open(folder)
searcher = index.searcher()
hits = searcher.search(tantivy.Query.all_query(), searcher.num_docs or 1, count=False).hits
stored = {}
for _, address in hits:
    doc = searcher.doc(address)
    record = doc[fields.RECORD][0]
    stored[json.loads(record)["id"]] = hashlib.sha256(
        repr((record, doc[fields.VALUES][0], doc.get_first(fields.DUP_MARK))).encode()
    ).hexdigest()
terms = {}
for field in fields.TEXT_FIELDS + fields.VALUE_FIELDS + fields.KEY_FIELDS:
    found = sorted((str(t), int(df)) for t, df in searcher.terms_with_prefix(field, ""))
    terms[field] = [len(found), hashlib.sha256(repr(found).encode()).hexdigest()]
from pathlib import Path
merges = (Path(folder) / "newsearch-merges.json").read_text(encoding="utf-8")
manifest = json.loads((Path(folder) / "newsearch-manifest.json").read_text(encoding="utf-8"))
articles = sorted((k, sorted(v["articles"].items())) for k, v in manifest["files"].items())
print(json.dumps({
    "added": report.added, "fed": fed, "stored": stored, "terms": terms,
    "merges": json.loads(merges), "manifest": hashlib.sha256(repr(articles).encode()).hexdigest(),
}))
"""


def build(src: Path, corpus: Path, folder: Path, extract: bool, fixed_key: bool = False) -> dict:
    side = [
        str(src),
        str(corpus),
        str(folder),
        "extract" if extract else "off",
        "fixed-key" if fixed_key else "-",
    ]
    out = subprocess.run(
        [sys.executable, "-c", _RUNNER, *side],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def first_difference(a, b) -> str | None:
    if a == b:
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                return f"item {i} of {len(a)}/{len(b)}"
        return f"lengths {len(a)}/{len(b)}"
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(a.keys() | b.keys()):
            if a.get(key) != b.get(key):
                return f"key {key!r}"
    return "differ"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ref", default="main")
    ap.add_argument("--corpus", type=Path, default=None, help="default: Reuters-21578 as JSONL")
    ap.add_argument("--no-extract", action="store_true")
    ap.add_argument(
        "--same-extraction-key",
        action="store_true",
        help="both sides store one extraction key: the key hashes the extract package, so a speed change of "
        "newsearch.extract changes it; this compares everything else",
    )
    args = ap.parse_args(argv)
    corpus = args.corpus
    if corpus is None:
        import bench_index

        corpus = bench_index.reuters_corpus()
        if corpus is None:
            print("Reuters-21578 is not in ../shared/data: nothing to check", file=sys.stderr)
            return 0
    with tempfile.TemporaryDirectory() as tmp:
        ref_src = Path(tmp) / "ref"
        ref_src.mkdir()
        archive = subprocess.run(
            ["git", "archive", args.ref, "src"], cwd=ROOT, check=True, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", str(ref_src)], input=archive.stdout, check=True)
        sides = {}
        for name, src in (("ref", ref_src / "src"), ("tree", ROOT / "src")):
            sides[name] = build(
                src, corpus, Path(tmp) / f"ix-{name}", not args.no_extract, args.same_extraction_key
            )
    ref, tree = sides["ref"], sides["tree"]
    failed = False
    for part in ("added", "fed", "stored", "terms", "merges", "manifest"):
        diff = first_difference(ref[part], tree[part])
        size = len(ref[part]) if isinstance(ref[part], list | dict) else ref[part]
        print(f"{part}: {'same' if diff is None else 'DIFFERENT: ' + diff} ({size})")
        failed |= diff is not None
    print(f"{args.ref} against this tree: {'DIFFERENT' if failed else 'identical'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
