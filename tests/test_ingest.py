"""Ingest loses nothing silently (issue 12): one regression test per defect, then the rules around them.

Defects: (1) ids that collide across folders overwrite articles; (2) files the walk passes over are not
reported, and READMEs are indexed as news; (3) unknown columns lose bodies and dates silently; (4) a failed
run leaves an empty index behind; (5) no stdin.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsearch
from newsearch import manifest
from newsearch.cli import cli


def story(word: str, headline: str = "A headline") -> str:
    return f"{headline}\n\nThe body of this story mentions {word} once.\n"


def two_folders(tmp_path: Path) -> tuple[Path, Path]:
    """business/ and tech/, both holding 001.txt and 002.txt (like bbc_news)."""
    a, b = tmp_path / "business", tmp_path / "tech"
    for folder, words in ((a, ("zebrafund", "zebrabank")), (b, ("quokkachip", "quokkanet"))):
        folder.mkdir()
        for n, word in enumerate(words, start=1):
            (folder / f"00{n}.txt").write_text(story(word), encoding="utf-8")
    return a, b


# ------------------------------------------------------------------ defect 1: ids never collide


def test_same_file_names_in_two_folders_indexed_one_after_the_other_keep_both(tmp_path):
    a, b = two_folders(tmp_path)
    with newsearch.create_index(tmp_path / "ix") as ix:
        assert ix.add([a]).added == 2
        second = ix.add([b])
        assert (second.added, second.updated, second.removed) == (2, 0, 0)
        assert len(ix) == 4
        for word in ("zebrafund", "zebrabank", "quokkachip", "quokkanet"):
            assert ix.search(word).total == 1, word
        again = ix.add([a])
        assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 2)
        assert ix.get("001.txt").body.endswith("zebrafund once.")
        assert ix.get("tech/001.txt").body.endswith("quokkachip once.")


def test_same_file_names_in_two_folders_in_one_run(tmp_path):
    a, b = two_folders(tmp_path)
    with newsearch.create_index(tmp_path / "ix") as ix:
        report = ix.add([a, b])
        assert report.added == 4 and report.skipped == () and report.conflicts == ()
        assert sorted(h.id for h in ix.search("body", limit=10).hits) == [
            "001.txt",
            "002.txt",
            "tech/001.txt",
            "tech/002.txt",
        ]


def test_own_ids_repeating_across_files_keep_both_and_say_so(tmp_path):
    corpus = tmp_path / "feeds"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text(json.dumps({"id": "x1", "title": "A", "text": "About walruses."}) + "\n")
    (corpus / "b.jsonl").write_text(json.dumps({"id": "x1", "title": "B", "text": "About narwhals."}) + "\n")
    with newsearch.create_index(tmp_path / "ix") as ix:
        report = ix.add([corpus])
        assert report.added == 2 and report.skipped == ()
        (conflict,) = report.conflicts
        assert (conflict.id, conflict.holder_path, conflict.path) == ("x1", "a.jsonl", "b.jsonl")
        assert conflict.kept_as == "b.jsonl#1"
        assert ix.get("x1").headline == "A" and ix.get("b.jsonl#1").headline == "B"
        assert ix.search("walruses").total == ix.search("narwhals").total == 1
        again = ix.add([corpus])  # stable: the same ids, the conflict said again
        assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 2)
        assert len(again.conflicts) == 1


def test_own_id_claimed_by_a_file_of_another_folder_is_not_overwritten(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "a.json").write_text(json.dumps({"id": "x1", "title": "A", "text": "About walruses."}))
    (two / "a.json").write_text(json.dumps({"id": "x1", "title": "B", "text": "About narwhals."}))
    with newsearch.create_index(tmp_path / "ix") as ix:
        ix.add([one])
        report = ix.add([two])
        assert (report.added, report.updated) == (1, 0)
        assert [str(c) for c in report.conflicts] == [
            "id 'x1' is claimed by a.json and two/a.json: both kept, the second as 'two/a.json'"
        ]
        assert ix.get("x1").headline == "A" and ix.get("two/a.json").headline == "B"


def test_removing_gone_files_touches_only_the_folder_being_indexed(tmp_path):
    a, b = two_folders(tmp_path)
    with newsearch.create_index(tmp_path / "ix") as ix:
        ix.add([a, b])
        (a / "001.txt").unlink()
        report = ix.add([a])
        assert (report.removed, report.unchanged) == (1, 1)
        assert ix.get("tech/001.txt").body.endswith("quokkachip once.")
        assert len(ix) == 3


def test_a_subfolder_of_an_indexed_folder_keeps_its_ids(tmp_path):
    a, _ = two_folders(tmp_path)
    (a / "deep").mkdir()
    (a / "deep" / "003.txt").write_text(story("kiwicoin"))
    with newsearch.create_index(tmp_path / "ix") as ix:
        assert ix.add([a]).added == 3
        report = ix.add([a / "deep"])
        assert (report.added, report.unchanged) == (0, 1)
        assert ix.add([a / "deep" / "003.txt"]).unchanged == 1
        assert ix.search("kiwicoin").hits[0].id == "deep/003.txt"
        assert len(ix) == 3


def test_a_moved_corpus_folder_keeps_its_ids(tmp_path):
    a, _ = two_folders(tmp_path)
    with newsearch.create_index(tmp_path / "ix") as ix:
        ix.add([a])
        moved = tmp_path / "elsewhere" / "business"
        moved.parent.mkdir()
        shutil.move(a, moved)
        report = ix.add([moved])
        assert (report.added, report.removed, report.unchanged) == (0, 0, 2)
        assert [n.kind for n in report.notices] == ["root-moved"]
        assert ix.get("001.txt").body.endswith("zebrafund once.")


def test_another_folder_with_a_taken_name_gets_its_own_namespace(tmp_path):
    a = tmp_path / "2024" / "news"
    b = tmp_path / "2025" / "news"
    for folder, word in ((a, "lynxvote"), (b, "ibexvote")):
        folder.mkdir(parents=True)
        (folder / "1.txt").write_text(story(word))
    with newsearch.create_index(tmp_path / "ix") as ix:
        ix.add([a])
        report = ix.add([b])
        assert report.added == 1
        assert ix.search("lynxvote").hits[0].id == "1.txt"  # the first folder is the home: no prefix
        assert ix.search("ibexvote").hits[0].id == "news/1.txt"
        assert ix.add([b]).unchanged == 1 and ix.add([a]).unchanged == 1


def test_an_index_of_the_previous_schema_gets_a_clear_rebuild_message(corpus_dir, tmp_path, runner):
    folder = tmp_path / "ix"
    newsearch.create_index(folder).close()
    manifest.write_marker(folder, 1, "snowball")  # what the last release wrote
    with pytest.raises(newsearch.NewsearchError, match=r"--rebuild"):
        newsearch.open_index(folder)
    result = runner.invoke(cli, ["index", str(corpus_dir), "--index", str(folder)])
    assert result.exit_code == 1 and "--rebuild" in result.stderr
    result = runner.invoke(cli, ["index", str(corpus_dir), "--index", str(folder), "--rebuild"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("7 added")
    assert newsearch.open_index(folder).get("strike.txt").headline.startswith("Dock workers")


# ------------------------------------------------------------------ defect 2: nothing passed over silently


def test_unsupported_files_are_reported_grouped(tmp_path, runner):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(story("okapi"))
    for n in range(3):
        (corpus / f"scan-{n}.pdf").write_bytes(b"%PDF-1.4")
    (corpus / "notes.md").write_text("# notes\n")
    (corpus / "wire.gz").write_bytes(gzip.compress(b"a story"))  # a gzip that does not say what it holds
    with newsearch.create_index(tmp_path / "ix") as ix:
        report = ix.add([corpus])
    assert report.added == 1
    groups = {(g.kind, g.reason): g for g in report.not_read}
    assert groups[(".pdf", "unsupported type")].count == 3
    assert groups[(".md", "unsupported type")].paths == ("notes.md",)
    assert groups[(".gz", "no type before .gz (name it like stories.jsonl.gz)")].paths == ("wire.gz",)
    assert report.not_read_files == 5
    result = runner.invoke(cli, ["index", str(corpus), "--index", str(tmp_path / "ix2")])
    assert "5 files not read: .pdf ×3 (unsupported type), .gz ×1 (no type before .gz" in result.stderr
    assert "5 not read" in result.stdout


def test_readmes_licences_and_hidden_files_are_not_articles_unless_forced(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "001.txt").write_text(story("okapi"))
    (corpus / "README.TXT").write_text("About this dataset\n\nThese files are articles from 2004.\n")
    (corpus / "LICENSE.txt").write_text("MIT License\n\nPermission is hereby granted.\n")
    (corpus / "CHANGES.txt").write_text("Changes\n\nVersion 2 fixed typos.\n")
    (corpus / ".draft.txt").write_text(story("hiddenword"))
    with newsearch.create_index(tmp_path / "ix") as ix:
        report = ix.add([corpus])
        assert report.added == 1
        kinds = {g.kind: g for g in report.not_read}
        assert kinds["README*"].paths == ("README.TXT",)
        assert {"LICENSE*", "CHANGES*", "hidden"} <= set(kinds)
        assert ix.add([corpus], include=["*.txt"]).added == 0  # a wildcard selects, it does not force
        forced = ix.add([corpus], include=["*.txt", "README.TXT", "LICENSE.txt", "CHANGES.txt"], hidden=True)
        assert forced.added == 4  # README, LICENSE, CHANGES and the hidden draft
        assert ix.add([corpus]).removed == 4  # the index mirrors the selection of each run
        assert ix.add([corpus], no_ignore=True, hidden=True).added == 4


def test_word_lists_and_data_files_are_not_articles(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "001.txt").write_text(story("okapi"))
    (corpus / "places.txt").write_text("\n".join(f"place-{n}" for n in range(60)) + "\n")
    with newsearch.create_index(tmp_path / "ix") as ix:
        report = ix.add([corpus])
        assert report.added == 1
        (skip,) = report.skipped
        assert skip.path == "places.txt" and "not an article" in skip.reason
        assert "--include" in skip.reason
        assert ix.add([corpus], include=["*.txt"]).added == 0
        assert ix.add([corpus], include=["*.txt", "places.txt"]).added == 1


def test_include_and_exclude_globs_and_the_ignore_file(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "drafts").mkdir(parents=True)
    (corpus / "2024").mkdir()
    (corpus / "a.txt").write_text(story("alpha"))
    (corpus / "b.json").write_text(json.dumps({"title": "B", "body": "Bravo text."}))
    (corpus / "drafts" / "c.txt").write_text(story("charlie"))
    (corpus / "2024" / "d.txt").write_text(story("delta"))
    with newsearch.create_index(tmp_path / "ix") as ix:

        def ids(**kw) -> set[str]:
            ix.add([corpus], **kw)
            return {h.id for h in ix.search("body OR text", limit=50).hits}

        assert ids(include=["*.txt"]) == {"a.txt", "drafts/c.txt", "2024/d.txt"}
        assert ids(exclude=["drafts/"]) == {"a.txt", "b.json", "2024/d.txt"}
        assert ids(include=["*.txt", "!/a.txt"]) == {"drafts/c.txt", "2024/d.txt"}
        assert ids(include=["*.txt"], exclude=["2024/"]) == {"a.txt", "drafts/c.txt"}
        (corpus / ".newsearchignore").write_text("# not for the index\ndrafts/\n*.json\n")
        assert ids() == {"a.txt", "2024/d.txt"}
        report = ix.add([corpus])
        (group,) = [g for g in report.not_read if "newsearchignore" in g.reason]
        assert set(group.paths) == {"drafts/", "b.json"}
        assert ids(no_ignore=True) == {"a.txt", "b.json", "drafts/c.txt", "2024/d.txt"}


def test_a_file_named_on_the_command_line_is_always_read(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "README.txt").write_text("About the data\n\nThe files are news articles.\n")
    with newsearch.create_index(tmp_path / "ix") as ix:
        assert ix.add([corpus / "README.txt"]).added == 1


def test_an_index_folder_inside_the_corpus_is_not_read(corpus_dir):
    with newsearch.create_index(corpus_dir / "index") as ix:
        ix.add([corpus_dir])
        report = ix.add([corpus_dir])
    assert report.skipped == () and report.unchanged == 7
    assert [(g.kind, g.paths) for g in report.not_read] == [("newsearch index", ("index/",))]


# ------------------------------------------------------------------ defect 3: columns and dates


UNKNOWN_COLUMNS_CSV = (
    "hed,full_story,pubdate,outlet_name\n"
    'Mayor resigns,"The mayor resigned on Friday after a vote.",05/03/2024,Valley Star\n'
    'Bridge reopens,"The bridge reopened to traffic on Monday.",13/03/2024,Valley Star\n'
)


def test_a_headline_without_a_body_column_is_reported_with_the_fix(tmp_path, runner):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "feed.csv").write_text(UNKNOWN_COLUMNS_CSV)
    with newsearch.create_index(tmp_path / "ix") as ix:
        report = ix.add([corpus])
    notices = {n.kind: n for n in report.notices}
    no_body = notices["no-body"]
    assert no_body.path == "feed.csv" and no_body.count == 2 and no_body.records == (1, 2)
    assert "hed, full_story, pubdate, outlet_name" in no_body.message
    assert "--field body=full_story" in no_body.message
    assert "outlet_name" in notices["columns-unused"].message
    assert report.dates_unparsed == 2
    assert (
        "05/03/2024" in notices["dates-unparsed"].message
        and "--date-format" in notices["dates-unparsed"].message
    )
    result = runner.invoke(cli, ["index", str(corpus), "--index", str(tmp_path / "ix2")])
    assert "feed.csv: records 1, 2 have a headline but no body" in result.stderr
    assert "2 dates not parsed" in result.stdout


def test_field_mapping_and_date_format_from_the_api(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "feed.csv").write_text(UNKNOWN_COLUMNS_CSV)
    with newsearch.create_index(tmp_path / "ix") as ix:
        ix.add([corpus])
        report = ix.add(
            [corpus], fields={"body": "full_story", "source": "outlet_name"}, date_format="%d/%m/%Y"
        )
        assert (report.updated, report.dates_unparsed, report.notices) == (2, 0, ())
        mayor = ix.get("feed.csv#1")
        assert mayor.body == "The mayor resigned on Friday after a vote."
        assert (mayor.date.year, mayor.date.month, mayor.date.day) == (2024, 3, 5)
        assert mayor.source == "Valley Star"


def test_field_mapping_from_the_cli_and_from_newsearch_toml(tmp_path, runner):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "feed.csv").write_text(UNKNOWN_COLUMNS_CSV)
    args = ["index", str(corpus), "--index", str(tmp_path / "ix"), "--json"]
    mapped = ["--field", "body=full_story", "--field", "source=outlet_name", "--date-format", "%d/%m/%Y"]
    result = runner.invoke(cli, [*args, *mapped])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["added"], data["dates_unparsed"], data["notices"]) == (2, 0, [])
    (corpus / "newsearch.toml").write_text(
        '# how to read this folder\ndate_format = "%d/%m/%Y"\n[fields]\nbody = "full_story"\nsource = "outlet_name"\n'
    )
    data = json.loads(runner.invoke(cli, args).stdout)  # the same settings, from the file: nothing changes
    assert (data["unchanged"], data["notices"]) == (2, [])
    bad = runner.invoke(cli, [*args, "--field", "bodytext=full_story"])
    assert bad.exit_code == 2 and "bodytext" in bad.stderr and "headline" in bad.stderr


def test_a_bad_newsearch_toml_is_an_error_naming_the_file(tmp_path, runner):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(story("okapi"))
    (corpus / "newsearch.toml").write_text("[fields]\nbody = 3\n")
    result = runner.invoke(cli, ["index", str(corpus), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1 and "newsearch.toml" in result.stderr and "body" in result.stderr


# ------------------------------------------------------------------ defect 4: nothing created for nothing


def test_a_missing_corpus_creates_no_index(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["index", str(tmp_path / "nonexistent")])
    assert result.exit_code == 1 and "no such file or folder" in result.stderr
    assert not (tmp_path / "index").exists()
    query = runner.invoke(cli, ["query", "x"])
    assert query.exit_code == 1 and "no index" in query.stderr


def test_an_empty_corpus_folder_says_so(tmp_path, runner):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "cover.jpg").write_bytes(b"\xff\xd8")
    result = runner.invoke(cli, ["index", str(empty), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1
    assert "no articles to index" in result.stderr and ".jpg ×1 (unsupported type)" in result.stderr
    assert not (tmp_path / "ix").exists()


def test_an_emptied_corpus_folder_does_not_wipe_the_index(corpus_dir, tmp_path):
    with newsearch.create_index(tmp_path / "ix") as ix:
        ix.add([corpus_dir])
        moved = tmp_path / "away"
        shutil.move(corpus_dir, moved)
        corpus_dir.mkdir()  # an empty mount point, say
        with pytest.raises(newsearch.CorpusError, match="no articles to index"):
            ix.add([corpus_dir])
        assert len(ix) == 7


# ------------------------------------------------------------------ defect 5: stdin


def test_index_from_stdin_jsonl_then_more(tmp_path, runner):
    index = str(tmp_path / "ix")
    lines = [
        {"title": "Vote count begins", "body": "Counting began at dawn."},
        {"title": "Rain", "text": "Wet."},
    ]
    first = runner.invoke(cli, ["index", "-", "--index", index], input="\n".join(map(json.dumps, lines)))
    assert first.exit_code == 0, first.stderr
    assert first.stdout.startswith("2 added")
    more = runner.invoke(
        cli, ["index", "-", "--index", index], input=json.dumps({"id": "s-9", "title": "Sun", "body": "Dry."})
    )
    assert more.stdout.startswith("1 added, 0 updated, 0 removed")  # stdin adds; it never removes
    same = runner.invoke(cli, ["index", "-", "--index", index], input="\n".join(map(json.dumps, lines)))
    assert same.stdout.startswith("0 added, 0 updated, 0 removed, 2 unchanged")
    with newsearch.open_index(index) as ix:
        assert len(ix) == 3 and ix.get("s-9").headline == "Sun"
        assert ix.search("counting").hits[0].id.startswith("stdin/")


def test_index_one_plain_text_article_from_stdin(tmp_path, runner):
    index = str(tmp_path / "ix")
    result = runner.invoke(cli, ["index", "-", "--index", index], input=story("pangolin", "Pangolins return"))
    assert result.exit_code == 0, result.stderr
    with newsearch.open_index(index) as ix:
        (hit,) = ix.search("pangolin").hits
        assert hit.headline == "Pangolins return"


def test_stdin_through_the_api(tmp_path):
    with newsearch.create_index(tmp_path / "ix") as ix:
        report = ix.add(["-"], stdin=b'{"title": "T", "body": "Stdin body."}\n')
        assert report.added == 1
        with pytest.raises(ValueError, match="stdin"):
            ix.add(["-"])


# ------------------------------------------------------------------ the id rules, more closely


def test_a_moved_named_folder_keeps_its_ids(tmp_path):
    a, b = two_folders(tmp_path)
    with newsearch.create_index(tmp_path / "ix") as ix:
        ix.add([a, b])
        moved = tmp_path / "archive" / "tech"
        moved.parent.mkdir()
        shutil.move(b, moved)
        report = ix.add([moved])
        assert (report.added, report.removed, report.unchanged) == (0, 0, 2)
        assert "moved from" in report.notices[0].message
        assert ix.get("tech/001.txt").body.endswith("quokkachip once.")


def test_a_new_folder_named_like_a_home_folder_gets_another_name(tmp_path):
    home = tmp_path / "home"
    (home / "tech").mkdir(parents=True)
    (home / "tech" / "001.txt").write_text(story("homeword"))
    other = tmp_path / "other" / "tech"
    other.mkdir(parents=True)
    (other / "001.txt").write_text(story("otherword"))
    with newsearch.create_index(tmp_path / "ix") as ix:
        ix.add([home])
        assert ix.add([other]).added == 1
        assert ix.search("homeword").hits[0].id == "tech/001.txt"
        assert ix.search("otherword").hits[0].id == "tech-2/001.txt"
        assert ix.add([home]).unchanged == 1 and ix.add([other]).unchanged == 1


def test_conflicts_on_stderr_and_in_json(tmp_path, runner):
    corpus = tmp_path / "feeds"
    corpus.mkdir()
    for name, title in (("a.jsonl", "A"), ("b.jsonl", "B")):
        (corpus / name).write_text(json.dumps({"id": "x1", "title": title, "text": f"About {title}."}) + "\n")
    result = runner.invoke(cli, ["index", str(corpus), "--index", str(tmp_path / "ix"), "--json"])
    assert result.exit_code == 0
    assert (
        "conflict: id 'x1' is claimed by a.jsonl#1 and b.jsonl#1: both kept, the second as 'b.jsonl#1'"
        in result.stderr
    )
    data = json.loads(result.stdout)
    assert (
        data["added"] == 2 and len(data["conflicts"]) == 1 and data["conflicts"][0]["kept_as"] == "b.jsonl#1"
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["a", "b", "tech", "stdin", "news", "x.txt", "001.txt"]), min_size=1, max_size=3
        ),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.sampled_from(["tech", "news", "a", "stdin"]), min_size=1, max_size=4),
)
def test_keys_of_different_files_never_collide(rel_paths, folder_names):
    """Whatever the folders are called and hold, every file gets its own key, and keys map back."""
    from newsearch.corpus import ids

    folders = [Path(f"/data/{n}/{i}/{n}") for i, n in enumerate(folder_names)]
    files = {folder / "/".join(rel) for folder in folders for rel in rel_paths}

    def exists(path: str) -> bool:
        return any(str(f).startswith(path.rstrip("/") + "/") or str(f) == path for f in files)

    roots: dict[str, str] = {}
    for folder in folders:
        roots = _place_folder(folder, roots, exists)
    keys = {}
    for f in files:
        key = ids.key_of(f, roots)
        assert key not in keys, f"{f} and {keys[key]} share {key!r}"
        keys[key] = f
        root, inner = ids.split_key(key, roots)
        assert root is not None and Path(roots[root]) / inner == f


def _place_folder(folder: Path, roots: dict, exists) -> dict:
    """ids.place for a folder that may not exist on this machine (the rules are pure but for is_file)."""
    from newsearch.corpus import ids

    placed = ids.Placement(roots=dict(roots))
    if ids._holding_root(str(folder), placed.roots) is None:
        ids._new_root(folder, placed, exists, set())
    return placed.roots
