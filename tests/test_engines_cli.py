"""Choosing and changing the search engine from the CLI and the API: ``newsearch index --engine``, the
engine recorded in the index, ``stats`` naming it, ``newsearch migrate --engine`` both ways (same answers
after, the next run still incremental, the old engine's files gone) and what a failed migration leaves."""

from __future__ import annotations

import json
import os

import pytest

import newsearch
from newsearch.backends.tantivy import available

pytestmark = pytest.mark.skipif(not available(), reason="tantivy is not installed (newsearch[tantivy])")

QUERIES = ['"prisoner exchange"', "strike", "ceasefire talks", "speaker:Okonjo", "election -opposition"]


def answers(folder) -> dict:
    """What a user sees: totals, hit ids in order and facet counts, for a few queries."""
    out = {}
    with newsearch.open_index(folder) as ix:
        for q in QUERIES:
            res = ix.search(q, limit=20, facets=["speakers", "parties", "source", "date:month"])
            out[q] = (res.total, [h.id for h in res.hits], res.facets)
    return out


def run(runner, *args):
    from newsearch.cli import cli

    return runner.invoke(cli, [str(a) for a in args])


def test_index_with_tantivy_is_recorded_and_named_by_stats(tmp_path, corpus_dir, runner):
    folder = tmp_path / "ix"
    done = run(runner, "index", corpus_dir, "--index", folder, "--engine", "tantivy", "-q")
    assert done.exit_code == 0, done.output
    assert json.loads((folder / "newsearch.json").read_text())["engine"] == "tantivy"
    assert "meta.json" in os.listdir(folder) and not [n for n in os.listdir(folder) if "MAIN" in n]
    stats = run(runner, "stats", "--index", folder, "--json")
    assert json.loads(stats.output)["engine"] == "tantivy"
    assert "engine:       tantivy" in run(runner, "stats", "--index", folder).output
    again = run(runner, "index", corpus_dir, "--index", folder, "-q", "--json")  # no --engine needed now
    assert json.loads(again.output)["unchanged"] == 7


def test_both_engines_give_the_same_answers(tmp_path, corpus_dir):
    whoosh, tantivy = tmp_path / "w", tmp_path / "t"
    newsearch.index_corpus(whoosh, [corpus_dir])
    newsearch.index_corpus(tantivy, [corpus_dir], engine="tantivy")
    mine, theirs = answers(tantivy), answers(whoosh)
    for q in QUERIES:
        assert mine[q][0] == theirs[q][0] and set(mine[q][1]) == set(theirs[q][1]), q
        assert mine[q][2] == theirs[q][2], q  # facets counted over the same matches


def test_naming_another_engine_for_an_existing_index_says_how_to_migrate(tmp_path, corpus_dir, runner):
    folder = tmp_path / "ix"
    newsearch.index_corpus(folder, [corpus_dir])
    done = run(runner, "index", corpus_dir, "--index", folder, "--engine", "tantivy", "-q")
    assert done.exit_code == 1
    assert "newsearch migrate --engine tantivy" in done.stderr
    assert json.loads((folder / "newsearch.json").read_text())["engine"] == "whoosh"  # untouched


def test_migrate_both_ways_keeps_every_article_and_the_manifest(tmp_path, corpus_dir, runner):
    folder = tmp_path / "ix"
    newsearch.index_corpus(folder, [corpus_dir])
    before = answers(folder)
    with newsearch.open_index(folder) as ix:
        articles = {a: ix.get(a) for a in (h.id for h in ix.search("*", limit=100).hits)}
    moved = run(runner, "migrate", "--engine", "tantivy", "--index", folder, "--json")
    assert moved.exit_code == 0, moved.output
    report = json.loads(moved.output)
    assert (report["from_engine"], report["to_engine"], report["articles"]) == ("whoosh", "tantivy", 7)
    assert not [n for n in os.listdir(folder) if "MAIN" in n]  # Whoosh's files are gone
    after = answers(folder)
    for q in QUERIES:
        assert after[q][0] == before[q][0] and set(after[q][1]) == set(before[q][1]), q
        assert after[q][2] == before[q][2], q
    with newsearch.open_index(folder) as ix:
        assert ix.engine == "tantivy"
        assert {a: ix.get(a) for a in articles} == articles  # every stored field, quotes and parties too
    assert newsearch.index_corpus(folder, [corpus_dir]).unchanged == 7  # still incremental: nothing rewritten
    back = run(runner, "migrate", "--engine", "whoosh", "--index", folder)
    assert back.exit_code == 0 and "7 articles moved from tantivy to whoosh" in back.output
    assert "meta.json" not in os.listdir(folder)
    assert answers(folder) == before
    same = run(runner, "migrate", "--engine", "whoosh", "--index", folder)
    assert same.exit_code == 1 and "already kept in the whoosh engine" in same.stderr


def test_a_failed_migration_leaves_the_index_as_it_was(tmp_path, corpus_dir, monkeypatch):
    from newsearch.backends.tantivy.store import TantivyWriter

    folder = tmp_path / "ix"
    newsearch.index_corpus(folder, [corpus_dir])
    before = answers(folder)
    calls = []

    def failing_add(self, record, analysed=None):
        calls.append(record["id"])
        if len(calls) == 4:
            raise OSError("disk full")

    with monkeypatch.context() as m:
        m.setattr(TantivyWriter, "add", failing_add)
        with pytest.raises(OSError, match="disk full"):
            newsearch.migrate_index(folder, "tantivy")
    with newsearch.open_index(folder) as ix:
        assert ix.engine == "whoosh"
    assert answers(folder) == before
    assert newsearch.migrate_index(folder, "tantivy").articles == 7  # the next try clears the partial files
    after = answers(folder)
    assert all(after[q][0] == before[q][0] and after[q][2] == before[q][2] for q in QUERIES)
