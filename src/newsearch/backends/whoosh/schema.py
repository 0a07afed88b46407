"""The Whoosh schema, built from the one field list (:data:`newsearch.documents.FIELDS`), and the record's
encoding into Whoosh fields and back.

Whoosh pickles the schema into the index, so the analyzer adapter below must stay importable at this path.
"""

from __future__ import annotations

import struct
from datetime import datetime
from typing import Any

from whoosh import columns, fields
from whoosh.analysis import Token, Tokenizer

from ... import analysis, documents


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
        **kwargs: Any,
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


# Whoosh field names that hold a record field in another shape.
PARTY_PAIRS = "party_kinds"  # the record's parties ([name, kind] pairs); "parties" indexes the names


def build_schema(stemmer: str = analysis.DEFAULT_STEMMER) -> fields.Schema:
    news = NewsTokenizer(stemmer)
    spec: dict[str, fields.FieldType] = {}
    for f in documents.FIELDS:
        if f.kind == "text":
            spec[f.name] = fields.TEXT(analyzer=news, stored=True, phrase=True)
        elif f.kind == "key":
            spec[f.name] = fields.ID(stored=True, unique=f.name == "id")
        elif f.kind == "value" and f.multi:
            # Also a column (sortable): one read gives every document's values for facets.
            spec[f.name] = fields.KEYWORD(
                stored=f.name == "speakers", commas=True, scorable=True, sortable=True
            )
        elif f.kind == "value":
            spec[f.name] = fields.ID(stored=True, sortable=True)
        elif f.kind == "date":
            spec[f.name] = fields.DATETIME(stored=True, sortable=True)
        elif f.kind == "column":
            spec[f.name] = fields.COLUMN(columns.VarBytesColumn())
        else:
            spec[f.name] = fields.STORED()
    spec[PARTY_PAIRS] = fields.STORED()
    return fields.Schema(**spec)


def _packer(field: str) -> str:
    return "Q" if field == "dup_keys" else "I"


def encode(record: documents.Record) -> dict[str, Any]:
    """The Whoosh document for a record: comma lists for multi-valued fields, packed bytes for columns."""
    doc: dict[str, Any] = {}
    for f in documents.FIELDS:
        value = record.get(f.name)
        if f.kind == "text":
            doc[f.name] = documents.text(record, f.name)
        elif f.kind == "value" and f.multi:
            doc[f.name] = ",".join(v.replace(",", " ") for v in documents.values(record, f.name))
        elif f.kind == "column":
            ints = list(value or ())
            doc[f.name] = struct.pack(f"<{len(ints)}{_packer(f.name)}", *ints)
        elif f.kind in ("key", "value", "date"):
            if value is not None and value != "":
                doc[f.name] = value
        elif value is not None:
            doc[f.name] = value
    doc[PARTY_PAIRS] = [list(p) for p in record.get("parties") or ()]
    return doc


def decode(stored: dict[str, Any]) -> documents.Record:
    """A record from Whoosh's stored fields."""
    rec = dict(stored)
    rec["subheads"] = [s for s in (stored.get("subheads") or "").split("\n") if s]
    rec["speakers"] = [s for s in (stored.get("speakers") or "").split(",") if s]
    rec["parties"] = [tuple(p) for p in stored.get(PARTY_PAIRS) or ()]
    rec.pop(PARTY_PAIRS, None)
    when = rec.get("date")
    rec["date"] = when if isinstance(when, datetime) else None
    for name in ("source", "author", "url"):
        rec.setdefault(name, None)
    return rec


def unpack(field: str, blob: bytes) -> tuple[int, ...]:
    code = _packer(field)
    return struct.unpack(f"<{len(blob) // struct.calcsize(code)}{code}", blob) if blob else ()
