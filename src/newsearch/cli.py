"""The newsearch command line: parse options, call the API once, render.

Results go to stdout; progress, skipped files and errors to stderr.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from . import render
from .backends.base import SORTS
from .errors import NewsearchError, QueryError
from .index import ENV_INDEX, Index, create_index, default_index_path, open_index, trust_index
from .models import Ranking
from .query import explain as explain_plan


def index_option(fn):
    return click.option(
        "--index",
        "index_path",
        type=click.Path(path_type=Path),
        default=None,
        envvar=ENV_INDEX,
        show_envvar=True,
        help="Index folder (default: index/).",
    )(fn)


def json_option(fn):
    return click.option("--json", "as_json", is_flag=True, help="One JSON object on stdout.")(fn)


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


def _use_color(ctx_color: bool | None) -> bool:
    return sys.stdout.isatty() if ctx_color is None else ctx_color


def _echo_result(result, color: bool | None, as_json: bool, kind: str = "search") -> None:
    """A SearchResult on stdout: JSON, or text highlighted for a terminal."""
    if as_json:
        click.echo(render.json_text(kind, result))
    else:
        use_color = _use_color(color)
        click.echo(render.search_text(result, use_color), color=use_color)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsearch")
def cli() -> None:
    """Full-text search for news articles: index a folder, then query it.

    \b
    newsearch index corpus/
    newsearch query "prisoner exchange"
    """


@cli.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@index_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no per-file messages.")
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
@json_option
@translate_errors
def index_cmd(paths, index_path, quiet, lock_timeout, no_extract, aliases, workers, as_json) -> None:
    """Index the articles under PATHS (folders or files; .txt .json .jsonl .csv, optionally .gz).

    Re-running is incremental: new and changed articles are written, deleted ones removed.
    Example: newsearch index corpus/
    """
    ix = create_index(index_path or default_index_path())
    show_progress = not quiet and not as_json
    with _progress(show_progress) as progress:
        report = ix.add(
            paths,
            progress=progress,
            lock_timeout=lock_timeout,
            extract=not no_extract,
            aliases=aliases,
            workers=workers,
        )
    if not quiet:
        for item in report.skipped:
            click.echo(f"skipped: {item}", err=True)
    click.echo(render.json_text("index_report", report) if as_json else render.report_text(report))
    if report.skipped and not (report.added or report.updated or report.unchanged or report.removed):
        sys.exit(1)


class _progress:
    """A click progress bar on stderr, shown once a run has more than a handful of files."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.bar = None

    def __enter__(self):
        return self._update if self.enabled else None

    def _update(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < 50:
                return
            self.bar = click.progressbar(length=total, label="indexing", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


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
    help="Hits per page (0: none).",
)
@click.option("-p", "--page", default=1, show_default=True, type=click.IntRange(1), help="Page number.")
@click.option(
    "--sort",
    type=click.Choice(SORTS),
    default="relevance",
    show_default=True,
    help="Order: relevance, date (oldest first) or -date (newest first).",
)
@click.option(
    "-f",
    "--facet",
    "facets",
    multiple=True,
    metavar="FACET",
    help="Count values over all hits: speakers, parties[:KIND], source, author, date[:year|month|day].",
)
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000), help="Values per facet.")
@click.option(
    "--speaker", "speakers", multiple=True, help="Only articles quoting this speaker (repeatable: any)."
)
@click.option("--party", "parties", multiple=True, help="Only articles naming this party (repeatable: any).")
@click.option("--source", "sources", multiple=True, help="Only articles from this source (repeatable: any).")
@click.option("--author", "authors", multiple=True, help="Only articles by this author (repeatable: any).")
@click.option("--since", metavar="DATE", help="Only articles dated on or after DATE (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Only articles dated on or before DATE (YYYY-MM-DD).")
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
@click.option(
    "--color/--no-color", default=None, help="Highlight matches with colour (default: when a terminal)."
)
@json_option
@translate_errors
def query(
    text,
    index_path,
    limit,
    page,
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
    color,
    as_json,
) -> None:
    """Search the index, best matches first; optionally count facets and drill down.

    \b
    Examples:
      newsearch query "prisoner exchange"
      newsearch query '"prisoner exchange"~2 source:"Harbour Courier"' --limit 5
      newsearch query "-hostages ceasefire" --since 2025-11-01
      newsearch query ceasefire --facet speakers --facet parties --facet date:month
      newsearch query '*' -n 0 --facet source --party Qatar
      newsearch query 'ceasefire date:>now-30d' --explain
    """
    ranking = Ranking(expansion=False) if no_expand else None
    ix = open_index(index_path, ranking=ranking)
    request = Index.request(
        text,
        limit=limit,
        page=page,
        facets=facets,
        facet_top=top,
        speakers=speakers,
        parties=parties,
        sources=sources,
        authors=authors,
        since=since,
        until=until,
        sort=sort,
        collapse=not show_all,
    )
    if explain:
        click.echo(explain_plan(ix.explain(request)))
        return
    result = ix.search(request)
    for notice in result.notices:
        click.echo(f"note: {notice.message}", err=True)
    _echo_result(result, color, as_json)


