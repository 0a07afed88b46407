"""The public face of newsearch: an Index you open or create, add articles to and search.

>>> import newsearch
>>> ix = newsearch.create_index("index")                # doctest: +SKIP
>>> ix.add(["corpus"]).added                             # doctest: +SKIP
>>> ix.search('"prisoner exchange"').hits[0].headline   # doctest: +SKIP
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import TypedDict, Unpack

from . import backends, documents, manifest, sync, timeline
from .analysis import DEFAULT_STEMMER
from .backends.base import Engine
from .corpus import Plan as _Plan
from .corpus import Selection, parse_date
from .corpus import plan as _plan
from .corpus import settings as read_settings
from .corpus.ids import STDIN_PATH
from .documents import SCHEMA_VERSION
from .errors import ArticleNotFound, CorpusError, IndexNotFound, IndexVersionError, NewsearchError
from .extract import COMPILED as EXTRACTOR_COMPILED
from .extract import AliasSuggestions, AliasTable, default_aliases, load_aliases, match_names
from .extract import extract as _extract
from .facets import DEFAULT_TOP as DEFAULT_FACET_TOP
from .manifest import write_text_atomic
from .models import (
    Article,
    FacetValue,
    Filters,
    Hit,
    IndexReport,
    IndexStats,
    MigrationReport,
    QuoteResult,
    Ranking,
    SearchRequest,
    SearchResult,
    Timeline,
)
from .query import SearchPlan, default_value_matcher
from .search import MERGES_FILE, Searcher, merges_of_values

DEFAULT_INDEX = "index"
ENV_INDEX = "NEWSEARCH_INDEX"
ALIASES_IN_INDEX = manifest.ALIASES
ALIASES_BESIDE_CORPUS = "newsearch-aliases.toml"
# What an index creation in progress (or killed) leaves of newsearch's own files before the marker exists.
_CREATING = re.compile(r"^\.newsearch\.json\..+\.tmp$")


_COMPILED_SUFFIXES = tuple(EXTENSION_SUFFIXES)
BUILD_NOTE = "build-note.txt"  # written by setup.py beside this module when a regular install is not compiled


def extractor_fingerprint(folder: str | os.PathLike[str] | None = None) -> str:
    """A hash of the extractor's code and shipped data: every file of the ``extract`` package (any name,
    any depth; caches and compiled files left out). A change to any of them re-extracts every article.

    Compiled extension modules (mypyc's ``.so`` of a regular install) are left out too: they are built from
    the ``.py`` files installed beside them, which are hashed, so a compiled and a pure install of the same
    sources share one key (same output, tests/test_compiled.py) and neither re-extracts the other's index."""
    if folder is None:
        return _installed_fingerprint()
    root = Path(folder)
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if (
            not path.is_file()
            or "__pycache__" in path.parts
            or path.suffix in (".pyc", ".pyo")
            or path.name.endswith(_COMPILED_SUFFIXES)
        ):
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def _installed_fingerprint() -> str:
    from . import extract

    return extractor_fingerprint(extract.__path__[0])


def extractor_build() -> str:
    """How the installed extractor runs: ``"compiled"`` (mypyc, a regular install with a C compiler) or
    ``"pure Python"`` (an editable install, ``NEWSEARCH_PURE_PYTHON=1``, or a compile that failed at install).
    Both give the same output; the compiled one takes less CPU per article."""
    return "compiled" if EXTRACTOR_COMPILED else "pure Python"


def extractor_note(package: Path | None = None, compiled: bool = EXTRACTOR_COMPILED) -> str:
    """Why a regular install runs the pure Python extractor (``NEWSEARCH_PURE_PYTHON`` was set, no C
    compiler, ...), as its build recorded it in the ``package`` folder (default: this one); empty when
    compiled, or when nothing was recorded (an editable install or a source checkout)."""
    if compiled:
        return ""
    try:
        return ((package or Path(__file__).parent) / BUILD_NOTE).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def extractor_text() -> str:
    """:func:`extractor_build` with :func:`extractor_note` after it, for people."""
    note = extractor_note()
    return f"{extractor_build()} ({note})" if note else extractor_build()


class SearchOptions(TypedDict, total=False):
    """The keyword options of :meth:`Index.search` (and :meth:`Index.request`), with their defaults."""

    limit: int  # 10
    page: int  # 1
    facets: Sequence[str]  # ()
    facet_top: int | None  # 10; None: every value
    speakers: Sequence[str]  # ()
    parties: Sequence[str]
    sources: Sequence[str]
    authors: Sequence[str]
    since: datetime | date | str | None  # None
    until: datetime | date | str | None
    sort: str  # "relevance"
    collapse: bool  # True
    snippets: bool  # True


def default_index_path() -> Path:
    return Path(os.environ.get(ENV_INDEX) or DEFAULT_INDEX)


class Index:
    """A newsearch index on disk. Safe to search from several threads; one writer at a time (locked)."""

    def __init__(self, path: Path, engine: Engine, marker: dict, ranking: Ranking | None = None) -> None:
        self.path = path
        self._engine = engine
        self._marker = marker
        self.engine = str(marker.get("engine") or backends.DEFAULT)
        self.ranking = ranking or Ranking()
        self._aliases = _load_index_aliases(path)
        self._searcher = self._new_searcher()

    def _new_searcher(self) -> Searcher:
        return Searcher(
            self._engine, ranking=self.ranking, value_matcher=self._match_values, aliases=self._aliases
        )

    def _match_values(self, field: str, text: str, values: Sequence[str]) -> list[str]:
        """Speakers and parties match through aliases and short forms; other fields case-insensitively."""
        if field in ("speakers", "parties"):
            found = match_names(text, values, self._aliases)
            # A one-word name also finds the full names it ends ("Blair": "Tony Blair"), even where the
            # extractor kept the short form as a value of its own in some articles.
            word = text.strip().lower()
            if word and " " not in word:
                found += [v for v in values if v not in found and v.lower().rsplit(" ", 1)[-1] == word]
            return found
        return default_value_matcher(field, text, values)

    def __repr__(self) -> str:
        return f"Index({str(self.path)!r})"

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._engine.close()

    def refresh(self) -> None:
        """See commits made since this Index was opened (searches also pick them up by themselves)."""
        self._engine.close()
        self._engine = _open_engine(self.path, self._marker)
        self._aliases = _load_index_aliases(self.path)
        self._searcher = self._new_searcher()

    # ------------------------------------------------------------------------------ writing
    def add(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Callable[..., None] | None = None,
        lock_timeout: float = 10.0,
        extract: bool = True,
        workers: int | None = None,
        aliases: str | os.PathLike[str] | None = None,
        fields: Mapping[str, str] | None = None,
        date_format: str | None = None,
        include: Sequence[str] = (),
        exclude: Sequence[str] = (),
        hidden: bool = False,
        no_ignore: bool = False,
        stdin: bytes | str | None = None,
    ) -> IndexReport:
        """Index the articles under ``paths`` (folders or files; ``"-"`` is ``stdin``): new ones are added,
        changed ones updated, ones whose files are gone (or now excluded) removed; returns the counts, the
        skipped files/records with reasons, what the walk did not read, id conflicts and notices.

        ``fields``: {"body": "full_story", …} reads a field from a column of another name; ``date_format``:
        a strptime format tried first ("%d/%m/%Y"); both override a ``newsearch.toml`` in a corpus folder.
        ``include``/``exclude``: globs in gitignore syntax as ripgrep's ``-g`` (see README); ``hidden`` reads
        hidden files; ``no_ignore`` disregards ``.newsearchignore`` and the names that are not articles
        (README*, LICENSE* …). ``stdin``: the bytes of JSON, JSONL or one plain-text article, added (never
        removing anything), with ids ``stdin/<hash>`` unless they carry their own.
        ``progress``: called as ``progress(files_done, files_total)`` once per file, or, if it takes a third
        argument, with an :class:`~newsearch.IndexProgress` too (articles read, "committing" at the end).
        ``workers``: processes for large runs (default: the CPU count, at most 4; 1 = single process).
        ``aliases``: a TOML alias table (see README) laid over the shipped one; without it a
        ``newsearch-aliases.toml`` in a corpus folder is used. The index keeps the table it was built with;
        when the table changes, every article's speakers and parties are extracted again.
        """
        if isinstance(paths, str | os.PathLike):
            raise TypeError("paths must be a list of paths, e.g. ix.add(['corpus'])")
        names = [os.fspath(p) for p in paths]
        if not names:
            raise ValueError("no corpus paths given")
        plan = corpus_plan(
            names,
            self.path,
            fields=fields,
            date_format=date_format,
            include=include,
            exclude=exclude,
            hidden=hidden,
            no_ignore=no_ignore,
            stdin=stdin,
        )
        roots = [Path(n) for n in names if n != STDIN_PATH]
        if extract:
            self._adopt_aliases(aliases, roots)
            extractor = functools.partial(_extract, aliases=self._aliases)
            key = hashlib.sha256(f"{extractor_fingerprint()}:{self._alias_text()}".encode()).hexdigest()[:16]
        else:
            extractor, key = None, "off"
        written = sync.RunNames(functools.partial(merges_of_values, aliases=self._aliases))
        report = sync.add(
            self._engine,
            self.path,
            plan,
            extractor=extractor,
            lock_timeout=lock_timeout,
            progress=progress,
            workers=workers,
            extraction_key=key,
            names=written,
        )
        self._searcher = self._new_searcher()
        self._searcher.save_merges(written)  # readers in other processes load them, not work them out
        return report

    def _alias_text(self) -> str:
        path = self.path / ALIASES_IN_INDEX
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def _adopt_aliases(self, explicit, roots: list[Path]) -> None:
        """Validate and keep the user's alias file (explicit, else one beside the corpus) with the index."""
        source = Path(explicit) if explicit is not None else None
        if source is None:
            found = [r / ALIASES_BESIDE_CORPUS for r in roots if (r / ALIASES_BESIDE_CORPUS).is_file()]
            source = found[0] if found else None
        if source is None:
            return
        table = load_aliases(source)  # raises AliasFileError (a NewsearchError) with the reason
        text = source.read_text(encoding="utf-8")
        if text != self._alias_text():
            write_text_atomic(self.path / ALIASES_IN_INDEX, text)
        self._aliases = table

    # ------------------------------------------------------------------------------ reading
    def search(self, text: str | SearchRequest, **options: Unpack[SearchOptions]) -> SearchResult:
        """Ranked hits for a query: words, "phrases"~slop, field:value, AND/OR/NOT, +/-, prefix*, fuzzy~,
        boosts^, dates (see the README's query language table); ``*`` alone matches every article.

        Options (keyword-only, see :class:`SearchOptions`): ``limit`` hits per page (0: only the total
        and facets) and ``page``; ``facets`` ("speakers", "parties", "parties:person", "source", "author",
        "date", "date:month") counted over every matching article, ``facet_top`` values each (None: all);
        ``speakers``/``parties``/``sources``/``authors`` narrow the results (OR within one, AND across), as
        do ``since``/``until`` (inclusive); ``sort``: "relevance", "date" (oldest first) or "-date" (newest
        first); ``collapse`` folds near-duplicate articles (syndicated copy) into the best-ranked one,
        listed in ``Hit.similar`` (the total then counts each group once and ``collapsed`` says how many
        were folded); ``snippets=False`` skips building them. A :class:`SearchRequest` may be given
        instead of the text and the options. What the query language dropped or changed is in
        ``notices``.
        """
        request = text if isinstance(text, SearchRequest) else self.request(text, **options)
        return self._searcher.search(request)

    @staticmethod
    def request(text: str, **options: Unpack[SearchOptions]) -> SearchRequest:
        """A SearchRequest from a query text and :meth:`search`'s options, with the arguments checked."""
        if not isinstance(text, str):
            raise TypeError("query text must be a string")
        unknown = sorted(set(options) - set(SearchOptions.__annotations__))
        if unknown:
            raise TypeError(f"unknown search option(s): {', '.join(unknown)}")
        filters = Filters(
            speakers=_names(options.get("speakers", ()), "speakers"),
            parties=_names(options.get("parties", ()), "parties"),
            sources=_names(options.get("sources", ()), "sources"),
            authors=_names(options.get("authors", ()), "authors"),
            since=_as_date(options.get("since"), "since"),
            until=_as_date(options.get("until"), "until"),
        )
        facets = options.get("facets", ())
        return SearchRequest(
            text=text,
            limit=options.get("limit", 10),
            page=options.get("page", 1),
            facets=(facets,) if isinstance(facets, str) else tuple(facets),
            facet_top=_all_if_none(options.get("facet_top", DEFAULT_FACET_TOP)),
            filters=filters,
            sort=options.get("sort", "relevance"),
            collapse=options.get("collapse", True),
            snippets=options.get("snippets", True),
        )

    def explain(self, request: str | SearchRequest) -> SearchPlan:
        """The plan a search would run (``newsearch query --explain``); ``newsearch.query.explain`` prints
        it."""
        if isinstance(request, str):
            request = self.request(request)
        return self._searcher.explain(request)

    def stream(
        self, text: str | SearchRequest, **options: Unpack[SearchOptions]
    ) -> tuple[SearchResult, Iterator[Hit]]:
        """Every matching article's Hit, lazily, with the result they belong to: for exports of all hits.

        Returns (result, hits): ``result`` is what :meth:`search` gives (total, facets, notices …) without
        hits; ``hits`` yields every hit in :meth:`search`'s order (near-duplicates folded as there). Both
        come from ONE committed state, ranked in one pass: a commit made while iterating neither shifts nor
        repeats a hit. Options as :meth:`search`'s, but there is no page (``limit`` and ``page`` are
        refused). Stop early with ``hits.close()``, or let the iterator go.

        >>> result, hits = ix.stream("ceasefire", sort="-date", facets=["source"])      # doctest: +SKIP
        """
        if isinstance(text, SearchRequest):
            request = text
        else:
            paging = sorted(set(options) & {"limit", "page"})
            if paging:
                raise TypeError(f"stream() gives every hit: it takes no {' or '.join(paging)}")
            request = self.request(text, **options)
        return self._searcher.stream(request)

    def iter_hits(self, text: str, **options: Unpack[SearchOptions]) -> Iterator[Hit]:
        """Every matching article's Hit in the order of :meth:`search`, lazily: :meth:`stream`'s hits
        (options as there: the filters, ``sort``, ``collapse``, ``snippets``).

        >>> sum(1 for _ in ix.iter_hits("ceasefire", sort="-date"))      # doctest: +SKIP
        """
        return self.stream(text, **options)[1]

    def similar(self, article_id: str, *, limit: int = 10) -> SearchResult:
        """The articles most like ``article_id``, by its most distinctive words."""
        result = self._searcher.similar(article_id, limit)
        if result is None:
            raise ArticleNotFound(f"no article with id {article_id!r} in {self.path}")
        return result

    def facet_values(self, facet: str, *, top: int | None = DEFAULT_FACET_TOP) -> tuple[FacetValue, ...]:
        """A facet's values over the whole index, most frequent first (dates in order); top=None: all."""
        return self._searcher.facet_over_index(facet, _all_if_none(top))

    def timeline(
        self,
        queries: Sequence[str],
        *,
        granularity: str | None = None,
        speakers: Sequence[str] = (),
        parties: Sequence[str] = (),
        sources: Sequence[str] = (),
        authors: Sequence[str] = (),
        since: datetime | date | str | None = None,
        until: datetime | date | str | None = None,
    ) -> Timeline:
        """Attention over time: articles matching each of up to 3 queries per period, empty periods as 0.

        The span is ``since``..``until``, else the first to the last matching day; ``granularity`` ("day",
        "week", "month", "year") defaults to one chosen from the span. Each series has counts and shares of
        all articles in the index dated in the period; the filters narrow every query as in :meth:`search`.

        >>> ix.timeline(["prisoner exchange", "ceasefire"], granularity="month")     # doctest: +SKIP
        """
        search = functools.partial(
            self.search,
            limit=1,
            facets=[timeline.DAYS],
            collapse=False,
            speakers=speakers,
            parties=parties,
            sources=sources,
            authors=authors,
            since=since,
            until=until,
        )
        all_days = functools.partial(self.facet_values, timeline.DAYS, top=None)
        return timeline.build(search, all_days, queries, granularity=granularity, since=since, until=until)

    def quotes(
        self,
        text: str | None = None,
        *,
        speaker: str | None = None,
        limit: int | None = 20,
        speaker_top: int = DEFAULT_FACET_TOP,
        direct_only: bool = False,
    ) -> QuoteResult:
        """Quotes holding the words and "phrases" of ``text`` (every word, unless OR says otherwise; NOT
        excludes), optionally by one speaker (limit None: all). Each hit says whether it is the speaker's
        own words (``direct``) or reported speech; ``direct_only`` keeps only their own words.

        ``QuoteResult.speakers`` counts the named speakers of every matching quote (``speaker_top`` of
        them, most quoted first): who is quoted most saying those words.

        >>> ix.quotes("delusional demands", speaker="Netanyahu")     # doctest: +SKIP
        """
        if not (text and text.strip()) and not speaker:
            raise ValueError("give words to look for, a speaker, or both")
        return self._searcher.quotes(text, speaker, limit, speaker_top, direct_only=bool(direct_only))

    def suggest_aliases(self, *, min_count: int = 1) -> AliasSuggestions:
        """Likely merges of speaker and party names across the index, with article counts: each short form
        that names exactly one full name of its kind ("Okonjo" → "Amara Okonjo"), spellings, plurals and
        initials (these merges are what facets and filters already apply), and the short forms left
        ambiguous. ``min_count``: only short forms named in at least that many articles.
        ``.toml()`` is an alias file to review and pass to ``add(aliases=…)`` / ``newsearch index
        --aliases``.

        >>> print(ix.suggest_aliases(min_count=2).toml())              # doctest: +SKIP
        """
        if isinstance(min_count, bool) or not isinstance(min_count, int):
            raise TypeError("min_count must be a whole number")
        if min_count < 1:
            raise ValueError("min_count must be at least 1")
        return self._searcher.alias_suggestions(min_count)

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
            engine=self.engine,
            extractor=extractor_build(),
        )

    @property
    def searcher(self) -> Searcher:
        """The engine-neutral searcher (for tools that run plans themselves)."""
        return self._searcher


