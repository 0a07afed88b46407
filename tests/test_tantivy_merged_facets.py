"""Facets of names merged across the index, counted by tantivy (its aggregations, merged after, and exact
counts for merged names whose forms an article may hold together) against the per-document columns with
the merges applied (the route of the other engines): the same counts for every query, facet and limit."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsearch import facets
from newsearch.extract import Merges, MergeSuggestion
from newsearch.query.nodes import Boolean, MatchAll, Occur, Term, TermSet
from newsearch.search import MergedNames, facet_counts

pytest.importorskip("tantivy")

from newsearch.backends.tantivy.engine import TantivyEngine
from newsearch.backends.tantivy.store import TantivyStore

# Short and full forms of a few names (ours); words "harbour" and "strike" in the bodies to query by.
NAMES = (
    "Amara Okonjo",
    "Okonjo",
    "A. Okonjo",
    "Tomas Brandt",
    "Brandt",
    "Lena Brandt",
    "HWU",
    "Harbour Union",
)
KINDS = ("person", "organisation", "country")
WORDS = ("harbour", "strike")
SPECS = [facets.parse_spec(s) for s in ("speakers", "parties", "parties:person", "parties:organisation")]

ARTICLE = st.fixed_dictionaries(
    {
        "speakers": st.lists(st.sampled_from(NAMES), max_size=4, unique=True),
        # one kind per name within an article (an article naming "Jordan" twice, as a person and a
        # country, counts it twice in the columns and once in the engine, with or without merges)
        "parties": st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(KINDS)), max_size=5,
                            unique_by=lambda p: p[0]),
        "words": st.lists(st.sampled_from(WORDS), min_size=1, max_size=2, unique=True),
    }
)  # fmt: skip
# Any mapping (chains and cycles too: the columns apply it once, so must the engine route).
MERGES = st.dictionaries(
    st.sampled_from(NAMES), st.tuples(st.sampled_from(NAMES), st.sampled_from(KINDS)), min_size=1, max_size=5
)


def merges_of(mapping: dict[str, tuple[str, str]]) -> MergedNames:
    suggestions = [
        MergeSuggestion(short, kind, 1, target, 1, "test") for short, (target, kind) in mapping.items()
    ]
    return MergedNames(Merges.from_suggestions(s for s in suggestions if s.short != s.target))


def record(n: int, article: dict) -> dict:
    return {
        "id": f"a{n}",
        "headline": f"Story {n}",
        "body": " ".join(article["words"]),
        "speakers": article["speakers"],
        "parties": [[name, kind] for name, kind in article["parties"]],
        "party_keys": [f"{kind}:{name}" for name, kind in article["parties"]],
    }


def build(folder: Path, articles: list[dict]) -> tuple[TantivyEngine, Any]:
    """A tantivy index of ``articles`` in one commit, and its reader."""
    store = TantivyStore.create(folder)
    engine = TantivyEngine(store)
    writer = store.writer()
    for n, article in enumerate(articles):
        writer.add(record(n, article))
    writer.commit()
    return engine, engine.reader()


@settings(max_examples=60, deadline=None)
@given(articles=st.lists(ARTICLE, min_size=1, max_size=12), mapping=MERGES)
def test_engine_counts_of_merged_names_equal_the_merged_columns(articles, mapping):
    merged = merges_of(mapping)
    with tempfile.TemporaryDirectory() as tmp:
        engine, reader = build(Path(tmp), articles)
        harbour, strike = (Term("body", reader.analyze(w)[0]) for w in WORDS)
        queries = (
            MatchAll(),
            harbour,
            Boolean(((Occur.SHOULD, harbour), (Occur.SHOULD, strike))),
            Boolean(((Occur.MUST, strike), (Occur.MUST, TermSet("speakers", NAMES[:3])))),
        )
        for query in queries:
            docs = reader.matching(query)
            for top in (1, 2, 3, 100):
                fast = facet_counts(reader, docs, SPECS, top, merged, query=query)
                assert fast == facet_counts(reader, docs, SPECS, top, merged), (query, top)
        engine.close()


def test_merged_names_are_counted_exactly_and_only_when_they_can_reach_the_top(monkeypatch):
    """An article holding two forms of one name counts once; the engine is asked for exact counts only
    of the merged names whose bound (the forms' counts added) can still reach the top."""
    both = {"speakers": ["Okonjo", "Amara Okonjo"], "parties": [], "words": ["harbour"]}
    one = {"speakers": ["Okonjo"], "parties": [], "words": ["harbour"]}
    brandt = {"speakers": ["Brandt", "Tomas Brandt"], "parties": [], "words": ["harbour"]}
    others = [{"speakers": [f"Speaker {k}"], "parties": [], "words": ["harbour"]} for k in range(3)]
    articles = [both, both, one, brandt, *others, *others]  # Okonjo 3 (bound 5), Brandt 1 (bound 2)
    merged = merges_of({"Okonjo": ("Amara Okonjo", "person"), "Brandt": ("Tomas Brandt", "person")})
    with tempfile.TemporaryDirectory() as tmp:
        engine, reader = build(Path(tmp), articles)
        asked: list = []
        count = reader.count
        monkeypatch.setattr(
            reader, "count", lambda q, filter: asked.append(filter) or count(q, filter=filter)
        )
        spec = [facets.parse_spec("speakers")]
        top = facet_counts(reader, set(), spec, 1, merged, query=MatchAll())["speakers"]
        assert top == (facets.FacetValue("Amara Okonjo", 3),)
        assert asked == [TermSet("speakers", ("Amara Okonjo", "Okonjo"))]  # Brandt's bound 2 < 3: not asked
        every = facet_counts(reader, set(), spec, 10, merged, query=MatchAll())["speakers"]
        assert dict((fv.value, fv.count) for fv in every) == {
            "Amara Okonjo": 3, "Speaker 0": 2, "Speaker 1": 2, "Speaker 2": 2, "Tomas Brandt": 1}  # fmt: skip
        engine.close()
