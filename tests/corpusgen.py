"""Two states of a synthetic news corpus (A and B) for crash and concurrency tests, and the expected index
contents of each (article id -> content hash), computed with newsearch's own readers."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from newsearch.corpus import discover, read_file
from newsearch.models import Article

WORDS = [
    "ceasefire",
    "talks",
    "minister",
    "port",
    "strike",
    "election",
    "coal",
    "summit",
    "harbour",
    "wage",
    "union",
    "court",
    "ruling",
    "inflation",
    "rate",
    "bank",
    "governor",
    "ministry",
    "border",
    "envoy",
    "treaty",
    "vote",
    "council",
    "budget",
    "drought",
    "flood",
    "convoy",
    "aid",
    "hospital",
    "school",
    "bridge",
    "rail",
    "fuel",
    "price",
    "export",
    "import",
    "tariff",
    "garrison",
    "parliament",
]


def _body(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def write_state(root: Path, state: str, *, files: int = 60, per_file: int = 10, words: int = 120) -> None:
    """Write corpus state "A" or "B" into ``root`` (replacing what is there).

    B differs from A in every kind of way an incremental run handles: a fifth of the records change text,
    every seventh file is gone, some files are new, and one article moves to another file.
    """
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for f in range(files + (files // 6 if state == "B" else 0)):
        if state == "B" and f % 7 == 3:
            continue  # removed in B
        lines = []
        for r in range(per_file):
            aid = f"f{f}-r{r}"
            if state == "B" and aid == "f1-r1":
                continue  # moves to the last file in B
            rng = random.Random(f"{aid}-{'B' if state == 'B' and (f * per_file + r) % 5 == 0 else 'A'}")
            lines.append(
                json.dumps(
                    {"id": aid, "headline": f"Report {aid} {rng.choice(WORDS)}", "body": _body(rng, words)}
                )
            )
        if state == "B" and f == files - 1:
            lines.append(json.dumps({"id": "f1-r1", "headline": "Moved report", "body": "It moved."}))
        (root / f"file{f:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def expected(root: Path) -> dict[str, str]:
    """article id -> content hash of every article newsearch reads from ``root``."""
    out: dict[str, str] = {}
    for source in discover([root]):
        for item in read_file(source):
            if isinstance(item, Article):
                out[item.id] = item.content_hash
    return out


def index_state(folder: Path) -> dict[str, str]:
    """article id -> content hash stored in the index (through newsearch's own API only)."""
    import newsearch

    with newsearch.open_index(folder) as ix:
        found = {}
        for aid in _all_ids(ix):
            found[aid] = ix.get(aid).content_hash
        return found


def _all_ids(ix) -> list[str]:
    result = ix.search("report", limit=100_000, collapse=False)
    return [h.id for h in result.hits]
