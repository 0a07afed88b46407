"""A tantivy index folder: create or open it, take its one writer, keep searchers current.

What tantivy guarantees and what this module adds (measured: see the issue-15 note and
tests/test_tantivy_store.py):

- **Commit** writes the new segments' files, then replaces ``meta.json`` atomically. A process killed at
  any moment (SIGKILL in 15 random places of add/commit loops) leaves the last committed state, every
  document readable. Uncommitted segment files are deleted by the next writer (tantivy's garbage
  collection of its managed files); the ``.tmpXXXX`` files of an atomic write cut short are not, so
  :meth:`TantivyStore.writer` removes them while it holds the lock.
- **One writer**: tantivy takes ``.tantivy-writer.lock`` (an advisory file lock that ends with its
  process, so a killed writer never leaves a stale lock) and fails at once with "LockBusy"; here the
  writer waits up to ``timeout`` seconds and then raises :class:`~newsearch.errors.IndexLocked`.
- **Readers** in any thread or process see one committed state at a time; :meth:`TantivyStore.searcher`
  reloads when ``meta.json`` has changed since the last look (a ``stat``), so a long-lived reader sees
  new commits without waiting for tantivy's 500 ms file watcher.
- No fsync guarantees beyond tantivy's own (it fsyncs the files it writes and the folder on commit).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ... import analysis
from ...errors import IndexLocked, NewsearchError
from . import fields, require, terms

META = "meta.json"
_TMP = re.compile(r"^\.tmp[A-Za-z0-9_]{6,}$")  # tantivy's atomic writes (tempfile crate, in the folder)
_DELETES = re.compile(r"^[0-9a-f]{32}\.(\d+)\.del$")  # a segment's deleted documents as of an opstamp
_LOCK_BUSY = "LockBusy"
DEFAULT_HEAP = 128_000_000  # bytes of indexing buffer, shared by the writer's threads


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One committed state: document numbers are ``bases[segment_ord] + doc`` (dense, as the Reader
    protocol wants); ``size`` is one past the largest (deleted documents keep their numbers)."""

    searcher: Any
    generation: int
    bases: tuple[int, ...]
    size: int


def _layout(meta: tuple[int, tuple[tuple[int, int], ...]]) -> tuple[tuple[int, ...], int]:
    bases, total = [], 0
    for max_doc, _ in meta[1]:
        bases.append(total)
        total += max_doc
    return tuple(bases), total


def _agrees(meta: tuple[int, tuple[tuple[int, int], ...]], searcher: Any) -> bool:
    segments = meta[1]
    return searcher.num_segments == len(segments) and searcher.num_docs == sum(m - d for m, d in segments)


