"""The newsearch command line: parse options, call the API once, render.

Results go to stdout; progress, notices, skipped files and errors to stderr. How text output looks
(colour, match marks, wrapping) is decided in one place, :func:`_style`; options shared by several commands
are decorators defined here.
"""

from __future__ import annotations

import calendar
import functools
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import click
from click.shell_completion import CompletionItem

from . import backends, render
from .backends.base import SORTS
from .corpus import MAX_FILE_BYTES
from .corpus.settings import parse_field_options
from .errors import NewsearchError, QueryError
from .facets import GRANULARITIES, VALUE_FIELDS, zero_filled
from .index import (
    ENV_INDEX,
    Index,
    default_index_path,
    extractor_text,
    index_corpus,
    migrate_index,
    open_index,
    trust_index,
)
from .models import PARTY_KINDS, FacetValue, Hit, Ranking, SearchResult
from .progress import IndexProgress
from .query import explain as explain_plan

COLORS = ("auto", "always", "never")
FORMATS = ("text", "json", "jsonl", "csv", "tsv", "ids")
ROW_FORMATS = ("jsonl", "csv", "tsv", "ids")  # one row per hit (or, with -n 0, per facet value)
FACET_NAMES = (
    *VALUE_FIELDS,
    *(f"parties:{kind}" for kind in PARTY_KINDS),
    "date",
    *(f"date:{g}" for g in GRANULARITIES),
)
INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C
PROGRESS_DELAY = 0.5  # seconds before an indexing run shows progress: short runs print none


# ------------------------------------------------------------------------------------------------ terminal
def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _style(color: str, marks: tuple[str, str] | None = None) -> render.Style:
    """The one place that decides how text output looks.

    Colour: ``--color always``/``never``, else (``auto``) on a terminal unless ``NO_COLOR`` is set
    (no-color.org). Match marks: only the ``--marks`` asked for; off a terminal the text stays the
    article's own (grep and ripgrep do the same; ``--json`` carries exact offsets). Snippets are wrapped to
    the terminal's width, and left on one line in a pipe.
    """
    terminal = _stdout_is_terminal()
    use_color = color == "always" or (color == "auto" and terminal and not os.environ.get("NO_COLOR"))
    width = shutil.get_terminal_size().columns if terminal else None
    return render.Style(color=use_color, marks=marks, width=width)


def _echo(text: str, style: render.Style) -> None:
    click.echo(text, color=style.color)


def _echo_notices(result: SearchResult) -> None:
    for notice in result.notices:
        click.echo(f"note: {notice.message}", err=True)


# ------------------------------------------------------------------------------------------------ options
def _complete_facets(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(name) for name in FACET_NAMES if name.startswith(incomplete.lower())]


def index_option(fn):
    return click.option(
        "--index",
        "index_path",
        type=click.Path(file_okay=False, path_type=Path),  # completes folder names
        default=None,
        metavar="DIR",
        envvar=ENV_INDEX,
        show_envvar=True,
        help="Index folder (default: index/).",
    )(fn)


def json_option(fn):
    return click.option("--json", "as_json", is_flag=True, help="One JSON object on stdout.")(fn)


def color_option(fn):
    """``--color auto|always|never`` (a bare ``--color``: always; ``--no-color``: never); gives ``color``."""

    @click.option(
        "--color",
        "color",
        type=click.Choice(COLORS),
        default="auto",
        is_flag=False,
        flag_value="always",
        show_default=True,
        help="Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.",
    )
    @click.option("--no-color", "no_color", is_flag=True, hidden=True, help="Same as --color never.")
    @functools.wraps(fn)
    def wrapper(*args, color: str, no_color: bool, **kwargs):
        return fn(*args, color="never" if no_color else color, **kwargs)

    return wrapper


def marks_option(fn):
    return click.option(
        "--marks",
        nargs=2,
        default=None,
        metavar="OPEN CLOSE",
        help="Put OPEN and CLOSE around matched words, e.g. --marks '«' '»' (default: none; bold in colour).",
    )(fn)


