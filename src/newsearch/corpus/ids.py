"""Article ids and corpus roots: the pure rules the incremental sync applies (no I/O but ``exists``).

Every file belongs to a **root**: a corpus folder the index records under a short name, by default the
folder's own name (``business`` for ``../bbc_news/business``). A file's **key** is ``<root>/<path inside
the root>`` (``business/001.txt``); two different files can never share one, and a key does not change
when the whole corpus folder moves. An article's **id** is its own ``id`` field when it has one, else its
file's key, plus ``#N`` for the N-th record of a JSON list, JSONL line or CSV row. Articles read from
standard input have no file: their ids are ``stdin/`` plus a hash of their content.

Own ids are claims that can clash. The record that holds an id keeps it; another record claiming it is
kept too, under its place (``feeds/b.jsonl#1``), and the clash is reported as a conflict.

>>> path_id("feeds/b.jsonl", 1)
'feeds/b.jsonl#1'
>>> claim("x1", "feeds/b.jsonl", holder="feeds/a.jsonl", earlier_in_file=False, holder_pending=False)
<Claim.CONFLICT: 'conflict'>
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..models import Article, FileNotice

STDIN = "stdin"  # the key of standard input, and the prefix of its articles' ids
STDIN_PATH = "-"  # how standard input is named among the paths to index


def path_id(key: str, record: int | None) -> str:
    """The id of a record that has none of its own: its file's key, plus ``#N`` inside multi-record files."""
    return key if record is None else f"{key}#{record}"


def has_own_id(article: Article) -> bool:
    return article.id != path_id(article.path, article.record)


def stdin_id(article: Article) -> str:
    """Standard input has no file: an article without an id of its own is named by its content."""
    return f"{STDIN}/{article.content_hash[:12]}"


class Claim(enum.Enum):
    TAKE = "take"  # the id is free, or this file's own from an earlier run
    WAIT = "wait"  # another file of this run holds it and has not been read yet: it may let it go
    CONFLICT = "conflict"  # another record holds it: keep both, this one under another id


def claim(
    article_id: str, file_key: str, *, holder: str | None, earlier_in_file: bool, holder_pending: bool
) -> Claim:
    """What a record claiming ``article_id`` gets, given the file that holds the id (None: nobody)."""
    if earlier_in_file:
        return Claim.CONFLICT
    if holder is None or holder == file_key:
        return Claim.TAKE
    return Claim.WAIT if holder_pending else Claim.CONFLICT


def fallback_id(article: Article, taken: Callable[[str], bool]) -> str:
    """The id a record that lost a claim is kept under: its place (``key#N``), made unique with ``~N``."""
    base = path_id(article.path, article.record)
    if base == article.id:  # it claimed its place already (a path id another record's own id took)
        base = f"{base}~2"
    candidate, n = base, 2
    while taken(candidate):
        n += 1
        candidate = f"{base}~{n}"
    return candidate


# ------------------------------------------------------------------------------------------- roots


def folder_name(folder: Path) -> str:
    return folder.name or "root"


@dataclass(frozen=True, slots=True)
class Target:
    """One path named to index, placed among the roots: ``prefix`` is its path inside root ``root``
    ("" for the whole root); ``file`` says it is a single file."""

    given: Path
    real: Path
    root: str
    prefix: str
    file: bool

    def covers(self, key: str) -> bool:
        """Whether the file with this key lies under this target (is in its scope)."""
        base = f"{self.root}/{self.prefix}" if self.prefix else self.root
        return key == base if self.file else key.startswith(base + "/")


@dataclass
class Placement:
    """Where the named paths sit among the index's roots, and the roots table after placing them."""

    roots: dict[str, str]  # name -> real absolute path
    targets: list[Target] = field(default_factory=list)
    notices: list[FileNotice] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # names of roots new in this run

    def key_of(self, path: Path) -> str:
        """The key of a file under one of the roots: the deepest root that holds it names it."""
        return key_of(path, self.roots)

    def in_scope(self, key: str) -> bool:
        """Whether a file key lies under a path named in this run (its articles may be removed)."""
        if any(t.covers(key) for t in self.targets):
            return True
        # Roots inside a named folder belong to it too (``business`` indexed first, then ``bbc_news``).
        root = key.split("/", 1)[0]
        return any(not t.file and _inside(self.roots.get(root, ""), str(t.real)) for t in self.targets)


def _inside(path: str, folder: str) -> bool:
    return bool(path) and (path == folder or path.startswith(folder.rstrip(os.sep) + os.sep))


def key_of(path: Path, roots: Mapping[str, str]) -> str:
    p = str(path)
    best = max((r for r in roots.items() if _inside(p, r[1])), key=lambda r: len(r[1]), default=None)
    if best is None:
        raise ValueError(f"{path} is under no corpus root")
    name, folder = best
    rel = os.path.relpath(p, folder).replace(os.sep, "/")
    return name if rel == "." else f"{name}/{rel}"


def place(
    paths: Iterable[Path], roots: Mapping[str, str], exists: Callable[[str], bool] = os.path.exists
) -> Placement:
    """Place each existing path among ``roots`` (name -> real folder), adding roots as needed.

    A path inside a known root keeps that root's names. Otherwise its folder (a file's parent) becomes
    a root named after it; when the name is taken by a folder that no longer exists, the corpus moved:
    the root (and the roots inside it) follow it, and ids stay. When the name is taken by another folder
    that exists, the new root is named ``name-2``, ``name-3``, …
    """
    placed = Placement(roots=dict(roots))
    for given in paths:
        real = Path(os.path.realpath(given))
        is_file = real.is_file()
        folder = real.parent if is_file else real
        holder = _holding_root(str(folder), placed.roots)
        if holder is None:
            holder = _new_root(folder, placed, exists)
        rel = os.path.relpath(real, placed.roots[holder]).replace(os.sep, "/")
        placed.targets.append(Target(given, real, holder, "" if rel == "." else rel, is_file))
    return placed


def _holding_root(folder: str, roots: Mapping[str, str]) -> str | None:
    holding = [(len(path), name) for name, path in roots.items() if _inside(folder, path)]
    return max(holding)[1] if holding else None


def _new_root(folder: Path, placed: Placement, exists: Callable[[str], bool]) -> str:
    base = folder_name(folder)
    family = [base] + [f"{base}-{n}" for n in range(2, 1000)]
    for name in family:
        old = placed.roots.get(name)
        if old is None:
            if name == STDIN:
                continue  # reserved for standard input
            placed.roots[name] = str(folder)
            placed.added.append(name)
            return name
        if not exists(old):
            _move(placed, name, old, str(folder))
            return name
    raise ValueError(f"too many corpus folders named {base!r}")


def _move(placed: Placement, name: str, old: str, new: str) -> None:
    for other, path in list(placed.roots.items()):
        if _inside(path, old):
            placed.roots[other] = new + path[len(old) :]
    placed.notices.append(
        FileNotice(
            "root-moved",
            name,
            f"the corpus folder {name!r} moved from {old} to {new}: its articles keep their ids",
        )
    )
