"""Reuters-21578 for the speed benchmarks: the SGML stories with a BODY, as JSONL records in a temp folder.

    /work/venv/bin/python benchmarks/reuters.py --out /tmp/reuters-jsonl     # prints the record count

Reads ../shared/data/reuters21578/*.sgm relative to the project root, in place: the collection is licensed
for research only and is never copied into the project (the JSONL goes to a folder under /tmp or the
git-ignored benchmarks/work/). Pitfalls handled (see SOURCE.md there): no root element, control-character
references (&#2; &#3; &#5; …), &lt;/&amp; in text, one 0xFC byte (read as latin-1), dirty DATE values,
BRIEF stories (no BODY: skipped), a malformed time (NEWID 17192), bodies ending in "Reuter" + &#3;.

Record keys: id (NEWID), headline (TITLE), body (BODY), date (ISO), places, people, orgs (lists).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "reuters21578"
EXPECTED_WITH_BODY = 19_043

_STORY = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')
# The time is optional: NEWID 17192 has "31-MAR-1987 605:12:19.12" (kept as the day, at midnight).
_DATE = re.compile(r"<DATE>\s*(\d{1,2}-[A-Za-z]{3}-\d{4})(?:\s+(\d\d:\d\d:\d\d)(?![\d]))?")
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_CONTROL_REF = re.compile(r"&#\d+;")
_TRAILER = re.compile(r"\s*\breuter\b\s*$", re.I)
_D = re.compile(r"<D>(.*?)</D>", re.S)


def available(data: Path = DATA) -> bool:
    return data.is_dir() and any(data.glob("reut2-*.sgm"))


def _text(raw: str) -> str:
    return html.unescape(_CONTROL_REF.sub("", raw))


def _labels(story: str, tag: str) -> list[str]:
    m = re.search(rf"<{tag}>(.*?)</{tag}>", story, re.S)
    return [_text(d).strip() for d in _D.findall(m.group(1))] if m else []


def stories(data: Path = DATA) -> Iterator[tuple[str, dict]]:
    """(file stem, record) for every story with a BODY, in file and NEWID order."""
    for path in sorted(data.glob("reut2-*.sgm")):
        text = path.read_text(encoding="latin-1")
        for m in _STORY.finditer(text):
            attrs, story = m.group(1), m.group(2)
            body_m = _BODY.search(story)
            if not body_m:
                continue
            body = _TRAILER.sub("", _text(body_m.group(1)).rstrip())
            title_m = _TITLE.search(story)
            date_m = _DATE.search(story)
            when = None
            if date_m:
                clock = date_m[2] or "00:00:00"
                when = datetime.strptime(f"{date_m[1].title()} {clock}", "%d-%b-%Y %H:%M:%S").isoformat()
            yield (
                path.stem,
                {
                    "id": _NEWID.search(attrs).group(1),  # type: ignore[union-attr]
                    "headline": " ".join(_text(title_m.group(1)).split()) if title_m else "",
                    "body": body,
                    "date": when,
                    "places": _labels(story, "PLACES"),
                    "people": _labels(story, "PEOPLE"),
                    "orgs": _labels(story, "ORGS"),
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
