"""Reuters-21578 for the speed benchmarks: the SGML stories with a BODY, as JSONL records in a temp folder.

    /work/venv/bin/python benchmarks/reuters.py --out /tmp/reuters-jsonl     # prints the record count

Reads ../shared/data/reuters21578/*.sgm relative to the project root, in place: the collection is licensed
for research only and is never copied into the project (the JSONL goes to a folder under /tmp or the
git-ignored benchmarks/work/). The stories are read by newsearch's own SGML reader
(:mod:`newsearch.corpus.sgml`, which handles the collection's pitfalls: see SOURCE.md there); BRIEF and
UNPROC stories have no BODY and are left out, as the reader reports them.

Record keys: id (NEWID), headline (TITLE), body (BODY), date (ISO), places, people, orgs (lists).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from newsearch.corpus.decode import decode
from newsearch.corpus.sgml import read_sgml
from newsearch.models import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "reuters21578"
EXPECTED_WITH_BODY = 19_043


def available(data: Path = DATA) -> bool:
    return data.is_dir() and any(data.glob("reut2-*.sgm"))


def stories(data: Path = DATA) -> Iterator[tuple[str, dict]]:
    """(file stem, record) for every story with a BODY, in file and NEWID order."""
    for path in sorted(data.glob("reut2-*.sgm")):
        for item in read_sgml(decode(path.read_bytes()), path.name):
            if isinstance(item, Article):
                yield (
                    path.stem,
                    {
                        "id": item.id,
                        "headline": item.headline,
                        "body": item.body,
                        "date": item.date.isoformat() if item.date else None,
                        "places": list(item.meta.get("places", ())),
                        "people": list(item.meta.get("people", ())),
                        "orgs": list(item.meta.get("orgs", ())),
                    },
                )


def write_jsonl(out: Path, data: Path = DATA) -> int:
    """One JSONL file per .sgm file under ``out``; returns the number of records written."""
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, list[str]] = {}
    for stem, rec in stories(data):
        files.setdefault(stem, []).append(json.dumps(rec, ensure_ascii=False))
    for stem, lines in files.items():
        (out / f"{stem}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sum(len(v) for v in files.values())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    if not available():
        print(f"skipped: no Reuters-21578 .sgm files in {DATA}", file=sys.stderr)
        return 0
    n = write_jsonl(args.out)
    print(n)
    return 0 if n == EXPECTED_WITH_BODY else 1


if __name__ == "__main__":
    sys.exit(main())
