"""Article ids and corpus roots: the pure rules the incremental sync applies (no I/O but ``exists``).

Every file belongs to a **root**: a corpus folder the index records. The first folder indexed is the
index's *home*: its files' keys are their paths inside it (``ceasefire/talks.txt``). Every other root
has a name, by default its folder's own name (``tech`` for ``../bbc_news/tech``), and its files' keys
start with it (``tech/001.txt``). So two different files never share a key, keys stay the same on every
re-run, and they do not change when a corpus folder moves. An article's **id** is its own ``id`` field
when it has one, else its file's key, plus ``#N`` for the N-th record of a JSON list, JSONL line or CSV
row. Articles read from standard input have no file: their ids are ``stdin/`` plus a hash of their content.

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
HOME = ""  # the roots table's name for the first root: its keys carry no prefix
ESCAPE = "./"  # a home file whose first folder has a root's name: "./tech/x.txt" is not root tech's


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

    def covers(self, key: str, roots: Mapping[str, str]) -> bool:
        """Whether the file with this key lies under this target (is in its scope)."""
        root, inner = split_key(key, roots)
        if root != self.root:
            return False
        if self.file:
            return inner == self.prefix
        return not self.prefix or inner.startswith(self.prefix + "/")


def split_key(key: str, roots: Mapping[str, str]) -> tuple[str | None, str]:
    """(root name, path inside it) of a file key; the root is None for standard input or no known root."""
    if key == STDIN:
        return None, ""
    if key.startswith(ESCAPE):
        return HOME, key[len(ESCAPE) :]
    first, _, rest = key.partition("/")
    if rest and first != HOME and first in roots:
        return first, rest
    return (HOME, key) if HOME in roots else (None, key)


@dataclass
class Placement:
    """Where the named paths sit among the index's roots, and the roots table after placing them."""

    roots: dict[str, str]  # name ("" for the home root) -> real absolute path
    targets: list[Target] = field(default_factory=list)
    notices: list[FileNotice] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # names of roots new in this run

    def key_of(self, path: Path) -> str:
        """The key of a file under one of the roots: the deepest root that holds it names it."""
        return key_of(path, self.roots)

    def in_scope(self, key: str) -> bool:
        """Whether a file key lies under a path named in this run (its articles may be removed)."""
        if any(t.covers(key, self.roots) for t in self.targets):
            return True
        # Roots inside a named folder belong to it too (``business`` indexed first, then ``bbc_news``).
        root, _ = split_key(key, self.roots)
        if root is None:
            return False
        return any(not t.file and _inside(self.roots[root], str(t.real)) for t in self.targets)


def _inside(path: str, folder: str) -> bool:
    return bool(path) and (path == folder or path.startswith(folder.rstrip(os.sep) + os.sep))


def key_of(path: Path, roots: Mapping[str, str]) -> str:
    p = str(path)
    best = max((r for r in roots.items() if _inside(p, r[1])), key=lambda r: len(r[1]), default=None)
    if best is None:
        raise ValueError(f"{path} is under no corpus root")
    name, folder = best
    rel = os.path.relpath(p, folder).replace(os.sep, "/")
    if name != HOME:
        return name if rel == "." else f"{name}/{rel}"
    first = rel.partition("/")[0]
    clash = rel == STDIN or rel.startswith(ESCAPE) or ("/" in rel and (first in roots or first == STDIN))
    return ESCAPE + rel if clash else rel


def place(
    paths: Iterable[Path],
    roots: Mapping[str, str],
    exists: Callable[[str], bool] = os.path.exists,
    home_keys: Iterable[str] = (),
) -> Placement:
    """Place each existing path among ``roots`` (name -> real folder), adding roots as needed.

    A path inside a known root keeps that root's keys. Otherwise its folder (a file's parent) becomes a
    root: the home root when there is none yet, else one named after the folder. When that name is taken
    by a folder that no longer exists, the corpus moved: the root (and the roots inside it) follow it,
    and keys stay. When it is taken by another folder, by a folder in the home root, or by the first
    folder of a home key (``home_keys``), the new root is named ``name-2``, ``name-3``, …
    """
    placed = Placement(roots=dict(roots))
    taken = {k.partition("/")[0] for k in home_keys if "/" in k}
    for given in paths:
        real = Path(os.path.realpath(given))
        is_file = real.is_file()
        folder = real.parent if is_file else real
        holder = _holding_root(str(folder), placed.roots)
        if holder is None:
            holder = _new_root(folder, placed, exists, taken)
        rel = os.path.relpath(real, placed.roots[holder]).replace(os.sep, "/")
        placed.targets.append(Target(given, real, holder, "" if rel == "." else rel, is_file))
    return placed


def _holding_root(folder: str, roots: Mapping[str, str]) -> str | None:
    holding = [(len(path), name) for name, path in roots.items() if _inside(folder, path)]
    return max(holding)[1] if holding else None


def _new_root(folder: Path, placed: Placement, exists: Callable[[str], bool], taken: set[str]) -> str:
    home = placed.roots.get(HOME)
    if not placed.roots or (home is not None and not exists(home) and Path(home).name == folder.name):
        return _claim_root(placed, HOME, home, folder)
    base = folder_name(folder)
    for name in [base] + [f"{base}-{n}" for n in range(2, 1000)]:
        old = placed.roots.get(name)
        if old is not None and not exists(old):
            return _claim_root(placed, name, old, folder)
        clash = name == STDIN or name in taken or (home is not None and exists(os.path.join(home, name)))
        if old is None and not clash:
            return _claim_root(placed, name, None, folder)
    raise ValueError(f"too many corpus folders named {base!r}")


def _claim_root(placed: Placement, name: str, old: str | None, folder: Path) -> str:
    new = str(folder)
    if old is None:
        placed.roots[name] = new
        placed.added.append(name)
        return name
    for other, path in list(placed.roots.items()):
        if _inside(path, old):
            placed.roots[other] = new + path[len(old) :]
    shown = name or folder.name
    placed.notices.append(
        FileNotice(
            "root-moved",
            shown,
            f"the corpus folder {shown!r} moved from {old} to {new}: its articles keep their ids",
        )
    )
    return name
