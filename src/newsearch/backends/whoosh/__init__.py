"""The Whoosh engine (the default): pure Python, the index's segment files live in the index folder itself.

Modules: ``schema`` (fields from documents.FIELDS, the analyzer adapter, record encoding), ``compile``
(plan nodes -> Whoosh queries), ``scoring`` (Ranking -> BM25F), ``reader`` (the Reader protocol),
``writer`` (the Writer protocol, sub-writer processes, crash clean-up), ``errors`` (map_engine_errors).
Nothing outside this package imports whoosh.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from ...errors import NewsearchError
from ...models import Ranking
from .errors import map_engine_errors
from .reader import Columns, WhooshReader
from .schema import build_schema
from .scoring import weighting
from .writer import CREATING, WhooshWriter, creation_lock

_ENGINE_FILE = re.compile(r"^_?MAIN_.+$")  # Whoosh's files of the index named MAIN: segments, TOCs, lock
LOCK = "MAIN_WRITELOCK"


class WhooshBackend:
    name = "whoosh"

    def create(self, folder: Path, *, stemmer: str) -> None:
        with map_engine_errors(folder):
            FileStorage(str(folder)).create_index(build_schema(stemmer))

    def open(self, folder: Path, *, stemmer: str) -> WhooshEngine:
        # Retried briefly: a writer's commit can delete the TOC file being read.
        for attempt in range(20):
            try:
                return WhooshEngine(folder, stemmer, _open_dir(folder))
            except NewsearchError as exc:
                if not isinstance(exc.__cause__, FileNotFoundError) or attempt == 19:
                    raise
                time.sleep(0.05)
        raise AssertionError("unreachable")

    def creation_lock(self, folder: Path, timeout: float = 30.0) -> AbstractContextManager[None]:
        return creation_lock(folder, timeout)

    def is_creation_leftover(self, name: str) -> bool:
        return bool(CREATING.match(name))

    def remove(self, folder: Path, *, keep_lock: bool = True) -> None:
        for item in folder.iterdir():
            if _ENGINE_FILE.match(item.name) and item.is_file() and not (keep_lock and item.name == LOCK):
                item.unlink()


def _open_dir(folder: Path) -> Any:
    """Whoosh's index object; NewsearchError when its files are missing or unreadable."""
    try:
        return whoosh_index.open_dir(str(folder))
    except (whoosh_index.EmptyIndexError, OSError, EOFError, ValueError) as exc:
        raise NewsearchError(
            f"{folder}: the index files cannot be opened ({type(exc).__name__}: {exc})"
        ) from exc


class WhooshEngine:
    """An open Whoosh index folder; searchable from several threads (one Whoosh searcher per thread, reused
    across queries and refreshed only when a writer has committed since: a cheap generation check)."""

    def __init__(self, path: Path, stemmer: str, ix: Any) -> None:
        self.path = path
        self.stemmer = stemmer
        self._ix = ix
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()
        self._columns: Columns | None = None

    def reader(self, ranking: Ranking) -> WhooshReader:
        readers: dict[Ranking, WhooshReader] | None = getattr(self._local, "readers", None)
        if readers is None:
            readers = self._local.readers = {}
        current = readers.get(ranking)
        with map_engine_errors(self.path):
            if current is None:
                searcher = self._ix.searcher(weighting=weighting(ranking))
                with self._lock:
                    self._all.append(searcher)
            elif not current.searcher.up_to_date():
                # The fresh searcher reuses the old one's unchanged segment readers, so the old one is not
                # closed here (Whoosh lets it go once unreferenced).
                searcher = current.searcher.refresh()
                with self._lock:
                    if searcher is not current.searcher:
                        self._all.remove(current.searcher)
                        self._all.append(searcher)
            else:
                return current
        reader = WhooshReader(self.path, searcher, self.stemmer, self._columns_for(searcher))
        readers[ranking] = reader
        return reader

    @contextlib.contextmanager
    def snapshot(self, ranking: Ranking) -> Iterator[WhooshReader]:
        """A searcher of its own on the latest commit, closed at the end. Whoosh's segments are compound
        files read through mmap, so they stay readable after a later commit merges and deletes them."""
        with map_engine_errors(self.path):
            searcher = self._ix.searcher(weighting=weighting(ranking))
        try:
            yield WhooshReader(self.path, searcher, self.stemmer, self._columns_for(searcher))
        finally:
            searcher.close()

    def _columns_for(self, searcher: Any) -> Columns:
        generation = searcher.reader().generation()
        with self._lock:
            if self._columns is None or self._columns.generation != generation:
                self._columns = Columns(generation)
            return self._columns

    def writer(self, *, timeout: float = 10.0, workers: int = 1) -> WhooshWriter:
        return WhooshWriter(self._ix, self.path, timeout=timeout, workers=workers)

    def generation(self) -> int:
        with map_engine_errors(self.path):
            return self._ix.latest_generation()

    def close(self) -> None:
        with self._lock:
            for searcher in self._all:
                searcher.close()
            self._all.clear()
        self._local = threading.local()


BACKEND = WhooshBackend()
__all__ = ["BACKEND", "WhooshBackend", "WhooshEngine"]
