"""Ranking's scoring settings (newsearch.bm25, backends/whoosh/scoring.py, the plan's repeated words): idf
formula and scope, per-field BM25 parameters, words typed more than once. Checked against hand-computed
BM25, against Whoosh's own BM25F, and between the engines."""

from __future__ import annotations

import json
import math

import pytest
from whoosh import scoring as whoosh_scoring

import newsearch
from newsearch import Ranking, bm25
from newsearch.backends.whoosh.scoring import NewsBM25F


def test_idf_formulas():
    # Lucene: log(1 + (N - df + 0.5) / (df + 0.5)); Whoosh: log(N / (df + 1)) + 1
    assert bm25.lucene_idf(10, 1) == pytest.approx(math.log(1 + 9.5 / 1.5))
    assert bm25.whoosh_idf(10, 1) == pytest.approx(math.log(10 / 2) + 1)
    # a word in every article: Lucene gives it almost nothing, Whoosh still about 1
    assert bm25.lucene_idf(10, 10) == pytest.approx(math.log(1 + 0.5 / 10.5))
    assert bm25.lucene_idf(10, 10) < 0.05 < 0.9 < bm25.whoosh_idf(10, 10)


def test_bm25_formula_and_field_parameters():
    assert bm25.bm25(2.0, 1, 10, 10, k1=1.2, b=0.75) == pytest.approx(2.0)  # tf 1 at average length: idf
    assert bm25.bm25(1.0, 3, 5, 10, k1=1.2, b=0.5) == pytest.approx(3 * 2.2 / (3 + 1.2 * 0.75))
    r = Ranking(bm25_k1=1.5, bm25_b=0.6, field_b=(("headline", 0.2),), field_k1=(("body", 0.9),))
    assert bm25.field_parameters(r, "headline") == (1.5, 0.2)
    assert bm25.field_parameters(r, "body") == (0.9, 0.6)
    assert bm25.field_parameters(r, "standfirst") == (1.5, 0.6)


def test_scope_of_the_document_frequency():
    df = {"headline": 1, "body": 7, "standfirst": 0, "subheads": 0}
    fields = tuple(df)
    assert bm25.scoped_frequency(Ranking(idf_scope="article"), "headline", fields, df.get) == 7
    assert bm25.scoped_frequency(Ranking(idf_scope="field"), "headline", fields, df.get) == 1
    assert bm25.scoped_frequency(Ranking(idf_scope="article"), "speakers", fields, lambda f: 3) == 3


@pytest.mark.parametrize(
    "setting",
    [{"idf": "tfidf"}, {"idf_scope": "corpus"}, {"query_term_weight": "twice"}, {"field_b": ("headline",)}],
)
def test_unknown_settings_are_refused_by_name(setting, tmp_path):
    with pytest.raises(ValueError, match=next(iter(setting))):
        bm25.check(Ranking(**setting))
    newsearch.create_index(tmp_path / "ix")
    with pytest.raises(ValueError, match=next(iter(setting))):
        newsearch.open_index(tmp_path / "ix", ranking=Ranking(**setting))


# --------------------------------------------------------------------------------------- on an index
ARTICLES = [
    # headline, body
    ("Harbour pier opens", "The new pier opened on Monday. Ferries will use the pier from June."),
    ("Council meets", "The council discussed the harbour budget and the ferry timetable at length today."),
    ("Ferry strike ends", "Ferry crews returned to work after the strike. The harbour was quiet."),
    ("Budget vote", "The budget passed. Councillors said the pier repairs come first next year."),
]


def _build(root, engine):
    corpus = root / "corpus"
    corpus.mkdir()
    rows = [{"id": f"a{i}", "headline": h, "body": b} for i, (h, b) in enumerate(ARTICLES)]
    (corpus / "news.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    newsearch.create_index(root / "ix", engine=engine).add([corpus], extract=False)
    return root / "ix"


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("harbour"), "whoosh")


@pytest.fixture(scope="module")
def harbours(tmp_path_factory):
    """The same articles on every engine."""
    from newsearch import backends

    return {name: _build(tmp_path_factory.mktemp(f"harbour-{name}"), name) for name in backends.names()}


def scores(path, text, **ranking) -> dict[str, float]:
    with newsearch.open_index(path, ranking=Ranking(expansion=False, **ranking)) as ix:
        return {h.id: h.score for h in ix.search(text, limit=10, snippets=False).hits}


def _whoosh_searcher(path, weighting):
    from whoosh import index

    return index.open_dir(str(path)).searcher(weighting=weighting)