def _all_if_none(top: int | None) -> int:
    """``top=None`` asks for every value."""
    return sys.maxsize if top is None else top


def _names(values: Sequence[str] | str, what: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    names = tuple(v.strip() for v in values if v and v.strip())
    if any(not isinstance(v, str) for v in values):
        raise TypeError(f"{what} must be strings")
    return names


def _as_date(value: datetime | date | str | None, what: str) -> datetime | None:
    """A date bound, compared with each article's own clock (its calendar day): an offset given with it is
    dropped, the wall-clock time kept."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(f"{what}={value!r} is not a date (use YYYY-MM-DD)")
    return parsed.replace(tzinfo=None)


def _load_index_aliases(folder: Path) -> AliasTable:
    path = folder / ALIASES_IN_INDEX
    return load_aliases(path) if path.exists() else default_aliases()


PLAN_OPTIONS = ("fields", "date_format", "include", "exclude", "hidden", "no_ignore", "stdin")


def corpus_plan(
    paths: Sequence[str],
    folder: Path | None = None,
    *,
    fields: Mapping[str, str] | None = None,
    date_format: str | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    hidden: bool = False,
    no_ignore: bool = False,
    stdin: bytes | str | None = None,
) -> _Plan:
    """What indexing ``paths`` into the index at ``folder`` (None: a new one) would read (options as
    :meth:`Index.add`'s); CorpusError when no path exists or there is nothing to index."""
    missing = [n for n in paths if n != STDIN_PATH and not Path(n).exists()]
    if len(missing) == len(paths):
        raise CorpusError(f"no such file or folder: {', '.join(missing)}")
    saved = manifest.Manifest.load(folder) if folder is not None else None
    plan = _plan(
        paths,
        manifest.load_roots(folder) if folder is not None else {},
        selection=Selection(tuple(include), tuple(exclude), hidden, no_ignore),
        settings=read_settings.make(fields, date_format),
        stdin=stdin.encode("utf-8") if isinstance(stdin, str) else stdin,
        keys=saved.files if saved else (),
    )
    if plan.nothing_to_read():
        raise CorpusError(plan.describe_nothing(list(paths)))
    return plan


def index_corpus(
    path: str | os.PathLike[str] | None,
    paths: Sequence[str | os.PathLike[str]],
    *,
    rebuild: bool = False,
    engine: str | None = None,
    **options,
) -> IndexReport:
    """Open (or create) the index at ``path`` and add ``paths`` to it: what ``newsearch index`` does.

    A new index is created only when there is something to write: a path that does not exist, or a
    folder with no article in it, raises CorpusError and leaves nothing behind. ``rebuild=True`` first
    empties an index newsearch made (e.g. one of an older schema). ``engine`` is a new index's search
    engine (default whoosh); naming another engine than an existing index's raises NewsearchError saying
    how to move it (:func:`migrate_index`). ``options`` are :meth:`Index.add`'s.
    """
    folder = Path(path) if path is not None else default_index_path()
    names = [os.fspath(p) for p in paths]
    if engine is not None and (folder / manifest.MARKER).exists():
        current = str(manifest.read_marker(folder).get("engine") or backends.DEFAULT)
        if current != engine:
            raise NewsearchError(
                f"{folder} is kept in the {current} engine, not {engine}: to move it, run "
                f"newsearch migrate --engine {engine} --index {folder}"
            )
    engine = engine or backends.DEFAULT
    if rebuild and (folder / manifest.MARKER).exists():
        rebuild_index(folder)
    fresh = not (folder / manifest.MARKER).exists()
    if fresh:
        _refuse_foreign(folder, backends.get(engine))
        corpus_plan(names, None, **{k: v for k, v in options.items() if k in PLAN_OPTIONS})  # raises
    existed = folder.exists()
    with create_index(folder, engine=engine) as ix:
        report = ix.add(names, **options)
        empty = fresh and len(ix) == 0
        used = backends.get(ix.engine)
    if empty:  # nothing could be written (every file was bad): leave no index that answers "no match"
        _remove_index_files(folder, used, keep_lock=False)
        if not existed and not any(folder.iterdir()):
            folder.rmdir()
    return report


def migrate_index(
    path: str | os.PathLike[str] | None,
    engine: str,
    *,
    lock_timeout: float = 10.0,
    progress: Callable[[int, int], None] | None = None,
) -> MigrationReport:
    """Move an index to another search engine in place: every stored article is written to ``engine``
    (no corpus needed, no extraction run again), then the index's marker names the new engine.

    The marker switch is the one atomic step: until it happens the old engine's index is the index (a
    killed migration leaves it as it was; the next one clears the new engine's partial files first),
    after it the new one is, and the old engine's files are deleted. The old index's write lock is held
    throughout, so no ``newsearch index`` run changes it meanwhile; readers that had it open should reopen
    it afterwards. The manifest is kept, so the next ``newsearch index`` run stays incremental.
    """
    started = time.perf_counter()
    folder = Path(path) if path is not None else default_index_path()
    target = backends.get(engine)
    ix = open_index(folder)
    try:
        source = ix.engine
        if source == engine:
            raise NewsearchError(f"{folder} is already kept in the {engine} engine")
        stemmer = str(ix._marker.get("stemmer") or DEFAULT_STEMMER)
        holder = ix._engine.writer(timeout=lock_timeout)
        try:
            target.remove(folder, keep_lock=False)  # what an interrupted migration to ``engine`` left
            with target.creation_lock(folder):
                target.create(folder, stemmer=stemmer)
            new = target.open(folder, stemmer=stemmer)
            try:
                reader = ix._engine.reader(ix.ranking)
                docs = sorted(reader.all_docs())
                writer = new.writer(timeout=lock_timeout)
                try:
                    for done, doc in enumerate(docs, start=1):
                        rec = reader.stored(doc)
                        file_key, key = rec.get("file") or "", rec.get("extraction") or ""
                        writer.add(documents.record(documents.article(rec), file_key, key))
                        if progress is not None:
                            progress(done, len(docs))
                    writer.commit()
                except BaseException:
                    writer.cancel()
                    raise
                saved = manifest.Manifest.load(folder)
                manifest.write_marker(folder, SCHEMA_VERSION, stemmer, engine)  # the switch
                if saved is not None:
                    saved.generation = new.generation()
                    saved.save(folder)
            finally:
                new.close()
        finally:
            holder.cancel()
    finally:
        ix.close()
    backends.get(source).remove(folder, keep_lock=False)
    return MigrationReport(str(folder), source, engine, len(docs), time.perf_counter() - started)


def _remove_index_files(folder: Path, backend: backends.Backend, *, keep_lock: bool = True) -> None:
    """Delete newsearch's and the engine's files in an index folder (the engine's lock only if asked); a
    user's alias table kept there stays."""
    for item in folder.iterdir():
        if item.name in (manifest.MARKER, manifest.MANIFEST, manifest.ROOTS, MERGES_FILE) and item.is_file():
            item.unlink()
    backend.remove(folder, keep_lock=keep_lock)


def rebuild_index(path: str | os.PathLike[str]) -> None:
    """Empty an index newsearch made (of any schema) and make it new, to be built again from its corpus.

    Only a folder whose marker this user's newsearch signed is touched; the alias table kept there stays.
    """
    folder = Path(path)
    marker = manifest.read_marker(folder)
    stemmer = marker.get("stemmer") or DEFAULT_STEMMER
    engine = str(marker.get("engine") or backends.DEFAULT)
    backend = backends.get(engine)
    with backend.creation_lock(folder):
        _remove_index_files(folder, backend)
        backend.create(folder, stemmer=stemmer)
        manifest.write_marker(folder, SCHEMA_VERSION, stemmer, engine)


def open_index(path: str | os.PathLike[str] | None = None, *, ranking: Ranking | None = None) -> Index:
    """Open an existing newsearch index (default ``index/`` or $NEWSEARCH_INDEX).

    ``ranking`` overrides how free-text queries are scored (see :class:`newsearch.Ranking`). An index made
    by a newsearch with another schema version raises IndexVersionError saying how to rebuild it.
    """
    folder = Path(path) if path is not None else default_index_path()
    if not folder.is_dir():
        raise IndexNotFound(f"no index at {folder} (build one with: newsearch index CORPUS --index {folder})")
    marker = manifest.read_marker(folder)
    version = marker.get("schema_version")
    if version != SCHEMA_VERSION:
        raise IndexVersionError(
            f"{folder} was built by another newsearch (index schema {version}; this one reads "
            f"{SCHEMA_VERSION}): rebuild it from your corpus: newsearch index CORPUS --index {folder} "
            "--rebuild  (Python: newsearch.index_corpus(path, [corpus], rebuild=True))"
        )
    return Index(folder, _open_engine(folder, marker), marker, ranking)


def _open_engine(folder: Path, marker: dict) -> Engine:
    backend = backends.get(str(marker.get("engine") or backends.DEFAULT))
    return backend.open(folder, stemmer=str(marker.get("stemmer") or DEFAULT_STEMMER))


def trust_index(path: str | os.PathLike[str]) -> None:
    """Accept an index made elsewhere (copied, moved, or built by an older newsearch) as your own.

    Opening an index loads pickled data, which can run code: call this only for an index whose origin you
    trust. It signs the folder's marker with your key, so that ``open_index`` accepts it from now on.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise IndexNotFound(f"no index at {folder}")
    manifest.trust_marker(folder)


def _refuse_foreign(folder: Path, backend: backends.Backend) -> None:
    """NotAnIndex for a folder that holds files and was not made by newsearch (never touched)."""
    if folder.exists() and not folder.is_dir():
        raise NewsearchError(f"{folder} exists and is not a folder")
    leftover = (
        [
            f.name
            for f in folder.iterdir()
            if not (_CREATING.match(f.name) or backend.is_creation_leftover(f.name))
        ]
        if folder.is_dir()
        else []
    )
    if leftover:
        manifest.read_marker(folder)  # raises NotAnIndex with the reason


def create_index(
    path: str | os.PathLike[str] | None = None,
    *,
    stemmer: str = DEFAULT_STEMMER,
    engine: str = backends.DEFAULT,
) -> Index:
    """Create a newsearch index (or open it if ``path`` already holds one).

    ``engine`` names the search engine (``newsearch.backends.names()``); the index records it in its
    marker, so later opens need not say it. Refuses a folder that has other files in it and was not made
    by newsearch.
    """
    folder = Path(path) if path is not None else default_index_path()
    backend = backends.get(engine)
    if folder.exists() and not folder.is_dir():
        raise NewsearchError(f"{folder} exists and is not a folder")
    if folder.is_dir() and (folder / manifest.MARKER).exists():
        return open_index(folder)
    _refuse_foreign(folder, backend)
    folder.mkdir(parents=True, exist_ok=True)
    # Two processes creating the same index at once: one creates, the other waits and opens it.
    with backend.creation_lock(folder):
        if not (folder / manifest.MARKER).exists():
            backend.create(folder, stemmer=stemmer)
            manifest.write_marker(folder, SCHEMA_VERSION, stemmer, engine)
    return open_index(folder)
