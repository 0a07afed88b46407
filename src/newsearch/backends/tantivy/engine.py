"""The tantivy engine behind the seam: a Backend (create, open, creation lock) and an Engine (per-thread
readers of the latest commit, the one writer, recovery), shaped to issue 13's protocols
(``newsearch.backends.base`` on branch issue-13) so the adapter plugs in when the seam lands.

    backend = BACKEND                                   # "tantivy" in backends.REGISTRY (stage B)
    backend.create(folder, stemmer="snowball")
    engine = backend.open(folder, stemmer="snowball")
    with engine.writer(timeout=10) as w:                # commits on success, rolls back on error
        w.add(record)                                   # documents.record(...)'s dict
    reader = engine.reader(Ranking())
    reader.search(Boolean(...), limit=10)               # [(doc, score)]
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ... import analysis
from ...errors import IndexLocked
from . import fields, scoring
from .reader import Columns, TantivyReader
from .store import TantivyStore, TantivyWriter

NAME = "tantivy"
CREATION_LOCK = ".newsearch-create.lock"
WRITER_LOCK = ".tantivy-writer.lock"
# Every file tantivy writes in an index folder: segment files (<32 hex>.<ext>, deletes <32 hex>.<n>.del),
# meta.json, its managed-files list, its two lock files, temp files of atomic writes; and our creation lock.
_ENGINE_FILE = re.compile(
    r"^([0-9a-f]{32}\..+|meta\.json|\.managed\.json|\.tantivy-(meta|writer)\.lock|\.tmp\w+|"
    + re.escape(CREATION_LOCK)
    + r")$"
)
# What creating an index leaves before newsearch's marker exists (and what a killed creation leaves).
_CREATING = re.compile(r"^(meta\.json|\.managed\.json|\.tantivy-(meta|writer)\.lock|\.tmp\w+|"
                       + re.escape(CREATION_LOCK) + r"|\.newsearch\.json\..+\.tmp)$")  # fmt: skip


class TantivyEngine:
    """An open tantivy index folder; share it between threads."""

    def __init__(self, store: TantivyStore) -> None:
        self.path = store.path
        self.store = store
        self._columns: Columns | None = None
        self._lock = threading.Lock()
        self._local = threading.local()

    def reader(self, ranking: Any = None) -> TantivyReader:
        """This thread's reader of the latest commit (a new one only after a commit), scoring with
        ``ranking``; ValueError for settings tantivy cannot apply (:func:`.scoring.unsupported`)."""
        snapshot = self.store.snapshot()
        current = getattr(self._local, "reader", None)
        if current is not None and current.generation == snapshot.generation and current.ranking == ranking:
            return current
        with self._lock:
            if self._columns is None or self._columns.generation != snapshot.generation:
                self._columns = Columns(snapshot.generation)
            columns = self._columns
        reader = TantivyReader(self.store, snapshot, columns, ranking)
        self._local.reader = reader
        return reader

    @contextlib.contextmanager
    def snapshot(self, ranking: Any = None) -> Iterator[TantivyReader]:
        """A reader of the latest commit for one long operation: tantivy's searcher is a point-in-time view
        that any thread may use, so this is the usual reader, kept whatever is committed meanwhile."""
        yield self.reader(ranking)

    def writer(self, *, timeout: float = 10.0, workers: int = 1) -> TantivyWriter:
        """The one writer (IndexLocked after ``timeout`` s), which has removed what a killed writer left
        (``recovered``; tantivy deletes uncommitted segment files itself). tantivy writes with its own
        threads, one per core (at most 8), whatever ``workers`` says; analysis runs where the records are
        made."""
        return self.store.writer(timeout=timeout)

    def preparer(self) -> Callable[[dict], bytes]:
        """What the sync's worker processes make of each record they build, for ``Writer.add(record,
        prepared)``: its stored JSON (:func:`.fields.encode`), which the writing process would otherwise
        encode itself (to hold the document back, and to store it). The analysis stays in the writing
        process: one process's caches of stems and chunks serve the whole run (issue 15r: analysing in the
        two workers cost 5-8 % more CPU in all, with cold caches in each and the values pickled)."""
        return fields.encode

    # The fields of a record TantivyWriter.add reads when it is given the stored JSON (the sync's workers
    # then send back only these: the rest is in the JSON): the id and the near-duplicate band keys. Not the
    # signature (64 ints), which fields.dup_keys reads only for a record without band keys, and a record
    # the sync builds always has them (documents.record): it doubled the writing process's unpickling of
    # what the workers send (Reuters: 7.5-8.2 -> 2.8-3.2 us a story; issue 15s).
    prepared_needs = ("id", fields.DUP_KEYS)

    def generation(self) -> int:
        return self.store.generation()

    def close(self) -> None:
        self._local = threading.local()
        with self._lock:
            self._columns = None


class TantivyBackend:
    name = NAME

    def create(self, folder: Path, *, stemmer: str = analysis.DEFAULT_STEMMER) -> None:
        TantivyStore.create(folder, stemmer)

    def open(self, folder: Path, *, stemmer: str = analysis.DEFAULT_STEMMER) -> TantivyEngine:
        return TantivyEngine(TantivyStore.open(folder, stemmer))

    @contextlib.contextmanager
    def creation_lock(self, folder: Path, timeout: float = 30.0) -> Iterator[None]:
        """An fcntl lock on a file of our own (tantivy's writer lock needs an index to exist)."""
        fd = os.open(folder / CREATION_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise IndexLocked(
                            f"{folder} is locked by another newsearch process (waited {timeout:g}s)"
                        ) from None
                    time.sleep(0.05)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def is_creation_leftover(self, name: str) -> bool:
        return bool(_CREATING.match(name))

    def remove(self, folder: Path, *, keep_lock: bool = True) -> None:
        """Delete tantivy's files in ``folder`` (its writer lock too unless ``keep_lock``); newsearch's own
        files are not touched."""
        for item in folder.iterdir():
            if not item.is_file() or not _ENGINE_FILE.match(item.name):
                continue
            if keep_lock and item.name == WRITER_LOCK:
                continue
            item.unlink(missing_ok=True)


BACKEND = TantivyBackend()
__all__ = ["BACKEND", "NAME", "TantivyBackend", "TantivyEngine", "scoring"]
