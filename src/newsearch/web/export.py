"""Every hit of a search as CSV or JSON Lines, produced lazily so the server streams it.

The hits come from ``Index.search`` in windows that double in size (hits [0, n), [n, 2n), [2n, 4n), …),
so each hit is built once and N hits cost about log2(N / n) searches. A commit made while an export runs
can shift hits between windows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from .. import shapes
from ..index import Index
from ..models import Hit

WINDOW = 500
COLUMNS = ("id", "score", "date", "source", "headline", "speakers", "parties", "url", "path", "snippet")
# A cell that starts like a formula is run by spreadsheets; a leading apostrophe makes it text (OWASP).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def all_hits(ix: Index, text: str, **search: Any) -> Iterator[Hit]:
    """Every matching article's Hit in the order of ``ix.search(text, **search)`` (paging arguments aside)."""
    search = {k: v for k, v in search.items() if k not in ("limit", "page", "facets", "facet_top")}
    size, page = WINDOW, 1
    while True:
        result = ix.search(text, limit=size, page=page, **search)
        yield from result.hits
        if len(result.hits) < size:
            return
        # Page 2 of a window of `size` holds hits [size, 2 * size): after the first two windows, each next
        # window is the previous one doubled.
        size, page = (size, 2) if page == 1 else (size * 2, 2)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):  # speakers, parties: "; " between names
        return "; ".join(str(getattr(v, "name", v)) for v in value)
    text = shapes.to_data(value) if not isinstance(value, str) else value
    text = str(text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_lines(hits: Iterator[Hit]) -> Iterator[str]:
    """A header line, then one CSV line per hit (UTF-8 text; dates ISO 8601)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield buffer.getvalue()
    for hit in hits:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(getattr(hit, c)) for c in COLUMNS])
        yield buffer.getvalue()


def jsonl_lines(hits: Iterator[Hit]) -> Iterator[str]:
    """One JSON object per line, each ``{"shape_version", "kind": "hit", …the Hit's fields}``."""
    for hit in hits:
        yield shapes.dumps(shapes.envelope("hit", hit), indent=None) + "\n"
