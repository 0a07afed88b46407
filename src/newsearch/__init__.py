"""newsearch: full-text search for news articles — ranked phrase and faceted search, speakers and parties.

>>> import newsearch
>>> ix = newsearch.create_index("index")                      # doctest: +SKIP
>>> ix.add(["corpus"])                                         # doctest: +SKIP
>>> ix.search("prisoner exchange", limit=5).hits[0].headline   # doctest: +SKIP
"""

# Whoosh 2.7.4 has invalid escape sequences in five modules: compiling them (no .pyc, e.g. with
# PYTHONDONTWRITEBYTECODE=1) warns, and under ``-W error`` the import fails. These filters match only
# warnings raised from Whoosh's own files, so a user's ``-W error`` keeps its meaning everywhere else.
# They sit here, before any import, because every newsearch module is imported through this package.
import warnings as _warnings

_WHOOSH_FILES = r"(.*[\\/])?whoosh([\\/.].*)?$"
_warnings.filterwarnings("ignore", category=SyntaxWarning, module=_WHOOSH_FILES)
_warnings.filterwarnings("ignore", category=DeprecationWarning, module=_WHOOSH_FILES)

from .errors import (  # noqa: E402
    ArticleError,
    ArticleNotFound,
    CorpusError,
    IndexLocked,
    IndexNotFound,
    IndexVersionError,
    NewsearchError,
    NotAnIndex,
    QueryError,
)
from .index import (  # noqa: E402
    Index,
    create_index,
    index_corpus,
    migrate_index,
    open_index,
    rebuild_index,
    trust_index,
)
from .models import (  # noqa: E402
    Article,
    Conflict,
    FacetValue,
    FileNotice,
    Hit,
    IndexReport,
    IndexStats,
    MigrationReport,
    Notice,
    NotRead,
    Party,
    Period,
    Quote,
    QuoteHit,
    QuoteResult,
    Ranking,
    SearchRequest,
    SearchResult,
    Skipped,
    Span,
    Timeline,
    TimelineSeries,
)
from .progress import IndexProgress  # noqa: E402

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleError",
    "ArticleNotFound",
    "Conflict",
    "CorpusError",
    "FacetValue",
    "FileNotice",
    "Hit",
    "Index",
    "IndexLocked",
    "IndexNotFound",
    "IndexProgress",
    "IndexReport",
    "IndexStats",
    "IndexVersionError",
    "MigrationReport",
    "NewsearchError",
    "NotAnIndex",
    "NotRead",
    "Notice",
    "Party",
    "Period",
    "QueryError",
    "Quote",
    "QuoteHit",
    "QuoteResult",
    "Ranking",
    "SearchRequest",
    "SearchResult",
    "Skipped",
    "Span",
    "Timeline",
    "TimelineSeries",
    "__version__",
    "create_index",
    "index_corpus",
    "migrate_index",
    "open_index",
    "rebuild_index",
    "trust_index",
]