class TantivyStore:
    """One tantivy index folder. Thread-safe for searching; at most one writer per folder at a time."""

    def __init__(self, path: Path, index: Any, stemmer: str) -> None:
        self.path = path
        self.stemmer = stemmer
        self._index = index
        self._lock = threading.Lock()
        self._seen: tuple[int, int, int] | None = None
        self._snapshot: Snapshot | None = None
        # Read once: a tantivy schema never changes, and the binding's getter, called per added document,
        # cost ~75 us a story in a Reuters build (cProfile; it gives up the GIL to the pool's threads).
        self._schema = index.schema
        terms.register(index)
        index.config_reader("manual")

    # ------------------------------------------------------------------------------ opening
    @classmethod
    def create(cls, path: Path, stemmer: str = analysis.DEFAULT_STEMMER) -> TantivyStore:
        """A new, empty index in ``path`` (which must exist and hold no tantivy index)."""
        tantivy = require()
        if stemmer not in analysis.STEMMERS:
            raise ValueError(f"unknown stemmer {stemmer!r}")
        if (path / META).exists():
            raise NewsearchError(f"{path} already holds a tantivy index")
        index = _engine_call(path, lambda: tantivy.Index(fields.build_schema(), path=str(path), reuse=False))
        return cls(path, index, stemmer)

    @classmethod
    def open(cls, path: Path, stemmer: str = analysis.DEFAULT_STEMMER) -> TantivyStore:
        tantivy = require()
        if not (path / META).is_file():
            raise NewsearchError(f"{path}: no tantivy index here (no {META})")
        index = _engine_call(path, lambda: tantivy.Index.open(str(path)))
        return cls(path, index, stemmer)

    @property
    def index(self) -> Any:
        return self._index

    @property
    def schema(self) -> Any:
        return self._schema

    def generation(self) -> int:
        """The opstamp of the last commit (0 for a new index; it grows with every commit): what the
        manifest records."""
        return self._meta()[0]

    # ------------------------------------------------------------------------------ reading
    def searcher(self) -> Any:
        """A searcher of the newest committed state (reloaded only when a commit happened since)."""
        return self.snapshot().searcher

    def snapshot(self) -> Snapshot:
        """The newest committed state: its searcher, generation and segment layout (for document numbers).

        Reloaded only when ``meta.json`` changed since the last look (one ``stat``). The layout is read from
        ``meta.json`` before and after the reload; both reads agreeing (same opstamp, same segment and
        document counts as the searcher) proves they describe the searcher's state, not a later commit.
        """
        try:
            st = os.stat(self.path / META)
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        with self._lock:
            if stamp is not None and stamp == self._seen and self._snapshot is not None:
                return self._snapshot
            for _ in range(50):
                before = self._meta()
                _engine_call(self.path, self._index.reload)
                searcher = self._index.searcher()
                after = self._meta()
                if before == after and _agrees(before, searcher):
                    bases, size = _layout(before)
                    self._seen, self._snapshot = stamp, Snapshot(searcher, before[0], bases, size)
                    return self._snapshot
                time.sleep(0.01)  # a commit landed in between: look again
            raise NewsearchError(f"{self.path}: the index kept changing while being opened; try again")

    def _meta(self) -> tuple[int, tuple[tuple[int, int], ...]]:
        """(opstamp, ((max_doc, deleted), … per segment in searcher order)) from meta.json."""
        try:
            meta = json.loads((self.path / META).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise NewsearchError(f"{self.path}: cannot read {META} ({exc})") from exc
        segments = tuple(
            (int(seg["max_doc"]), int((seg.get("deletes") or {}).get("num_deleted_docs", 0)))
            for seg in meta.get("segments", ())
        )
        return int(meta.get("opstamp", 0)), segments

    # ------------------------------------------------------------------------------ writing
    def writer(self, *, timeout: float = 10.0, heap: int = DEFAULT_HEAP, threads: int = 0) -> TantivyWriter:
        """The folder's one writer, waiting up to ``timeout`` s for another process to release it."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                raw = self._index.writer(heap, threads)
                break
            except ValueError as exc:
                if _LOCK_BUSY not in str(exc):
                    raise NewsearchError(f"{self.path}: cannot open a writer ({exc})") from exc
                if time.monotonic() >= deadline:
                    raise IndexLocked(
                        f"{self.path} is locked by another newsearch process (waited {timeout:g}s); "
                        "try again later"
                    ) from None
                time.sleep(0.05)
        removed = self._clean_leftovers()
        return TantivyWriter(self, raw, removed)

    def _clean_leftovers(self) -> list[str]:
        """Remove what a killed writer left that would get in the way (only while holding the lock): the temp
        files of atomic writes it cut short, and the delete files it wrote for a commit that never happened.

        A delete file is named by the opstamp of the commit it is for; one newer than the last commit can
        only come from a writer killed before its commit, and the next writer, deleting the same documents
        at the same opstamp, would fail on it ("FileAlreadyExists"; tantivy's own garbage collection keeps
        it). Older ones are tantivy's to collect.
        """
        removed = []
        committed = self._meta()[0]
        for name in os.listdir(self.path):
            stale = _DELETES.match(name)
            if _TMP.match(name) or (stale is not None and int(stale.group(1)) > committed):
                with contextlib.suppress(OSError):
                    (self.path / name).unlink()
                    removed.append(name)
        return sorted(removed)


class TantivyWriter:
    """Adds, replaces and deletes stored records; nothing is visible until :meth:`commit`.

    A context manager that commits on success and rolls back on error, like Whoosh's writer.
    ``recovered``: what an interrupted earlier run left behind and opening this writer removed.
    """

    def __init__(self, store: TantivyStore, raw: Any, recovered: list[str]) -> None:
        self._store = store
        self._raw = raw
        self.recovered = recovered
        self.closed = False
        # Near-duplicate marks (fields.DUP_MARK), as the index's layout has them (fields.marks_layout).
        layout = fields.marks_layout(store.schema)
        self._marks = layout == 1
        self._keys_written: set[int] = set()  # layout 1: the band keys written in this run
        self._pairs = _Pairs(self, store.searcher()) if layout >= 2 else None
        self._committed = store.searcher() if self._marks else None

    def add(self, record: dict, prepared: Any = None) -> None:
        """Add one stored record (``prepared``, if made elsewhere: :func:`prepare` of it, or its stored JSON,
        :func:`.fields.encode` of it, which the sync's worker processes make: ``TantivyEngine.preparer``;
        then ``record`` needs only the fields of ``TantivyEngine.prepared_needs``, the JSON has the rest)."""
        stored = prepared if isinstance(prepared, bytes) else None
        marked = self._pairs.arrive(record, stored) if self._pairs is not None else False
        if marked is None:
            return  # held back (as the stored JSON)
        if stored is not None:
            record = fields.decode(stored)
            prepared = fields.document_values(record, self._store.stemmer, stored)
        if self._pairs is not None:
            self._write(record, marked, prepared)
            return
        if prepared is None:
            prepared = fields.document_values(record, self._store.stemmer)
        if self._marks:
            self._mark(prepared[0])
        self._raw.add_document(fields.to_document(record, self._store.stemmer, prepared, self._store.schema))

    def _write(self, record: dict | None, marked: bool, prepared: Any = None) -> None:
        """Add a document (``record`` None: read from ``prepared``'s stored JSON, if a field needs it)."""
        if prepared is None:
            assert record is not None
            prepared = fields.document_values(record, self._store.stemmer)
        elif record is None:
            record = fields.decode(prepared[0][fields.RECORD][0]) if prepared[1] else {}
        if marked:
            prepared[0][fields.DUP_MARK] = [1]
        self._raw.add_document(fields.to_document(record, self._store.stemmer, prepared, self._store.schema))

    def _mark(self, found: dict[str, list[Any]]) -> None:
        """Layout 1: mark a document sharing a band key with one written before it (in this run, or
        committed: a document deleted in this run may still count, which only marks more than needed). Of
        any two live documents sharing a key the later one is then marked: what the reader's layout-1
        fold_search relies on."""
        keys = found.get(fields.DUP_KEYS)
        if not keys:
            return
        if not self._keys_written.isdisjoint(keys) or self._committed_shares(keys):
            found[fields.DUP_MARK] = [1]
        self._keys_written.update(keys)

    def _committed_shares(self, keys: list[int]) -> bool:
        searcher = self._committed
        if searcher is None or not searcher.num_docs:
            return False
        query = require().Query.term_set_query(self._store.schema, fields.DUP_KEYS, keys)
        return bool(searcher.search(query, 1, count=False).hits)

    def idle(self) -> bool:
        """Do a little of the work the commit would do (layout 2: analyse one held-back document); False
        when there is none. The sync calls this while it waits for its worker processes."""
        return self._pairs is not None and self._pairs.prepare_one()

    def update(self, record: dict, prepared: Any = None) -> None:
        """Replace the record with the same id (or add it)."""
        self.delete(record["id"])
        self.add(record, prepared)

    def delete(self, article_id: str) -> None:
        """Delete the record with this id (a no-op when there is none). Deletes apply to what was added
        before them, so delete-then-add in one run replaces."""
        self._raw.delete_documents_by_term("id", article_id)
        if self._pairs is not None:
            self._pairs.delete(article_id)

    def commit(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Make everything visible at once; returns the new generation. ``progress(written, total)`` hears
        how many of the documents held back until the commit are written (layout 2)."""
        if self._pairs is not None:
            self._pairs.flush(progress)
        opstamp = _engine_call(self._store.path, self._raw.commit)
        self._close()
        return int(opstamp)

    def cancel(self) -> None:
        """Drop everything added or deleted since the last commit."""
        if not self.closed:
            with contextlib.suppress(ValueError):
                self._raw.rollback()
            self._close()

    def _close(self) -> None:
        # Wait for merges and release the lock now, not when the garbage collector gets to the object.
        if not self.closed:
            self.closed = True
            if self._pairs is not None:
                self._pairs.close()
            raw, self._raw = self._raw, None
            with contextlib.suppress(ValueError):
                raw.wait_merging_threads()

    def __enter__(self) -> TantivyWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            if not self.closed:
                self.commit()
        else:
            self.cancel()


FLUSH_REPORT = 1000  # held-back documents written between two progress calls of a commit


class _Pairs:
    """Layout-2 marks for one run of a writer: every live document sharing a band key with another live
    document carries ``dup_mark`` (both members of a pair), which the reader's fold_search relies on.

    A document sharing a key with a live committed document or one written earlier in this run is marked
    and added at once. Any other may still meet a partner later in the run, and tantivy cannot change a
    document once added, so it is held back and added at the commit, marked if a partner came. A committed
    partner not marked yet is written again, marked, from its stored record (delete and add: only when a
    run brings a new copy of an older article).
    Held back rather than written twice: a deleted copy would count in tantivy's term statistics until a
    merge, so a fresh build would score differently from Whoosh's. Held back on disk, in a nameless
    temporary file in the index folder (gone with the process, however it ends): in memory, even
    zlib-compressed, records cost ~2.4 KB a story and 76 us to compress (100k synthetic stories).
    A document is held as its stored JSON; when the writer has time (:meth:`TantivyWriter.idle`: the sync
    waiting for its worker processes), held documents are analysed in arrival order and held as their
    prepared values (:func:`.fields.held`), so the commit, which adds them while nothing else runs, has
    less left to do (Reuters, ~94 % of a first run's stories held back: that serial stretch took 2.5-2.9 s
    when it analysed every one). Only the analysed values and the ``values`` blob are appended: the JSON
    already in the spill is the stored record, so each document is on disk once (appending a whole copy
    made the spill 1.8x the final index on Reuters, issue 15o). Analysing every document as it arrives
    instead made the writing process the slowest part of the pipeline: the build got slower (1.63/1.73x
    plain Whoosh against 2.05/2.11x, alternated pairs).

    A deleted document's partner stays marked, and a document sharing a key with a run document deleted
    since is marked anyway: a mark too many costs the reader a match in its pool, never an answer.
    """

    def __init__(self, writer: TantivyWriter, committed: Any) -> None:
        self._writer = writer
        self._committed = committed if committed.num_docs else None
        # Each document written in this run, re-written partners included, gets a slot (its arrival).
        self._holder: dict[int, int] = {}  # band key -> slot of the first run document holding it
        # slot -> [offset of its JSON, length of it (held as JSON) or that length and where the rest of its
        # prepared values are (:meth:`prepare_one`), marked since], in arrival order
        self._held: dict[int, list[Any]] = {}
        self._spill: Any = None  # the held-back documents, one after another
        self._end = 0  # of the spill
        self._raw: deque[int] = deque()  # slots held as JSON, in arrival order (some deleted since)
        self._slot_of: dict[str, int] = {}  # id -> the slot of its held-back document
        self._touched: set[str] = set()  # ids added or deleted in this run: their committed versions are gone
        self._slots = 0
        self._set_query = require().Query.term_set_query

    def arrive(self, record: dict, stored: bytes | None = None) -> bool | None:
        """True: add the record now, marked; False: now, unmarked (no band keys: it pairs with nothing);
        None: held back until :meth:`flush` (as its stored JSON: ``stored``, when made already)."""
        article_id = record["id"]
        self._touched.add(article_id)
        keys = _band_keys(record)
        if not keys:
            return False
        marked = self._committed_partners(keys)
        slot = self._slot()
        for key in keys:
            first = self._holder.setdefault(key, slot)
            if first != slot:
                marked = True
                held = self._held.get(first)
                if held is not None:
                    held[2] = True
        if marked:
            return True
        if self._spill is None:
            self._spill = tempfile.TemporaryFile(dir=self._writer._store.path)  # noqa: SIM115 (closed by flush/close)
        # JSON, as stored (newsearch never unpickles: tests/test_trust.py)
        blob = stored if stored is not None else fields.encode(record)
        self._held[slot] = [self._append(blob), len(blob), False]
        self._raw.append(slot)
        self._slot_of[article_id] = slot
        return None

    def _append(self, blob: bytes) -> int:
        at = self._end
        self._spill.seek(at)
        self._spill.write(blob)
        self._end = at + len(blob)
        return at

    def prepare_one(self) -> bool:
        """Analyse the first document still held as JSON and hold its prepared values: the head and the
        ``values`` blob of :func:`.fields.held` are appended, and its JSON, already in the spill, is the
        stored record (held[1] becomes (JSON length, where the head is, head length, blob length))."""
        while self._raw:
            held = self._held.get(self._raw.popleft())
            if held is None:
                continue  # deleted since
            self._spill.seek(held[0])
            blob = self._spill.read(held[1])
            # The JSON held is the stored record (:func:`.fields.encode` of it): kept, not encoded again.
            values = fields.document_values(fields.decode(blob), self._writer._store.stemmer, blob)
            head, _, kept = fields.held(values)
            held[1] = (held[1], self._append(head + kept), len(head), len(kept))
            return True
        return False

    def _slot(self) -> int:
        self._slots += 1
        return self._slots

    def delete(self, article_id: str) -> None:
        self._touched.add(article_id)
        slot = self._slot_of.pop(article_id, None)
        if slot is not None:
            del self._held[slot]

    def flush(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Add the held-back documents (in arrival order), marked where a partner came; ``progress(written,
        total)`` every :data:`FLUSH_REPORT` documents and at the end (100k stories take tens of seconds)."""
        held, self._held, self._slot_of, self._raw = self._held, {}, {}, deque()
        spill, self._spill = self._spill, None
        if spill is None:
            return
        total = len(held)
        stemmer = self._writer._store.stemmer
        with spill:
            for written, (offset, lengths, marked) in enumerate(held.values(), start=1):
                spill.seek(offset)  # (within the read buffer, a seek reads nothing)
                if isinstance(lengths, int):
                    blob = spill.read(lengths)
                    record = fields.decode(blob)
                    self._writer._write(record, marked, fields.document_values(record, stemmer, blob))
                else:
                    length, head_at, head, kept = lengths
                    stored = spill.read(length)
                    spill.seek(head_at)
                    prepared = fields.unheld(spill.read(head), stored, spill.read(kept))
                    self._writer._write(None, marked, prepared)
                if progress is not None and (written % FLUSH_REPORT == 0 or written == total):
                    progress(written, total)

    def close(self) -> None:
        """Drop what is held back (the writer's cancel)."""
        if self._spill is not None:
            self._spill.close()
        self._spill, self._held, self._slot_of, self._raw = None, {}, {}, deque()

    def _committed_partners(self, keys: list[int]) -> bool:
        """Whether a live committed document (not replaced or deleted in this run) shares a key; those
        not marked yet are written again, marked, and count as run documents from then on."""
        searcher = self._committed
        if searcher is None:
            return False
        query = self._set_query(self._writer._store.schema, fields.DUP_KEYS, keys)
        found = searcher.search(query, 64, count=True)
        hits = found.hits if found.count <= 64 else searcher.search(query, int(found.count), count=False).hits
        shares = False
        for _, address in hits:
            stored = searcher.doc(address)
            record = fields.decode(stored[fields.RECORD][0])
            partner = record["id"]
            if partner in self._touched:
                continue  # replaced in this run (then found through the run's keys) or deleted
            shares = True
            if stored.get_first(fields.DUP_MARK) is None:
                self._writer._raw.delete_documents_by_term("id", partner)
                self._writer._write(record, True)
                self._touched.add(partner)
                slot = self._slot()
                for key in _band_keys(record):
                    self._holder.setdefault(key, slot)
        return shares


def _band_keys(record: dict) -> list[int]:
    return [fields.key_number(key) for key in fields.dup_keys(record)[: len(fields.BAND_FIELDS)]]


def prepare(record: dict, stemmer: str = analysis.DEFAULT_STEMMER) -> Any:
    """Everything :meth:`TantivyWriter.add` computes from a record without the index (analysis, hashes,
    the JSON record: :func:`.fields.document_values`), as plain picklable data.

    Measured (issue 15 stage C): running this in the sync's worker processes moved ~2 CPU s of a Reuters
    build off the writing process but added ~2 s of pickling, with no gain in wall time on 2 cores, so the
    sync does not; ``add`` calls it itself."""
    return fields.document_values(record, stemmer)


def _engine_call(path: Path, call):
    """Run a tantivy call; its errors (ValueError / OSError from the binding) become NewsearchError."""
    try:
        return call()
    except (ValueError, OSError, RuntimeError) as exc:
        raise NewsearchError(f"{path}: the tantivy index failed ({exc})") from exc
