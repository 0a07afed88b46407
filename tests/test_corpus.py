"""Readers: every format, the plain-text layout, field aliases, dates, and each kind of bad input."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsearch.corpus import discover, parse_date, read_file
from newsearch.corpus.formats import read_csv, read_json, read_jsonl, read_text_article
from newsearch.models import Article, Skipped


def read(path: Path, root: Path | None = None) -> list[Article | Skipped]:
    """Read one file as found under ``root`` (default: the file itself)."""
    found = [s for s in discover([root or path]) if not isinstance(s, Skipped) and s.path == path.resolve()]
    (source,) = found
    return list(read_file(source))


def articles(items) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def problems(items) -> list[Skipped]:
    return [i for i in items if isinstance(i, Skipped)]


def test_text_layout_headline_standfirst_links_subheads_header(corpus_dir):
    (a,) = read(corpus_dir / "ceasefire" / "talks.txt", corpus_dir)
    assert a.headline == "Mediators push prisoner exchange as ceasefire talks resume in Doha"
    assert a.standfirst.startswith("Negotiators from both sides")
    assert a.links == ("Election commission certifies results in record time",)
    assert a.subheads == ("Talks stall over sequencing",)
    assert "Read more" not in a.body and "Election commission" not in a.body
    assert "Talks stall over sequencing" not in a.body
    assert a.body.count("\n\n") == 3  # four paragraphs, one per line in the file
    assert (a.date, a.source, a.author) == (
        datetime(2025, 11, 3, tzinfo=UTC),
        "Harbour Courier",
        "Lena Marsh",
    )
    assert a.id == "ceasefire/talks.txt" and a.path == "ceasefire/talks.txt" and a.record is None
    assert len(a.content_hash) == 32


def test_text_with_blank_line_paragraphs_has_no_standfirst(corpus_dir):
    (a,) = read(corpus_dir / "strike.txt")
    assert a.headline == "Dock workers walk out as port talks collapse"
    assert a.standfirst == ""
    assert a.body.startswith("Thousands of dock workers")
    assert a.body.count("\n\n") == 2
    assert a.date is None and a.source is None


def test_a_headline_like_key_value_line_is_not_a_header():
    (a,) = read_text_article("Exclusive: talks collapse\n\nThe talks collapsed on Friday.\n", "x.txt")
    assert a.headline == "Exclusive: talks collapse"


def test_hard_wrapped_lines_are_joined():
    text = "Headline here\n\nThe minister said the plan would\ncost more than expected and take\nyears.\n"
    (a,) = read_text_article(text, "w.txt")
    assert a.body == "The minister said the plan would cost more than expected and take years."
    assert a.subheads == ()


def test_jsonl_records_with_aliases_and_dates(corpus_dir):
    items = read(corpus_dir / "election.jsonl")
    one, two = articles(items)
    assert (one.id, one.record, one.source) == ("elec-1", 1, "Meridian Post")
    assert one.headline == "Polls open in tight national election"
    assert one.date == datetime(2025, 6, 1, 7, 0, tzinfo=UTC)
    assert two.date == datetime(2025, 6, 1, 22, 15, tzinfo=UTC)  # RFC 2822
    assert "\n\n" in one.body


def test_json_list_csv_and_gzip(corpus_dir):
    (climate,) = read(corpus_dir / "climate.json")
    assert climate.id == "climate.json#1" and climate.date == datetime(2025, 3, 26, tzinfo=UTC)
    (bank,) = read(corpus_dir / "markets.csv")
    assert bank.id == "mk-1" and bank.source == "Northgate Wire"
    assert (
        bank.body
        == "The central bank held its main rate at 4 percent.\n\nGovernor Ines Duarte said inflation was easing."
    )
    (wire,) = read(corpus_dir / "wire.jsonl.gz")
    assert wire.headline.startswith("Red Cross") and wire.record == 1


def test_json_single_object_and_wrapper():
    (a,) = read_json(json.dumps({"Title": "One", "Body": "Text."}), "one.json")
    assert (a.id, a.headline, a.record) == ("one.json", "One", None)
    wrapped = json.dumps({"articles": [{"title": "A", "content": "x."}, {"title": "B", "content": "y."}]})
    assert [a.headline for a in read_json(wrapped, "w.json")] == ["A", "B"]


def test_newsapi_style_nested_source_and_author_list():
    record = {
        "title": "T",
        "description": "D.",
        "content": "C.",
        "source": {"id": "x", "name": "Wire"},
        "author": ["A One", "B Two"],
        "publishedAt": "2025-01-02T03:04:05Z",
    }
    (a,) = read_json(json.dumps(record), "n.json")
    assert (a.source, a.author, a.standfirst) == ("Wire", "A One, B Two", "D.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-26", datetime(2024, 3, 26, tzinfo=UTC)),
        ("2024-03-26T10:00:00+02:00", datetime(2024, 3, 26, 10, 0, tzinfo=timezone(timedelta(hours=2)))),
        ("2025-11-03T23:30:00-05:00", datetime(2025, 11, 3, 23, 30, tzinfo=timezone(timedelta(hours=-5)))),
        ("2024-03-26T10:00:00Z", datetime(2024, 3, 26, 10, 0, tzinfo=UTC)),
        ("Tue, 26 Mar 2024 10:00:00 +0000", datetime(2024, 3, 26, 10, 0, tzinfo=UTC)),
        (
            "Tue, 26 Mar 2024 10:00:00 +0530",
            datetime(2024, 3, 26, 10, 0, tzinfo=timezone(timedelta(minutes=330))),
        ),
        ("March 26, 2024", datetime(2024, 3, 26, tzinfo=UTC)),
        ("Tuesday, March 26, 2024", datetime(2024, 3, 26, tzinfo=UTC)),
        ("26 March 2024", datetime(2024, 3, 26, tzinfo=UTC)),
        ("26-FEB-1987 15:01:01.79", datetime(1987, 2, 26, 15, 1, 1, tzinfo=UTC)),
        ("2024/03/26", datetime(2024, 3, 26, tzinfo=UTC)),
        ("1762212600", datetime(2025, 11, 3, 23, 30, tzinfo=UTC)),
        ("last Tuesday", None),
        ("", None),
        ("2024-13-45", None),
    ],
)
def test_dates(text, expected):
    """Dates keep the offset they were given (the article's own clock and calendar day); none means UTC."""
    parsed = parse_date(text)
    assert parsed == expected
    if expected is not None:
        assert (parsed.replace(tzinfo=None), parsed.utcoffset()) == (
            expected.replace(tzinfo=None),
            expected.utcoffset(),
        )


# ------------------------------------------------------------------------------------------ bad input


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (item,) = read(tmp_path / "empty.txt")
    assert isinstance(item, Skipped) and item.reason == "empty file" and item.path == "empty.txt"


def test_binary_file(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (item,) = read(tmp_path / "image.txt")
    assert isinstance(item, Skipped) and "binary" in item.reason


def test_latin1_fallback(tmp_path):
    (tmp_path / "l1.txt").write_bytes("Transfer fee\n\nA \xa315.8m signing was agreed.\n".encode("latin-1"))
    (a,) = read(tmp_path / "l1.txt")
    assert "£15.8m" in a.body


def test_bom_and_crlf(tmp_path):
    (tmp_path / "w.txt").write_bytes("\ufeffHeadline\r\n\r\nBody line.\r\n".encode())
    (a,) = read(tmp_path / "w.txt")
    assert (a.headline, a.body) == ("Headline", "Body line.")


def test_malformed_json_file(tmp_path):
    (tmp_path / "bad.json").write_text('{"title": "x", ', encoding="utf-8")
    (item,) = read(tmp_path / "bad.json")
    assert isinstance(item, Skipped) and item.reason.startswith("invalid JSON")


def test_json_that_is_a_number():
    (item,) = read_json("42", "n.json")
    assert isinstance(item, Skipped) and "int" in item.reason


def test_jsonl_bad_middle_line_skips_only_that_line():
    text = '{"title": "A", "text": "a."}\n{broken\n{"title": "C", "text": "c."}\n'
    items = list(read_jsonl(text, "f.jsonl"))
    assert [a.headline for a in articles(items)] == ["A", "C"]
    (bad,) = problems(items)
    assert bad.record == 2 and str(bad).startswith("f.jsonl: record 2: invalid JSON")


def test_csv_without_text_column():
    (item,) = read_csv("id,author\n1,someone\n", "t.csv")
    assert isinstance(item, Skipped) and "no text column" in item.reason


def test_csv_ragged_short_row_is_skipped_with_its_number():
    items = list(read_csv("title,body\nA,a.\nB\nC,c.\n", "r.csv"))
    assert [a.headline for a in articles(items)] == ["A", "C"]
    assert problems(items)[0].record == 2


def test_record_with_no_text():
    (item,) = read_json(json.dumps([{"title": "", "body": "  "}]), "e.json")
    assert isinstance(item, Skipped) and item.record == 1 and "no text" in item.reason


def test_missing_headline_is_derived_from_body():
    (a,) = read_json(
        json.dumps({"body": "Rescue teams reached the village on Friday after the floods."}), "h.json"
    )
    assert a.headline.startswith("Rescue teams reached the village")


def test_truncated_gzip(tmp_path):
    data = gzip.compress(b'{"title": "x", "text": "y"}\n' * 50)
    (tmp_path / "t.jsonl.gz").write_bytes(data[: len(data) // 2])
    (item,) = read(tmp_path / "t.jsonl.gz")
    assert isinstance(item, Skipped) and "gzip" in item.reason


def test_missing_path_is_reported():
    (item,) = list(discover([Path("/nonexistent/corpus")]))
    assert isinstance(item, Skipped) and item.reason == "no such file or folder"


def test_discover_walks_nested_folders_and_skips_hidden_and_unknown(corpus_dir):
    (corpus_dir / ".hidden.txt").write_text("x\n\ny.\n")
    (corpus_dir / "notes.md").write_text("# not an article\n")
    rels = [s.rel for s in discover([corpus_dir])]
    assert rels == sorted(rels)
    assert "ceasefire/talks.txt" in rels and "wire.jsonl.gz" in rels
    assert not any(r.startswith(".") or r.endswith(".md") for r in rels)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.sampled_from([read_text_article, read_json, read_jsonl, read_csv]))
def test_any_text_reads_without_error(text, reader):
    for item in reader(text, "fuzz"):
        assert isinstance(item, Article | Skipped)
        if isinstance(item, Article):
            assert item.headline.strip() and item.content_hash


# ------------------------------------------------------------------- reader speed paths (issue 15e): same output
_OLD_SPACES = __import__("re").compile(r"[ \t\u00a0]+")
_LINE_PIECES = st.sampled_from(
    ["Talks resumed", "in Doha.", "  ", " ", "\t", "\u00a0", "\n", "\n\n", "\r\n", "read more: x", "Read More - y",
     "Subhead Here", "and then", "lower case", "é", "\ud800", "”", "…", ":", "A", "b", "\u2003", "\x0b"]
)  # fmt: skip
_FIELD_VALUES = st.one_of(
    st.text(max_size=60),
    st.lists(_LINE_PIECES, max_size=12).map("".join),
    st.lists(st.sampled_from(["a", " ", "  ", "\t", "\n", "\r", "B"]), max_size=12).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(_LINE_PIECES, max_size=40).map("".join))
def test_split_paragraphs_cleans_lines_as_it_did(text):
    # split_paragraphs used to substitute space runs line by line; clean_lines does it once per text.
    from newsearch.corpus.fields import clean_lines

    assert clean_lines(text) == [_OLD_SPACES.sub(" ", raw).strip() for raw in text.split("\n")]


@settings(max_examples=300, deadline=None)
@given(value=_FIELD_VALUES)
def test_text_of_is_what_it_was(value):
    from newsearch.corpus.fields import no_surrogates, text_of

    assert text_of(value) == no_surrogates(_OLD_SPACES.sub(" ", value.replace("\n", " ")).strip())


@settings(max_examples=200, deadline=None)
@given(
    headline=_FIELD_VALUES,
    body=st.lists(_LINE_PIECES, max_size=30).map("".join),
    standfirst=_FIELD_VALUES,
    author=_FIELD_VALUES,
    date=st.sampled_from([None, "2025-11-03T23:30:00-05:00", "26-FEB-1987 15:01:01", "nonsense"]),
)
def test_an_articles_content_hash_is_the_hash_of_its_fields(headline, body, standfirst, author, date):
    # build_article hashes the values before building the Article (no dataclasses.replace): the hash must be
    # content_hash of the Article it returns, and the key names map through field_of's cache as before.
    from newsearch.corpus.fields import FIELD_ALIASES, build_article, canonical_fields, content_hash, field_of

    raw = {
        "Title": headline,
        "BODY": body,
        "dek": standfirst,
        "by-line": author,
        "date": date,
        "Other Key": "x",
    }
    fields = canonical_fields(raw)
    assert field_of("Title") == field_of("title") == "headline" and field_of("Other Key") is None
    assert all(
        field_of(alias.upper()) == name for name, aliases in FIELD_ALIASES.items() for alias in aliases
    )
    try:
        article = build_article(fields, rel_path="x.json", record=1, meta={"k": ("v",)})
    except ValueError:
        return
    a = article
    payload = [a.headline, a.standfirst, a.body, a.date and a.date.isoformat(), a.source, a.url, a.author,
               list(a.subheads), list(a.links), a.meta]  # fmt: skip
    expected = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    assert (
        article.content_hash
        == content_hash(article)
        == __import__("hashlib").sha256(expected).hexdigest()[:32]
    )
