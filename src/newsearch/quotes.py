"""Quotes as searchable units: which stored quotes match a query's plan. Engine-free.

The index finds candidate articles with the plan (every word required: a quote is short, so "talks
exchange" means quotes holding both, "talks OR exchange" either); this module decides which of their
quotes match, reading the same plan: words, phrases, OR, NOT and groups mean what they mean in a search.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from . import documents
from .analysis import terms
from .backends.base import Record
from .models import QuoteHit
from .query.match import matches
from .query.plan import SearchPlan


def quote_hits(
    candidates: Iterable[tuple[Record, float]],
    plan: SearchPlan | None,
    speakers: set[str] | None,
    stemmer: str,
    direct_only: bool = False,
) -> list[QuoteHit]:
    """The quotes of the candidate articles (record, score) that match ``plan`` (None: any quote) and, with
    ``speakers``, were said by one of them; with ``direct_only``, only the speakers' own words (no reported
    speech)."""
    found: list[QuoteHit] = []
    for rec, score in candidates:
        article: tuple[str, str, datetime | None, str | None] | None = None
        for q in documents.quotes(rec):
            if (speakers is not None and q.speaker not in speakers) or (direct_only and not q.direct):
                continue
            if plan is not None and not matches(plan.query, terms(q.text, stemmer)):
                continue
            if article is None:
                article = (rec["id"], rec.get("headline") or "", documents.date(rec), rec.get("source"))
            found.append(QuoteHit(*article, q.speaker, q.speaker_label, q.text, q.position, score, q.direct))
    return found
