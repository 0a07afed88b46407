"""The index's own records beside the engine files: the marker that says "newsearch made this", and the
manifest of source files (hash and article ids per file) that makes re-runs incremental.

Both are JSON, written atomically (temp file + rename); nothing here ever unpickles anything.

The marker is signed: an HMAC-SHA256, with a secret key kept per user (``$NEWSEARCH_KEY_FILE``, else
``$XDG_DATA_HOME/newsearch/key``, else ``~/.local/share/newsearch/key``; mode 0600, made on first use), over
the marker's contents and the index folder's real path. Whoosh keeps its schema and stored fields as
pickles, and unpickling runs code, so an index whose marker this user's newsearch did not sign for this
folder (copied from elsewhere, or forged) is refused before Whoosh reads anything from it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .errors import NewsearchError, NotAnIndex

try:
    import fcntl
except ImportError:  # Windows: no advisory locks on the temp files; their age alone decides
    fcntl = None  # type: ignore[assignment]

MARKER = "newsearch.json"
MANIFEST = "newsearch-manifest.json"
ROOTS = "newsearch-roots.json"  # corpus roots: name -> folder; saved before the commit that first uses them
ALIASES = "aliases.toml"  # the user's alias table, kept with the index it was applied to
MERGES = "newsearch-merges.json"  # the merges of the latest commit, written by the writer
# Every file write_text_atomic writes: remove_abandoned_temps knows their temp files by these names.
ATOMIC_FILES = (MARKER, MANIFEST, ROOTS, ALIASES, MERGES)
FORMAT = "newsearch-index"


def write_json_atomic(path: Path, data: object) -> None:
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new one, never a part.

    The temp file beside it (``.<name>.<pid>.<random>.tmp``) names the writing process and is locked until
    renamed, so that :func:`remove_abandoned_temps` can tell one a killed process left from one being
    written right now (these files are written outside the engine's write lock, e.g. right after a commit).
    Only the names in ``ATOMIC_FILES`` are written here: a temp file of any other name would never be swept.
    """
    if path.name not in ATOMIC_FILES:
        raise ValueError(f"{path.name}: not one of the index's own files {ATOMIC_FILES}")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            if fcntl is not None:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
            if fcntl is not None:
                os.replace(tmp, path)  # still locked (closing the file releases the lock)
        if fcntl is None:
            os.replace(tmp, path)  # where there is no fcntl (Windows) an open file cannot be renamed
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# The temp files of write_text_atomic for the index's own files (older newsearch: no pid in the name).
_OWN_FILES = "|".join(re.escape(name) for name in ATOMIC_FILES)
_TEMP = re.compile(rf"^\.(?:{_OWN_FILES})\.(?:(?P<pid>\d+)\.)?[^.]+\.tmp$")
# A temp file whose writer cannot be told (no pid in its name, or the pid now names another process) is
# removed once this old: writing one takes milliseconds.
TEMP_AGE = 60.0


def remove_abandoned_temps(folder: Path) -> list[str]:
    """Remove the temp files of :func:`write_text_atomic` in ``folder`` that a killed process left; returns
    their names. One is abandoned when it is not locked and the process its name gives is gone (or it is
    older than ``TEMP_AGE``); a file being written right now is always kept."""
    removed = []
    now = time.time()
    for name in sorted(os.listdir(folder)):
        found = _TEMP.match(name)
        if found is None:
            continue
        path = folder / name
        try:
            old = now - path.stat().st_mtime > TEMP_AGE
            if (old or not _running(found["pid"])) and not _in_use(path):
                path.unlink()
                removed.append(name)
        except OSError:
            pass  # gone already (renamed into place), or not ours to remove: leave it
    return removed


def _running(pid: str | None) -> bool:
    if pid is None:
        return True  # cannot tell: only its age decides
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process has that pid (or it is no pid at all): leave it to the age
    return True


def _in_use(path: Path) -> bool:
    """Whether a live process holds the lock write_text_atomic takes on its temp file."""
    if fcntl is None:
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing releases the lock if it was taken
    return False


ENV_KEY_FILE = "NEWSEARCH_KEY_FILE"
SIGNATURE = "signature"


