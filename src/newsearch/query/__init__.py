"""newsearch's query language: text -> syntax tree (:mod:`.syntax`) -> SearchPlan (:mod:`.plan`), written in
the engine vocabulary of :mod:`.nodes`; :mod:`.explain` prints a plan, :mod:`.match` runs one on a quote.

Every consumer (search, quotes, did-you-mean, snippets) reads the plan, never the raw text.
"""

from .explain import explain
from .plan import (
    MAX_EXPANSIONS,
    MAX_FREE_TERMS,
    SearchPlan,
    TypedWord,
    Vocabulary,
    default_value_matcher,
    expand,
    field_weights,
    plan,
)
from .syntax import MAX_QUERY_CHARS, MAX_QUERY_DEPTH, parse

__all__ = [
    "MAX_EXPANSIONS",
    "MAX_FREE_TERMS",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_DEPTH",
    "SearchPlan",
    "TypedWord",
    "Vocabulary",
    "default_value_matcher",
    "expand",
    "explain",
    "field_weights",
    "parse",
    "plan",
]
