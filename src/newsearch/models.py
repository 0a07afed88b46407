"""newsearch's own typed records: what readers produce, what the index stores, what search returns.

Nothing here knows about Whoosh; a compiled engine can sit behind the same models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

PARTY_KINDS = ("person", "organisation", "country", "place", "group", "outlet")


@dataclass(frozen=True, slots=True)
class Party:
    """A named actor in an article: a person, organisation, country/place, group or outlet."""

    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class Quote:
    """Something an article reports a speaker as saying.

    ``speaker`` is the canonical name, or None for an unnamed source ("a senior official"), whose
    wording is kept in ``speaker_label``. ``position`` is the character offset of the quote in the body.
    """

    text: str
    speaker: str | None
    speaker_label: str
    position: int
    direct: bool = True


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, as read from the corpus and as stored in the index."""

    id: str
    headline: str
    body: str
    standfirst: str = ""
    date: datetime | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    path: str = ""  # the file it came from, relative to the corpus root it was found under
    record: int | None = None  # 1-based record number inside a multi-record file (JSON list, JSONL, CSV)
    subheads: tuple[str, ...] = ()
    links: tuple[str, ...] = ()  # "Read more: …" related links: kept, but not searchable
    content_hash: str = ""
    speakers: tuple[str, ...] = ()
    parties: tuple[Party, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractor finds in one article."""

    speakers: tuple[str, ...] = ()
    parties: tuple[Party, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or record that was not indexed, and why."""

    path: str
    reason: str
    record: int | None = None

    def __str__(self) -> str:
        where = self.path if self.record is None else f"{self.path}: record {self.record}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What one ``Index.add`` run did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: tuple[Skipped, ...] = ()
    files: int = 0
    elapsed: float = 0.0


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted stretch of a snippet: ``snippet[start:end]`` matched the query."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked search result."""

    id: str
    score: float
    headline: str
    date: datetime | None
    source: str | None
    path: str
    speakers: tuple[str, ...]
    parties: tuple[str, ...]
    snippet: str
    highlights: tuple[Span, ...] = ()
    url: str | None = None


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A page of ranked hits, the total number of matching articles and the time the search took."""

    query: str
    total: int
    page: int
    limit: int
    hits: tuple[Hit, ...]
    elapsed: float
    facets: dict[str, tuple[FacetValue, ...]] = field(default_factory=dict)
    suggestion: str | None = None


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What ``newsearch stats`` shows."""

    path: str
    articles: int
    sources: tuple[FacetValue, ...]
    first_date: datetime | None
    last_date: datetime | None
    size_bytes: int
    last_update: datetime | None
    schema_version: int


@dataclass(frozen=True, slots=True)
class Ranking:
    """How free-text queries are scored. The defaults are what the TIME evaluation chose (README "Ranking").

    ``grouping``: "or" ranks articles with any of the words, higher the more they have; "and" requires all.
    """

    grouping: str = "or"
    headline_boost: float = 2.5
    standfirst_boost: float = 1.5
    bm25_b: float = 0.75
    bm25_k1: float = 1.2
    all_terms_bonus: float = 1.0
    proximity_bonus: float = 1.0
    proximity_slop: int = 3
    expansion: bool = False
    expansion_docs: int = 10
    expansion_terms: int = 20
    expansion_weight: float = 0.5


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """One quote found by ``Index.quotes``, with the article it is from."""

    article_id: str
    headline: str
    date: datetime | None
    source: str | None
    speaker: str | None
    speaker_label: str
    text: str
    position: int
    score: float


@dataclass(frozen=True, slots=True)
class QuoteResult:
    query: str
    speaker: str | None
    total: int
    hits: tuple[QuoteHit, ...]
    elapsed: float
