"""One JSON shape: every --json output (and JSON Lines row) validates against the shipped JSON Schema of its
kind, which admits no undocumented field; every datetime carries an offset.

A new field in a model that --json prints fails here until it is documented in
src/newsearch/data/shapes.schema.json (the "properties" and "required" of its kind)."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from newsearch import shapes
from newsearch.cli import cli

ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
WITH_OFFSET = re.compile(r"(Z|[+-]\d{2}:\d{2})$")


def validate(kind: str, data: dict) -> None:
    jsonschema.Draft202012Validator(shapes.schema(kind)).validate(data)
    assert list(data)[:2] == ["shape_version", "kind"] and data["kind"] == kind
    for text in strings(data):
        if ISO_DATETIME.match(text):
            assert WITH_OFFSET.search(text), f"datetime without an offset: {text!r}"


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def test_the_schema_itself_is_valid_and_names_every_kind():
    jsonschema.Draft202012Validator.check_schema(shapes.schema())
    assert set(shapes.KINDS) <= set(shapes.schema()["$defs"])
    with pytest.raises(ValueError, match="unknown shape kind"):
        shapes.schema("nonsense")


@pytest.mark.parametrize(
    ("kind", "args"),
    [
        ("search", ["query", "prisoner", "-f", "speakers", "-f", "parties:country", "-f", "date", "--json"]),
        ("search", ["query", "nosuchword", "--json"]),
        ("search", ["query", "talks", "--sort", "date", "--json"]),  # with an "undated" notice
        ("search", ["query", "prisoner", "--all-hits", "--format", "json"]),
        ("similar", ["similar", "elec-2", "--json"]),
        ("quotes", ["quotes", "patient", "--json"]),
        ("quotes", ["quotes", "--speaker", "nobody-at-all", "--json"]),
        ("article", ["show", "ceasefire/talks.txt", "--json"]),
        ("stats", ["stats", "--json"]),
        ("facet", ["facets", "date:month", "--json"]),
        ("facet", ["facets", "parties:person", "--json"]),
        ("aliases", ["aliases", "suggest", "--json"]),
        ("quotes", ["quotes", "patient", "--facet", "speaker", "--json"]),
    ],
)
def test_every_command_json_validates(runner, built, kind, args):
    result = runner.invoke(cli, [*args, "--index", str(built[1])])
    assert result.exit_code == 0, result.output
    validate(kind, json.loads(result.stdout))


def test_hits_and_quotes_as_json_lines_validate(runner, built):
    index = str(built[1])
    hits = runner.invoke(cli, ["query", "prisoner OR talks", "--format", "jsonl", "--index", index]).stdout
    assert len(hits.splitlines()) >= 2
    for line in hits.splitlines():
        validate("hit", json.loads(line))
    quotes = runner.invoke(
        cli, ["quotes", "--speaker", "Okonjo", "--format", "jsonl", "--index", index]
    ).stdout
    assert quotes.splitlines()
    for line in quotes.splitlines():
        validate("quote", json.loads(line))


def test_index_report_validates_with_skipped_records(runner, corpus_dir, tmp_path):
    (corpus_dir / "empty.txt").write_bytes(b"")
    result = runner.invoke(cli, ["index", str(corpus_dir), "--index", str(tmp_path / "ix"), "--json"])
    data = json.loads(result.stdout)
    validate("index_report", data)
    assert data["skipped"] == [{"path": "empty.txt", "reason": "empty file", "record": None}]


def test_error_shape_validates():
    validate("error", shapes.error("QueryError", "query '\"x': unbalanced quote"))


def test_an_undocumented_field_fails_validation(runner, built):
    data = json.loads(runner.invoke(cli, ["stats", "--json", "--index", str(built[1])]).stdout)
    data["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError, match="surprise"):
        validate("stats", data)


def test_dates_carry_offsets(runner, built):
    article = json.loads(runner.invoke(cli, ["show", "elec-2", "--json", "--index", str(built[1])]).stdout)
    assert article["date"] == "2025-06-01T22:15:00Z"  # "Sun, 01 Jun 2025 22:15:00 +0000", stored as UTC
    stats = json.loads(runner.invoke(cli, ["stats", "--json", "--index", str(built[1])]).stdout)
    assert WITH_OFFSET.search(stats["last_update"]) and stats["first_date"].endswith("Z")


def test_facet_rows_of_a_facets_only_query_validate(runner, built):
    """``-n 0 --format jsonl``: one ``facet`` object per facet, the shape of ``newsearch facets --json``."""
    args = [
        "query",
        "*",
        "-n",
        "0",
        "-f",
        "source",
        "-f",
        "date",
        "--format",
        "jsonl",
        "--index",
        str(built[1]),
    ]
    lines = runner.invoke(cli, args).stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        validate("facet", json.loads(line))


def test_a_date_with_its_own_offset_validates(runner, tmp_path):
    from newsearch import create_index

    corpus = tmp_path / "c"
    corpus.mkdir()
    row = {
        "id": "late",
        "title": "Late vote",
        "text": "The vote ran late.",
        "date": "2025-11-03T23:30:00-05:00",
    }
    (corpus / "a.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    create_index(tmp_path / "ix").add([corpus])
    index = ["--index", str(tmp_path / "ix")]
    for kind, args in (("search", ["query", "vote", "--json"]), ("article", ["show", "late", "--json"])):
        data = json.loads(runner.invoke(cli, [*args, *index]).stdout)
        validate(kind, data)
    stats = json.loads(runner.invoke(cli, ["stats", "--json", *index]).stdout)
    validate("stats", stats)
    assert stats["first_date"] == stats["last_date"] == "2025-11-03T23:30:00-05:00"
