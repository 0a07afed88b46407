"""Pseudo-relevance feedback: the engine-independent word choice, and its use through Index.search."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import newsearch
from newsearch import Ranking, analysis, feedback


def test_relevance_model_weights_documents_by_score_and_sums_to_one():
    docs = [(3.0, "wheat wheat canada"), (1.0, "grain grain grain grain")]
    model = feedback.relevance_model(docs, stemmer="none")
    assert sum(model.values()) == pytest.approx(1.0)
    # P(w|R) = sum_d P(w|d) P(d|q): wheat 2/3 * 3/4, canada 1/3 * 3/4, grain 1 * 1/4
    assert model == pytest.approx({"wheat": 0.5, "canada": 0.25, "grain": 0.25})


def test_relevance_model_uses_the_analyzer():
    model = feedback.relevance_model([(1.0, "The Shipments of the U.S. shipment")], stemmer="snowball")
    assert set(model) == {"shipment", "us"}  # stop words gone, stems merged, "U.S." one term
    assert model["shipment"] == pytest.approx(2 / 3)


def test_numbers_and_single_letters_are_not_feedback_words():
    model = feedback.relevance_model([(1.0, "1963 x 28 treaty")], stemmer="none")
    assert set(model) == {"treaty"}


def test_expansion_terms_limit_order_and_weights():
    docs = [(2.0, "wheat deal russia wheat canada"), (1.0, "canada wheat harvest")]
    chosen = feedback.expansion_terms(docs, limit=2, stemmer="none")
    assert [w for w, _ in chosen] == ["wheat", "canada"]
    assert sum(p for _, p in chosen) == pytest.approx(1.0)
    assert chosen[0][1] > chosen[1][1]


def test_idf_keeps_collection_wide_words_out():
    docs = [(1.0, "year year year wheat")]
    df = {"year": 99, "wheat": 3}
    plain = feedback.expansion_terms(docs, limit=1, stemmer="none")
    weighted = feedback.expansion_terms(docs, limit=1, stemmer="none", doc_frequency=df.get, doc_count=100)
    assert plain[0][0] == "year"
    assert weighted[0][0] == "wheat"


def test_excluded_words_and_empty_input():
    docs = [(1.0, "wheat canada")]
    assert [w for w, _ in feedback.expansion_terms(docs, stemmer="none", exclude={"wheat"})] == ["canada"]
    assert feedback.expansion_terms([], stemmer="none") == []
    assert feedback.expansion_terms([(0.0, "the of and")], stemmer="none") == []


def test_feedback_module_does_not_import_whoosh():
    # engine-independent: only the standard library and newsearch.analysis (which is whoosh-free too)
    for module in (feedback, analysis):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = {
            alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any("whoosh" in name for name in imported), module.__name__


# ----------------------------------------------------------------------------------- through the index
GRAIN = [
    ("Russia buys wheat from Canada", "The wheat deal covers grain shipments. Grain prices and grain ships."),
    ("Wheat harvest in Canada", "A record wheat harvest: grain elevators full, grain shipments to Russia."),
    ("Grain ships leave port", "Grain shipments to Russia rise as grain prices climb."),
    ("Grain elevators", "The grain elevators in the port are full of grain."),
    ("Grain prices", "Grain prices climb as grain shipments fall. The final figure came in late."),
]
OTHER = [
    (f"Football round {i}", f"The football final number {i} ended in a draw after extra time.")
    for i in range(8)
]


@pytest.fixture
def grain_index(tmp_path, engine):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = [{"id": f"grain-{i}", "headline": h, "body": b} for i, (h, b) in enumerate(GRAIN)]
    rows += [{"id": f"other-{i}", "headline": h, "body": b} for i, (h, b) in enumerate(OTHER)]
    rows.append({"id": "port", "headline": "Port news", "body": "The port opened a new pier for ships."})
    (corpus / "news.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    newsearch.create_index(tmp_path / "ix", engine=engine).add([corpus])
    return tmp_path / "ix"


def ranked(path, text, **ranking):
    with newsearch.open_index(path, ranking=Ranking(**ranking)) as ix:
        result = ix.search(text, limit=20, collapse=False)
        return [h.id for h in result.hits], result.total


def test_expansion_reranks_but_keeps_the_matching_set(grain_index):
    # "ships final": the top articles are about grain ships, so feedback ("grain", "shipments") lifts the
    # grain-prices story, which shares only "final" with the eight football reports, above all of them;
    # no article lacking both typed words is added.
    on, total_on = ranked(grain_index, "ships final", expansion=True, expansion_docs=2, expansion_min_words=2)
    off, total_off = ranked(grain_index, "ships final", expansion=False)
    assert set(on) == set(off) and total_on == total_off == 12
    football = [i for i, doc in enumerate(off) if doc.startswith("other-")]
    assert off.index("grain-4") > min(football)
    assert on.index("grain-4") < min(i for i, doc in enumerate(on) if doc.startswith("other-"))


def test_expansion_is_the_default_and_can_be_turned_off():
    assert Ranking().expansion is True
    assert Ranking(expansion=False).expansion is False


def test_phrase_queries_are_not_expanded(grain_index):
    assert ranked(grain_index, '"grain shipments" russia', expansion=True) == ranked(
        grain_index, '"grain shipments" russia', expansion=False
    )


def test_keyword_queries_are_not_expanded(grain_index):
    # two words: below the default expansion_min_words, so the ranking is the typed words' own
    assert ranked(grain_index, "ships final", expansion=True, expansion_docs=2) == ranked(
        grain_index, "ships final", expansion=False
    )


def test_small_result_sets_are_not_expanded(grain_index):
    # "wheat" matches two articles: no more than twice the feedback depth, so nothing to re-rank
    assert ranked(grain_index, "wheat", expansion=True, expansion_docs=3) == ranked(
        grain_index, "wheat", expansion=False
    )
