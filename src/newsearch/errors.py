"""The exceptions newsearch raises on purpose: one root, specific subclasses."""

from __future__ import annotations


class NewsearchError(Exception):
    """Base for everything newsearch raises on purpose."""


class CorpusError(NewsearchError):
    """A corpus path cannot be read at all (missing, not a file or folder)."""


class ArticleError(CorpusError):
    """One file or record could not be turned into an article.

    ``str(err)`` is a one-line message naming the file, the record (when there is one) and the reason.
    """

    def __init__(self, path: str, reason: str, record: int | None = None) -> None:
        self.path = path
        self.record = record
        self.reason = reason
        where = path if record is None else f"{path}: record {record}"
        super().__init__(f"{where}: {reason}")


class IndexNotFound(NewsearchError):
    """No newsearch index at the path."""


class NotAnIndex(NewsearchError):
    """The path exists but was not created by newsearch; it is never touched."""


class IndexLocked(NewsearchError):
    """Another process holds the index's write lock and did not release it in time."""


class IndexVersionError(NewsearchError):
    """The index was made by a newsearch with another schema version: it must be rebuilt."""


class QueryError(NewsearchError):
    """A query that does not parse or cannot run, with the query text and, where known, the position."""

    def __init__(self, query: str, reason: str, position: int | None = None) -> None:
        self.query = query
        self.reason = reason
        self.position = position
        where = "" if position is None else f" at position {position}"
        shown = query if len(query) <= 80 else query[:77] + "…"
        super().__init__(f"query {shown!r}{where}: {reason}")


class ArticleNotFound(NewsearchError):
    """No article with that id in the index."""
