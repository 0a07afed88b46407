"""Finding article files under corpus paths and reading each format into Article records.

>>> from pathlib import Path
>>> files = list(discover([Path("corpus")]))          # doctest: +SKIP
>>> items = list(read_file(files[0]))                 # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..models import Article, Skipped
from . import formats
from .decode import MAX_FILE_BYTES, DecodeError, decode, gunzip
from .fields import parse_date

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "SourceFile",
    "discover",
    "hash_bytes",
    "parse_date",
    "read_file",
]

Reader = Callable[[str, str], Iterator["Article | Skipped"]]
READERS: dict[str, Reader] = {
    ".txt": formats.read_text_article,
    ".text": formats.read_text_article,
    ".json": formats.read_json,
    ".jsonl": formats.read_jsonl,
    ".ndjson": formats.read_jsonl,
    ".csv": formats.read_csv,
    ".tsv": formats.read_csv,
}
SUPPORTED_SUFFIXES = tuple(READERS)
# Files newsearch itself keeps beside a corpus (alias tables) are not articles.
_NOT_ARTICLES = {"newsearch-aliases.toml"}


@dataclass(frozen=True, slots=True)
class SourceFile:
    """An article file found under a corpus root."""

    path: Path  # absolute
    rel: str  # relative to the root it was found under, with forward slashes
    size: int
    mtime_ns: int

    @property
    def key(self) -> str:
        return str(self.path)


def reader_for(name: str) -> Reader | None:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return READERS.get(os.path.splitext(lower)[1])


def discover(roots: Iterable[Path]) -> Iterator[SourceFile | Skipped]:
    """Every supported file under each root (a folder, walked recursively, or a single file), sorted.

    Hidden files and folders are passed over; symbolic links to folders are not followed (no loops).
    A root that does not exist, or an unreadable folder, is reported as Skipped.
    """
    for root in roots:
        root = Path(root)
        if not root.exists():
            yield Skipped(printable(str(root)), "no such file or folder")
            continue
        if root.is_file():
            yield from _source(root.resolve(), root.name)
            continue
        base = root.resolve()
        errors: list[OSError] = []
        found: list[Path] = []
        for folder, dirs, files in os.walk(base, onerror=errors.append, followlinks=False):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += (
                Path(folder, name)
                for name in files
                if not name.startswith(".") and name not in _NOT_ARTICLES and reader_for(name) is not None
            )
        for path in sorted(found, key=lambda p: p.relative_to(base).as_posix()):
            yield from _source(path, path.relative_to(base).as_posix())
        for err in errors:
            yield Skipped(printable(str(err.filename or root)), f"cannot list folder: {err.strerror or err}")


def printable(name: str) -> str:
    """A file name safe to print and store: bytes that are not UTF-8 (surrogate escapes) shown as \\xNN."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _source(path: Path, rel: str) -> Iterator[SourceFile | Skipped]:
    if printable(str(path)) != str(path):
        # The index and manifest store names as UTF-8: such a name could not be stored or matched later.
        yield Skipped(printable(rel), "file name is not valid UTF-8 (rename the file to index it)")
        return
    try:
        st = path.stat()
    except OSError as exc:
        yield Skipped(rel, f"cannot read: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(st.st_mode):
        yield Skipped(rel, "not a regular file")
        return
    yield SourceFile(path=path, rel=rel, size=st.st_size, mtime_ns=st.st_mtime_ns)


def hash_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def load(source: SourceFile) -> bytes:
    """A file's raw bytes; raises OSError or ValueError (with the reason) for unreadable or huge files."""
    if source.size > MAX_FILE_BYTES:
        mib = 1024 * 1024
        raise ValueError(f"file is {source.size // mib} MiB, over the {MAX_FILE_BYTES // mib} MiB limit")
    with open(source.path, "rb") as fh:
        return fh.read(MAX_FILE_BYTES + 1)


def read_file(source: SourceFile, data: bytes | None = None) -> Iterator[Article | Skipped]:
    """The articles of one file, and a Skipped for each bad record (or for the whole file)."""
    reader = reader_for(source.path.name)
    if reader is None:
        yield Skipped(source.rel, "unsupported file type")
        return
    try:
        if data is None:
            data = load(source)
        if not data:
            yield Skipped(source.rel, "empty file")
            return
        if source.path.name.lower().endswith(".gz"):
            data = gunzip(data)
        text = decode(data)
    except (DecodeError, ValueError) as exc:
        yield Skipped(source.rel, str(exc))
        return
    except OSError as exc:
        yield Skipped(source.rel, f"cannot read: {exc.strerror or exc}")
        return
    if not text.strip():
        yield Skipped(source.rel, "empty file")
        return
    yield from reader(text, source.rel)
