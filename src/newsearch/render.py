"""Text, JSON and table output for the CLI. Pure functions from models to strings.

How text looks (colour, match marks, wrapping) is one :class:`Style`, decided by the CLI in one place.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import click

from . import shapes
from .extract.merges import AliasSuggestions
from .extract.rules import describe
from .models import (
    Article,
    FacetValue,
    Hit,
    IndexReport,
    IndexStats,
    MigrationReport,
    QuoteHit,
    QuoteResult,
    SearchResult,
    Span,
)
from .progress import IndexProgress

INDENT = "     "
MIN_WIDTH = 30  # narrower terminals get unwrapped lines rather than a column of single words


@dataclass(frozen=True, slots=True)
class Style:
    """How text output looks.

    ``color``: ANSI bold/colour (a terminal that wants it). ``marks``: text put around each matched word,
    e.g. ``("«", "»")``; None marks nothing (the default off a terminal: a mark that could be a bracket of
    the article's own text is worse than none; ``--json`` has exact offsets). ``width``: wrap snippets to
    this many columns (a terminal), None keeps one line per snippet (a pipe: one hit, one line to grep).
    """

    color: bool = False
    marks: tuple[str, str] | None = None
    width: int | None = None


PLAIN = Style()


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``; ``many`` for irregular plurals."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


# ------------------------------------------------------------------------------------------------ JSON
def json_text(kind: str, obj: Any) -> str:
    """A model as newsearch's one JSON shape (see :mod:`newsearch.shapes`)."""
    return shapes.dumps(shapes.envelope(kind, obj))


def json_line(kind: str, obj: Any) -> str:
    """One enveloped object on one line (JSON Lines)."""
    return shapes.dumps(shapes.envelope(kind, obj), indent=None)


def json_stream(kind: str, result: SearchResult, hits: Iterable[Hit], *, limit: int | None) -> Iterator[str]:
    """The envelope of ``result`` with ``hits`` written one at a time (all hits of a large result).

    The text equals ``json_text(kind, result)`` when ``hits`` are the result's own; ``limit`` is written
    as given (None: every hit was asked for).
    """
    data = shapes.envelope(kind, replace(result, hits=()))
    data["limit"] = limit
    keys = list(data)
    yield "{"
    for n, key in enumerate(keys):
        comma = "," if n < len(keys) - 1 else ""
        if key != "hits":
            yield f"\n  {json.dumps(key)}: {_nested(data[key])}{comma}"
            continue
        yield '\n  "hits": ['
        first = True
        for hit in hits:
            yield ("\n    " if first else ",\n    ") + _nested(shapes.to_data(hit), depth=2)
            first = False
        yield ("]" if first else "\n  ]") + comma
    yield "\n}"


def _nested(value: Any, depth: int = 1) -> str:
    """``value`` as indented JSON placed ``depth`` levels deep (JSON strings hold no raw newlines)."""
    return shapes.dumps(value).replace("\n", "\n" + "  " * depth)


# ------------------------------------------------------------------------------------------------ tables
HIT_COLUMNS = ("id", "score", "date", "source", "headline", "speakers", "parties", "url", "path", "snippet")
# (``direct`` last: scripts that read the earlier columns by position keep working)
QUOTE_COLUMNS = (
    *("article_id", "date", "source", "speaker", "speaker_label", "text", "headline", "score"),
    "direct",
)


FACET_COLUMNS = ("facet", "value", "count")
# A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """``text`` made inert for a spreadsheet: a leading apostrophe when it would start a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return shapes.iso(value)
    if isinstance(value, tuple):  # speakers, parties: "; " between names, never a comma inside a name
        return "; ".join(str(getattr(v, "name", v)) for v in value)
    return str(value)


def table_rows(
    items: Iterable[Any],
    columns: Sequence[str] = HIT_COLUMNS,
    *,
    delimiter: str = ",",
    formulas_as_text: bool = True,
) -> Iterator[str]:
    """A header and one CSV (or TSV, ``delimiter="\t"``) line per item (a Hit, QuoteHit or any object
    with those attributes), without match marks; the header comes even when there is no item.

    ``formulas_as_text``: a cell that would start like a spreadsheet formula gets a leading apostrophe
    (see :func:`spreadsheet_text`): article text is untrusted, and a CSV file is opened in a spreadsheet
    more often than not.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")

    def line(cells: Sequence[str]) -> str:
        writer.writerow(cells)
        text = buffer.getvalue().removesuffix("\n")
        buffer.seek(0)
        buffer.truncate()
        return text

    yield line(columns)
    for item in items:
        cells = [_cell(getattr(item, c)) for c in columns]
        yield line([spreadsheet_text(c) for c in cells] if formulas_as_text else cells)


def facet_rows(facets: Mapping[str, Sequence[FacetValue]]) -> Iterator[FacetRow]:
    """One row per facet value (for ``table_rows(…, FACET_COLUMNS)``): ``-n 0`` in a table format."""
    for name, values in facets.items():
        for fv in values:
            yield FacetRow(name, fv.value, fv.count)


@dataclass(frozen=True, slots=True)
class FacetRow:
    facet: str
    value: str
    count: int


def id_lines(items: Iterable[Hit | QuoteHit]) -> Iterator[str]:
    """One article id per line, each once (for xargs, ``newsearch show``)."""
    seen: set[str] = set()
    for item in items:
        aid = item.id if isinstance(item, Hit) else item.article_id
        if aid not in seen:
            seen.add(aid)
            yield aid


# ------------------------------------------------------------------------------------------------ text
def highlight(text: str, spans: Sequence[Span], style: Style) -> str:
    """``text`` with each span in bold yellow (colour) and/or between the style's marks."""
    out, last = [], 0
    for span in spans:
        out.append(text[last : span.start])
        word = text[span.start : span.end]
        if style.marks:
            word = f"{style.marks[0]}{word}{style.marks[1]}"
        out.append(click.style(word, fg="yellow", bold=True) if style.color else word)
        last = span.end
    out.append(text[last:])
    return "".join(out)


def wrap(text: str, spans: Sequence[Span], width: int | None) -> list[tuple[str, tuple[Span, ...]]]:
    """``text`` cut at spaces into lines of at most ``width`` characters, each with its own spans.

    A word longer than the width gets a line of its own; ``width`` None (or too narrow) keeps one line.
    """
    if width is None or width < MIN_WIDTH or len(text) <= width:
        return [(text, tuple(spans))]
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:
            cut = text.find(" ", start + width)
            if cut == -1:
                break
        bounds.append((start, cut))
        start = cut + 1
    bounds.append((start, len(text)))
    lines = []
    for lo, hi in bounds:
        inside = tuple(
            Span(max(s.start, lo) - lo, min(s.end, hi) - lo) for s in spans if s.start < hi and s.end > lo
        )
        lines.append((text[lo:hi], inside))
    return lines


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "undated"


def hit_text(n: int, hit: Hit, style: Style) -> str:
    """One numbered hit: headline, a line of facts, the snippet (wrapped on a terminal), a blank line."""
    title = click.style(hit.headline, bold=True) if style.color else hit.headline
    lines = [f"{n:>3}. {title}"]
    meta = [f"score {hit.score:.2f}", _day(hit.date)]
    if hit.source:
        meta.append(hit.source)
    meta.append(hit.id)
    if hit.similar:
        meta.append(f"+{len(hit.similar)} similar")
    lines.append(INDENT + " · ".join(meta))
    if hit.snippet:
        width = style.width - len(INDENT) if style.width else None
        for text, spans in wrap(hit.snippet, hit.highlights, width):
            lines.append(INDENT + highlight(text, spans, style))
    lines.append("")
    return "\n".join(lines)


def search_lines(result: SearchResult, hits: Iterable[Hit], style: Style) -> Iterator[str]:
    """A result as text, one hit at a time: the hits, then the count and time, did-you-mean, facets."""
    first = (result.page - 1) * result.limit + 1
    if result.total == 0:
        yield f"No articles match {result.query!r}."
    shown = 0
    for n, hit in enumerate(hits, start=first):
        shown += 1
        yield hit_text(n, hit, style)
    last = first + shown - 1
    where = "" if not shown else f"{first} of " if shown == 1 else f"{first}-{last} of "
    yield f"{where}{plural(result.total, 'article')} ({result.elapsed * 1000:.1f} ms)"
    if result.suggestion:
        yield f"Did you mean: {result.suggestion}"
    for name, values in result.facets.items():
        yield ""
        yield facet_text(name, values, style)


def search_text(result: SearchResult, style: Style = PLAIN) -> str:
    return "\n".join(search_lines(result, result.hits, style))


BAR_WIDTH = 24


def facet_text(name: str, values: Sequence[FacetValue], style: Style = PLAIN) -> str:
    """A facet as aligned 'count  value' rows, with a bar per value in colour."""
    if not values:
        return f"{name}: (none)"
    lines = [click.style(name, bold=True) if style.color else f"{name}:"]
    most = max(v.count for v in values)
    width = max(len(str(v.count)) for v in values)
    for v in values:
        bar = ""
        if style.color:
            bar = click.style("█" * max(1, round(BAR_WIDTH * v.count / most)), fg="cyan") + " "
        lines.append(f"  {v.count:>{width}}  {bar}{v.value}")
    return "\n".join(lines)


def who(speaker: str | None, label: str) -> str:
    """A quote's speaker: the name, else the article's own words for the source, else 'unnamed source'."""
    return speaker or label.strip() or "unnamed source"


def article_text(article: Article, style: Style = PLAIN) -> str:
    headline = click.style(article.headline, bold=True) if style.color else article.headline
    lines = [headline, "=" * min(len(article.headline), 80)]
    if article.standfirst:
        lines += [article.standfirst, ""]
    meta = [
        ("id", article.id),
        ("date", shapes.iso(article.date) if article.date else None),
        ("source", article.source),
        ("author", article.author),
        ("url", article.url),
        ("file", article.path + (f" (record {article.record})" if article.record is not None else "")),
        ("speakers", ", ".join(article.speakers) or None),
        ("parties", ", ".join(f"{p.name} ({p.kind})" for p in article.parties) or None),
    ]
    lines += [f"{k:>9}: {v}" for k, v in meta if v]
    lines += ["", article.body]
    why = {ev.position: ev for ev in article.evidence if ev.facet == "quotes"}
    if article.quotes:
        lines += ["", "Quotes:"]
        for q in article.quotes:
            ev = why.get(q.position)
            cue = f" “{ev.cue}”" if ev and ev.cue and ev.rule not in ("paragraph", "continued") else ""
            rule = f"  [{ev.rule}{cue}]" if ev and q.speaker else ""
            lines.append(f"  - {who(q.speaker, q.speaker_label)}: {said_words(q.text, q.direct)}{rule}")
    said = [ev for ev in article.evidence if ev.facet == "speakers"]
    if said:
        lines += ["", "Why these speakers:"]
        for ev in said:
            cue = f" “{ev.cue}”" if ev.cue else ""
            lines.append(f"  - {ev.name}: {ev.rule}{cue}, {describe(ev.rule)}")
    if article.links:
        lines += ["", "Related: " + " | ".join(article.links)]
    return "\n".join(lines)


def said_words(text: str, direct: bool) -> str:
    """A quote's words: the speaker's own in quotation marks; reported speech (the article's wording, not
    the speaker's) never inside them."""
    return f"\u201c{text}\u201d" if direct else f"reported: {text}"


def quote_text(hit: QuoteHit, style: Style = PLAIN) -> str:
    name = who(hit.speaker, hit.speaker_label)
    name = click.style(name, bold=True) if style.color and hit.speaker else name
    where = f"{_day(hit.date)} · {hit.source or 'no source'} · {hit.article_id}"
    return f"{said_words(hit.text, hit.direct)}\n    — {name} · {where}\n"


def quotes_lines(result: QuoteResult, hits: Iterable[QuoteHit], style: Style = PLAIN) -> Iterator[str]:
    shown = 0
    for hit in hits:
        shown += 1
        yield quote_text(hit, style)
    where = f"{shown} of " if shown else ""
    yield f"{where}{plural(result.total, 'quote')} ({result.elapsed * 1000:.1f} ms)"


def quotes_text(result: QuoteResult, style: Style = PLAIN) -> str:
    return "\n".join(quotes_lines(result, result.hits, style))


def aliases_text(found: AliasSuggestions) -> str:
    """``newsearch aliases suggest``: each merge with its counts and reason, then the ambiguous forms."""
    lines = [f"{plural(len(found.merges), 'merge')} (facets and filters count these as one name):"]
    lines += [
        f"  {s.short} ({s.short_count}) → {s.target} ({s.target_count})  {s.reason}, {s.kind}"
        for s in found.merges
    ]
    if found.ambiguous:
        lines.append(f"{plural(len(found.ambiguous), 'short form')} naming several names (not merged):")
        for a in found.ambiguous:
            could = ", ".join(f"{c.value} ({c.count})" for c in a.candidates)
            lines.append(f"  {a.short} ({a.count}, {a.kind}): {could}")
    return "\n".join(lines)


def report_text(report: IndexReport) -> str:
    extras = [
        (len(report.conflicts), "conflict", "conflicts"),
        (report.not_read_files, "not read", "not read"),
        (report.dates_unparsed, "date not parsed", "dates not parsed"),
    ]
    more = "".join(f", {n} {one if n == 1 else many}" for n, one, many in extras if n)
    return (
        f"{report.added} added, {report.updated} updated, {report.removed} removed, "
        f"{report.unchanged} unchanged, {len(report.skipped)} skipped{more} "
        f"({plural(report.files, 'file')}, {report.elapsed:.2f} s)"
    )


GROUP_SKIPS = 5  # more records of one file skipped for one reason than this: one line for them


def index_problems(report: IndexReport) -> list[str]:
    """The stderr lines of ``newsearch index``: what was not read, skipped, in conflict or noticed."""
    lines = []
    if report.not_read:
        n = report.not_read_files
        groups = ", ".join(map(str, report.not_read))
        lines.append(f"{plural(n, 'file')} not read: {groups}")
        for group in report.not_read:
            shown = ", ".join(group.paths[:3]) + (f", … ({group.count} in all)" if group.count > 3 else "")
            lines.append(f"  {group.kind}: {shown}")
    by_file: dict[tuple[str, str], list] = {}
    for item in report.skipped:
        by_file.setdefault((item.path, item.reason), []).append(item)
    for (path, reason), items in by_file.items():
        if len(items) > GROUP_SKIPS and all(i.record is not None for i in items):
            records = ", ".join(str(i.record) for i in items[:10])
            lines.append(f"skipped: {path}: {len(items)} records ({records}, …): {reason}")
        else:
            lines += [f"skipped: {item}" for item in items]
    lines += [f"conflict: {c}" for c in report.conflicts]
    lines += [f"warning: {n}" for n in report.notices]
    return lines


def progress_text(event: IndexProgress) -> str:
    """``120/500 files · 3,410 articles``; ``committing… 500 files · 12,345 articles`` at the end."""
    articles = plural(event.articles, "article")
    if event.stage == "committing":
        writing = f" · writing {event.written:,}/{event.to_write:,}" if event.to_write else ""
        return f"committing… {plural(event.files_total, 'file')} · {articles}{writing}"
    return f"indexing {event.files_done:,}/{plural(event.files_total, 'file')} · {articles}"


def migration_text(report: MigrationReport) -> str:
    return (
        f"{report.path}: {report.articles:,} articles moved from {report.from_engine} to "
        f"{report.to_engine} in {report.elapsed:.1f}s"
    )


def stats_text(stats: IndexStats, extractor: str = "") -> str:
    """``extractor``: how the extractor runs, said at more length than ``stats.extractor`` (why it is not
    compiled)."""
    span = f"{_day(stats.first_date)} to {_day(stats.last_date)}" if stats.first_date else "no dates"
    lines = [
        f"index:        {stats.path}",
        f"articles:     {stats.articles:,}",
        f"dates:        {span}",
        f"size on disk: {_size(stats.size_bytes)}",
        f"last update:  {shapes.iso(stats.last_update) if stats.last_update else '-'}",
        f"schema:       version {stats.schema_version}",
        f"engine:       {stats.engine}",
        f"extractor:    {extractor or stats.extractor}",
        f"sources:      {len(stats.sources)}",
    ]
    lines += [f"  {fv.count:>7}  {fv.value}" for fv in stats.sources[:20]]
    if len(stats.sources) > 20:
        lines.append(f"  … and {len(stats.sources) - 20} more")
    return "\n".join(lines)


def _size(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"
