"""newsearch: full-text search for news articles — ranked phrase and faceted search, speakers and parties.

>>> import newsearch
>>> ix = newsearch.create_index("index")                      # doctest: +SKIP
>>> ix.add(["corpus"])                                         # doctest: +SKIP
>>> ix.search("prisoner exchange", limit=5).hits[0].headline   # doctest: +SKIP
"""

from .errors import (
    ArticleError,
    ArticleNotFound,
    CorpusError,
    IndexLocked,
    IndexNotFound,
    NewsearchError,
    NotAnIndex,
    QueryError,
)
from .index import Index, create_index, open_index
from .models import (
    Article,
    FacetValue,
    Hit,
    IndexReport,
    IndexStats,
    Party,
    Quote,
    Ranking,
    SearchResult,
    Skipped,
    Span,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleError",
    "ArticleNotFound",
    "CorpusError",
    "FacetValue",
    "Hit",
    "Index",
    "IndexLocked",
    "IndexNotFound",
    "IndexReport",
    "IndexStats",
    "NewsearchError",
    "NotAnIndex",
    "Party",
    "QueryError",
    "Quote",
    "Ranking",
    "SearchResult",
    "Skipped",
    "Span",
    "__version__",
    "create_index",
    "open_index",
]
