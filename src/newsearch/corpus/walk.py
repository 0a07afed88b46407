"""Which files a folder walk reads, and what it passes over (grouped, so that it can be reported).

The rules, in ripgrep's order (a file named on the command line is always read):

1. ``--include GLOB`` / ``--exclude GLOB`` (gitignore syntax, like ripgrep's ``-g``): the last glob that
   matches a file or folder decides; ``!GLOB`` in ``--include`` excludes, and ``--exclude`` globs come
   after every ``--include`` glob. When include globs are given, a file none of them matches is passed
   over. An include glob that names a file without wildcards (``README.TXT``) reads it whatever the
   rules below say (ripgrep lets every glob do that; here ``*.txt`` must not pull in README.txt).
2. Hidden files and folders (``.name``) are passed over unless ``hidden``.
3. Links to folders are not followed, and a folder holding a newsearch index is not read.
4. ``.newsearchignore`` files (gitignore syntax, via ``pathspec``; a deeper file's rules come later) and
   the names of dataset papers that are not articles (README*, LICENSE*, CHANGES* …) pass files over
   unless ``no_ignore``.
5. Files of a type no reader knows are passed over.
"""

from __future__ import annotations

import os
import re
import stat
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from ..models import NotRead, Skipped
from . import settings as read_settings
from .ids import Placement, Target
from .settings import ReadSettings

