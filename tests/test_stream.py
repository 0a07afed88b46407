"""Every hit of a search, streamed (``Index.stream`` / ``Index.iter_hits``): each matching article exactly
once, in the order of the pages, from one committed state, on every engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsearch

BROAD = "said talks election minister climate strike court"  # most of corpus/, with feedback re-ranking
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def ix(tmp_path_factory, engine):
    """The project's sample corpus (45 articles, several near-duplicates), on each engine."""
    index = tmp_path_factory.mktemp("stream") / "ix"
    newsearch.create_index(index, engine=engine).add([ROOT / "corpus"])
    with newsearch.open_index(index) as opened:
        yield opened


@pytest.mark.parametrize("sort", ["relevance", "date", "-date"])
def test_every_matching_article_once_in_rank_order(ix, sort):
    every = ix.search(BROAD, limit=1000, collapse=False, sort=sort)
    assert every.total > 25  # several pages
    streamed = [h.id for h in ix.iter_hits(BROAD, collapse=False, sort=sort)]
    assert streamed == [h.id for h in every.hits]  # the pages' order: rank, or date then doc number
    assert len(streamed) == len(set(streamed)) == every.total
    pages = [
        h.id for p in range(1, 5) for h in ix.search(BROAD, limit=7, page=p, collapse=False, sort=sort).hits
    ]
    assert streamed[: len(pages)] == pages


@pytest.mark.parametrize(
    "query",
    [
        BROAD,  # feedback words re-rank (an AndMaybe for Whoosh)
        "talks -minister said",  # an exclusion (AndNot)
        '"prisoner exchange" talks Doha',  # a phrase, words only ranking
        "+talks minister said",
        "said",
    ],
)
def test_a_page_is_the_same_stretch_of_the_whole_ranking_whatever_its_size(ix, query):
    """Whoosh's top-N shortcuts once lost the best article of a small page (unsound score bounds)."""
    whole = [h.id for h in ix.search(query, limit=1000, collapse=False, snippets=False).hits]
    for size in (1, 2, 3, 5, 8, 13):
        pages = (ix.search(query, limit=size, page=p, collapse=False, snippets=False) for p in (1, 2, 3))
        assert [h.id for page in pages for h in page.hits] == whole[: 3 * size], size


def test_folded_copies_come_with_the_hit_they_copy(ix):
    """Folded, each matching article still comes out exactly once: as a hit or in a hit's ``similar``."""
    unfolded = {h.id for h in ix.iter_hits(BROAD, collapse=False)}
    hits = list(ix.iter_hits(BROAD))
    shown = [h.id for h in hits]
    assert shown == [h.id for h in ix.search(BROAD, limit=1000).hits]
    everyone = shown + [s for h in hits for s in h.similar]
    assert len(everyone) == len(set(everyone)) and set(everyone) == unfolded


def test_the_stream_comes_with_its_result(ix):
    result, hits = ix.stream(BROAD, facets=["source", "date:month"], sort="-date")
    page = ix.search(BROAD, facets=["source", "date:month"], sort="-date", limit=1000)
    assert result.hits == () and result.total == page.total and result.facets == page.facets
    assert result.notices == page.notices and result.collapsed == page.collapsed
    assert [h.id for h in hits] == [h.id for h in page.hits]
    empty, nothing = ix.stream("nosuchword")
    assert empty.total == 0 and list(nothing) == []
    with pytest.raises(TypeError, match="no limit"):
        ix.stream("talks", limit=5)
    with pytest.raises(newsearch.QueryError):
        ix.iter_hits('"unclosed')  # a bad query fails when asked, not at the first hit


def _story(n: int, word: str = "harbour") -> dict:
    return {
        "id": f"s{n:03d}",
        "headline": f"Story {n}",
        "body": f"The {word} story number {n}. " * (1 + n % 5),
    }


def _write(corpus: Path, name: str, stories: list[dict]) -> None:
    (corpus / name).write_text("\n".join(json.dumps(s) for s in stories) + "\n", encoding="utf-8")


def test_a_commit_while_iterating_neither_shifts_nor_repeats_hits(tmp_path, engine):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    ix = newsearch.create_index(tmp_path / "ix", engine=engine)
    for part in range(3):  # three commits: three segments for engines that keep them
        _write(corpus, f"part{part}.jsonl", [_story(n) for n in range(part * 20, part * 20 + 20)])
        ix.add([corpus], extract=False)
    expected = [h.id for h in ix.search("harbour", limit=1000, collapse=False).hits]
    assert len(expected) == 60
    engine_files = {p.name for p in (tmp_path / "ix").iterdir()}

    hits = ix.iter_hits("harbour", collapse=False)
    got = [next(hits).id for _ in range(5)]
    # Meanwhile: better-ranked articles arrive, one part is rewritten, another removed (a merge for Whoosh).
    _write(corpus, "part3.jsonl", [_story(n, "harbour harbour harbour") for n in range(100, 130)])
    _write(corpus, "part1.jsonl", [_story(n, "harbour quay") for n in range(20, 40)])
    (corpus / "part2.jsonl").unlink()
    report = ix.add([corpus], extract=False)
    assert (report.added, report.updated, report.removed) == (30, 20, 20)
    got += [h.id for h in hits]

    assert got == expected  # the state the iteration started on, whole and in order
    after = [h.id for h in ix.iter_hits("harbour", collapse=False)]
    assert len(after) == 70 and after[0].startswith("s1")  # a new iteration reads the new state
    if engine == "whoosh":  # the commit replaced segment files the stream was still reading
        assert engine_files - {p.name for p in (tmp_path / "ix").iterdir()}
    ix.close()