def key_path() -> Path:
    """Where this user's signing key lives (see the module docstring)."""
    if explicit := os.environ.get(ENV_KEY_FILE):
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "newsearch" / "key"


def user_key() -> bytes:
    """This user's secret signing key, created (mode 0600) on first use."""
    path = key_path()
    try:
        key = path.read_bytes().strip()
    except FileNotFoundError:
        key = _create_key(path)
    except OSError as exc:
        raise NewsearchError(f"cannot read the newsearch key {path} ({exc.strerror or exc})") from None
    if len(key) < 32:
        raise NewsearchError(f"the newsearch key {path} is damaged (too short); delete it to make a new one")
    return key


def _create_key(path: Path) -> bytes:
    key = secrets.token_hex(32).encode("ascii")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_bytes().strip()
    except OSError as exc:
        raise NewsearchError(f"cannot create the newsearch key {path} ({exc.strerror or exc})") from None
    with os.fdopen(fd, "wb") as fh:
        fh.write(key + b"\n")
        fh.flush()
        os.fsync(fh.fileno())
    return key


def _signature(folder: Path, data: dict) -> str:
    body = {k: v for k, v in data.items() if k != SIGNATURE}
    message = json.dumps([os.path.realpath(folder), body], sort_keys=True, ensure_ascii=True)
    return hmac.new(user_key(), message.encode("utf-8"), hashlib.sha256).hexdigest()


def _write_signed(folder: Path, data: dict) -> None:
    data = {k: v for k, v in data.items() if k != SIGNATURE}
    write_json_atomic(folder / MARKER, {**data, SIGNATURE: _signature(folder, data)})


def write_marker(folder: Path, schema_version: int, stemmer: str, engine: str = "whoosh") -> None:
    _write_signed(
        folder,
        {
            "format": FORMAT,
            "schema_version": schema_version,
            "engine": engine,
            "stemmer": stemmer,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )


def _read_unverified(folder: Path) -> dict:
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


def read_marker(folder: Path) -> dict:
    """The marker's contents; NotAnIndex unless this user's newsearch made (and signed) it for this folder."""
    data = _read_unverified(folder)
    signature = data.get(SIGNATURE)
    if not isinstance(signature, str) or not hmac.compare_digest(signature, _signature(folder, data)):
        raise NotAnIndex(
            f"{folder} was not created here by your newsearch (its {MARKER} has no valid signature: the "
            "index was copied or moved from elsewhere, made by another user or an older newsearch, or "
            "tampered with). Opening an index loads pickled data that can run code, so it is refused. If "
            f"you trust where it came from, accept it with: newsearch trust {folder}  "
            "(Python: newsearch.trust_index(path))"
        )
    return data


def trust_marker(folder: Path) -> dict:
    """Sign an existing index's marker with this user's key, for this folder: the user vouches for it."""
    data = _read_unverified(folder)
    _write_signed(folder, data)
    return read_marker(folder)


@dataclass
class FileEntry:
    hash: str
    size: int
    mtime_ns: int
    articles: dict[str, str] = field(default_factory=dict)  # article id -> content hash
    # [reason, record] of each problem met reading the file: an unchanged file's problems are reported again
    skipped: list[list] = field(default_factory=list)
    # What was noticed reading it (FileNotice fields: dates not parsed, no body …), reported again too.
    notices: list[dict] = field(default_factory=list)
    # [claimed id, id kept under, record] of its records that lost an id claim: such a file is always re-read.
    conflicts: list[list] = field(default_factory=list)


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


def load_roots(folder: Path) -> dict[str, str]:
    """The index's corpus roots (name, "" for the home root -> real folder); {} when none are recorded.

    Kept apart from the manifest and written before the commit that first uses a new root, so that a
    manifest rebuilt from the index after a crash still knows which folder each key's first part names.
    """
    try:
        raw = json.loads((folder / ROOTS).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise NewsearchError(
            f"{folder / ROOTS}: unreadable ({exc}); rebuild the index with --rebuild"
        ) from None
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise NewsearchError(f"{folder / ROOTS}: damaged; rebuild the index with --rebuild")
    return {str(k): v for k, v in raw.items()}


def save_roots(folder: Path, roots: dict[str, str]) -> None:
    write_json_atomic(folder / ROOTS, dict(sorted(roots.items())))