@cli.command()
@click.argument("article_id")
@index_option
@click.option("-n", "--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--color/--no-color", default=None, help="Colour on a terminal.")
@json_option
@translate_errors
def similar(article_id, index_path, limit, color, as_json) -> None:
    """Articles most like one article (by its most distinctive words).  Example: newsearch similar elec-2"""
    result = open_index(index_path).similar(article_id, limit=limit)
    _echo_result(result, color, as_json, kind="similar")


@cli.command()
@click.argument("facet")
@index_option
@click.option("--top", default=20, show_default=True, type=click.IntRange(1, 100000), help="How many values.")
@json_option
@translate_errors
def facets(facet, index_path, top, as_json) -> None:
    """List a facet's values over the whole index with their article counts.

    FACET: speakers, parties, parties:KIND (person, organisation, country, place, group, outlet), source,
    author, date, date:year, date:month or date:day.  Example: newsearch facets parties:country --top 5
    """
    values = open_index(index_path).facet_values(facet, top=top)
    if as_json:
        click.echo(render.json_text("facet", {"facet": facet, "values": values}))
    else:
        use_color = _use_color(None)
        click.echo(render.facet_text(facet, values, use_color), color=use_color)


@cli.command()
@click.argument("text", required=False)
@click.option("-s", "--speaker", help="Only quotes by this speaker (a full name, last name or alias).")
@index_option
@click.option("-n", "--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@json_option
@translate_errors
def quotes(text, speaker, index_path, limit, as_json) -> None:
    """Search quotes: what was said, and by whom.

    \b
    Examples:
      newsearch quotes "prisoner exchange"
      newsearch quotes --speaker Okonjo hostages
    """
    if not text and not speaker:
        raise click.UsageError("give TEXT to look for, --speaker, or both")
    result = open_index(index_path).quotes(text, speaker=speaker, limit=limit)
    click.echo(render.json_text("quotes", result) if as_json else render.quotes_text(result))


@cli.command()
@click.argument("article_id")
@index_option
@json_option
@translate_errors
def show(article_id, index_path, as_json) -> None:
    """Print one stored article by its id (as shown in query results)."""
    article = open_index(index_path).get(article_id)
    click.echo(render.json_text("article", article) if as_json else render.article_text(article))


@cli.command()
@index_option
@json_option
@translate_errors
def stats(index_path, as_json) -> None:
    """Article count, sources, date span, size on disk and last update of the index."""
    figures = open_index(index_path).stats()
    click.echo(render.json_text("stats", figures) if as_json else render.stats_text(figures))


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
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


def main() -> None:
    cli(prog_name="newsearch")
