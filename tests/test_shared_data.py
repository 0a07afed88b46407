"""Real corpora from ../shared/data (research-licensed, read in place, never copied): skipped when absent."""

from __future__ import annotations

import csv
import json

import pytest

import newsearch


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory):
    from conftest import SHARED_DATA

    seed = SHARED_DATA / "seed"
    if not seed.is_dir():
        pytest.skip(f"{seed} is absent")
    ix = newsearch.create_index(tmp_path_factory.mktemp("seed") / "ix")
    ix.add([seed / "000_c1c76d7a80e1dc22.txt"])
    yield ix, json.loads((seed / "expected.json").read_text(encoding="utf-8"))
    ix.close()


def test_seed_structure(seed_index):
    ix, expected = seed_index
    (article,) = ix.search("Axios").hits
    stored = ix.get(article.id)
    assert stored.headline == expected["headline"]
    assert list(stored.links) == expected["related_links_not_body"]
    assert list(stored.subheads) == expected["subheads"]


def test_seed_queries(seed_index):
    ix, _ = seed_index
    assert ix.search("prisoner exchange").total == 1
    assert ix.search('"prisoner swap"').total == 1
    assert ix.search('"exchange prisoner"').total == 0
    # "Read more" links are not searchable: their words appear nowhere else in the article.
    assert ix.search('"diplomatic spat"').total == 0
    assert ix.search("Trump").total == 0
    assert ix.search("party:Trump").total == 0


def test_wikinews_csv_with_embedded_newlines(shared_data, tmp_path):
    path = shared_data / "wikinews_2019_2020" / "wikinews_2019.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = sum(1 for _ in csv.DictReader(fh))
    with newsearch.create_index(tmp_path / "ix") as ix:
        report = ix.add([path], extract=False)
        assert report.added + len(report.skipped) == rows and report.added >= rows - 5
        assert ix.search("Magnitogorsk").total >= 1


def test_bbc_news_all_files_including_latin1(shared_data, tmp_path):
    bbc = shared_data / "bbc_news"
    with newsearch.create_index(tmp_path / "ix") as ix:
        report = ix.add([bbc], extract=False)
        assert report.added == 2225 and report.skipped == ()  # every article; the README is not one
        assert {(g.kind, g.paths) for g in report.not_read} == {
            ("README*", ("README.TXT",)),
            (".md", ("SOURCE.md",)),
        }
        assert "£15.8m" in ix.get("sport/199.txt").body
        again = ix.add([bbc], extract=False)
        assert again.unchanged == 2225 and again.added == again.updated == again.removed == 0


def test_bbc_business_then_tech_into_one_index_keeps_both(shared_data, tmp_path):
    # Issue 12: the same file names in two folders used to overwrite each other (401 articles lost).
    bbc = shared_data / "bbc_news"
    with newsearch.create_index(tmp_path / "ix") as ix:
        assert ix.add([bbc / "business"], extract=False).added == 510
        second = ix.add([bbc / "tech"], extract=False)
        assert (second.added, second.updated, second.removed, second.conflicts) == (401, 0, 0, ())
        assert len(ix) == 911
        assert ix.get("001.txt").headline != ix.get("tech/001.txt").headline
        assert ix.add([bbc / "business"], extract=False).unchanged == 510


def test_reuters_folder_reads_every_story_with_a_body_and_explains_the_rest(shared_data):
    from newsearch.corpus import ids, read_file, survey
    from newsearch.models import Article, Skipped

    folder = shared_data / "reuters21578"
    found = survey(ids.place([folder], {}))
    assert {(g.kind, g.paths) for g in found.not_read} == {
        (".dtd", ("lewis.dtd",)),
        (".md", ("SOURCE.md",)),
        ("README*", ("README.txt",)),
    }
    stories, skipped = [], []
    for source in found.sources:
        for item in read_file(source):
            if isinstance(item, Article):
                stories.append(item)
            elif isinstance(item, Skipped):
                skipped.append(item)
    assert len(stories) == 19_043 and all(s.date is not None for s in stories)
    assert len({s.id for s in stories}) == 19_043
    reasons = {s.reason.split(" (")[0] if "not an article" in s.reason else s.reason for s in skipped}
    assert reasons == {
        'no BODY: a TYPE="BRIEF" story (a headline only)',
        'no BODY: a TYPE="UNPROC" story (text Reuters did not process)',
        "not an article: mostly short lines, a list or data",  # the category lists and the data dump
    }
    assert (
        sum("BRIEF" in s.reason for s in skipped) == 1_798
        and sum("UNPROC" in s.reason for s in skipped) == 737
    )
