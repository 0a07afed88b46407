"""The query language without an index: the parser's tree and refusals, and plan() as a pure function."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsearch import QueryError, Ranking
from newsearch.analysis import terms
from newsearch.models import Filters
from newsearch.query import MAX_FREE_TERMS, expand, explain, parse, plan, syntax
from newsearch.query.match import matches, phrase_at
from newsearch.query.nodes import (
    Boolean,
    DateRange,
    MatchAll,
    MatchNone,
    Occur,
    Phrase,
    Term,
    TermSet,
    is_disjunction_of_terms,
)

NOW = datetime(2026, 1, 15, 12, 0)
W = {"headline": 1.0, "standfirst": 1.5, "body": 1.0, "subheads": 1.0}


class FakeVocab:
    """An index as a dict: document frequency per term (every text field alike) and facet values."""

    def __init__(self, df: dict[str, int] | None = None, values: dict[str, list[str]] | None = None):
        self.df = df or {}
        self.values = values or {}

    def analyze(self, text):
        return terms(text)

    def doc_frequency(self, field, term):
        return self.df.get(term, 0)

    def terms_with_prefix(self, field, prefix, limit):
        found = sorted(((t, d) for t, d in self.df.items() if t.startswith(prefix)), key=lambda td: -td[1])
        return found[:limit]

    def similar_terms(self, field, term, maxdist, prefix, limit):
        from nltk.metrics.distance import edit_distance

        return [
            (t, d)
            for t, d in self.df.items()
            if t[:prefix] == term[:prefix] and t != term and edit_distance(t, term) <= maxdist
        ][:limit]

    def field_values(self, field):
        return self.values.get(field, [])


VOCAB = FakeVocab(
    {"prison": 5, "exchang": 3, "qatar": 4, "egypt": 2, "hostag": 6, "blair": 3, "blaze": 1, "brown": 2},
    {"speakers": ["Amara Okonjo", "Tomas Brandt"], "source": ["Harbour Courier"]},
)


def p(text, **kw):
    return plan(text, vocab=VOCAB, now=NOW, **kw)


def word(term, boost=1.0):
    return Boolean(tuple((Occur.SHOULD, Term(f, term, w * boost)) for f, w in W.items()))


# -------------------------------------------------------------------------------------------- plans
def test_free_words_are_optional_clauses_over_the_weighted_text_fields():
    plan_ = p("prisoner exchange")
    assert plan_.query == Boolean(((Occur.SHOULD, word("prison")), (Occur.SHOULD, word("exchang"))))
    assert plan_.filters == () and plan_.term_count == 2
    assert dict(plan_.highlight)["body"] == {"prison", "exchang"}


def test_one_word_is_the_word_itself():
    assert p("prisoner").query == word("prison")


def test_and_grouping_and_explicit_and_require_every_word():
    required = Boolean(((Occur.MUST, word("prison")), (Occur.MUST, word("exchang"))))
    assert p("prisoner AND exchange").query == required
    assert p("prisoner && exchange").query == required
    assert p("+prisoner +exchange").query == required
    assert p("prisoner exchange", ranking=Ranking(grouping="and")).query == required


def test_phrase_is_required_and_words_then_only_rank():
    plan_ = p('"prisoner exchange"~2 qatar')
    phrase = Boolean(tuple((Occur.SHOULD, Phrase(f, ("prison", "exchang"), 2, w)) for f, w in W.items()))
    assert plan_.query == Boolean(((Occur.MUST, phrase), (Occur.SHOULD, word("qatar"))))
    assert not plan_.expandable


def test_exclusions_and_match_all():
    assert p("qatar -hostages").query == Boolean(
        ((Occur.SHOULD, word("qatar")), (Occur.MUST_NOT, word("hostag")))
    )
    assert p("!hostages").query == Boolean(((Occur.MUST, MatchAll()), (Occur.MUST_NOT, word("hostag"))))
    assert p("NOT NOT blair").query == p("blair").query
    assert p("*").query == MatchAll()


def test_or_binds_tighter_than_and():
    plan_ = p("blair AND brown OR qatar")
    either = Boolean(((Occur.SHOULD, word("brown")), (Occur.SHOULD, word("qatar"))))
    assert plan_.query == Boolean(((Occur.MUST, word("blair")), (Occur.MUST, either)))


def test_boosts_multiply_field_weights():
    assert p("blair^2").query == Boolean(word("blair").clauses, 2.0)
    assert p("(blair brown)^3").query.boost == 3.0


def test_field_filters_are_lifted_and_unscored():
    plan_ = p('qatar speaker:Okonjo source:"harbour courier" date:2025-11')
    assert plan_.query == word("qatar")
    assert plan_.filters == (
        TermSet("speakers", ("Amara Okonjo",)),
        TermSet("source", ("Harbour Courier",)),
        DateRange("date", datetime(2025, 11, 1), datetime(2025, 11, 30, 23, 59, 59, 999999)),
    )
    assert p("speaker:Okonjo").query == MatchAll()


def test_a_filter_matching_no_value_says_so():
    plan_ = p("qatar speaker:Nobody")
    assert plan_.matches_nothing and plan_.notices[0].kind == "no-such-value"


def test_drill_down_filters():
    filters = Filters(speakers=("Okonjo", "Brandt"), since=datetime(2025, 1, 1), until=datetime(2025, 1, 31))
    plan_ = p("qatar", filters=filters)
    assert plan_.filters == (
        TermSet("speakers", ("Amara Okonjo", "Tomas Brandt")),
        DateRange("date", datetime(2025, 1, 1), datetime(2025, 1, 31, 23, 59, 59, 999999)),
    )


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("date:2025", datetime(2025, 1, 1), datetime(2025, 12, 31, 23, 59, 59, 999999)),
        ("date:>2025-11-03", datetime(2025, 11, 4), None),
        ("date:>=2025-11", datetime(2025, 11, 1), None),
        ("date:<2025-06", None, datetime(2025, 5, 31, 23, 59, 59, 999999)),
        ("date:<=2025-06", None, datetime(2025, 6, 30, 23, 59, 59, 999999)),
        (
            "date:[2025-11-01 TO 2025-11-30]",
            datetime(2025, 11, 1),
            datetime(2025, 11, 30, 23, 59, 59, 999999),
        ),
        ("date:[2025-11-01 TO]", datetime(2025, 11, 1), None),
        ("date:[* TO 2025]", None, datetime(2025, 12, 31, 23, 59, 59, 999999)),
        ("date:{2025-11-01 TO 2025-11-03}", datetime(2025, 11, 2), datetime(2025, 11, 2, 23, 59, 59, 999999)),
        ("date:>=now-30d", datetime(2025, 12, 16, 12, 0), None),
        ("date:>=now-1m", datetime(2025, 12, 15, 12, 0), None),
        ("date:today", datetime(2026, 1, 15), datetime(2026, 1, 15, 23, 59, 59, 999999)),
        ("date:yesterday", datetime(2026, 1, 14), datetime(2026, 1, 14, 23, 59, 59, 999999)),
        ("date:[now-1y TO now]", datetime(2025, 1, 15, 12, 0), datetime(2026, 1, 15, 12, 0)),
    ],
)
def test_date_forms(text, start, end):
    assert p(text).filters == (DateRange("date", start, end),)


def test_prefix_and_fuzzy_become_the_index_terms_they_match():
    assert p("bla*").query == Boolean(((Occur.SHOULD, word("blair")), (Occur.SHOULD, word("blaze"))))
    assert p("exchange*").query == word("exchang")  # the stem is shorter than the prefix typed
    assert p("blar~1").query == word("blair")
    assert p("zzz*").query == MatchNone() and p("zzz*").notices[0].kind == "no-expansion"


def test_stop_words():
    plan_ = p('"The Who" qatar')
    assert plan_.query == word("qatar")
    assert [n.kind for n in plan_.notices] == ["stopword-phrase"]
    for text in ('"The Who"', "IT", "the of"):
        with pytest.raises(QueryError, match="stop words"):
            p(text)


def test_split_words_are_words_and_excluded_ones_a_phrase():
    assert p("al-Thani").query == Boolean(((Occur.SHOULD, word("al")), (Occur.SHOULD, word("thani"))))
    excluded = p("qatar -al-Thani").query
    assert isinstance(excluded, Boolean) and isinstance(excluded.of(Occur.MUST_NOT)[0], Boolean)
    assert excluded.of(Occur.MUST_NOT)[0].clauses[0][1] == Phrase("headline", ("al", "thani"), 0, 1.0)


def test_long_queries_keep_the_rarest_words_and_say_so():
    vocab = FakeVocab({f"w{i}": i + 1 for i in range(300)})
    plan_ = plan(" ".join(f"w{i}" for i in range(300)), vocab=vocab, now=NOW)
    kept = {t for f, t in _terms(plan_.query)}
    assert kept == {f"w{i}" for i in range(MAX_FREE_TERMS)}
    (notice,) = plan_.notices
    assert notice.kind == "dropped-terms" and "300" in notice.message


def _terms(node):
    from newsearch.query.nodes import leaf_terms

    return set(leaf_terms(node))


def test_feedback_expansion_keeps_the_matching_set_and_scales_weights():
    plan_ = p("prisoner exchange qatar")
    assert plan_.expandable and plan_.term_count == 3
    ranking = Ranking()
    expanded = expand(plan_, [("swap", 0.75), ("doha", 0.25)], ranking)
    must, extra = expanded.query.clauses
    assert must == (Occur.MUST, plan_.query.__class__(plan_.query.clauses, 0.5))
    assert extra[0] is Occur.SHOULD
    swap_body = next(t for _, t in extra[1].clauses if t.text == "swap" and t.field == "body")
    assert swap_body.boost == pytest.approx(0.75 * 0.5 * 3)
    assert expanded.feedback == (("swap", 0.75), ("doha", 0.25))


def test_feedback_only_for_free_words():
    assert not p("prisoner exchange -qatar").expandable
    assert not p("prisoner exchange").expandable  # fewer than expansion_min_words
    assert not p("prisoner exchange qatar", ranking=Ranking(expansion=False)).expandable
    assert p("prisoner exchange qatar source:x").expandable  # filters do not change scores


def test_explain_names_every_part():
    text = explain(p('"prisoner exchange"~2 qatar -hostages speaker:Okonjo'))
    assert 'phrase "prison exchang" slop 2' in text and "must not" in text
    assert 'speakers is "Amara Okonjo"' in text and "snippets highlight: exchang, prison, qatar" in text


# ------------------------------------------------------------------------------------------ refusals
@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ('"open', "unbalanced quote", 0),
        ("(a", "never closed", 0),
        ("a)", r"no matching \(", 1),
        ('"a b"~x', "slop", 5),
        ("a^x", "boost", 1),
        ("a^0", "boost", 1),
        ("bl?ir", "wildcard ?", 2),
        ("b*r", "wildcard *", 1),
        ("x*", "too short", 0),
        ("word~3", "fuzzy distance", 4),
        ("source:Har*", "prefix", 7),
        ("colour:red", "unknown field 'colour'", 0),
        ("schema_version:1", "unknown field", 0),
        ("date:2025-13", "not a date", 5),
        ("date:yesterdayish", "not a date", 5),
        ("date:[2004 TO", "unclosed range", 5),
        ("date:[2025 TO 2024]", "ends before it starts", 5),
        ("source:[a TO b]", "ranges only work on date", 7),
        ("a AND", "AND needs a term on each side", 2),
        ("OR a", "OR needs a term before it", 0),
        ("a OR", "OR needs a term after it", 2),
        ("NOT", "NOT needs a term after it", 0),
        ('"tony bla*"', "wildcards are not supported inside a phrase", 9),
        ("(" * 40 + "a" + ")" * 40, "nested more than 32", 32),
        ("", "empty query", None),
    ],
)
def test_refusals_name_the_construct_and_its_position(text, message, position):
    with pytest.raises(QueryError, match=message) as err:
        p(text)
    if position is not None:
        assert err.value.position == position


def test_many_nots_cost_nothing_and_cancel_out():
    assert p("NOT " * 2001 + "blair").query == p("NOT blair").query


def test_urls_are_words_not_unknown_fields():
    assert isinstance(parse("see https://example.com/x").items[1], syntax.Word)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_parses_or_is_refused_with_a_position_inside_it(text):
    try:
        plan_ = p(text)
    except QueryError as exc:
        assert exc.reason and (exc.position is None or 0 <= exc.position <= len(text))
        return
    assert plan_.text == text


# ------------------------------------------------------------------------------------- quote matching
def test_matching_a_short_text():
    talks = p("talks OR exchange").query
    assert matches(talks, terms("A prisoner exchange is close")) and matches(talks, terms("The talks go on"))
    assert not matches(p("talks -hostages").query, terms("These talks must free the hostages"))
    assert phrase_at(("close", "exchang"), ["close", "the", "exchang"], slop=0) is None
    assert phrase_at(("a", "b", "c"), ["a", "x", "b", "y", "c"], slop=2) == 0
    assert phrase_at(("a", "b", "c"), ["a", "x", "b", "y", "c"], slop=1) is None


def test_disjunction_detection():
    assert is_disjunction_of_terms(p("prisoner exchange").query)
    assert not is_disjunction_of_terms(p('"prisoner exchange"').query)