def test_whoosh_idf_per_field_reproduces_whoosh_bm25f(harbour):
    """idf="whoosh", idf_scope="field" is Whoosh's own BM25F: the same score for every article."""
    from whoosh import query

    q = query.Or([query.Term("body", "pier"), query.Term("headline", "pier"), query.Term("body", "budget")])
    ours = NewsBM25F(Ranking(idf="whoosh", idf_scope="field", bm25_b=0.6, bm25_k1=1.4))
    theirs = whoosh_scoring.BM25F(B=0.6, K1=1.4)
    with _whoosh_searcher(harbour, ours) as a, _whoosh_searcher(harbour, theirs) as b:
        got = {h["id"]: h.score for h in a.search(q)}
        want = {h["id"]: h.score for h in b.search(q)}
    assert got == pytest.approx(want) and len(got) == 3


def test_lucene_idf_with_article_scope_on_whoosh(harbour):
    """'pier': in 2 of 4 bodies, 1 headline. With article scope the headline match uses the body's df."""
    with _whoosh_searcher(harbour, NewsBM25F(Ranking(idf="lucene", idf_scope="article"))) as s:
        assert s.idf("headline", "pier") == s.idf("body", "pier") == pytest.approx(bm25.lucene_idf(4, 2))
    with _whoosh_searcher(harbour, NewsBM25F(Ranking(idf="lucene", idf_scope="field"))) as s:
        assert s.idf("headline", "pier") == pytest.approx(bm25.lucene_idf(4, 1))


def test_per_field_b_changes_only_that_field(harbour):
    # "harbour" is in one headline (a0) and two bodies (a1, a2): b for the headline moves only a0's score
    plain = scores(harbour, "harbour")
    flat = scores(harbour, "harbour", field_b=(("headline", 0.0),))
    assert flat["a1"] == plain["a1"] and flat["a2"] == plain["a2"]
    assert flat["a0"] != plain["a0"]


def test_k1_and_b_reach_the_score(harbour):
    # a3's body holds "pier" once: the ratio of two settings' scores is the BM25 formula's ratio
    with _whoosh_searcher(harbour, NewsBM25F(Ranking())) as s:
        length = s.doc_field_length(s.document_number(id="a3"), "body")
        avg = s.avg_field_length("body")
    one = scores(harbour, "pier", bm25_k1=1.2, bm25_b=0.75)["a3"]
    two = scores(harbour, "pier", bm25_k1=2.0, bm25_b=0.3)["a3"]
    want = bm25.bm25(1, 1, length, avg, 2.0, 0.3) / bm25.bm25(1, 1, length, avg, 1.2, 0.75)
    assert two / one == pytest.approx(want, rel=1e-3)


SETTINGS = [
    {},
    {"idf": "whoosh", "idf_scope": "field"},
    {"idf": "whoosh", "idf_scope": "article", "bm25_k1": 2.0},
    {"field_b": (("headline", 0.1),), "field_k1": (("body", 0.8),), "headline_boost": 2.0},
]


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: ",".join(s) or "default")
def test_engines_agree_on_the_ranking(harbours, setting):
    """Every engine orders by the same BM25 (Whoosh stores field lengths to a byte: scores agree closely)."""
    ranked = {}
    for name, path in harbours.items():
        if name == "tantivy" and _tantivy_refuses(setting):
            # tantivy's k1 and b are fixed: such a Ranking is refused by name, never silently ignored
            with pytest.raises(ValueError, match=r"k1=1\.2, b=0\.75"):
                scores(path, "harbour pier ferry budget", **setting)
            continue
        ranked[name] = scores(path, "harbour pier ferry budget", **setting)
    reference = ranked.pop("whoosh")
    for other in ranked.values():
        assert other == pytest.approx(reference, rel=0.05)
        assert sorted(other, key=other.get) == sorted(reference, key=reference.get)


def _tantivy_refuses(setting: dict) -> bool:
    from newsearch.backends.tantivy import scoring

    return bool(scoring.unsupported(Ranking(**setting)))


def test_repeated_words_weigh_once_or_as_often_as_typed(harbours):
    for path in harbours.values():
        once = scores(path, "ferry ferry budget", query_term_weight="once")
        assert once == scores(path, "ferry budget", query_term_weight="once")
        counted = scores(path, "ferry ferry budget", query_term_weight="count")
        # a2 holds "ferry" only, a3 "budget" only: typing "ferry" twice doubles a2's score, leaves a3's
        assert counted["a2"] == pytest.approx(2 * once["a2"], rel=1e-3)
        assert counted["a3"] == pytest.approx(once["a3"], rel=1e-3)


def test_repeats_count_in_the_feedback_mass(harbour):
    from newsearch.query.plan import plan

    with newsearch.open_index(harbour) as ix:
        reader = ix._searcher.reader()
        assert plan("ferry ferry budget", vocab=reader).term_count == 2
        counted = plan("ferry ferry budget", vocab=reader, ranking=Ranking(query_term_weight="count"))
    assert counted.term_count == 3
