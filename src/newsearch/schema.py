"""The one place that names index fields, the schema version and the analyzer adapter for Whoosh."""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import Token, Tokenizer

from . import analysis

# 2: ids and file keys start with the corpus root's name (issue 12); articles keep a format's metadata.
SCHEMA_VERSION = 2

# The searchable text fields. Their query-time weights live in models.Ranking (headline and standfirst
# boosts; body and subheads 1.0), so they can be tuned without re-indexing.
TEXT_FIELDS = ("headline", "standfirst", "body", "subheads")
# Exact-value fields that facets count and filters match (case-insensitively, through the search layer).
FACET_FIELDS = ("speakers", "parties", "source", "author")


class NewsTokenizer(Tokenizer):
    """Whoosh adapter for :func:`newsearch.analysis.analyze` (one pass: tokenize, fold, stop, stem).

    Picklable by reference (Whoosh stores the schema with pickle), so it holds only the stemmer's name.
    """

    def __init__(self, stemmer: str = analysis.DEFAULT_STEMMER) -> None:
        if stemmer not in analysis.STEMMERS:
            raise ValueError(f"unknown stemmer {stemmer!r}")
        self.stemmer = stemmer

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.stemmer == self.stemmer  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        # The hot loop of indexing: inlined from analysis.analyze (same tokens, no intermediate objects).
        normalize, stemmer = analysis.normalize, self.stemmer
        pos = start_pos
        for match in analysis.TOKEN_RE.finditer(value):
            term = normalize(match.group(), stemmer)
            if term is None:
                if removestops:
                    continue
                t.text, t.stopped = "", True
            else:
                t.text, t.stopped = term, False
            t.boost = 1.0
            if keeporiginal:
                t.original = match.group()
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            if term is not None:
                pos += 1
            yield t


def build_schema(stemmer: str = analysis.DEFAULT_STEMMER) -> fields.Schema:
    news = NewsTokenizer(stemmer)
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        path=fields.ID(stored=True),
        file=fields.ID(stored=True),  # the source file's key (root/path): incremental bookkeeping
        record=fields.STORED,
        headline=fields.TEXT(analyzer=news, stored=True, phrase=True),
        standfirst=fields.TEXT(analyzer=news, stored=True, phrase=True),
        body=fields.TEXT(analyzer=news, stored=True, phrase=True),
        subheads=fields.TEXT(analyzer=news, stored=True),
        links=fields.STORED,
        # Facet fields are also columns (sortable): one read gives every document's values.
        speakers=fields.KEYWORD(stored=True, commas=True, scorable=True, sortable=True),
        parties=fields.KEYWORD(stored=True, commas=True, scorable=True, sortable=True),
        party_kinds=fields.STORED,
        party_keys=fields.KEYWORD(commas=True, sortable=True),  # "kind:name", for facets of one kind of party
        dup_sig=fields.STORED,  # the MinHash signature, to confirm a candidate
        quotes=fields.STORED,
        meta=fields.STORED,  # what a format carries beyond the fields (Reuters' places, a dateline …)
        date=fields.DATETIME(stored=True, sortable=True),
        source=fields.ID(stored=True, sortable=True),
        author=fields.ID(stored=True, sortable=True),
        url=fields.ID(stored=True),
        content_hash=fields.ID(stored=True),
        extraction=fields.STORED,  # key of the extractor + alias table that produced speakers/parties
        schema_version=fields.NUMERIC(stored=True),
    )


# ------------------------------------------------------------------------------------- on-disk index

from pathlib import Path  # noqa: E402

from whoosh import index as whoosh_index  # noqa: E402
from whoosh.filedb.filestore import FileStorage  # noqa: E402

from .errors import NewsearchError  # noqa: E402


def create_engine_index(path: Path, stemmer: str = analysis.DEFAULT_STEMMER):
    """A new, empty Whoosh index in ``path`` (which must exist)."""
    return FileStorage(str(path)).create_index(build_schema(stemmer))


def open_engine_index(path: Path):
    """The Whoosh index in ``path``; NewsearchError when its files are missing or unreadable."""
    try:
        return whoosh_index.open_dir(str(path))
    except (whoosh_index.EmptyIndexError, OSError, EOFError, ValueError) as exc:
        raise NewsearchError(
            f"{path}: the index files cannot be opened ({type(exc).__name__}: {exc})"
        ) from exc


def engine_generation(ix) -> int:
    return ix.latest_generation()
