"""The one JSON shape of newsearch's machine output: the CLI's ``--json`` and the HTTP API both use it.

Every document is an object with ``shape_version`` and ``kind`` first, then the fields of the model it
carries. Rules, the same for every kind:

- dataclasses become objects, tuples become lists, ``None`` stays ``null``;
- datetimes are ISO 8601 with an offset: an article's own (``-05:00``), ``Z`` for UTC and for naive ones;
- durations are milliseconds: a model's ``elapsed`` (seconds) is written as ``elapsed_ms``;
- parties are ``{"name", "kind"}`` objects wherever they appear;
- errors are ``{"shape_version", "kind": "error", "error": {"type", "message"}}``;
- a JSON Lines export writes one such object per line: kind ``hit`` (a search hit) or ``quote``.

``schema(kind)`` gives the JSON Schema of each kind (``data/shapes.schema.json``, shipped with the
package); within a ``shape_version`` fields are only ever added, renaming or removing one bumps it.

>>> from newsearch.models import FacetValue
>>> envelope("facet", {"facet": "source", "values": (FacetValue("Harbour Courier", 3),)})
{'shape_version': 2, 'kind': 'facet', 'facet': 'source', 'values': [{'value': 'Harbour Courier', 'count': 3}]}
"""

from __future__ import annotations

import dataclasses
import functools
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

SHAPE_VERSION = 2
KINDS = (
    "search",
    "similar",
    "quotes",
    "article",
    "stats",
    "facet",
    "index_report",
    "migration",
    "timeline",
    "aliases",
    "error",
    "hit",
    "quote",
)
SCHEMA_FILE = Path(__file__).parent / "data" / "shapes.schema.json"


def iso(value: datetime | date) -> str:
    """A datetime as ISO 8601 with an offset (naive means UTC: ``Z``); a date as YYYY-MM-DD."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat() + "Z"
        if value.utcoffset() == UTC.utcoffset(None):
            return value.replace(tzinfo=None).isoformat() + "Z"
        return value.isoformat()
    return value.isoformat()


def to_data(obj: Any) -> Any:
    """Plain JSON-ready data for any newsearch model (see the module docstring for the rules)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name == "elapsed" and isinstance(value, int | float):
                out["elapsed_ms"] = round(value * 1000, 3)
            else:
                out[f.name] = to_data(value)
        return out
    if isinstance(obj, datetime | date):
        return iso(obj)
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_data(v) for v in obj]
    return obj


def envelope(kind: str, obj: Any) -> dict[str, Any]:
    """``{"shape_version", "kind", …fields of obj}``; ``obj`` is a model or a dict of models."""
    if kind not in KINDS:
        raise ValueError(f"unknown shape kind {kind!r} (kinds: {', '.join(KINDS)})")
    data = to_data(obj)
    if not isinstance(data, dict):
        raise TypeError("envelope() needs a dataclass or a dict")
    return {"shape_version": SHAPE_VERSION, "kind": kind, **data}


def error(error_type: str, message: str) -> dict[str, Any]:
    """The one error shape: ``{"shape_version", "kind": "error", "error": {"type", "message"}}``."""
    detail = {"type": error_type, "message": message}
    return {"shape_version": SHAPE_VERSION, "kind": "error", "error": detail}


def dumps(data: Any, *, indent: int | None = 2) -> str:
    """JSON text of already-shaped data (UTF-8 kept as is)."""
    return json.dumps(data, ensure_ascii=False, indent=indent)


@functools.cache
def _schemas() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def schema(kind: str | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of document, or of any newsearch document (None)."""
    whole = _schemas()
    if kind is None:
        return whole
    if kind not in KINDS:
        raise ValueError(f"unknown shape kind {kind!r} (kinds: {', '.join(KINDS)})")
    return {"$schema": whole["$schema"], "$ref": f"#/$defs/{kind}", "$defs": whole["$defs"]}
