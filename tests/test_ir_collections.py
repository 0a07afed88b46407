"""The readers of the classic test collections (benchmarks/ir_collections.py) on snippets written for this
test in their formats, the paired randomization test, and the real collections' counts when present."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import ir_collections as irc  # noqa: E402
import time_collection as tc  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

# SMART format as ADI/CISI write it: a marker with trailing space, authors, citations, a keyword block.
SMART_ALL = """.I 1
.T
harbour pier
opens
.A
MARSH, L.
.W
the new pier
 opened on monday .
.X
1	5	1
.I 2
.T<SP>
ferry strike
.W
crews walked out .
.K<SP>
labour, transport
.I 3
.A
NOBODY, N.
""".replace("<SP>", " ")  # markers with a trailing space, as in CISI
SMART_QRY = """.I 1
.W
piers that
opened .
.I 2
.T
Ignored title
.W
strikes
.I 3
.W
a query nobody judged
"""
ADI_REL = """1   1   0   0.000000
2   2   0   0.000000
2   1   0   0.000000
"""
MED_REL = """1 0 1 1
2 0 2 1
"""
CRAN_QRY = """.I 001
.W
first query .
.I 004
.W
second query .
.I 009
.W
third query .
"""
CRAN_REL = """1 1 2
1 2 -1
2 2 4
3 1 -1
"""


def test_smart_documents_keep_title_and_text_and_count_what_is_dropped():
    dropped: dict[str, int] = {}
    docs = irc.parse_smart_docs(SMART_ALL, dropped)
    assert [(d.id, d.title, d.text) for d in docs] == [
        (1, "harbour pier opens", "the new pier opened on monday ."),
        (2, "ferry strike", "crews walked out ."),
    ]
    assert dropped == {"field_A": 2, "field_X": 1, "field_K": 1, "empty_docs": 1}
    assert docs[0].full_text == "harbour pier opens\n\nthe new pier opened on monday ."


def test_queries_are_their_text_and_cran_is_renumbered():
    assert irc.parse_smart_queries(SMART_QRY) == {
        1: "piers that opened .",
        2: "strikes",
        3: "a query nobody judged",
    }
    assert irc.parse_smart_queries(CRAN_QRY, renumber=True) == {
        1: "first query .",
        2: "second query .",
        3: "third query .",
    }


def test_qrels_formats():
    assert irc.parse_qrels(ADI_REL) == {1: {1}, 2: {1, 2}}
    assert irc.parse_qrels(MED_REL) == {1: {1}, 2: {2}}  # TREC order: query 0 doc relevance
    # CRAN: -1 is "no information", not relevant; a query with only -1 has no relevant document
    assert irc.parse_qrels(CRAN_REL) == {1: {1}, 2: {2}}


def test_smart_folder_keeps_judged_queries_only(tmp_path):
    for name, text in (("X.ALL", SMART_ALL), ("X.QRY", SMART_QRY), ("X.REL", ADI_REL)):
        (tmp_path / name).write_text(text, encoding="ascii")
    col = irc.load(tmp_path, "X")
    assert set(col.queries) == {1, 2} and col.unjudged_queries == 1
    assert col.counts()["relevant_pairs"] == 3


def test_qrels_citing_unknown_queries_are_an_error(tmp_path):
    for name, text in (("X.ALL", SMART_ALL), ("X.QRY", SMART_QRY), ("X.REL", ADI_REL + "7 1 0 0\n")):
        (tmp_path / name).write_text(text, encoding="ascii")
    with pytest.raises(ValueError, match="not in the query file"):
        irc.load(tmp_path)


# ----------------------------------------------------------------------------------- randomization test
def test_randomization_test_identical_runs_and_a_clear_difference():
    assert tc.randomization_test([0.2, 0.4, 0.6], [0.2, 0.4, 0.6]) == 1.0
    better = [0.9] * 30
    worse = [0.1] * 30
    # every one of 2^30 sign patterns but the observed one and its mirror is less extreme
    assert tc.randomization_test(better, worse) == pytest.approx(1 / 10_001, abs=2e-4)


def test_randomization_test_is_symmetric_and_seeded():
    a = [0.5, 0.1, 0.7, 0.3, 0.9, 0.2, 0.4]
    b = [0.4, 0.2, 0.5, 0.3, 0.6, 0.1, 0.5]
    p = tc.randomization_test(a, b)
    assert p == tc.randomization_test(b, a) == tc.randomization_test(a, b)
    # a mixed difference: neither a certain difference nor none
    assert 0.05 < p < 1.0
    with pytest.raises(ValueError):
        tc.randomization_test([1.0], [1.0, 2.0])


# ---------------------------------------------------------------------------------------- real data
REAL = {
    # name: (folder, docs, docs with title, judged queries, unjudged, relevant pairs, longest query words)
    "ADI": ("ir_collections/adi", 82, 82, 35, 0, 170, 35),
    "CISI": ("ir_collections/cisi", 1460, 1460, 76, 36, 3114, 334),
    "CRAN": ("ir_collections/cran", 1398, 1398, 225, 0, 1612, 46),
    "MED": ("ir_collections/med", 1033, 0, 30, 0, 696, 62),
    "TIME": ("time", 423, 0, 42, 0, 175, 29),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_collection_counts(name):
    folder, docs, titled, judged, unjudged, pairs, longest = REAL[name]
    if not (SHARED / folder).exists():
        pytest.skip(f"{name} not present at {SHARED / folder}")
    counts = irc.load(SHARED / folder, name).counts()
    assert (
        counts["docs"],
        counts["docs_with_title"],
        counts["queries_judged"],
        counts["queries_unjudged"],
        counts["relevant_pairs"],
        counts["max_query_words"],
    ) == (docs, titled, judged, unjudged, pairs, longest)


def test_cran_pitfalls_on_the_real_file():
    folder = SHARED / "ir_collections" / "cran"
    if not folder.exists():
        pytest.skip("CRAN not present")
    col = irc.load(folder)
    assert col.dropped["qrels_no_information"] == 225 and col.dropped["empty_docs"] == 2
    assert min(col.queries) == 1 and max(col.queries) == 225  # renumbered 1..225 in file order
    assert col.queries[3].startswith("what problems of heat conduction in composite slabs")  # file's .I 004
    assert 995 in col.qrels[125] and 995 not in {d.id for d in col.docs}  # empty doc, still relevant
