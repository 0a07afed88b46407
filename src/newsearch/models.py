"""newsearch's own typed records: what readers produce, what the index stores, what search returns.

Nothing here knows about Whoosh; a compiled engine can sit behind the same models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

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
    """One news article, as read from the corpus and as stored in the index.

    ``date`` is timezone-aware with the article's own UTC offset (UTC when its source gave none): the
    offset decides its calendar day (for date facets, ``date:`` and ``since``/``until``).
    """

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
    # What a format carries beyond the fields above (Reuters' places/people/orgs, a dateline, NITF
    # keywords…): stored and shown, not searchable. Values are strings or tuples of strings.
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # Why the extractor found each speaker, quote speaker and party: the rule and its cue (see Evidence).
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why the extractor found a speaker, a party or a quote's speaker: the rule that fired, its cue, where.

    ``facet`` is "speakers", "parties" or "quotes"; ``name`` the canonical value (for a quote its speaker,
    "" when none); ``position`` a character offset in the body (-1 for the headline or standfirst; for a
    quote, the quote's own ``position``).
    """

    facet: str
    name: str
    rule: str
    cue: str = ""
    position: int = -1


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractor finds in one article; ``evidence`` says which rule found each value."""

    speakers: tuple[str, ...] = ()
    parties: tuple[Party, ...] = ()
    quotes: tuple[Quote, ...] = ()
    evidence: tuple[Evidence, ...] = ()


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
class NotRead:
    """Files a folder walk passed over for one reason, grouped (``.sgm ×22 (unsupported type)``).

    ``kind`` is what the files have in common (a suffix such as ".pdf", or a name such as "README*");
    ``paths`` names every one (folders end with "/": a hidden folder is passed over whole).
    """

    reason: str
    kind: str
    count: int
    paths: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.kind} ×{self.count} ({self.reason})"


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two records that claim one article id. Both are kept: the one that held the id keeps it, the
    other is stored under ``kept_as`` (its place: file path, plus ``#record``)."""

    id: str
    kept_as: str
    path: str
    record: int | None
    holder_path: str
    holder_record: int | None = None

    def __str__(self) -> str:
        return (
            f"id {self.id!r} is claimed by {_place(self.holder_path, self.holder_record)} and "
            f"{_place(self.path, self.record)}: both kept, the second as {self.kept_as!r}"
        )


def _place(path: str, record: int | None) -> str:
    return path if record is None else f"{path}#{record}"


@dataclass(frozen=True, slots=True)
class FileNotice:
    """Something read but not understood in full: dates that did not parse, a record with a headline
    but no body column, columns no field takes, a corpus folder that moved. The articles are indexed.

    ``kind``: "dates-unparsed", "no-body", "columns-unused", "root-moved", "root-missing".
    ``records``: the first few record numbers concerned (``count`` gives how many in all).
    """

    kind: str
    path: str
    message: str
    count: int = 1
    records: tuple[int, ...] = ()

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What one ``Index.add`` run did.

    ``skipped``: files and records read but not indexed, each with its reason. ``not_read``: what the
    folder walk passed over, grouped by reason. ``conflicts``: records that claimed an id another record
    holds (both kept). ``dates_unparsed``: articles indexed without a date because theirs did not parse
    (details in ``notices``).
    """

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: tuple[Skipped, ...] = ()
    files: int = 0
    elapsed: float = 0.0
    not_read: tuple[NotRead, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    dates_unparsed: int = 0
    notices: tuple[FileNotice, ...] = ()

    @property
    def not_read_files(self) -> int:
        return sum(group.count for group in self.not_read)


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
    date: datetime | None  # timezone-aware, the article's own offset (see Article)
    source: str | None
    path: str
    speakers: tuple[str, ...]
    parties: tuple[Party, ...]
    snippet: str
    highlights: tuple[Span, ...] = ()
    url: str | None = None
    similar: tuple[str, ...] = ()  # ids of near-duplicates folded into this hit (collapsed results)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the engine changed, dropped or could not do with a request, said instead of done silently.

    ``kind`` is a short stable code (e.g. "dropped-terms", "stopword-phrase", "unsupported"); ``message``
    is one line for people; ``position`` is the character offset in the query text where known.
    """

    kind: str
    message: str
    position: int | None = None


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
    collapsed: int = 0  # near-duplicates folded into the hits shown (see Hit.similar)
    notices: tuple[Notice, ...] = ()


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
    engine: str  # the search engine the index was made with ("whoosh", "memory", …)
    extractor: str = "pure Python"  # how this install's extractor runs: "compiled" (mypyc) or "pure Python"


@dataclass(frozen=True, slots=True)
class MigrationReport:
    """What ``newsearch migrate`` did: every article moved from one engine to another."""

    path: str
    from_engine: str
    to_engine: str
    articles: int
    elapsed: float = 0.0