def format_option(fn):
    """``--format text|json|jsonl|csv|tsv|ids`` with ``--json`` kept as ``--format json``; gives ``fmt``."""

    @click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="text (default), json (one object), jsonl (one object a line), csv, tsv or ids (one id a line).",
    )
    @click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
    @functools.wraps(fn)
    def wrapper(*args, fmt: str | None, as_json: bool, **kwargs):
        if as_json and fmt not in (None, "json"):
            raise click.UsageError(f"--json and --format {fmt} ask for different outputs: give one")
        return fn(*args, fmt="json" if as_json else fmt or "text", **kwargs)

    return wrapper


def fail_if_empty_option(fn):
    return click.option(
        "--fail-if-empty",
        is_flag=True,
        help="Exit with status 1 when nothing matches (as grep does).",
    )(fn)


def top_option(default: int):
    """The same --top for ``query --facet`` and ``facets``: N ≥ 0 values, 0 for all of them."""
    return click.option(
        "--top",
        default=default,
        show_default=True,
        type=click.IntRange(0),
        help="Values per facet, most frequent first (0: all).",
    )


class _DateParam(click.ParamType):
    """YYYY, YYYY-MM or YYYY-MM-DD; ``end=True`` makes a year or month mean its last day."""

    name = "date"
    _FORM = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")

    def __init__(self, *, end: bool = False) -> None:
        self.end = end

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        m = self._FORM.fullmatch(str(value).strip())
        if m is None:
            self.fail(f"{value!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)", param, ctx)
        year, month, day = int(m[1]), int(m[2] or (12 if self.end else 1)), m[3]
        try:
            if day is None:
                last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
                return date(year, month, last if self.end else 1)
            return date(year, month, int(day))
        except ValueError as exc:
            self.fail(f"{value!r} is not a date: {exc} (use YYYY-MM-DD)", param, ctx)


def translate_errors(fn):
    """The one place library errors become CLI errors: 'Error: …' on stderr, exit 1 (2 for bad queries)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (QueryError, ValueError) as exc:
            raise click.UsageError(str(exc)) from None
        except NewsearchError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


def _exit_if_empty(fail_if_empty: bool, found: int) -> None:
    if fail_if_empty and found == 0:
        raise click.exceptions.Exit(1)


# ------------------------------------------------------------------------------------------------ output
def _emit_hits(
    kind: str, result: SearchResult, fmt: str, style: render.Style, all_hits: Iterable[Hit] | None = None
) -> None:
    """The result's page of hits, or ``all_hits`` streamed, in the chosen format; notices on stderr.

    A request for no hits (``-n 0``) in a row format gives its facets as rows instead."""
    _echo_notices(result)
    hits = result.hits if all_hits is None else all_hits
    lines: Iterator[str]
    if fmt == "text":
        lines = render.search_lines(result, hits, style)
    elif fmt == "json":
        limit = result.limit if all_hits is None else None  # null: every hit was asked for
        for chunk in render.json_stream(kind, result, hits, limit=limit):
            click.echo(chunk, nl=False)
        click.echo()
        return
    elif all_hits is None and result.limit == 0:
        lines = _facet_rows(fmt, result.facets)
    else:
        lines = _rows(fmt, "hit", hits, render.HIT_COLUMNS)
    for line in lines:
        _echo(line, style)


def _rows(fmt: str, kind: str, items: Iterable, columns: Sequence[str]) -> Iterator[str]:
    if fmt == "jsonl":
        return (render.json_line(kind, item) for item in items)
    if fmt == "ids":
        return render.id_lines(items)
    # CSV is opened in spreadsheets: formula-like cells become text there; TSV stays verbatim for scripts.
    delimiter = "\t" if fmt == "tsv" else ","
    return render.table_rows(items, columns, delimiter=delimiter, formulas_as_text=fmt == "csv")


def _facet_rows(fmt: str, facets: dict[str, tuple[FacetValue, ...]]) -> Iterator[str]:
    if fmt == "jsonl":
        return (render.json_line("facet", {"facet": name, "values": vs}) for name, vs in facets.items())
    return _rows(fmt, "facet", render.facet_rows(facets), render.FACET_COLUMNS)


def _check_rows(fmt: str, *, limit: int, all_hits: bool, facets: Sequence[str]) -> None:
    """Usage errors for what a row format (one row per hit) cannot carry, rather than dropping it."""
    if fmt not in ROW_FORMATS:
        return
    if facets and (limit or all_hits):
        raise click.UsageError(
            f"--format {fmt} writes one row per hit, with no room for facets: use --format json, "
            "or -n 0 for the facets alone"
        )
    if not (limit or all_hits):
        if fmt == "ids":
            raise click.UsageError("--format ids lists hits, and -n 0 asks for none: use --format json")
        if not facets:
            raise click.UsageError(f"-n 0 --format {fmt} writes facet rows: ask for facets with --facet")


def _zero_filled(facets: dict[str, tuple[FacetValue, ...]]) -> dict[str, tuple[FacetValue, ...]]:
    """Date facets with the empty periods inside their span as 0 (a gap in the news is visible)."""
    out = {}
    for name, values in facets.items():
        try:
            out[name] = zero_filled(name, values)
        except ValueError as exc:  # too many periods at this granularity: the gaps stay unlisted
            click.echo(f"note: {name}: {exc}; empty periods are not listed", err=True)
            out[name] = values
    return out


# ------------------------------------------------------------------------------------------------ commands
class _Cli(click.Group):
    """The command group: Ctrl-C ends any command with exit status 130 and one line on stderr."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            name = ctx.invoked_subcommand
            if name == "index":
                click.echo("interrupted: the index keeps its last committed state", err=True)
            else:
                click.echo("interrupted", err=True)
            raise click.exceptions.Exit(INTERRUPTED) from None


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="newsearch", message=f"%(prog)s, version %(version)s (extractor: {extractor_text()})"
)
def cli() -> None:
    """Full-text search for news articles: index a folder, then query it.

    \b
    newsearch index corpus/
    newsearch query "prisoner exchange"
    """


