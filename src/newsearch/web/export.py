"""Every hit of a search as CSV or JSON Lines, produced lazily so the server streams it.

The hits come from ``Index.iter_hits`` (one committed state, ranked once); the rows are the CLI's
(``render.table_rows``, ``render.json_line``: ``newsearch query --all-hits --format csv|jsonl`` writes the
same, formula-like CSV cells made text with a leading apostrophe in both).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import render
from ..models import Hit


def csv_lines(hits: Iterable[Hit]) -> Iterator[str]:
    """A header line (even without hits, so a spreadsheet shows the columns), then one CSV line per hit."""
    for row in render.table_rows(hits):
        yield row + "\n"


def jsonl_lines(hits: Iterable[Hit]) -> Iterator[str]:
    """One JSON object per line, each ``{"shape_version", "kind": "hit", …the Hit's fields}``."""
    for hit in hits:
        yield render.json_line("hit", hit) + "\n"
