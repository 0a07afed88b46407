"""Text and JSON output for the CLI. Pure functions from models to strings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from . import shapes
from .models import Article, IndexReport, IndexStats, QuoteResult, SearchResult, Span


def json_text(kind: str, obj: Any) -> str:
    """A model as newsearch's one JSON shape (see :mod:`newsearch.shapes`)."""
    return shapes.dumps(shapes.envelope(kind, obj))


def highlight(snippet: str, spans: tuple[Span, ...], color: bool) -> str:
    """Matched words in bold yellow on a terminal, in [brackets] otherwise."""
    out, last = [], 0
    for span in spans:
        out.append(snippet[last : span.start])
        word = snippet[span.start : span.end]
        out.append(click.style(word, fg="yellow", bold=True) if color else f"[{word}]")
        last = span.end
    out.append(snippet[last:])
    return "".join(out)


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "-"


def search_text(result: SearchResult, color: bool) -> str:
    lines = []
    first = (result.page - 1) * result.limit + 1
    if result.total == 0:
        lines.append(f"No articles match {result.query!r}.")
    for n, hit in enumerate(result.hits, start=first):
        title = click.style(hit.headline, bold=True) if color else hit.headline
        lines.append(f"{n:>3}. {title}")
        meta = [f"score {hit.score:.2f}", _day(hit.date)]
        if hit.source:
            meta.append(hit.source)
        meta.append(hit.id)
        if hit.similar:
            meta.append(f"+{len(hit.similar)} similar")
        lines.append("     " + " · ".join(meta))
        if hit.snippet:
            lines.append("     " + highlight(hit.snippet, hit.highlights, color))
        lines.append("")
    last = first + len(result.hits) - 1
    shown = f"{first}-{last} of " if result.hits else ""
    lines.append(f"{shown}{result.total} articles ({result.elapsed * 1000:.1f} ms)")
    if result.suggestion:
        lines.append(f"Did you mean: {result.suggestion}")
    for name, values in result.facets.items():
        lines += ["", facet_text(name, values, color)]
    return "\n".join(lines)


BAR_WIDTH = 24


def facet_text(name: str, values, color: bool) -> str:
    """A facet as aligned 'count  value' rows, with a bar per value on a terminal."""
    if not values:
        return f"{name}: (none)"
    lines = [click.style(name, bold=True) if color else f"{name}:"]
    most = max(v.count for v in values)
    width = max(len(str(v.count)) for v in values)
    for v in values:
        bar = ""
        if color:
            bar = click.style("█" * max(1, round(BAR_WIDTH * v.count / most)), fg="cyan") + " "
        lines.append(f"  {v.count:>{width}}  {bar}{v.value}")
    return "\n".join(lines)


def article_text(article: Article) -> str:
    lines = [article.headline, "=" * min(len(article.headline), 80)]
    if article.standfirst:
        lines += [article.standfirst, ""]
    meta = [
        ("id", article.id),
        ("date", article.date.isoformat(sep=" ") if article.date else None),
        ("source", article.source),
        ("author", article.author),
        ("url", article.url),
        ("file", article.path + (f" (record {article.record})" if article.record is not None else "")),
        ("speakers", ", ".join(article.speakers) or None),
        ("parties", ", ".join(f"{p.name} ({p.kind})" for p in article.parties) or None),
    ]
    lines += [f"{k:>9}: {v}" for k, v in meta if v]
    lines += ["", article.body]
    if article.quotes:
        lines += ["", "Quotes:"]
        for q in article.quotes:
            who = q.speaker or f"({q.speaker_label})"
            lines.append(f"  - {who}: \u201c{q.text}\u201d")
    if article.links:
        lines += ["", "Related: " + " | ".join(article.links)]
    return "\n".join(lines)


def quotes_text(result: QuoteResult) -> str:
    lines = []
    for hit in result.hits:
        who = hit.speaker or f"({hit.speaker_label})"
        lines.append(f"\u201c{hit.text}\u201d")
        lines.append(f"    — {who} · {_day(hit.date)} · {hit.source or '-'} · {hit.article_id}")
        lines.append("")
    shown = f"{len(result.hits)} of " if result.hits else ""
    lines.append(f"{shown}{result.total} quotes ({result.elapsed * 1000:.1f} ms)")
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
        f"({report.files} files, {report.elapsed:.2f} s)"
    )


GROUP_SKIPS = 5  # more records of one file skipped for one reason than this: one line for them


def index_problems(report: IndexReport) -> list[str]:
    """The stderr lines of ``newsearch index``: what was not read, skipped, in conflict or noticed."""
    lines = []
    if report.not_read:
        n = report.not_read_files
        groups = ", ".join(map(str, report.not_read))
        lines.append(f"{n} file{'s' if n > 1 else ''} not read: {groups}")
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


def stats_text(stats: IndexStats) -> str:
    span = f"{_day(stats.first_date)} to {_day(stats.last_date)}" if stats.first_date else "no dates"
    lines = [
        f"index:        {stats.path}",
        f"articles:     {stats.articles}",
        f"dates:        {span}",
        f"size on disk: {_size(stats.size_bytes)}",
        f"last update:  {_when(stats.last_update)}",
        f"schema:       version {stats.schema_version}",
        f"sources:      {len(stats.sources)}",
    ]
    lines += [f"  {fv.count:>7}  {fv.value}" for fv in stats.sources[:20]]
    if len(stats.sources) > 20:
        lines.append(f"  … and {len(stats.sources) - 20} more")
    return "\n".join(lines)


def _when(value: datetime | None) -> str:
    return value.isoformat(sep=" ", timespec="seconds") if value else "-"


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"
