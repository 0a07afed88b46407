"""Scoring settings of Ranking on the Whoosh engine (newsearch.scoring): idf formula and scope, per-field
BM25 parameters, repeated query words; checked against hand-computed BM25 and Whoosh's own BM25F."""

from __future__ import annotations

import json
import math

import pytest
from whoosh import scoring as whoosh_scoring

import newsearch
from newsearch import Ranking, scoring


def test_idf_formulas():
    # Lucene: log(1 + (N - df + 0.5) / (df + 0.5)); Whoosh: log(N / (df + 1)) + 1
    assert scoring.lucene_idf(10, 1) == pytest.approx(math.log(1 + 9.5 / 1.5))
    assert scoring.whoosh_idf(10, 1) == pytest.approx(math.log(10 / 2) + 1)
    # a word in every article: Lucene gives it almost nothing, Whoosh still about 1
    assert scoring.lucene_idf(10, 10) == pytest.approx(math.log(1 + 0.5 / 10.5))
    assert scoring.whoosh_idf(10, 10) == pytest.approx(math.log(10 / 11) + 1)
    assert scoring.lucene_idf(10, 10) < 0.05 < 0.9 < scoring.whoosh_idf(10, 10)


def test_unknown_settings_are_refused():
    with pytest.raises(ValueError, match="idf must be one of"):
        scoring.NewsBM25F(idf="tfidf")
    with pytest.raises(ValueError, match="idf_scope must be one of"):
        scoring.NewsBM25F(idf_scope="corpus")
    with pytest.raises(ValueError, match="query_term_weight must be one of"):
        scoring.weigh_repeats([], "twice", {}, lambda w: None)


# --------------------------------------------------------------------------------------- on an index
ARTICLES = [
    # headline, body
    ("Harbour pier opens", "The new pier opened on Monday. Ferries will use the pier from June."),
    ("Council meets", "The council discussed the harbour budget and the ferry timetable at length today."),
    ("Ferry strike ends", "Ferry crews returned to work after the strike. The harbour was quiet."),
    ("Budget vote", "The budget passed. Councillors said the pier repairs come first next year."),
]


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):
    root = tmp_path_factory.mktemp("harbour")
    corpus = root / "corpus"
    corpus.mkdir()
    rows = [{"id": f"a{i}", "headline": h, "body": b} for i, (h, b) in enumerate(ARTICLES)]
    (corpus / "news.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    newsearch.create_index(root / "ix").add([corpus], extract=False)
    return root / "ix"


def scores(path, text, **ranking) -> dict[str, float]:
    with newsearch.open_index(path, ranking=Ranking(expansion=False, **ranking)) as ix:
        return {h.id: h.score for h in ix.search(text, limit=10, snippets=False).hits}


def bm25(idf, tf, length, avg, b=0.75, k1=1.2):
    return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avg))


def _searcher(path, weighting):
    from whoosh import index

    return index.open_dir(str(path)).searcher(weighting=weighting)


def test_whoosh_idf_per_field_reproduces_whoosh_bm25f(harbour):
    """idf="whoosh", idf_scope="field" is Whoosh's own BM25F: same score for every article."""
    from whoosh import query

    q = query.Or([query.Term("body", "pier"), query.Term("headline", "pier"), query.Term("body", "budget")])
    ours = scoring.NewsBM25F(idf="whoosh", idf_scope="field", b=0.6, k1=1.4)
    theirs = whoosh_scoring.BM25F(B=0.6, K1=1.4)
    with _searcher(harbour, ours) as a, _searcher(harbour, theirs) as b:
        got = {h["id"]: h.score for h in a.search(q)}
        want = {h["id"]: h.score for h in b.search(q)}
    assert got == pytest.approx(want) and len(got) == 3


def test_lucene_idf_with_article_scope_by_hand(harbour):
    """'pier': in 2 of 4 bodies and 1 headline. With article scope the headline match uses the body's df."""
    with _searcher(harbour, scoring.NewsBM25F(idf="lucene", idf_scope="article")) as s:
        idf_headline = s.idf("headline", "pier")
        idf_body = s.idf("body", "pier")
    assert idf_headline == idf_body == pytest.approx(scoring.lucene_idf(4, 2))
    with _searcher(harbour, scoring.NewsBM25F(idf="lucene", idf_scope="field")) as s:
        assert s.idf("headline", "pier") == pytest.approx(scoring.lucene_idf(4, 1))


def test_per_field_b_changes_only_that_field(harbour):
    # "harbour" is in one headline (a0) and two bodies (a1, a2): b for the headline moves only a0's score
    plain = scores(harbour, "harbour")
    flat = scores(harbour, "harbour", field_b=(("headline", 0.0),))
    assert flat["a1"] == plain["a1"] and flat["a2"] == plain["a2"]
    assert flat["a0"] != plain["a0"]


def test_k1_and_b_reach_the_score(harbour):
    # a3's body: "pier" once; compare the ratio of two settings with the BM25 formula's ratio
    with _searcher(harbour, scoring.NewsBM25F(idf="lucene", idf_scope="article")) as s:
        length = s.doc_field_length(s.document_number(id="a3"), "body")
        avg = s.avg_field_length("body")
    one = scores(harbour, "pier", bm25_k1=1.2, bm25_b=0.75)["a3"]
    two = scores(harbour, "pier", bm25_k1=2.0, bm25_b=0.3)["a3"]
    assert two / one == pytest.approx(bm25(1, 1, length, avg, 0.3, 2.0) / bm25(1, 1, length, avg), rel=1e-3)


def test_repeated_words_weigh_more_only_when_asked(harbour):
    once = scores(harbour, "ferry ferry budget", query_term_weight="once")
    assert once == scores(harbour, "ferry budget", query_term_weight="once")
    counted = scores(harbour, "ferry ferry budget", query_term_weight="count")
    # a2 has "ferry" only, a3 "budget" only: typing "ferry" twice doubles a2's score, leaves a3's
    assert counted["a2"] == pytest.approx(2 * once["a2"], rel=1e-3)
    assert counted["a3"] == pytest.approx(once["a3"], rel=1e-3)


def test_snippets_off_keeps_the_order_and_leaves_snippets_empty(harbour):
    with newsearch.open_index(harbour) as ix:
        full = ix.search("pier harbour ferry", limit=10)
        lean = ix.search("pier harbour ferry", limit=10, snippets=False)
    assert [(h.id, h.score) for h in lean.hits] == [(h.id, h.score) for h in full.hits]
    assert all(h.snippet for h in full.hits) and not any(h.snippet or h.highlights for h in lean.hits)
    assert lean.total == full.total