IGNORE_FILE = ".newsearchignore"
INDEX_MARKER = "newsearch.json"
# Files newsearch reads as its own settings, never as articles.
SETTINGS_FILES = {IGNORE_FILE, read_settings.SETTINGS_FILE, "newsearch-aliases.toml"}
# Papers that travel with datasets and packages: the name says they are not news.
_NOT_ARTICLE_NAME = re.compile(
    r"^(README|READ[-_ ]ME|LICEN[CS]E|COPYING|CHANGES|CHANGELOG|AUTHORS|CONTRIBUTING|CITATION|NOTICE)"
    r"(?=$|[._\- ]|\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Selection:
    """Which files a walk reads (see the module docstring)."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    hidden: bool = False
    no_ignore: bool = False


DEFAULT_SELECTION = Selection()


@dataclass(frozen=True, slots=True)
class SourceFile:
    """An article file found under a corpus root (or standard input, with its bytes already read)."""

    path: Path  # absolute
    rel: str  # the file's key: "<root>/<path inside the root>", with forward slashes
    size: int
    mtime_ns: int
    settings: ReadSettings = read_settings.DEFAULT
    forced: bool = False  # named on the command line or by --include: read even if it looks like no article
    data: bytes | None = None  # standard input's bytes
    stdin: bool = False

    @property
    def key(self) -> str:
        return self.rel


@dataclass
class Survey:
    """What a walk found: files to read, files that cannot be (Skipped), files passed over (grouped)."""

    sources: list[SourceFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    passed: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    empty: list[Target] = field(default_factory=list)  # named folders without a single article file

    def pass_over(self, kind: str, reason: str, key: str) -> None:
        self.passed[(kind, reason)].append(key)

    @property
    def not_read(self) -> tuple[NotRead, ...]:
        groups = [
            NotRead(reason, kind, len(paths), tuple(paths)) for (kind, reason), paths in self.passed.items()
        ]
        return tuple(sorted(groups, key=lambda g: (-g.count, g.kind, g.reason)))


_WILDCARD = re.compile(r"[*?\[]")


class _Overrides:
    """--include / --exclude globs: ``decide`` says "read", "force", "pass" or None (no glob matched).

    "force": an include glob that names the file without wildcards (``README.TXT``, ``notes/a.txt``)
    reads it whatever the other rules say; a wildcard glob (``*.txt``) only selects among what they allow.
    """

    def __init__(self, selection: Selection) -> None:
        lines = [g[1:] if g.startswith("!") else f"!{g}" for g in selection.include]
        lines += list(selection.exclude)
        self.globs = list(selection.include) + [f"!{g}" for g in selection.exclude]
        self.spec = pathspec.GitIgnoreSpec.from_lines(lines) if lines else None
        literal = [g for g in selection.include if not g.startswith("!") and not _WILDCARD.search(g)]
        self.literal = pathspec.GitIgnoreSpec.from_lines(literal) if literal else None
        self.whitelist = any(not g.startswith("!") for g in selection.include)

    def decide(self, rel: str) -> tuple[str | None, str]:
        if self.spec is None:
            return None, ""
        result = self.spec.check_file(rel)
        if result.include is None:
            return None, ""
        glob = self.globs[result.index] if result.index is not None else ""
        if result.include:
            return "pass", glob
        forced = self.literal is not None and self.literal.match_file(rel)
        return ("force" if forced else "read"), glob


@dataclass(frozen=True)
class _Ignore:
    folder: str  # the folder holding the .newsearchignore, relative to the walk's start ("" for it)
    spec: pathspec.GitIgnoreSpec


def survey(
    placement: Placement,
    selection: Selection = DEFAULT_SELECTION,
    base: ReadSettings = read_settings.DEFAULT,
    *,
    html_available: bool = True,
) -> Survey:
    """Walk every named path of ``placement``; ``base`` settings override each folder's newsearch.toml."""
    from . import reader_for  # the reader table lives in the package

    found = Survey()
    overrides = _Overrides(selection)
    for target in placement.targets:
        before = len(found.sources)
        root_path = Path(placement.roots[target.root])
        if target.file:
            settings = base.over(_settings_chain(root_path, target.real.parent))
            _file(found, target.real, target.real.name, placement, settings, forced=True, html=html_available)
        else:
            _walk(found, target, root_path, placement, selection, overrides, base, html_available, reader_for)
        if len(found.sources) == before and not any(t.path.startswith(_where(target)) for t in found.skipped):
            found.empty.append(target)
    found.sources.sort(key=lambda s: s.rel)
    return found


def _where(target: Target) -> str:
    return target.prefix if target.root == "" else f"{target.root}/{target.prefix}".rstrip("/")


def _settings_chain(root: Path, folder: Path) -> ReadSettings:
    """The newsearch.toml files from the root down to ``folder``, deeper ones laid over shallower."""
    chain = [folder, *folder.parents]
    settings = read_settings.DEFAULT
    for here in reversed(chain):
        if here != root and root not in here.parents:
            continue
        candidate = here / read_settings.SETTINGS_FILE
        if candidate.is_file():
            settings = read_settings.load_file(candidate).over(settings)
    return settings


def _ignores_above(root: Path, start: Path) -> list[_Ignore]:
    """The .newsearchignore files of the root and of the folders between it and ``start``."""
    out = []
    for here in reversed([start, *start.parents]):
        if here != root and root not in here.parents:
            continue
        candidate = here / IGNORE_FILE
        if candidate.is_file():
            rel = os.path.relpath(here, start).replace(os.sep, "/")
            out.append(_Ignore("" if rel == "." else rel, _load_ignore(candidate)))
    return out


def _load_ignore(path: Path) -> pathspec.GitIgnoreSpec:
    try:
        return pathspec.GitIgnoreSpec.from_lines(
            path.read_text(encoding="utf-8", errors="replace").splitlines()
        )
    except Exception as exc:  # pathspec raises several types for a bad pattern
        from ..errors import CorpusError

        raise CorpusError(f"{path}: a pattern cannot be read ({exc})") from None


def _ignored(ignores: list[_Ignore], rel: str) -> bool:
    """gitignore precedence: the deepest .newsearchignore with a rule for the path decides."""
    for ignore in reversed(ignores):
        if ignore.folder:
            if not rel.startswith(ignore.folder + "/"):
                continue
            inner = rel[len(ignore.folder) + 1 :]
        else:
            inner = rel
        decision = ignore.spec.check_file(inner).include
        if decision is not None:
            return decision
    return False


def _walk(found, target, root_path, placement, selection, overrides, base, html, reader_for) -> None:
    start = target.real
    ignores = [] if selection.no_ignore else _ignores_above(root_path, start)
    settings0 = base.over(_settings_chain(root_path, start))
    # (folder, its path relative to the start, the ignore files in force, the settings in force)
    stack: list[tuple[Path, str, list[_Ignore], ReadSettings]] = [(start, "", ignores, settings0)]
    while stack:
        folder, rel_folder, ignores, settings = stack.pop()
        if rel_folder:
            if not selection.no_ignore and (folder / IGNORE_FILE).is_file():
                ignores = [*ignores, _Ignore(rel_folder, _load_ignore(folder / IGNORE_FILE))]
            if (folder / read_settings.SETTINGS_FILE).is_file():
                settings = base.over(
                    read_settings.load_file(folder / read_settings.SETTINGS_FILE).over(settings)
                )
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            found.skipped.append(
                Skipped(_printable(placement.key_of(folder)), f"cannot list folder: {exc.strerror or exc}")
            )
            continue
        for entry in entries:
            name = entry.name
            rel = f"{rel_folder}/{name}" if rel_folder else name
            path = Path(entry.path)
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=False)
                is_link_to_dir = is_link and entry.is_dir(follow_symlinks=True)
            except OSError:
                is_link = is_dir = is_link_to_dir = False
            if name in SETTINGS_FILES and not is_dir:
                continue
            key = placement.key_of(path) if not is_link else _key_of_link(placement, folder, name)
            shown = key + "/" if is_dir or is_link_to_dir else key
            verdict, glob = overrides.decide(rel + "/" if is_dir else rel)
            if verdict == "pass":
                found.pass_over("excluded", f"by the glob {glob!r}", shown)
                continue
            forced = verdict == "force"
            if verdict is None and overrides.whitelist and not is_dir:
                found.pass_over("not included", "matches no --include glob", shown)
                continue
            if not forced and name.startswith(".") and not selection.hidden:
                found.pass_over("hidden", "hidden: --hidden reads them", shown)
                continue
            if is_link_to_dir:
                found.pass_over("link to a folder", "links to folders are not followed", shown)
                continue
            if is_dir:
                if (path / INDEX_MARKER).is_file():
                    found.pass_over("newsearch index", "an index folder, not articles", shown)
                    continue
                if not forced and _ignored(ignores, rel + "/"):
                    found.pass_over("ignored", f"by {IGNORE_FILE}", shown)
                    continue
                stack.append((path, rel, ignores, settings))
                continue
            if not forced and not selection.no_ignore:
                if _ignored(ignores, rel):
                    found.pass_over("ignored", f"by {IGNORE_FILE}", shown)
                    continue
                if m := _NOT_ARTICLE_NAME.match(name):
                    word = m[1].upper().replace("LICENCE", "LICENSE")
                    reason = "not an article by its name: --include NAME or --no-ignore reads it"
                    found.pass_over(f"{word}*", reason, shown)
                    continue
            _file(found, path, key, placement, settings, forced=forced, html=html, known_key=True)


