"""Text, JSON and table rendering: pure functions from models to strings."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from newsearch import render, shapes
from newsearch.models import FacetValue, Hit, Party, QuoteHit, QuoteResult, SearchResult, Span
from newsearch.progress import IndexProgress

SNIPPET = 'the [draft] "prisoner exchange", said the minister'
HIT = Hit(
    id="a-1",
    score=3.5,
    headline="Talks resume",
    date=datetime(2025, 11, 3, 9, 30),
    source="Harbour Courier",
    path="a.jsonl",
    speakers=("Amara Okonjo",),
    parties=(Party("Qatar", "country"), Party("Smith, Jones & Co", "organisation")),
    snippet=SNIPPET,
    highlights=(Span(13, 21), Span(22, 30)),
)
UNDATED = Hit("b-2", 1.0, "Undated", None, None, "b.txt", (), (), "no date here")


def result(*hits: Hit, total: int | None = None) -> SearchResult:
    return SearchResult("prisoner", len(hits) if total is None else total, 1, 10, hits, 0.0123)


def test_plurals():
    assert render.plural(1, "article") == "1 article"
    assert render.plural(0, "article") == "0 articles"
    assert render.plural(12345, "quote") == "12,345 quotes"
    assert render.search_text(result(HIT)).splitlines()[-1] == "1 of 1 article (12.3 ms)"
    assert render.search_text(result(HIT, UNDATED)).splitlines()[-1] == "1-2 of 2 articles (12.3 ms)"
    assert render.search_text(result()).splitlines() == [
        "No articles match 'prisoner'.",
        "0 articles (12.3 ms)",
    ]


def test_marks_colour_and_plain_text():
    plain = render.highlight(HIT.snippet, HIT.highlights, render.PLAIN)
    assert plain == HIT.snippet  # the article's own "[draft]" is the only bracket left
    marked = render.highlight(HIT.snippet, HIT.highlights, render.Style(marks=("«", "»")))
    assert marked == 'the [draft] "«prisoner» «exchange»", said the minister'
    coloured = render.highlight(HIT.snippet, HIT.highlights, render.Style(color=True))
    assert "\x1b[" in coloured and "«" not in coloured


def test_undated_hits_say_so():
    assert "score 1.00 · undated · b-2" in render.search_text(result(UNDATED))


@given(
    words=st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=45), min_size=1, max_size=40),
    width=st.integers(min_value=30, max_value=90),
    data=st.data(),
)
def test_wrapping_keeps_every_character_and_every_highlight(words, width, data):
    text = " ".join(words)
    starts = [i for i in range(len(text)) if i == 0 or text[i - 1] == " "]
    chosen = sorted(data.draw(st.sets(st.sampled_from(starts), max_size=5)))
    spans = tuple(Span(s, text.index(" ", s) if " " in text[s:] else len(text)) for s in chosen)
    lines = render.wrap(text, spans, width)
    assert " ".join(line for line, _ in lines) == text
    for line, _ in lines:
        assert len(line) <= width or " " not in line  # only a word longer than the line overflows
    marked = [s for line, line_spans in lines for s in (line[x.start : x.end] for x in line_spans)]
    assert marked == [text[s.start : s.end] for s in spans]


def test_no_wrapping_off_a_terminal():
    long = "word " * 100
    assert render.wrap(long, (), None) == [(long, ())]
    wrapped = render.hit_text(1, HIT, render.Style(width=40)).splitlines()
    assert wrapped[2:] == ['     the [draft] "prisoner exchange",', "     said the minister"]


def test_a_quote_without_a_named_speaker_prints_its_label():
    def quote(speaker, label):
        return QuoteHit("a-1", "Talks", None, None, speaker, label, "We are close", 0, 1.0)

    text = render.quotes_text(
        QuoteResult(
            "close",
            None,
            3,
            (quote(None, "a senior official"), quote(None, ""), quote("Amara Okonjo", "she")),
            0.01,
        )
    )
    assert "— a senior official · undated · no source · a-1" in text
    assert "— unnamed source · undated" in text
    assert "— Amara Okonjo ·" in text
    assert "()" not in text
    assert text.splitlines()[-1] == "3 of 3 quotes (10.0 ms)"


def test_json_stream_equals_the_envelope():
    res = SearchResult("prisoner", 2, 1, 10, (HIT, UNDATED), 0.01, {"source": (FacetValue("HC", 1),)})
    streamed = "".join(render.json_stream("search", res, res.hits, limit=res.limit))
    assert streamed == render.json_text("search", res)
    empty = SearchResult("nothing", 0, 1, 10, (), 0.01)
    assert "".join(render.json_stream("search", empty, (), limit=10)) == render.json_text("search", empty)
    every = json.loads("".join(render.json_stream("search", res, iter(res.hits), limit=None)))
    assert every["limit"] is None and [h["id"] for h in every["hits"]] == ["a-1", "b-2"]


def test_csv_and_tsv_rows_round_trip():
    rows = list(csv.reader(io.StringIO("\n".join(render.table_rows([HIT, UNDATED])))))
    assert rows[0] == list(render.HIT_COLUMNS)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["date"] == "2025-11-03T09:30:00Z"
    assert first["parties"] == "Qatar; Smith, Jones & Co"
    assert first["snippet"] == HIT.snippet  # no marks in exports
    assert dict(zip(rows[0], rows[2], strict=True))["date"] == ""
    tsv = list(csv.reader(io.StringIO("\n".join(render.table_rows([HIT], delimiter="\t"))), delimiter="\t"))
    assert tsv[1][0] == "a-1" and len(tsv[1]) == len(render.HIT_COLUMNS)
    assert list(render.table_rows([])) == [",".join(render.HIT_COLUMNS)]  # a header even without rows
    quotes = list(render.table_rows([], render.QUOTE_COLUMNS, delimiter="\t"))
    assert quotes == ["\t".join(render.QUOTE_COLUMNS)]


def test_formula_like_cells_are_text_in_csv_and_verbatim_when_asked():
    risky = replace(HIT, id="=1+1", headline="-5% as markets slide", source="@wire", snippet="+ more")
    header, row = csv.reader(io.StringIO("\n".join(render.table_rows([risky]))))
    cells = dict(zip(header, row, strict=True))
    assert (cells["id"], cells["headline"], cells["source"], cells["snippet"]) == (
        "'=1+1",
        "'-5% as markets slide",
        "'@wire",
        "'+ more",
    )
    assert cells["score"] == "3.5" and cells["parties"] == "Qatar; Smith, Jones & Co"  # left alone
    header, row = csv.reader(io.StringIO("\n".join(render.table_rows([risky], formulas_as_text=False))))
    assert dict(zip(header, row, strict=True))["headline"] == "-5% as markets slide"
    assert render.spreadsheet_text("\tx") == "'\tx" and render.spreadsheet_text("Talks") == "Talks"


def test_ids_once_each():
    quote = QuoteHit("a-1", "Talks", None, None, None, "", "x", 0, 1.0)
    assert list(render.id_lines([HIT, UNDATED, HIT])) == ["a-1", "b-2"]
    assert list(render.id_lines([quote, quote])) == ["a-1"]


def test_json_lines_are_enveloped_one_per_line():
    line = render.json_line("hit", HIT)
    assert "\n" not in line
    data = json.loads(line)
    assert (data["shape_version"], data["kind"], data["date"]) == (
        shapes.SHAPE_VERSION,
        "hit",
        "2025-11-03T09:30:00Z",
    )


def test_progress_text():
    assert render.progress_text(IndexProgress(3, 1200, 4521)) == "indexing 3/1,200 files · 4,521 articles"
    assert render.progress_text(IndexProgress(1, 1, 1, "committing")) == "committing… 1 file · 1 article"
    assert (
        render.progress_text(IndexProgress(9, 9, 120_000, "committing", 3000, 94_000))
        == "committing… 9 files · 120,000 articles · writing 3,000/94,000"
    )
