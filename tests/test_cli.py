"""The command line: exit codes, output on the right stream, the JSON shape, help for every command."""

from __future__ import annotations

import json

import pytest

from newsearch.cli import cli


def test_every_command_has_help(runner):
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and "Usage:" in result.output


def test_index_query_show_stats_round_trip(runner, corpus_dir, tmp_path):
    index = str(tmp_path / "ix")
    result = runner.invoke(cli, ["index", str(corpus_dir), "--index", index])
    assert result.exit_code == 0
    assert result.stdout.strip().startswith("7 added, 0 updated, 0 removed, 0 unchanged, 0 skipped")
    again = runner.invoke(cli, ["index", str(corpus_dir), "--index", index])
    assert "0 added, 0 updated, 0 removed, 7 unchanged" in again.stdout

    q = runner.invoke(cli, ["query", "prisoner exchange", "--index", index])
    assert q.exit_code == 0
    lines = q.stdout.splitlines()
    assert lines[0] == "  1. Mediators push prisoner exchange as ceasefire talks resume in Doha"
    # Off a terminal the snippet is the article's own text: no marks that could be its own brackets.
    assert "a draft prisoner exchange that would free" in q.stdout
    assert "[" not in q.stdout and "\x1b[" not in q.stdout
    assert lines[-1].startswith("1-2 of 2 articles (")
    marked = runner.invoke(cli, ["query", "prisoner exchange", "--index", index, "--marks", "«", "»"])
    assert "a draft «prisoner» «exchange» that would free" in marked.stdout

    coloured = runner.invoke(cli, ["query", "prisoner", "--index", index, "--color"])
    assert "\x1b[" in coloured.stdout

    show = runner.invoke(cli, ["show", "elec-2", "--index", index])
    assert show.exit_code == 0 and show.stdout.startswith("Opposition claims early lead")
    assert "source: Meridian Post" in show.stdout

    stats = runner.invoke(cli, ["stats", "--index", index])
    assert stats.exit_code == 0 and "articles:     7" in stats.stdout


def test_query_json_shape(runner, built):
    result = runner.invoke(
        cli, ["query", '"prisoner exchange"', "--limit", "5", "--json", "--index", str(built[1])]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {
        "collapsed",
        "shape_version",
        "query",
        "total",
        "page",
        "limit",
        "hits",
        "elapsed_ms",
        "facets",
        "suggestion",
        "notices",
        "kind",
    }
    assert data["kind"] == "search"
    assert data["shape_version"] == 2 and data["total"] == 1 and data["limit"] == 5
    (hit,) = data["hits"]
    assert set(hit) == {
        "id",
        "score",
        "headline",
        "date",
        "source",
        "path",
        "speakers",
        "parties",
        "snippet",
        "highlights",
        "url",
        "similar",
    }
    assert hit["date"] == "2025-11-03T00:00:00Z"
    assert isinstance(hit["speakers"], list)
    start, end = hit["highlights"][0]["start"], hit["highlights"][0]["end"]
    assert hit["snippet"][start:end].lower() == "prisoner"


def test_show_and_stats_json(runner, built):
    show = json.loads(runner.invoke(cli, ["show", "wire-1", "--json", "--index", str(built[1])]).stdout)
    assert (
        show["id"] == "wire-1"
        and show["source"] == "Northgate Wire"
        and show["date"] == "2025-11-04T00:00:00Z"
    )
    stats = json.loads(runner.invoke(cli, ["stats", "--json", "--index", str(built[1])]).stdout)
    assert stats["articles"] == 7


def test_index_env_var(runner, built, monkeypatch):
    monkeypatch.setenv("NEWSEARCH_INDEX", str(built[1]))
    result = runner.invoke(cli, ["query", "strike"])
    assert result.exit_code == 0 and "Dock workers" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["query", '"unbalanced'], 2, "unbalanced quote"),
        (["query", "colour:red"], 2, "unknown field"),
        (["query", "x", "--limit", "-1"], 2, "Invalid value"),
        (["show", "no-such-id"], 1, "no article with id 'no-such-id'"),
        (["frobnicate"], 2, "No such command"),
    ],
)
def test_errors_and_exit_codes(runner, built, args, code, message):
    result = runner.invoke(cli, [*args, "--index", str(built[1])] if args[0] != "frobnicate" else args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_missing_index_is_exit_1(runner, tmp_path):
    result = runner.invoke(cli, ["query", "x", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1 and "Error: no index at" in result.stderr


def test_skipped_files_are_named_on_stderr_and_all_bad_is_exit_1(runner, tmp_path):
    corpus = tmp_path / "bad"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "broken.jsonl").write_text("{oops\n")
    result = runner.invoke(cli, ["index", str(corpus), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1
    assert "skipped: empty.txt: empty file" in result.stderr
    assert "skipped: broken.jsonl: record 1: invalid JSON" in result.stderr
    assert "0 added" in result.stdout


def test_missing_corpus_and_foreign_index_folder(runner, tmp_path):
    result = runner.invoke(cli, ["index", str(tmp_path / "absent"), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1 and "no such file or folder" in result.stderr
    foreign = tmp_path / "docs"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("x")
    result = runner.invoke(cli, ["index", str(tmp_path), "--index", str(foreign)])
    assert result.exit_code == 1 and "not a newsearch index" in result.stderr
    assert [p.name for p in foreign.iterdir()] == ["thesis.tex"]


def test_index_json_report(runner, corpus_dir, tmp_path):
    (corpus_dir / "empty.txt").write_bytes(b"")
    result = runner.invoke(cli, ["index", str(corpus_dir), "--index", str(tmp_path / "ix"), "--json"])
    data = json.loads(result.stdout)
    assert data["added"] == 7 and data["skipped"] == [
        {"path": "empty.txt", "reason": "empty file", "record": None}
    ]


def test_no_expand_and_all_flags(runner, built):
    index = str(built[1])
    plain = runner.invoke(cli, ["query", "prisoner OR talks", "--no-expand", "--json", "--index", index])
    assert plain.exit_code == 0
    default = runner.invoke(cli, ["query", "prisoner OR talks", "--json", "--index", index])
    assert json.loads(plain.stdout)["total"] == json.loads(default.stdout)["total"]  # expansion only re-ranks
    shown = runner.invoke(cli, ["query", "talks", "--all", "--json", "--index", index])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["collapsed"] == 0


def test_every_json_output_is_one_envelope(runner, built):
    """shape_version and kind first in every --json output; parties as {name, kind}; dates end in Z."""
    index = str(built[1])
    commands = {
        "search": ["query", "prisoner", "--json"],
        "similar": ["similar", "elec-2", "--json"],
        "facet": ["facets", "parties", "--json"],
        "quotes": ["quotes", "exchange", "--json"],
        "article": ["show", "elec-2", "--json"],
        "stats": ["stats", "--json"],
    }
    for kind, args in commands.items():
        result = runner.invoke(cli, [*args, "--index", index])
        assert result.exit_code == 0, (kind, result.output)
        data = json.loads(result.stdout)
        assert list(data)[:2] == ["shape_version", "kind"] and data["kind"] == kind
        assert "elapsed" not in data
    article = json.loads(runner.invoke(cli, ["show", "elec-2", "--json", "--index", index]).stdout)
    assert all(set(p) == {"name", "kind"} for p in article["parties"])
    assert article["date"].endswith("Z")
    hits = json.loads(runner.invoke(cli, ["query", "prisoner", "--json", "--index", index]).stdout)["hits"]
    assert hits and all(set(p) == {"name", "kind"} for h in hits for p in h["parties"])
