"""Finding article files under corpus paths and reading each format into Article records.

>>> from pathlib import Path
>>> files = list(discover([Path("corpus")]))          # doctest: +SKIP
>>> items = list(read_file(files[0]))                 # doctest: +SKIP

``read_file`` yields Articles, Skipped for bad records, and Notes.

Modules: :mod:`.walk` (which files a walk reads, what it passes over), :mod:`.ids` (roots, keys, ids and
the conflict rule), :mod:`.settings` (field mapping, date format, newsearch.toml), :mod:`.formats` and the
other readers, :mod:`.notes` (what readers notice), :mod:`.decode` (bytes to text).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..models import Article, NotRead, Skipped
from . import formats, ids, markup, sgml
from . import settings as read_settings
from .decode import MAX_FILE_BYTES, DecodeError, decode, gunzip
from .fields import parse_date
from .notes import Note
from .settings import ReadSettings
from .walk import DEFAULT_SELECTION, Selection, SourceFile, Survey, printable, survey

__all__ = [
    "DEFAULT_SELECTION",
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "Note",
    "Plan",
    "Selection",
    "SourceFile",
    "Survey",
    "discover",
    "hash_bytes",
    "parse_date",
    "plan",
    "printable",
    "read_file",
    "survey",
]

Reader = Callable[..., Iterator["Article | Skipped | Note"]]
READERS: dict[str, Reader] = {
    ".txt": formats.read_text_article,
    ".text": formats.read_text_article,
    ".json": formats.read_json,
    ".jsonl": formats.read_jsonl,
    ".ndjson": formats.read_jsonl,
    ".csv": formats.read_csv,
    ".tsv": formats.read_csv,
    ".sgm": sgml.read_sgml,
    ".sgml": sgml.read_sgml,
    ".xml": markup.read_news_xml,
    ".nitf": markup.read_news_xml,
    ".html": markup.read_html,
    ".htm": markup.read_html,
}
SUPPORTED_SUFFIXES = tuple(READERS)


def suffix_of(name: str) -> str:
    """A file's type suffix, lower case, looking through a final .gz."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return os.path.splitext(lower)[1]


def reader_for(name: str) -> Reader | None:
    return READERS.get(suffix_of(name))


def html_available() -> bool:
    """Whether the optional HTML extractor (``pip install 'newsearch[html]'``) is installed."""
    return importlib.util.find_spec("trafilatura") is not None


def discover(
    paths: Iterable[Path], selection: Selection = DEFAULT_SELECTION
) -> Iterator[SourceFile | Skipped]:
    """Every readable file under each path (a folder, walked recursively, or a single file), in key order,
    and a Skipped for each path or file that cannot be read. Keys start with each folder's own name, as in
    a new index (:mod:`.ids`). What the walk passes over is in :func:`survey`'s ``not_read``."""
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.exists() and not path.is_symlink():
            yield Skipped(printable(str(path)), "no such file or folder")
    placement = ids.place([p for p in paths if p.exists()], {})
    found = survey(placement, selection, html_available=html_available())
    yield from found.sources
    yield from found.skipped


@dataclass
class Plan:
    """What one indexing run is to read: the named paths placed among the index's roots, the files found,
    and what the walk passed over or could not read."""

    placement: ids.Placement
    sources: list[SourceFile]
    skipped: list[Skipped] = field(default_factory=list)
    not_read: tuple[NotRead, ...] = ()

    def nothing_to_read(self) -> bool:
        return not self.sources and not self.skipped

    def describe_nothing(self, names: list[str]) -> str:
        """Why there is nothing to index, in one line."""
        where = ", ".join(names)
        if not self.not_read:
            return f"no articles to index in {where}: no files at all"
        count = sum(g.count for g in self.not_read)
        groups = ", ".join(map(str, self.not_read[:6])) + (", …" if len(self.not_read) > 6 else "")
        return f"no articles to index in {where}: {count} file{'s' if count > 1 else ''} not read: {groups}"