@cli.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@index_option
@click.option("-q", "--quiet", is_flag=True, help="No progress and no per-file messages.")
@click.option("--lock-timeout", default=10.0, show_default=True, help="Seconds to wait for another writer.")
@click.option("--no-extract", is_flag=True, help="Skip speaker and party extraction.")
@click.option(
    "--aliases",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML alias table for speakers and parties (default: newsearch-aliases.toml in the corpus folder).",
)
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(1, 16),
    default=None,
    help="Processes for large runs (default: CPU count, at most 4).",
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Read FIELD (headline, standfirst, body, date, source, url, author, id) from COLUMN (repeatable).",
)
@click.option("--date-format", metavar="FMT", help="strptime format tried first for dates, e.g. '%d/%m/%Y'.")
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="Read only files matching GLOB (gitignore syntax; !GLOB excludes; later wins; repeatable).",
)
@click.option("--exclude", multiple=True, metavar="GLOB", help="Pass over files and folders matching GLOB.")
@click.option("--hidden", is_flag=True, help="Read hidden files and folders too.")
@click.option(
    "--no-ignore", is_flag=True, help="Disregard .newsearchignore and the not-an-article names (README* …)."
)
@click.option("--rebuild", is_flag=True, help="Empty the index, then build it again (e.g. an old schema).")
@click.option(
    "--engine",
    type=click.Choice(backends.PERSISTENT),
    default=None,
    help="Search engine of a new index (default whoosh; tantivy needs newsearch[tantivy]). An existing "
    "index keeps its own: see newsearch migrate.",
)
@json_option
@translate_errors
def index_cmd(
    paths,
    index_path,
    quiet,
    lock_timeout,
    no_extract,
    aliases,
    workers,
    fields,
    date_format,
    include,
    exclude,
    hidden,
    no_ignore,
    rebuild,
    engine,
    as_json,
) -> None:
    """Index the articles under PATHS: folders or files (.txt .json .jsonl .csv .sgm .xml .html,
    optionally .gz); a PATH of - reads standard input (JSON, JSONL or one article) and only adds.

    Re-running is incremental: new and changed articles are written, deleted ones removed.
    What is not read, skipped, in conflict or read in part is said on stderr.

    \b
    Examples:
      newsearch index corpus/
      newsearch index corpus/ --field body=text --date-format '%d/%m/%Y'
      newsearch index corpus/ --exclude 'markets/' --include '*.txt'
      newsearch index corpus/ --engine tantivy
    """
    stdin = None
    if any(str(p) == "-" for p in paths):
        stdin = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(stdin) > MAX_FILE_BYTES:
            mib = MAX_FILE_BYTES // (1024 * 1024)
            raise click.ClickException(f"standard input is over {mib} MiB: save it to a file and index that")
    with _ProgressLine(enabled=not quiet and not as_json and _stderr_is_terminal()) as progress:
        report = index_corpus(
            index_path or default_index_path(),
            [str(p) for p in paths],
            rebuild=rebuild,
            engine=engine,
            progress=progress,
            lock_timeout=lock_timeout,
            extract=not no_extract,
            aliases=aliases,
            workers=workers,
            fields=parse_field_options(fields),
            date_format=date_format,
            include=include,
            exclude=exclude,
            hidden=hidden,
            no_ignore=no_ignore,
            stdin=stdin,
        )
    if not quiet:
        for line in render.index_problems(report):
            click.echo(line, err=True)
    click.echo(render.json_text("index_report", report) if as_json else render.report_text(report))
    if report.skipped and not (report.added or report.updated or report.unchanged or report.removed):
        sys.exit(1)


