"""The TIME evaluation code (benchmarks/time_collection.py): measures on hand-worked examples, the parser on a
TIME-format snippet written for this test, and the real development half when ../shared/data is present."""

from __future__ import annotations

import math
import sys
from datetime import date
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import time_collection as tc  # noqa: E402

TIME_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "time"


# ---------------------------------------------------------------------------------------------- measures
# Ranking [2, 1, 5, 3, 9] against relevant {1, 3, 7}: relevant hits at ranks 2 and 4, doc 7 never found.
RANKING = [2, 1, 5, 3, 9]
RELEVANT = {1, 3, 7}


def test_average_precision_divides_by_all_relevant_documents():
    # precision 1/2 at rank 2 and 2/4 at rank 4, over 3 relevant documents
    assert tc.ap(RANKING, RELEVANT) == pytest.approx((1 / 2 + 2 / 4) / 3)
    assert tc.ap(RANKING, RELEVANT) == pytest.approx(0.333333, abs=1e-6)


def test_precision_at_10_counts_missing_ranks_as_misses():
    assert tc.precision_at(RANKING, RELEVANT, 10) == pytest.approx(0.2)
    assert tc.precision_at(RANKING, RELEVANT, 2) == pytest.approx(0.5)


def test_ndcg_at_10_binary_gains():
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    ideal = 1 + 1 / math.log2(3) + 1 / math.log2(4)
    assert tc.ndcg_at(RANKING, RELEVANT, 10) == pytest.approx(dcg / ideal)
    assert tc.ndcg_at(RANKING, RELEVANT, 10) == pytest.approx(0.498189, abs=1e-6)


def test_ideal_ranking_scores_one_and_unjudged_query_scores_zero():
    assert tc.ap([3, 1, 7, 4], RELEVANT) == 1.0
    assert tc.ndcg_at([7, 3, 1], RELEVANT) == pytest.approx(1.0)
    assert tc.ap([4, 5], RELEVANT) == 0.0
    assert tc.ndcg_at([], RELEVANT) == 0.0


def test_ndcg_ideal_is_capped_at_k():
    # 12 relevant documents, the first 10 retrieved are all relevant: a perfect top 10
    relevant = set(range(1, 13))
    assert tc.ndcg_at(list(range(1, 11)), relevant, 10) == pytest.approx(1.0)
    assert tc.precision_at(list(range(1, 11)), relevant, 10) == 1.0


def test_unretrievable_relevant_document_lowers_average_precision():
    # TIME's qrels cite docs 424 and 425, which don't exist: they stay in the denominator
    assert tc.ap([1], {1, 424}) == pytest.approx(0.5)


def test_evaluate_means_over_queries_and_a_missing_run_scores_zero():
    runs = {1: RANKING, 2: [8]}
    qrels = {1: RELEVANT, 2: {8}, 3: {5}}
    m = tc.evaluate(runs, qrels)
    assert m["map"] == pytest.approx((1 / 3 + 1.0 + 0.0) / 3)
    assert m["p@10"] == pytest.approx((0.2 + 0.1 + 0.0) / 3)
    only = tc.evaluate(runs, qrels, queries=[2])
    assert only == {"map": 1.0, "p@10": pytest.approx(0.1), "ndcg@10": pytest.approx(1.0)}


# ---------------------------------------------------------------------------------------------- parsing
# Written for this test in TIME's format: double-spaced, upper case, tokenised punctuation, an irregular
# header (space in the date, runs of spaces), a stray slash, no *STOP at the end of the documents.
SNIPPET_ALL = """*TEXT 017 01/04/63 PAGE 020

HARBOUR TOWN NEW PIER THE U.S . OPENED A PIER . IT

IS LONG .

*TEXT 431 08/30 63 PAGE 026

/ SPEECH . THE MAYOR SPOKE .

*TEXT 557        12/27/63         PAGE 021

WHY NOT ? " NO , " HE SAID .
"""
SNIPPET_QUE = """*FIND      1

 OPENING OF A PIER BY THE

U.S .

*FIND     12

 SPEECHES BY MAYORS .

*STOP
"""
SNIPPET_REL = """1  1 3

12   2
"""


def test_documents_parse_with_ordinals_dates_and_joined_lines():
    docs = tc.parse_docs(SNIPPET_ALL)
    assert [d.ordinal for d in docs] == [1, 2, 3]
    assert [d.text_number for d in docs] == [17, 431, 557]
    assert [d.date for d in docs] == [date(1963, 1, 4), date(1963, 8, 30), date(1963, 12, 27)]
    assert [d.page for d in docs] == [20, 26, 21]
    assert docs[0].text == "HARBOUR TOWN NEW PIER THE U.S . OPENED A PIER . IT IS LONG ."
    assert docs[2].text == 'WHY NOT ? " NO , " HE SAID .'


def test_lead_is_the_first_sentence_and_skips_the_acronym_dot():
    docs = tc.parse_docs(SNIPPET_ALL)
    # "U.S ." is the acronym followed by a tokenised full stop: the lead runs to the first " . "
    assert docs[0].lead == "HARBOUR TOWN NEW PIER THE U.S"
    assert docs[2].lead == "WHY NOT"


def test_queries_and_qrels_parse():
    assert tc.parse_queries(SNIPPET_QUE) == {1: "OPENING OF A PIER BY THE U.S .", 12: "SPEECHES BY MAYORS ."}
    assert tc.parse_qrels(SNIPPET_REL) == {1: {1, 3}, 12: {2}}


def test_stop_line_ends_the_documents():
    docs = tc.parse_docs(SNIPPET_ALL + "\n*STOP\n\n*TEXT 999 01/01/64 PAGE 001\n\nIGNORED .\n")
    assert len(docs) == 3


# ---------------------------------------------------------------------------------------------- real data
@pytest.fixture(scope="module")
def time_collection():
    if not (TIME_DATA / "TIME.ALL").exists():
        pytest.skip(f"TIME collection not present at {TIME_DATA}")
    return tc.load(TIME_DATA)


def test_development_half_counts(time_collection):
    col = time_collection
    assert len(col.docs) == 423
    assert len(col.queries) == 42 and all(q % 2 == 1 for q in col.queries)
    assert sum(len(r) for r in col.qrels.values()) == 175
    assert set(col.queries) == set(col.qrels)


def test_qrels_are_ordinal_positions(time_collection):
    # SOURCE.md: relevant doc 268 for query 1 is the 268th record, *TEXT 334, on Diem and the Buddhists
    doc = time_collection.docs[268 - 1]
    assert doc.ordinal == 268 and doc.text_number == 334
    assert "BUDDHIST" in doc.text
    assert 268 in time_collection.qrels[1]
