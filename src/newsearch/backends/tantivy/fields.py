"""The tantivy schema, and a stored newsearch record (the dict ``indexer.document`` builds) in and out of it.

Field by field, against the Whoosh schema (``newsearch.schema``):

==============================  ===========================================================================
Whoosh                          tantivy
==============================  ===========================================================================
headline, standfirst, body      text, :data:`terms.TOKENIZER`, positions (phrases); not stored
subheads                        text, :data:`terms.TOKENIZER`, frequencies only (Whoosh keeps no positions)
speakers, parties, party_keys   text, ``raw`` tokenizer, fast: one value per name (Whoosh: a comma list)
source, author                  text, ``raw``, fast
id, path, url                   text, ``raw`` (exact look-ups, delete by id)
date                            date: indexed (ranges), fast (sort: undated last either way; histograms);
                                and ``date_ts``, the same as i64 microseconds, fast (tantivy-py reads
                                numeric fast fields only: the date column)
(value field hashes)            ``<field>_h``: u64, fast: a 52-bit hash per value. tantivy's terms
                                aggregation over a numeric column costs what the matches hold; over a text
                                column it costs what the whole column holds (measured on Reuters: 0.3 ms
                                against 6 ms for the parties of a 385-article query)
dup_keys (LSH band keys)        ``dup_keys``: u64, indexed, fast: an aggregation finds the keys matching
                                articles share (near-duplicate candidates) without reading every record;
                                and ``dup_key_0`` … ``dup_key_15``, one u64 fast field per band: the
                                whole column in 16 reads (tantivy-py reads one value per document)
value fields, in record order   ``values``: a small stored JSON object, so the per-document columns of
                                the Reader protocol do not decode whole records
every stored field              ``record``: one stored bytes field holding the record as JSON
==============================  ===========================================================================

One JSON blob instead of a stored field each: newsearch reads a stored record whole (hits, ``get``, the
manifest rebuild), its values are lists and nested lists that tantivy's typed fields would flatten, and
one field keeps the stored format in this module alone.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from ... import analysis, dedupe
from . import require, terms

SCHEMA_VERSION = 1  # of this layout; recorded beside the engine name in the index marker

TEXT_FIELDS = ("headline", "standfirst", "body", "subheads")
PHRASE_FIELDS = ("headline", "standfirst", "body")
VALUE_FIELDS = ("speakers", "parties", "party_keys", "source", "author")
MULTI_VALUED = ("speakers", "parties", "party_keys")  # comma lists in the record
KEY_FIELDS = ("id", "path", "url")
DATE = "date"
DATE_TS = "date_ts"
DUP_KEYS = "dup_keys"
RECORD = "record"
VALUES = "values"
HASHED = {name: f"{name}_h" for name in VALUE_FIELDS}
BAND_FIELDS = tuple(f"dup_key_{band}" for band in range(dedupe.BANDS))


def build_schema() -> Any:
    tantivy = require()
    sb = tantivy.SchemaBuilder()
    for name in TEXT_FIELDS:
        option = "position" if name in PHRASE_FIELDS else "freq"
        sb.add_text_field(name, stored=False, tokenizer_name=terms.TOKENIZER, index_option=option)
    for name in VALUE_FIELDS:
        sb.add_text_field(name, stored=False, tokenizer_name="raw", fast=True, index_option="basic")
        sb.add_unsigned_field(HASHED[name], stored=False, indexed=False, fast=True)
    for name in KEY_FIELDS:
        sb.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic")
    sb.add_date_field(DATE, stored=False, indexed=True, fast=True)
    sb.add_integer_field(DATE_TS, stored=False, indexed=False, fast=True)
    sb.add_unsigned_field(DUP_KEYS, stored=False, indexed=True, fast=True)
    for name in BAND_FIELDS:
        sb.add_unsigned_field(name, stored=False, indexed=False, fast=True)
    sb.add_bytes_field(RECORD, stored=True, indexed=False)
    sb.add_bytes_field(VALUES, stored=True, indexed=False)
    return sb.build()


def values(record: dict, field: str) -> list[str]:
    """A value field's values in a stored record.

    Two record shapes are read: today's (multi-valued fields as comma lists) and the engine-neutral one
    issue 13 is introducing (``documents.record``: lists, parties as ``[name, kind]`` pairs).
    """
    value = record.get(field)
    if not value:
        return []
    if isinstance(value, list | tuple):
        return [v[0] if isinstance(v, list | tuple) else v for v in value if v]
    if field in MULTI_VALUED:
        return [v for v in value.split(",") if v]
    return [value]


def text(record: dict, field: str) -> str:
    """A text field's text (subheads are one string per line, or a list of lines)."""
    value = record.get(field) or ""
    return "\n".join(value) if isinstance(value, list | tuple) else value


