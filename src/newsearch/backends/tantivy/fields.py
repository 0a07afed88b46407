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
                                whole column in 16 reads (tantivy-py reads one value per document);
                                ``dup_mark`` (u64, indexed, stored): 1 on every live document sharing a
                                key with another (layout 2), so ``query AND dup_mark`` is the set of
                                matches that may fold; ``id_h``: a 52-bit hash of the id (layout 1's route)
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

# Of this layout. The schema tantivy keeps in meta.json is the record of it: a layout-2 index has the
# PAIRS_MARKED field (below), which an index made before has not (then its reader takes the routes that
# do not trust both-member marks).
SCHEMA_VERSION = 2

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
# Added in issue 15 stage C (an index made before has neither; its reader then takes the generic route):
# ``dup_mark`` = 1 on a document that shared a band key with a live document when it was written (so of
# any two live documents sharing a key, the later one is marked), and ``id_h``, a 52-bit hash of the id.
DUP_MARK = "dup_mark"
ID_HASH = "id_h"
# Layout 2 (issue 15d): ``dup_mark`` = 1 on EVERY live document sharing a band key with another live
# document (both members of a pair: the writer holds a run's document back until the commit while it has no
# partner, and re-adds a committed partner marked), so the matches that may fold are
# one search, ``query AND dup_mark``. The mark is stored too (the writer reads it on committed partners).
# This field never holds a value: its presence in the schema says the marks are of layout 2.
PAIRS_MARKED = "dup_mark_pairs"


def build_schema(layout: int = SCHEMA_VERSION) -> Any:
    """The schema of a new index (``layout`` 1: the marks of issue 15 stage C, kept for tests of indexes
    made before layout 2)."""
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
    sb.add_unsigned_field(DUP_MARK, stored=layout >= 2, indexed=True, fast=False)
    sb.add_unsigned_field(ID_HASH, stored=False, indexed=True, fast=True)
    if layout >= 2:
        sb.add_unsigned_field(PAIRS_MARKED, stored=False, indexed=True, fast=False)
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


def document_values(
    record: dict, stemmer: str = analysis.DEFAULT_STEMMER, stored: bytes | None = None
) -> tuple[dict[str, list[Any]], tuple[str, ...]]:
    """A stored record's tantivy field values as plain, picklable data (``Document.from_dict`` builds the
    Document from them in one call), and the text fields left out because their terms need a
    PreTokenizedString (:func:`terms.indexed_value`; rare). ``stored``: :func:`encode` of the record, when
    made already (in a worker process, or held back as it): the stored record, not encoded again.

    Everything but the last step runs here: analysis, value hashes, the JSON record: the sync calls this
    in its worker processes (``TantivyWriter.prepare``), so the writing process only builds and adds.
    """
    out: dict[str, list[Any]] = {}
    slow = []
    for name in TEXT_FIELDS:
        content = text(record, name)
        if content:
            value = terms.indexed_value(content, stemmer)
            if isinstance(value, str):
                out[name] = [value]
            else:
                slow.append(name)
    kept: dict[str, list[str]] = {}  # (the ``values`` blob: every value field, empty ones too, in order)
    for name in VALUE_FIELDS:
        found = kept[name] = values(record, name)
        if found:
            out[name] = found
            out[HASHED[name]] = [_value_hash_seen(v) for v in found]
    for name in KEY_FIELDS:
        if record.get(name):
            out[name] = [record[name]]
    if record.get("id"):
        out[ID_HASH] = [value_hash(record["id"])]
    when = record.get(DATE)
    if isinstance(when, datetime):
        out[DATE] = [_utc(when)]
        out[DATE_TS] = [timestamp(when)]
    keys = [key_number(key) for key in dup_keys(record)[: len(BAND_FIELDS)]]
    if keys:
        out[DUP_KEYS] = keys
        for band, key in enumerate(keys):
            out[BAND_FIELDS[band]] = [key]
    out[RECORD] = [stored if stored is not None else encode(record)]
    out[VALUES] = [json.dumps(kept, ensure_ascii=False, separators=(",", ":")).encode("utf-8")]
    return out, tuple(slow)


def to_document(
    record: dict,
    stemmer: str = analysis.DEFAULT_STEMMER,
    prepared: tuple[dict[str, list[Any]], tuple[str, ...]] | None = None,
    schema: Any = None,
) -> Any:
    """The tantivy Document for one stored record (``prepared``: :func:`document_values` of it, made in a
    worker process; ``schema``: the index's, else this module's)."""
    tantivy = require()
    found, slow = prepared if prepared is not None else document_values(record, stemmer)
    doc = tantivy.Document.from_dict(found, schema if schema is not None else _schema())
    for name in slow:
        doc.add_pre_tokenized_text(name, terms.indexed_value(text(record, name), stemmer))
    return doc


def held(prepared: tuple[dict[str, list[Any]], tuple[str, ...]]) -> tuple[bytes, bytes, bytes]:
    """:func:`document_values` of a record as three byte strings, for the layout-2 writer to hold on disk
    until its commit (:func:`unheld` gives them back, equal): the values but the two stored blobs as JSON
    (dates as ISO text), then the stored record and ``values`` blobs as they are. Not pickles: newsearch
    never unpickles (tests/test_trust.py)."""
    found, slow = prepared
    head = {name: value for name, value in found.items() if name != RECORD and name != VALUES}
    when = head.get(DATE)
    if when:
        head[DATE] = [when[0].isoformat()]
    return json.dumps([head, slow]).encode("ascii"), found[RECORD][0], found[VALUES][0]


def unheld(head: bytes, record: bytes, kept: bytes) -> tuple[dict[str, list[Any]], tuple[str, ...]]:
    """What :func:`held` was given (the same values, in the same order)."""
    found, slow = json.loads(head)
    when = found.get(DATE)
    if when:
        found[DATE] = [datetime.fromisoformat(when[0])]
    found[RECORD] = [record]
    found[VALUES] = [kept]
    return found, tuple(slow)


_schemas: list[Any] = []


def _schema() -> Any:
    if not _schemas:
        _schemas.append(build_schema())
    return _schemas[0]


def has_field(schema: Any, name: str) -> bool:
    """Whether an index's schema has this unsigned field (indexes made before a field was added lack it)."""
    try:
        require().Query.term_query(schema, name, 0)
    except ValueError:
        return False
    return True


def marks_layout(schema: Any) -> int:
    """Which near-duplicate marks an index's documents carry: 2 on both members of a pair, 1 on the later
    member only (issue 15 stage C), 0 none (made before the marks)."""
    if has_field(schema, PAIRS_MARKED):
        return 2
    return 1 if has_field(schema, DUP_MARK) else 0


def value_hash(value: str) -> int:
    """A 52-bit hash of a value (exact in a float64, should an aggregation ever hand keys back as floats)."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "little") >> 12


_VALUE_HASHES: dict[str, int] = {}  # value → value_hash: names and sources recur across a run's articles


def _value_hash_seen(value: str) -> int:
    """:func:`value_hash`, memoised (up to 65,536 values, then afresh)."""
    found = _VALUE_HASHES.get(value)
    if found is None:
        if len(_VALUE_HASHES) >= 65536:
            _VALUE_HASHES.clear()
        found = _VALUE_HASHES[value] = value_hash(value)
    return found


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