def plan(
    paths: Iterable[str | os.PathLike[str]],
    roots: Mapping[str, str],
    *,
    selection: Selection = DEFAULT_SELECTION,
    settings: ReadSettings = read_settings.DEFAULT,
    stdin: bytes | None = None,
    keys: Iterable[str] = (),
) -> Plan:
    """Place ``paths`` (``-`` is standard input, whose bytes are ``stdin``) among ``roots`` and walk them;
    ``keys``: the file keys the index holds (a new root's name must not clash with a home folder's).

    A named folder without a single article file is reported and left out of the run, so that its
    indexed articles are kept (an empty mount point never empties the index).
    """
    names = [os.fspath(p) for p in paths]
    files = [Path(n) for n in names if n != ids.STDIN_PATH]
    skipped = [Skipped(printable(str(p)), "no such file or folder") for p in files if not p.exists()]
    home_keys = [k for k in keys if ids.split_key(k, roots)[0] == ids.HOME]
    placement = ids.place([p for p in files if p.exists()], roots, home_keys=home_keys)
    found = survey(placement, selection, settings, html_available=html_available())
    sources = list(found.sources)
    if ids.STDIN_PATH in names:
        if stdin is None:
            raise ValueError("'-' stands for standard input: pass its bytes as stdin=…")
        sources.append(stdin_source(stdin, settings))
    for target in found.empty:
        placement.targets.remove(target)
        if len(names) > 1:
            where = f"{target.root}/{target.prefix}" if target.prefix else target.root
            skipped.append(Skipped(where, "no article files here (its indexed articles are kept)"))
    return Plan(placement, sources, skipped + found.skipped, found.not_read)


def hash_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def load(source: SourceFile) -> bytes:
    """A file's raw bytes; raises OSError or ValueError (with the reason) for unreadable or huge files."""
    if source.data is not None:
        return source.data
    if source.size > MAX_FILE_BYTES:
        mib = 1024 * 1024
        raise ValueError(f"file is {source.size // mib} MiB, over the {MAX_FILE_BYTES // mib} MiB limit")
    with open(source.path, "rb") as fh:
        return fh.read(MAX_FILE_BYTES + 1)


def stdin_source(data: bytes, settings: ReadSettings = read_settings.DEFAULT) -> SourceFile:
    """Standard input as a source: JSON, JSONL, or one article in the plain-text layout."""
    return SourceFile(
        Path(ids.STDIN_PATH), ids.STDIN, len(data), 0, settings, forced=True, data=data, stdin=True
    )


def read_file(source: SourceFile, data: bytes | None = None) -> Iterator[Article | Skipped | Note]:
    """The articles of one file, a Skipped for each bad record (or for the whole file), and Notes."""
    reader = formats.read_stdin if source.stdin else reader_for(source.path.name)
    if reader is None:
        yield Skipped(source.rel, "unsupported file type")
        return
    try:
        if data is None:
            data = load(source)
        if not data:
            yield Skipped(source.rel, "empty file")
            return
        if len(data) > MAX_FILE_BYTES:
            raise ValueError(f"over the {MAX_FILE_BYTES // (1024 * 1024)} MiB limit")
        if source.path.name.lower().endswith(".gz"):
            data = gunzip(data)
        text = data if reader in markup.BYTE_READERS else decode(data)
    except (DecodeError, ValueError) as exc:
        yield Skipped(source.rel, str(exc))
        return
    except OSError as exc:
        yield Skipped(source.rel, f"cannot read: {exc.strerror or exc}")
        return
    if isinstance(text, str):
        if not text.strip():
            yield Skipped(source.rel, "empty file")
            return
        if reader is formats.read_text_article and not source.forced and (why := formats.not_prose(text)):
            yield Skipped(source.rel, f"not an article: {why} (--include {_name(source)} reads it)")
            return
    yield from reader(text, source.rel, source.settings)  # type: ignore[arg-type]  # byte readers: bytes


def _name(source: SourceFile) -> str:
    return source.path.name