@dataclass(frozen=True, slots=True)
class Ranking:
    """How free-text queries are scored: engine-neutral settings each backend turns into its own scoring.

    The defaults are those that held up on every development collection (TIME's odd queries, ADI, CISI,
    CRAN, MED) when each was chosen without the collection it was scored on: ``python
    benchmarks/relevance.py --ablation --loco``, figures in benchmarks/results/relevance.json.

    ``grouping``: "or" ranks articles with any of the words, higher the more they have; "and" requires all.
    Each text field is scored with BM25 (``bm25_k1``, ``bm25_b``; ``field_k1``/``field_b`` set them for one
    field, e.g. ``field_b=(("headline", 0.3),)``) and the field scores are added up.
    ``headline_boost``/``standfirst_boost``: a word in that field scores as one more field match times the
    boost (1.0: a headline match counts like a second, short body; body and subheads weigh 1.0).
    ``idf``: "lucene", log(1 + (N - df + 0.5) / (df + 0.5)) as in Lucene, Elasticsearch, tantivy and bm25s
    (a word in most articles weighs almost nothing), or "whoosh", log(N / (df + 1)) + 1.
    ``idf_scope``: "article" gives a word one idf over whole articles (its document frequency in the
    field where it is most frequent, normally the body), so a rare-in-headlines but common word is not
    inflated in the headline field; "field" uses each field's own statistics (Whoosh's BM25F).
    ``query_term_weight``: "once" scores each distinct typed word once; "count" weighs a word typed n times
    n times (Lucene's habit). ``all_terms_bonus`` adds an all-words clause (off: on long natural-language
    queries it rewards chance co-occurrence).
    ``expansion``: RM3 pseudo-relevance feedback on free-word queries (see :mod:`newsearch.feedback`): the
    ``expansion_terms`` best words of the top ``expansion_docs`` articles are added with ``expansion_weight``
    of the query's weight, for queries of at least ``expansion_min_words`` distinct words (keyword searches
    of 1-2 words skip the extra search). ``Ranking(expansion=False)`` turns it off.
    The stemmer is fixed when an index is built (``create_index(stemmer=...)``), not here.
    """

    grouping: str = "or"
    headline_boost: float = 1.0
    standfirst_boost: float = 1.5
    bm25_b: float = 0.75
    bm25_k1: float = 1.2
    field_b: tuple[tuple[str, float], ...] = ()  # (field, b) pairs overriding bm25_b for that field
    field_k1: tuple[tuple[str, float], ...] = ()  # (field, k1) pairs overriding bm25_k1 for that field
    idf: str = "lucene"
    idf_scope: str = "article"
    query_term_weight: str = "once"
    all_terms_bonus: float = 0.0
    proximity_bonus: float = 0.0  # off: no effect on TIME, and it doubled two-word query time at 100k
    proximity_slop: int = 3
    expansion: bool = True
    expansion_docs: int = 3
    expansion_terms: int = 30
    expansion_weight: float = 0.5
    expansion_min_words: int = 3  # feedback is for verbose queries; 1-2 keywords rank by themselves


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """One quote found by ``Index.quotes``, with the article it is from. ``direct``: the speaker's own words
    (in quotation marks in the article); False: reported speech, the article's wording of what was said."""

    article_id: str
    headline: str
    date: datetime | None  # timezone-aware, the article's own offset (see Article)
    source: str | None
    speaker: str | None
    speaker_label: str
    text: str
    position: int
    score: float
    direct: bool = True


@dataclass(frozen=True, slots=True)
class QuoteResult:
    """Quotes found by ``Index.quotes``: the first ``limit`` in ``hits``, ``total`` of them in all.

    ``speakers`` counts the named speakers of **all** matching quotes (not of the page, and not every
    speaker of a matching article): who is quoted most saying the words. Unnamed sources are not counted.
    """

    query: str
    speaker: str | None
    total: int
    hits: tuple[QuoteHit, ...]
    elapsed: float
    speakers: tuple[FacetValue, ...] = ()
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True, slots=True)
class Period:
    """One bar of an attention-over-time chart: a day, ISO week, month or year.

    ``label`` is "2025-11-03", "2025-W45", "2025-11" or "2025"; ``first_day``/``last_day`` are inclusive;
    ``articles`` counts every article in the index dated in the period (the denominator of the shares).
    """

    label: str
    first_day: date
    last_day: date
    articles: int


@dataclass(frozen=True, slots=True)
class TimelineSeries:
    """One query's matching articles per period, aligned with ``Timeline.periods``.

    ``shares[i]`` is ``counts[i] / periods[i].articles`` (0.0 for a period with no articles at all).
    ``undated`` matching articles have no date and so are on no bar; ``total`` counts them too.
    """

    query: str
    total: int
    counts: tuple[int, ...]
    shares: tuple[float, ...]
    undated: int = 0


@dataclass(frozen=True, slots=True)
class Timeline:
    """Attention over time: up to three queries' matching articles per period, empty periods as zero."""

    granularity: str
    periods: tuple[Period, ...]
    series: tuple[TimelineSeries, ...]
    elapsed: float
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True, slots=True)
class Filters:
    """Drill-down: AND across fields, OR within one (``speakers=("Okonjo", "Brandt")``: either)."""

    speakers: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # inclusive (a date without a time means the whole day)

    def __bool__(self) -> bool:
        return any((self.speakers, self.parties, self.sources, self.authors, self.since, self.until))


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """Everything one search asks for: what the CLI, the web page and the API pass to ``Index.search``.

    ``text`` in the query language (``*`` alone: every article, e.g. for facets only). ``limit`` hits per
    page (0: none, only the total and facets), ``page`` from 1. ``facets`` are counted over every matching
    article; ``filters`` narrow without changing scores; ``sort`` is relevance, date or -date;
    ``collapse`` folds near-duplicates into the best-ranked copy; ``snippets`` off skips building them.
    """

    text: str = "*"
    limit: int = 10
    page: int = 1
    facets: tuple[str, ...] = ()
    facet_top: int = 10
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"
    collapse: bool = True
    snippets: bool = True
