"""Query language, ranking, snippets, paging and the typed results of the API."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

import newsearch
from newsearch import Hit, SearchResult


def ids(result: SearchResult) -> list[str]:
    return [h.id for h in result.hits]


def test_result_types(ix):
    res = ix.search("prisoner exchange")
    assert isinstance(res, SearchResult) and res.total == len(res.hits) == 2
    hit = res.hits[0]
    assert isinstance(hit, Hit) and isinstance(hit.speakers, tuple) and isinstance(hit.parties, tuple)
    assert (
        hit.id == "ceasefire/talks.txt"
        and hit.date == datetime(2025, 11, 3, tzinfo=UTC)
        and hit.source == "Harbour Courier"
    )
    assert res.elapsed > 0 and hit.score > res.hits[1].score
    with pytest.raises(AttributeError):
        hit.score = 0  # frozen


def test_snippet_highlights_the_matched_words(ix):
    hit = ix.search("prisoner exchange").hits[0]
    marked = [hit.snippet[s.start : s.end].lower() for s in hit.highlights]
    assert "prisoner" in marked and "exchange" in marked
    assert "\n" not in hit.snippet


def test_headline_outranks_body(tmp_path, engine):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "body.txt").write_text(
        "Budget news\n\nThe report mentions glaciers once in a long body of text.\n"
    )
    (corpus / "head.txt").write_text("Glaciers retreat\n\nThe report has a long body of text about ice.\n")
    with newsearch.create_index(tmp_path / "ix", engine=engine) as ix:
        ix.add([corpus])
        assert ids(ix.search("glaciers")) == ["head.txt", "body.txt"]


def test_phrase_and_slop(ix):
    assert ids(ix.search('"prisoner exchange"')) == ["ceasefire/talks.txt"]
    assert ix.search('"exchange prisoner"').total == 0
    assert ids(ix.search('"prisoner swap"')) == ["wire-1"]
    assert ix.search('"workers strike"').total == 0
    assert ids(ix.search('"workers strike"~3')) == ["strike.txt"]


def test_all_words_rank_above_some(ix):
    res = ix.search("prisoner swap Doha")
    assert ids(res)[0] == "wire-1"
    assert "ceasefire/talks.txt" in ids(res)


def test_and_grouping_requires_every_word(built):
    with newsearch.open_index(built[1], ranking=newsearch.Ranking(grouping="and")) as strict:
        assert ids(strict.search("prisoner swap")) == ["wire-1"]


def test_boolean_operators(ix):
    assert set(ids(ix.search("prisoner AND swap"))) == {"wire-1"}
    assert set(ids(ix.search("strike OR coal"))) == {"strike.txt", "climate.json#1"}
    assert "wire-1" not in ids(ix.search("prisoner NOT swap"))
    assert ids(ix.search("prisoner NOT swap")) == ["ceasefire/talks.txt"]
    assert ids(ix.search("prisoner -swap")) == ["ceasefire/talks.txt"]
    assert ix.search("al-Thani").total == 0  # a hyphen inside a word is not NOT


def test_field_queries_and_aliases(ix):
    assert set(ids(ix.search('source:"Meridian Post"'))) == {"elec-1", "elec-2"}
    assert set(ids(ix.search('source:"meridian post"'))) == {"elec-1", "elec-2"}  # case-insensitive
    assert ids(ix.search("title:strike")) == []
    assert ids(ix.search("headline:coal")) == ["climate.json#1"]
    assert set(ids(ix.search("date:2025-06"))) == {"elec-1", "elec-2"}
    assert set(ids(ix.search("date:[2025-11-01 TO 2025-11-30]"))) == {"ceasefire/talks.txt", "wire-1"}
    assert ids(ix.search("prisoner date:>2025-11-03")) == ["wire-1"]
    assert ids(ix.search("prisoner date:<=2025-11-03")) == ["ceasefire/talks.txt"]
    assert set(ids(ix.search("date:<2025-06"))) == {"climate.json#1"}
    with pytest.raises(newsearch.QueryError, match="not a date"):
        ix.search("date:>2025-13-01")


def test_filters_do_not_change_scores(ix):
    plain = {h.id: h.score for h in ix.search("prisoner").hits}
    filtered = {h.id: h.score for h in ix.search('prisoner source:"Northgate Wire"').hits}
    assert filtered == {"wire-1": plain["wire-1"]}


def test_read_more_links_are_not_searchable(ix):
    assert ix.search('"election commission certifies"').total == 0
    assert "Election commission certifies results in record time" in ix.get("ceasefire/talks.txt").links


def test_us_is_searchable(ix):
    assert ids(ix.search("US delegation"))[0] == "climate.json#1"
    assert ids(ix.search('"U.S. delegation"')) == ["climate.json#1"]


def test_paging_is_stable_and_complete(ix):
    full = ids(ix.search("the OR talks OR said OR strike OR prisoner OR election", limit=100))
    pages = [
        ids(ix.search("the OR talks OR said OR strike OR prisoner OR election", limit=2, page=p))
        for p in (1, 2, 3)
    ]
    assert [i for page in pages for i in page] == full[:6]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ('"prisoner exchange', "unbalanced quote"),
        ("colour:red", "unknown field 'colour'"),
    ],
)
def test_bad_queries_raise_query_error(ix, text, message):
    with pytest.raises(newsearch.QueryError, match=message):
        ix.search(text)


def test_get_returns_the_stored_article(ix):
    article = ix.get("elec-2")
    assert isinstance(article, newsearch.Article)
    assert article.headline == "Opposition claims early lead" and article.record == 2
    assert isinstance(article.speakers, tuple) and isinstance(article.parties, tuple)


def test_stats(ix):
    stats = ix.stats()
    assert stats.articles == 7
    assert (
        stats.first_date == datetime(2025, 3, 26, tzinfo=UTC)
        and stats.last_date.date() == datetime(2025, 11, 4).date()
    )
    assert {(s.value, s.count) for s in stats.sources} >= {("Meridian Post", 2), ("Northgate Wire", 2)}
    assert stats.size_bytes > 0 and stats.schema_version == newsearch.documents.SCHEMA_VERSION


def test_searches_from_threads_agree(ix):
    from concurrent.futures import ThreadPoolExecutor

    expected = ids(ix.search("prisoner"))
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: ids(ix.search("prisoner")), range(40)))
    assert all(r == expected for r in results)


def test_a_long_lived_index_sees_new_commits(built, tmp_path, engine):
    import shutil

    corpus = tmp_path / "c"
    shutil.copytree(built[0], corpus)
    with (
        newsearch.create_index(tmp_path / "ix", engine=engine) as reader,
        newsearch.open_index(tmp_path / "ix") as writer,
    ):
        writer.add([corpus])
        assert reader.search("glaciers").total == 0
        (corpus / "g.txt").write_text("Glaciers\n\nIce retreats.\n")
        writer.add([corpus])
        assert reader.search("glaciers").total == 1


SNIPPET_QUERIES = (
    "prisoner exchange talks ceasefire minister said",
    '"prisoner exchange" Doha',
    "strike OR rates",
)


def test_snippets_are_the_same_every_time(ix, built):
    """The same search gives the same hits, scores, snippets and highlights: twice in one process, in a
    fresh Index, and in processes with other string hash seeds (so no set or dict order leaks in)."""
    for query in SNIPPET_QUERIES:
        first = ix.search(query, limit=20)
        assert first.hits and all(h.snippet for h in first.hits)
        assert ix.search(query, limit=20).hits == first.hits
        with newsearch.open_index(built[1]) as fresh:
            assert fresh.search(query, limit=20).hits == first.hits


def test_snippets_do_not_depend_on_the_hash_seed(built_whoosh):
    outputs = set()
    for seed in ("1", "2"):
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "newsearch",
                "query",
                SNIPPET_QUERIES[0],
                "--all-hits",
                "--format",
                "jsonl",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "NEWSEARCH_INDEX": str(built_whoosh[1])},
            check=True,
        )
        outputs.add(run.stdout)
    (only,) = outputs
    assert len(only.splitlines()) >= 3 and '"highlights": [{' in only
