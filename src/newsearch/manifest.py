"""The index's own records beside the engine files: the marker that says "newsearch made this", and the
manifest of source files (hash and article ids per file) that makes re-runs incremental.

Both are JSON, written atomically (temp file + rename); nothing here ever unpickles anything.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .errors import NotAnIndex

MARKER = "newsearch.json"
MANIFEST = "newsearch-manifest.json"
FORMAT = "newsearch-index"


def write_json_atomic(path: Path, data: object) -> None:
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new one, never a part."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_marker(folder: Path, schema_version: int, stemmer: str) -> None:
    write_json_atomic(
        folder / MARKER,
        {
            "format": FORMAT,
            "schema_version": schema_version,
            "stemmer": stemmer,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )


def read_marker(folder: Path) -> dict:
    """The marker's contents; NotAnIndex when the folder was not made by newsearch."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotAnIndex(f"{folder} is not a newsearch index (no {MARKER}); refusing to touch it") from None
    except (OSError, ValueError) as exc:
        raise NotAnIndex(f"{folder}: unreadable {MARKER} ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotAnIndex(
            f"{folder} is not a newsearch index ({MARKER} has another format); refusing to touch it"
        )
    return data


@dataclass
class FileEntry:
    hash: str
    size: int
    mtime_ns: int
    articles: dict[str, str] = field(default_factory=dict)  # article id -> content hash


@dataclass
class Manifest:
    generation: int = -1
    files: dict[str, FileEntry] = field(default_factory=dict)
    updated: str | None = None
    extraction: str = ""  # what extracted the stored speakers/parties: a change re-extracts every article

    @classmethod
    def load(cls, folder: Path) -> Manifest | None:
        """The saved manifest, or None when there is none or it cannot be trusted."""
        try:
            raw = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            files = {key: FileEntry(**entry) for key, entry in raw["files"].items()}
            return cls(
                generation=int(raw["generation"]),
                files=files,
                updated=raw.get("updated"),
                extraction=raw.get("extraction", ""),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged: the caller rebuilds it from the index itself

    def save(self, folder: Path) -> None:
        self.updated = datetime.now(UTC).isoformat(timespec="seconds")
        write_json_atomic(
            folder / MANIFEST,
            {
                "generation": self.generation,
                "updated": self.updated,
                "extraction": self.extraction,
                "files": {key: vars(entry) for key, entry in sorted(self.files.items())},
            },
        )
