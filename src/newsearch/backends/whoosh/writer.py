"""The one place that opens a Whoosh writer: plain or with sub-writer processes, deletes through one searcher,
and the clean-up of what a killed writer leaves behind.

Whoosh pitfalls handled here (see ../shared/WHOOSH-NOTES.md): ``procs=2`` only with ``multisegment=True``;
sub-writer processes exit when the indexing process dies (else they hold the lock for good); a cancel or
a kill leaves unreferenced segment files and temp TOCs that Whoosh itself never removes (a writer removes
them once it holds the lock, before it writes).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, LockError, clean_files
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util.filelock import try_for
from whoosh.writing import SegmentWriter

from ...errors import IndexLocked
from ...sync import watch_parent
from ..base import Record
from .errors import map_engine_errors
from .schema import encode

# What an index creation in progress (or killed) leaves before the marker exists: not someone else's files.
CREATING = re.compile(r"^(MAIN_WRITELOCK|_MAIN_0\.toc(\..+)?)$")


class WhooshWriter:
    """See backends.base.Writer."""

    def __init__(self, ix: Any, path: Path, *, timeout: float, workers: int) -> None:
        self._ix = ix
        self._path = path
        with map_engine_errors(path, timeout=timeout):
            lock = ix.lock("WRITELOCK")
            if not try_for(lock.acquire, timeout=timeout, delay=0.1):
                raise LockError
            try:
                # Under the lock this writer keeps, before its own files exist. Checked before taking the
                # lock, a killed run's leftovers were skipped while its dying processes still held it.
                self.recovered = _remove_leftovers(ix, path)
                if workers > 1:
                    # The sub-writers' arguments are given (Whoosh's default pool size): left empty, Whoosh
                    # would hand them this writer's own, _lk included.
                    sub = {"limitmb": 128}
                    self._writer = _MpWriter(
                        ix, procs=workers, multisegment=True, batchsize=256, subargs=sub, _lk=False
                    )
                else:
                    self._writer = SegmentWriter(ix, _lk=False)  # what ix.writer() makes, without locking
            except BaseException:
                lock.release()
                raise
            self._writer.writelock = lock  # Whoosh's commit and cancel release it
        self._searcher: Any = None
        self.closed = False

    def add(self, record: Record) -> None:
        with map_engine_errors(self._path):
            self._writer.add_document(**encode(record))

    def delete(self, article_id: str) -> None:
        """Delete from the segments that existed before this run.

        Whoosh's own update_document/delete_by_term open a new reader of every segment per call (seen: 1,000
        updates of a 100k index took longer than building it); one searcher serves the whole run.
        """
        with map_engine_errors(self._path):
            if self._searcher is None:
                self._searcher = self._writer.searcher()
            self._writer.delete_by_term("id", article_id, searcher=self._searcher)

    def commit(self, progress: Callable[[int, int], None] | None = None) -> None:
        self._close_searcher()
        with map_engine_errors(self._path):
            self._writer.commit()
        self.closed = True

    def cancel(self) -> None:
        self._close_searcher()
        if not self._writer.is_closed:
            self._writer.cancel()
        self.closed = True
        clean_leftovers(self._ix, self._path)  # Whoosh's cancel leaves the unused new segment's files

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None


def clean_leftovers(ix: Any, folder: Path) -> list[str]:
    """Remove what a cancelled or killed writer left behind; returns the names removed (none when another
    writer holds the lock: it removes them when it takes the lock)."""
    lock = ix.lock("WRITELOCK")
    if not lock.acquire(blocking=False):
        return []
    try:
        return _remove_leftovers(ix, folder)
    finally:
        lock.release()


def _remove_leftovers(ix: Any, folder: Path) -> list[str]:
    """Remove a killed writer's files; the caller holds the write lock. Returns the names removed.

    Whoosh writes a new segment's files, then a temp TOC renamed into place, so a kill leaves the last
    committed state intact but litters the folder: unreferenced segment files, ``_MAIN_<n>.toc.<time>``
    temp TOCs and ``*.tmp`` folders, which Whoosh itself never removes.
    """
    before = set(os.listdir(folder))
    toc = TOC.read(ix.storage, ix.indexname)  # loads no segment files
    clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
    temp_toc = re.compile(rf"^_{re.escape(ix.indexname)}_\d+\.toc\..+$")
    for name in os.listdir(folder):
        path = folder / name
        try:
            if temp_toc.match(name):
                path.unlink()
            elif name.endswith(".tmp") and path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
        except OSError:
            pass  # gone already, or not ours to remove: leave it
    return sorted(before - set(os.listdir(folder)))


@contextlib.contextmanager
def creation_lock(folder: Path, timeout: float = 30.0) -> Iterator[None]:
    """Whoosh's write lock on a folder that may not hold an index yet: serialises creating it."""
    lock = FileStorage(str(folder)).lock("MAIN_WRITELOCK")
    deadline = time.monotonic() + timeout
    while not lock.acquire(blocking=False):
        if time.monotonic() > deadline:
            raise IndexLocked(f"{folder} is locked by another newsearch process (waited {timeout:g}s)")
        time.sleep(0.05)
    try:
        yield
    finally:
        lock.release()


class _SubWriterTask(SubWriterTask):
    """A Whoosh sub-writer process that exits when the indexing process dies.

    Sub-writers inherit the write lock's file descriptor; Whoosh's wait for the next job forever, so after
    the parent is killed they would hold the lock for good (every later run: "locked"). The parent's pid is
    taken here, in the parent (see :func:`newsearch.sync.exit_when_orphaned`).
    """

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._indexer = os.getpid()

    def run(self) -> None:
        watch_parent(self._indexer)
        super().run()


class _MpWriter(MpWriter):
    def _new_task(self) -> _SubWriterTask:
        task = _SubWriterTask(
            self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, self.multisegment
        )
        self.tasks.append(task)
        task.start()
        return task