def to_document(
    record: dict, stemmer: str = analysis.DEFAULT_STEMMER, analysed: dict[str, str | None] | None = None
) -> Any:
    """The tantivy Document for one stored record (``analysed``: text fields already analysed, by
    ``store.prepare`` in a worker process; a None value there means "analyse here")."""
    tantivy = require()
    doc = tantivy.Document()
    for name in TEXT_FIELDS:
        content = text(record, name)
        if content:
            value = analysed.get(name) if analysed else None
            if value is None:
                value = terms.indexed_value(content, stemmer)
            if isinstance(value, str):
                doc.add_text(name, value)
            else:
                doc.add_pre_tokenized_text(name, value)
    for name in VALUE_FIELDS:
        for v in values(record, name):
            doc.add_text(name, v)
            doc.add_unsigned(HASHED[name], value_hash(v))
    for name in KEY_FIELDS:
        if record.get(name):
            doc.add_text(name, record[name])
    when = record.get(DATE)
    if isinstance(when, datetime):
        doc.add_date(DATE, _utc(when))
        doc.add_integer(DATE_TS, timestamp(when))
    for band, key in enumerate(dup_keys(record)[: len(BAND_FIELDS)]):
        doc.add_unsigned(DUP_KEYS, key_number(key))
        doc.add_unsigned(BAND_FIELDS[band], key_number(key))
    doc.add_bytes(RECORD, encode(record))
    kept = {name: values(record, name) for name in VALUE_FIELDS}
    doc.add_bytes(VALUES, json.dumps(kept, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return doc


def value_hash(value: str) -> int:
    """A 52-bit hash of a value (exact in a float64, should an aggregation ever hand keys back as floats)."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "little") >> 12


def key_number(key: int | str) -> int:
    """A band key as an int: issue 13's keys are ints already, today's are hex strings."""
    return key if isinstance(key, int) else int(key, 16)


def timestamp(when: datetime) -> int:
    """Microseconds since 1970 (UTC) of a stored date."""
    return (_utc(when) - _EPOCH) // _MICROSECOND


def from_timestamp(value: int) -> datetime:
    return (_EPOCH + value * _MICROSECOND).replace(tzinfo=None)


def dup_keys(record: dict) -> list:
    """The record's LSH band keys: stored ones (issue 13's records), else made from its signature."""
    keys = record.get(DUP_KEYS)
    if keys is None:
        keys = dedupe.band_keys(record.get("dup_sig") or ())
    return list(keys)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _utc(when: datetime) -> datetime:
    """Stored dates are naive UTC (as in the Whoosh path); tantivy wants them aware."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def encode(record: dict) -> bytes:
    out = dict(record)
    when = out.get(DATE)
    if isinstance(when, datetime):
        out[DATE] = when.isoformat()
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(blob: bytes) -> dict:
    """A stored record as the Whoosh path hands it back: dates as naive UTC datetimes."""
    record = json.loads(blob)
    when = record.get(DATE)
    if isinstance(when, str):
        record[DATE] = datetime.fromisoformat(when)
    return record