class _ProgressLine:
    """One status line on stderr, rewritten in place: files and articles done, then 'committing…'.

    It appears only once a run has taken ``delay`` seconds (short runs print nothing) and is cleared at
    the end, so the report that follows stands alone.
    """

    def __init__(
        self,
        *,
        enabled: bool,
        stream: TextIO | None = None,
        delay: float | None = None,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.enabled = enabled
        self.stream = stream
        self.delay = PROGRESS_DELAY if delay is None else delay
        self.interval = interval
        self.clock = clock
        self.started = clock()
        self.shown_at: float | None = None
        self.width = 0

    def __enter__(self):
        return self if self.enabled else None

    def __call__(self, done: int, total: int, event: IndexProgress | None = None) -> None:
        now = self.clock()
        event = event or IndexProgress(done, total)
        final = event.stage != "reading" and event.written in (0, event.to_write)  # its first and last line
        if now - self.started < self.delay:
            return
        if not final and self.shown_at is not None and now - self.shown_at < self.interval:
            return
        self._write(render.progress_text(event))
        self.shown_at = now

    def _write(self, text: str) -> None:
        stream = self.stream or sys.stderr
        stream.write("\r" + text.ljust(self.width) + ("\r" if not text else ""))
        stream.flush()
        self.width = len(text)

    def __exit__(self, *exc: object) -> None:
        if self.enabled and self.shown_at is not None:
            self._write("")  # clears the line: the report that follows stands alone


class _QueryCommand(click.Command):
    """``query``, whose TEXT may start with a minus: ``newsearch query "-hostages ceasefire"``.

    An argument that starts with "-" but is not one of the command's options (nor an option's value) is
    the query text: it is moved behind "--", where click takes it as the argument.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--" not in args:
            takes_value = {
                name for p in self.params if isinstance(p, click.Option) and not p.is_flag for name in p.opts
            }
            known = {name for p in self.params for name in getattr(p, "opts", ())} | {"-h", "--help"}
            for i, arg in enumerate(args):
                if i and args[i - 1] in takes_value:
                    continue
                if arg.startswith("-") and len(arg) > 1 and not _is_option(arg, known, takes_value):
                    args = [*args[:i], *args[i + 1 :], "--", arg]
                    break
        return super().parse_args(ctx, args)


def _is_option(arg: str, known: set[str], takes_value: set[str]) -> bool:
    if any(c.isspace() for c in arg):
        return False
    name = arg.split("=", 1)[0]
    if name in known:
        return True
    # -n5, -p2: a short option with its value attached
    return not arg.startswith("--") and arg[:2] in takes_value and arg[2:].isdigit()


@cli.command(cls=_QueryCommand)
@click.argument("text")
@index_option
@click.option(
    "-n",
    "--limit",
    default=10,
    show_default=True,
    type=click.IntRange(0, 1000),
    help="Hits per page (0: none, only the total and the facets).",
)
@click.option("-p", "--page", default=1, show_default=True, type=click.IntRange(1), help="Page number.")
@click.option(
    "--all-hits", is_flag=True, help="Every matching article, streamed from one committed state (not a page)."
)
@click.option(
    "--sort",
    type=click.Choice(SORTS),
    default="relevance",
    show_default=True,
    help="Order: relevance, date (oldest first) or -date (newest first); undated articles last.",
)
@click.option(
    "-f",
    "--facet",
    "facets",
    multiple=True,
    metavar="FACET",
    shell_complete=_complete_facets,
    help="Count values over all hits: speakers, parties[:KIND], source, author, date[:year|month|week|day].",
)
@top_option(10)
@click.option(
    "--speaker", "speakers", multiple=True, help="Only articles quoting this speaker (repeatable: any)."
)
@click.option("--party", "parties", multiple=True, help="Only articles naming this party (repeatable: any).")
@click.option("--source", "sources", multiple=True, help="Only articles from this source (repeatable: any).")
@click.option("--author", "authors", multiple=True, help="Only articles by this author (repeatable: any).")
@click.option(
    "--since", type=_DateParam(), help="Only articles dated on or after DATE (YYYY-MM-DD, YYYY-MM, YYYY)."
)
@click.option(
    "--until", type=_DateParam(end=True), help="Only articles dated on or before DATE (YYYY-MM: its end)."
)
@click.option(
    "--no-expand",
    is_flag=True,
    help="Rank by the typed words only (no pseudo-relevance feedback).",
)
@click.option(
    "--all", "show_all", is_flag=True, help="Show near-duplicates instead of folding them into +N similar."
)
@click.option(
    "--explain", is_flag=True, help="Print the search plan (what runs, and why) instead of searching."
)
@format_option
@color_option
@marks_option
@fail_if_empty_option
@translate_errors
def query(
    text,
    index_path,
    limit,
    page,
    all_hits,
    sort,
    facets,
    top,
    speakers,
    parties,
    sources,
    authors,
    since,
    until,
    no_expand,
    show_all,
    explain,
    fmt,
    color,
    marks,
    fail_if_empty,
) -> None:
    """Search the index, best matches first; optionally count facets and drill down.

    \b
    Examples:
      newsearch query "prisoner exchange"
      newsearch query '"prisoner exchange"~2 source:"Harbour Courier"' --limit 5
      newsearch query "-hostages ceasefire" --since 2025-10-01
      newsearch query ceasefire --facet speakers --facet parties --facet date:month
      newsearch query ceasefire --party Qatar --party Egypt --since 2025-11-01 --sort -date
      newsearch query election --all-hits --format csv
      newsearch query '*' -n 0 --facet source --party Qatar
      newsearch query 'ceasefire date:>now-30d' --explain
    """
    if all_hits and page != 1:
        raise click.UsageError("--all-hits gives every hit: it takes no --page")
    if all_hits and limit == 0:
        raise click.UsageError("-n 0 asks for no hits and --all-hits for all of them: give one")
    _check_rows(fmt, limit=limit, all_hits=all_hits, facets=facets)
    ranking = Ranking(expansion=False) if no_expand else None
    ix = open_index(index_path, ranking=ranking)
    narrowing: dict[str, Any] = dict(
        speakers=speakers,
        parties=parties,
        sources=sources,
        authors=authors,
        since=since,
        until=until,
        sort=sort,
        collapse=not show_all,
    )
    request = Index.request(text, limit=limit, page=page, facets=facets, facet_top=top or None, **narrowing)
    if explain:
        click.echo(explain_plan(ix.explain(request)))
        return
    result, every = ix.stream(request) if all_hits else (ix.search(request), None)
    result = replace(result, facets=_zero_filled(result.facets))
    _emit_hits("search", result, fmt, _style(color, marks), every)
    _exit_if_empty(fail_if_empty, result.total)


@cli.command()
@click.argument("article_id")
@index_option
@click.option("-n", "--limit", default=10, show_default=True, type=click.IntRange(1, 1000), help="How many.")
@format_option
@color_option
@marks_option
@fail_if_empty_option
@translate_errors
def similar(article_id, index_path, limit, fmt, color, marks, fail_if_empty) -> None:
    """Articles most like one article (by its most distinctive words).

    Example: newsearch similar el-2026-0001
    """
    result = open_index(index_path).similar(article_id, limit=limit)
    _emit_hits("similar", result, fmt, _style(color, marks))
    _exit_if_empty(fail_if_empty, result.total)


@cli.command()
@click.argument("facet", shell_complete=_complete_facets)
@index_option
@top_option(20)
@json_option
@color_option
@fail_if_empty_option
@translate_errors
def facets(facet, index_path, top, as_json, color, fail_if_empty) -> None:
    """List a facet's values over the whole index with their article counts.

    FACET: speakers, parties, parties:KIND (person, organisation, country, place, group, outlet), source,
    author, date, date:year, date:month, date:week or date:day.
    Example: newsearch facets parties:country --top 5
    """
    values = _zero_filled({facet: open_index(index_path).facet_values(facet, top=top or None)})[facet]
    if as_json:
        click.echo(render.json_text("facet", {"facet": facet, "values": values}))
    else:
        style = _style(color)
        _echo(render.facet_text(facet, values, style), style)
    _exit_if_empty(fail_if_empty, len(values))


@cli.command()
@click.argument("text", required=False)
@click.option("-s", "--speaker", help="Only quotes by this speaker (a full name, last name or alias).")
@index_option
@click.option("-n", "--limit", default=20, show_default=True, type=click.IntRange(1, 1000), help="How many.")
@click.option("--all-hits", is_flag=True, help="Every matching quote (instead of --limit).")
@click.option(
    "--direct-only",
    is_flag=True,
    help="Only the speakers' own words in quotation marks, not reported speech (shown as 'reported:').",
)
@click.option(
    "-f",
    "--facet",
    "facet",
    type=click.Choice(("speaker", "speakers")),
    help="Count the speakers of all matching quotes: who is quoted most saying TEXT.",
)
@top_option(10)
@format_option
@color_option
@fail_if_empty_option
@translate_errors
def quotes(
    text, speaker, index_path, limit, all_hits, direct_only, facet, top, fmt, color, fail_if_empty
) -> None:
    """Search quotes: what was said, and by whom.

    \b
    Examples:
      newsearch quotes "prisoner exchange"
      newsearch quotes --speaker Okonjo home
      newsearch quotes talks --facet speaker --top 5
      newsearch quotes ceasefire --direct-only
    """
    if not text and not speaker:
        raise click.UsageError("give TEXT to look for, --speaker, or both")
    if facet and fmt not in ("text", "json"):
        raise click.UsageError(
            f"--format {fmt} writes one row per quote, with no room for a facet: use --format json"
        )
    result = open_index(index_path).quotes(
        text,
        speaker=speaker,
        limit=None if all_hits else limit,
        speaker_top=top or sys.maxsize,
        direct_only=direct_only,
    )
    style = _style(color)
    if fmt == "json":
        click.echo(render.json_text("quotes", result))
    else:
        text_lines = render.quotes_lines(result, result.hits, style)
        for line in text_lines if fmt == "text" else _rows(fmt, "quote", result.hits, render.QUOTE_COLUMNS):
            _echo(line, style)
        if facet:
            _echo("\n" + render.facet_text("speakers", result.speakers, style), style)
    _exit_if_empty(fail_if_empty, result.total)


@cli.command()
@click.argument("article_id")
@index_option
@json_option
@color_option
@translate_errors
def show(article_id, index_path, as_json, color) -> None:
    """Print one stored article by its id (as shown in query results).

    Example: newsearch show el-2026-0001
    """
    article = open_index(index_path).get(article_id)
    if as_json:
        click.echo(render.json_text("article", article))
    else:
        style = _style(color)
        _echo(render.article_text(article, style), style)


@cli.command()
@index_option
@json_option
@translate_errors
def stats(index_path, as_json) -> None:
    """Article count, sources, date span, size on disk, last update, schema and engine of the index."""
    figures = open_index(index_path).stats()
    click.echo(
        render.json_text("stats", figures) if as_json else render.stats_text(figures, extractor_text())
    )


@cli.command()
@click.option(
    "--engine", type=click.Choice(backends.PERSISTENT), required=True, help="The engine to move the index to."
)
@index_option
@click.option("--lock-timeout", default=10.0, show_default=True, help="Seconds to wait for another writer.")
@json_option
@translate_errors
def migrate(engine, index_path, lock_timeout, as_json) -> None:
    """Move the index to another search engine, in place (no corpus needed, nothing extracted again).

    \b
    Example:
      newsearch migrate --engine tantivy
    """
    report = migrate_index(index_path or default_index_path(), engine, lock_timeout=lock_timeout)
    click.echo(render.json_text("migration", report) if as_json else render.migration_text(report))


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@translate_errors
def trust(folder, yes) -> None:
    """Accept an index built elsewhere (copied, moved, or made by an older newsearch) as your own.

    Whoosh keeps data in Python pickles, so opening an index can run code from it: trust only indexes
    whose origin you know.  Example: newsearch trust ~/Downloads/index
    """
    if not yes:
        click.confirm(
            f"Opening {folder} will load pickled data that can run code. Do you trust where it came from?",
            abort=True,
            err=True,
        )
    trust_index(folder)
    click.echo(f"trusted: {folder} (signed with your newsearch key)", err=True)


@cli.group()
def aliases() -> None:
    """Merges of speaker and party names across the index, to review as an alias file."""


@aliases.command("suggest")
@index_option
@click.option(
    "--min-count",
    default=1,
    show_default=True,
    type=click.IntRange(1),
    help="Only short forms named in at least N articles.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the merges as an alias file (TOML) to review, then index with --aliases FILE ('-': stdout).",
)
@json_option
@translate_errors
def aliases_suggest(index_path, min_count, output, as_json) -> None:
    """List likely merges of speaker and party names with their article counts.

    A short form that names exactly one full name of its kind ("Okonjo" and only "Amara Okonjo"), other
    spellings, plurals and initials: facets and filters already count these as one. Short forms that name
    several people stay as they are and are listed apart. Write them to a file with --output FILE, review
    it (delete wrong merges, settle ambiguous forms), then index again with --aliases FILE.

    \b
    Examples:
      newsearch aliases suggest --min-count 1
      newsearch aliases suggest --output -
    """
    found = open_index(index_path).suggest_aliases(min_count=min_count)
    if output is not None and str(output) == "-":
        click.echo(found.toml(), nl=False)
        return
    if output is not None:
        try:
            output.write_text(found.toml(), encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None
        click.echo(
            f"wrote {output}: {len(found.merges)} merges, {len(found.ambiguous)} ambiguous short forms "
            "(review it, then: newsearch index CORPUS --aliases FILE)",
            err=True,
        )
    click.echo(render.json_text("aliases", found) if as_json else render.aliases_text(found))


@cli.command()
@index_option
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (others: a warning)."
)
@click.option(
    "--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="0: any free port."
)
@translate_errors
def serve(index_path, host, port) -> None:
    """Serve a search page and the HTTP JSON API for the index (read-only; needs newsearch[web]).

    Prints the address and serves until Ctrl-C; opens no browser.  Example: newsearch serve --index index/
    """
    try:
        from . import web
    except ImportError as exc:
        raise click.ClickException(
            f"newsearch serve needs the web extra ({(exc.name or str(exc)).split('.')[0]} is missing): "
            "pip install 'newsearch[web]'"
        ) from None
    ix = open_index(index_path)
    loopback = web.is_loopback(host)
    if not loopback:
        click.echo(
            f"Warning: listening on {host}, not on loopback: anyone who can reach this machine "
            "can read the index.",
            err=True,
        )
    app = web.create_app(ix, allowed_hosts=web.loopback_names(host) if loopback else None)
    try:
        sock = web.bind(host, port)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    web.run(
        app, sock, on_ready=lambda url: click.echo(f"newsearch: serving {ix.path} at {url} (Ctrl-C stops)")
    )


def main() -> None:
    cli(prog_name="newsearch")
