"""The public face of newsearch: an Index you open or create, add articles to and search.

>>> import newsearch
>>> ix = newsearch.create_index("index")                # doctest: +SKIP
>>> ix.add(["corpus"]).added                             # doctest: +SKIP
>>> ix.search('"prisoner exchange"').hits[0].headline   # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from . import indexer, manifest
from .analysis import DEFAULT_STEMMER
from .errors import ArticleNotFound, CorpusError, IndexNotFound, NewsearchError
from .models import Article, FacetValue, IndexReport, IndexStats, Ranking, SearchResult
from .schema import SCHEMA_VERSION, create_engine_index, open_engine_index
from .search import Searcher

DEFAULT_INDEX = "index"
ENV_INDEX = "NEWSEARCH_INDEX"


def default_index_path() -> Path:
    return Path(os.environ.get(ENV_INDEX) or DEFAULT_INDEX)


class Index:
    """A newsearch index on disk. Safe to search from several threads; one writer at a time (locked)."""

    def __init__(self, path: Path, engine, marker: dict, ranking: Ranking | None = None) -> None:
        self.path = path
        self._engine = engine
        self._marker = marker
        self.ranking = ranking or Ranking()
        self._searcher = Searcher(engine, ranking=self.ranking)

    def __repr__(self) -> str:
        return f"Index({str(self.path)!r})"

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._searcher.close()

    def refresh(self) -> None:
        """See commits made since this Index was opened (searches also pick them up by themselves)."""
        self._searcher.close()
        self._engine = open_engine_index(self.path)
        self._searcher = Searcher(self._engine, ranking=self.ranking)

    # ------------------------------------------------------------------------------ writing
    def add(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Callable[[int, int], None] | None = None,
        lock_timeout: float = 10.0,
        extract: bool = True,
        workers: int | None = None,
    ) -> IndexReport:
        """Index the articles under ``paths`` (folders or files): new ones are added, changed ones updated,
        ones whose files are gone removed; returns counts and the skipped files/records with reasons.

        ``workers``: processes for large runs (default: the CPU count, at most 4; 1 = single process).
        """
        if isinstance(paths, str | os.PathLike):
            raise TypeError("paths must be a list of paths, e.g. ix.add(['corpus'])")
        roots = [Path(p) for p in paths]
        if not roots:
            raise ValueError("no corpus paths given")
        missing = [str(r) for r in roots if not r.exists()]
        if len(missing) == len(roots):
            raise CorpusError(f"no such file or folder: {', '.join(missing)}")
        extractor = _extractor() if extract else None
        report = indexer.add(
            self._engine, self.path, roots, extractor=extractor, lock_timeout=lock_timeout, progress=progress
        )
        return report

    # ------------------------------------------------------------------------------ reading
    def search(self, text: str, *, limit: int = 10, page: int = 1) -> SearchResult:
        """Ranked hits for a query: words, "phrases"~slop, field:value, AND/OR/NOT, date ranges."""
        return self._searcher.search(text, limit=limit, page=page)

    def get(self, article_id: str) -> Article:
        """The stored article with this id; ArticleNotFound when there is none."""
        article = self._searcher.get(article_id)
        if article is None:
            raise ArticleNotFound(f"no article with id {article_id!r} in {self.path}")
        return article

    def __len__(self) -> int:
        return self._searcher.count()

    def stats(self) -> IndexStats:
        figures = self._searcher.stats()
        size = sum(f.stat().st_size for f in self.path.iterdir() if f.is_file())
        saved = manifest.Manifest.load(self.path)
        last = datetime.fromisoformat(saved.updated) if saved and saved.updated else None
        if last is None:
            last = datetime.fromtimestamp(max(f.stat().st_mtime for f in self.path.iterdir()), UTC)
        return IndexStats(
            path=str(self.path),
            articles=figures.articles,
            sources=tuple(FacetValue(v, c) for v, c in figures.sources),
            first_date=figures.first_date,
            last_date=figures.last_date,
            size_bytes=size,
            last_update=last,
            schema_version=int(self._marker.get("schema_version", 0)),
        )


def _extractor():
    try:
        from .extract import default_aliases, extract
    except ImportError:  # extraction is optional during development of the package
        return None
    aliases = default_aliases()
    return lambda article: extract(article, aliases)


def open_index(path: str | os.PathLike[str] | None = None, *, ranking: Ranking | None = None) -> Index:
    """Open an existing newsearch index (default ``index/`` or $NEWSEARCH_INDEX).

    ``ranking`` overrides how free-text queries are scored (see :class:`newsearch.Ranking`).
    """
    folder = Path(path) if path is not None else default_index_path()
    if not folder.is_dir():
        raise IndexNotFound(f"no index at {folder} (build one with: newsearch index CORPUS --index {folder})")
    marker = manifest.read_marker(folder)
    if int(marker.get("schema_version", 0)) != SCHEMA_VERSION:
        raise NewsearchError(
            f"{folder} has index schema version {marker.get('schema_version')}, this newsearch reads "
            f"{SCHEMA_VERSION}: rebuild it (delete the folder and run newsearch index again)"
        )
    return Index(folder, open_engine_index(folder), marker, ranking)


def create_index(path: str | os.PathLike[str] | None = None, *, stemmer: str = DEFAULT_STEMMER) -> Index:
    """Create a newsearch index (or open it if ``path`` already holds one).

    Refuses a folder that has other files in it and was not made by newsearch.
    """
    folder = Path(path) if path is not None else default_index_path()
    if folder.exists() and not folder.is_dir():
        raise NewsearchError(f"{folder} exists and is not a folder")
    if folder.is_dir() and (folder / manifest.MARKER).exists():
        return open_index(folder)
    if folder.is_dir() and any(folder.iterdir()):
        manifest.read_marker(folder)  # raises NotAnIndex with the reason
    folder.mkdir(parents=True, exist_ok=True)
    create_engine_index(folder, stemmer)
    manifest.write_marker(folder, SCHEMA_VERSION, stemmer)
    return open_index(folder)