def _key_of_link(placement: Placement, folder: Path, name: str) -> str:
    return f"{placement.key_of(folder)}/{name}"


def _file(
    found: Survey,
    path: Path,
    key: str,
    placement: Placement,
    settings: ReadSettings,
    *,
    forced: bool,
    html: bool,
    known_key: bool = False,
) -> None:
    from . import reader_for, suffix_of

    if not known_key:
        key = placement.key_of(path)
    if reader_for(path.name) is None:
        kind, reason = suffix_of(path.name), "unsupported type"
        if not kind and path.name.lower().endswith(".gz"):  # "x.gz": what it holds has no type to read it by
            kind, reason = ".gz", "no type before .gz (name it like stories.jsonl.gz)"
        found.pass_over(kind or "(no suffix)", reason, _printable(key))
        return
    if not html and suffix_of(path.name) in (".html", ".htm"):
        found.pass_over(suffix_of(path.name), "HTML needs the html extra: pip install 'newsearch[html]'", key)
        return
    for item in _source(path, key, settings, forced):
        (found.skipped if isinstance(item, Skipped) else found.sources).append(item)  # type: ignore[arg-type]


def _printable(name: str) -> str:
    """A file name safe to print and store: bytes that are not UTF-8 (surrogate escapes) shown as \\xNN."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


printable = _printable


def _source(path: Path, key: str, settings: ReadSettings, forced: bool) -> Iterator[SourceFile | Skipped]:
    if _printable(str(path)) != str(path):
        # The index and manifest store names as UTF-8: such a name could not be stored or matched later.
        yield Skipped(_printable(key), "file name is not valid UTF-8 (rename the file to index it)")
        return
    try:
        st = path.stat()
    except OSError as exc:
        yield Skipped(key, f"cannot read: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(st.st_mode):
        yield Skipped(key, "not a regular file")
        return
    yield SourceFile(path, key, st.st_size, st.st_mtime_ns, settings, forced)
