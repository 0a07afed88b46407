"""The command line's habits: colour and NO_COLOR, wrapping, exports, --fail-if-empty, Ctrl-C, progress,
shell completion and honest messages about dates."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete

import newsearch
from newsearch import cli as climod
from newsearch.cli import cli
from newsearch.progress import IndexProgress

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture()
def terminal(monkeypatch):
    """Standard output is a terminal 60 columns wide (NO_COLOR unset)."""
    monkeypatch.setattr(climod, "_stdout_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.delenv("NO_COLOR", raising=False)


COLOURING = [
    ["query", "prisoner"],
    ["similar", "elec-2"],
    ["facets", "source"],
    ["quotes", "--speaker", "Okonjo"],
    ["show", "elec-2"],
]


@pytest.mark.parametrize("args", COLOURING, ids=lambda a: a[0])
def test_colour_on_a_terminal_and_no_color_honoured(runner, built, terminal, monkeypatch, args):
    index = ["--index", str(built[1])]
    assert ANSI.search(runner.invoke(cli, [*args, *index]).stdout)
    assert not ANSI.search(runner.invoke(cli, [*args, *index, "--color", "never"]).stdout)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(runner.invoke(cli, [*args, *index]).stdout)
    assert ANSI.search(
        runner.invoke(cli, [*args, *index, "--color", "always"]).stdout
    )  # a flag beats NO_COLOR
    monkeypatch.setenv("NO_COLOR", "")  # no-color.org: an empty value does not count
    assert ANSI.search(runner.invoke(cli, [*args, *index]).stdout)


def test_no_colour_off_a_terminal_unless_asked(runner, built):
    index = ["--index", str(built[1])]
    assert not ANSI.search(runner.invoke(cli, ["query", "prisoner", *index]).stdout)
    assert ANSI.search(runner.invoke(cli, ["query", "prisoner", *index, "--color=always"]).stdout)
    assert not ANSI.search(runner.invoke(cli, ["query", "prisoner", *index, "--color", "--no-color"]).stdout)
    bad = runner.invoke(cli, ["query", "prisoner", *index, "--color", "sometimes"])
    assert bad.exit_code == 2 and "'sometimes' is not one of 'auto', 'always', 'never'" in bad.stderr


def test_snippets_wrap_on_a_terminal_and_stay_one_line_in_a_pipe(runner, built, terminal):
    index = ["--index", str(built[1])]
    wrapped = ANSI.sub("", runner.invoke(cli, ["query", "prisoner", *index]).stdout).splitlines()
    snippet_lines = [line for line in wrapped if line.startswith("     ") and "score" not in line]
    assert len(snippet_lines) > 2 and all(len(line) <= 60 for line in snippet_lines)
    climod._stdout_is_terminal = lambda: False  # restored by monkeypatch
    piped = runner.invoke(cli, ["query", "prisoner", *index]).stdout.splitlines()
    assert len([line for line in piped if line.startswith("     ") and "score" not in line]) == 2


def test_exports_csv_tsv_ids_jsonl(runner, built):
    index = ["--index", str(built[1])]
    page = json.loads(runner.invoke(cli, ["query", "prisoner OR talks", "--json", *index]).stdout)
    ids = [h["id"] for h in page["hits"]]
    assert len(ids) >= 3
    rows = list(
        csv.DictReader(
            io.StringIO(runner.invoke(cli, ["query", "prisoner OR talks", "--format", "csv", *index]).stdout)
        )
    )
    assert [r["id"] for r in rows] == ids and rows[0]["snippet"] and "[" not in rows[0]["snippet"]
    tsv = runner.invoke(cli, ["query", "prisoner OR talks", "--format", "tsv", *index]).stdout.splitlines()
    assert tsv[0].split("\t")[:3] == ["id", "score", "date"] and len(tsv) == len(ids) + 1
    assert runner.invoke(cli, ["query", "prisoner OR talks", "--format", "ids", *index]).stdout.split() == ids
    lines = runner.invoke(
        cli, ["query", "prisoner OR talks", "--format", "jsonl", *index]
    ).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids
    both = runner.invoke(cli, ["query", "prisoner", "--json", "--format", "csv", *index])
    assert both.exit_code == 2 and "--json and --format csv" in both.stderr


def test_all_hits_streams_every_match_past_the_page(runner, built, ix):
    index = ["--index", str(built[1])]
    everything = [h.id for h in ix.search("prisoner OR talks OR coal OR rates", limit=100).hits]
    assert len(everything) >= 5
    for fmt in ("ids", "jsonl", "csv", "text"):
        out = runner.invoke(
            cli,
            ["query", "prisoner OR talks OR coal OR rates", "-n", "2", "--all-hits", "--format", fmt, *index],
        )
        assert out.exit_code == 0
        assert all(aid in out.stdout for aid in everything), fmt
    data = json.loads(
        runner.invoke(
            cli, ["query", "prisoner OR talks OR coal OR rates", "-n", "2", "--all-hits", "--json", *index]
        ).stdout
    )
    assert [h["id"] for h in data["hits"]] == everything and data["limit"] is None
    assert data["total"] == len(everything)
    bad = runner.invoke(cli, ["query", "talks", "--all-hits", "--page", "2", *index])
    assert bad.exit_code == 2


def test_top_takes_the_same_limits_and_zero_means_all(runner, built, ix):
    index = ["--index", str(built[1])]
    speakers = ix.facet_values("speakers", top=None)
    assert len(speakers) > 3
    listing = json.loads(runner.invoke(cli, ["facets", "speakers", "--top", "0", "--json", *index]).stdout)
    assert len(listing["values"]) == len(speakers)
    everything = json.loads(
        runner.invoke(cli, ["query", "said OR told", "-f", "speakers", "--top", "0", "--json", *index]).stdout
    )
    assert len(everything["facets"]["speakers"]) > 3
    two = json.loads(
        runner.invoke(cli, ["query", "said OR told", "-f", "speakers", "--top", "2", "--json", *index]).stdout
    )
    assert len(two["facets"]["speakers"]) == 2
    for args in (["facets", "speakers"], ["query", "x", "-f", "speakers"]):
        assert runner.invoke(cli, [*args, "--top", "-1", *index]).exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["query", "nosuchword"],
        ["quotes", "nosuchword"],
        ["facets", "parties:outlet"],
        ["query", "talks", "--since", "2031-01-01"],
    ],
)
def test_fail_if_empty(runner, built, args):
    index = ["--index", str(built[1])]
    plain = runner.invoke(cli, [*args, *index])
    assert plain.exit_code == 0
    failing = runner.invoke(cli, [*args, *index, "--fail-if-empty"])
    assert failing.exit_code == 1
    timing = re.compile(r"\(\d+\.\d ms\)")
    assert timing.sub("", failing.stdout) == timing.sub("", plain.stdout)  # the output is still printed
    assert "Error" not in failing.stderr


def test_fail_if_empty_passes_when_something_matches(runner, built):
    for args in (
        ["query", "prisoner"],
        ["quotes", "--speaker", "Okonjo"],
        ["facets", "source"],
        ["similar", "elec-2"],
    ):
        assert runner.invoke(cli, [*args, "--index", str(built[1]), "--fail-if-empty"]).exit_code == 0


def test_ctrl_c_in_any_command_exits_130(runner, built, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(newsearch.Index, "search", interrupted)
    result = runner.invoke(cli, ["query", "prisoner", "--index", str(built[1])])
    assert result.exit_code == 130 and result.stderr.strip() == "interrupted"
    assert "Traceback" not in result.output and "Aborted" not in result.output


INTERRUPTIBLE = """
import os, pathlib, sys, time
from newsearch import cli, sync
real_load = sync.corpus.load
calls = []
def load(source):
    calls.append(source)
    if len(calls) == 3:
        pathlib.Path(os.environ["READING_MARKER"]).write_text("reading")
        time.sleep(60)
    return real_load(source)
sync.corpus.load = load
cli.main()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="needs POSIX signals")
def test_ctrl_c_while_indexing_exits_130_and_keeps_the_last_committed_state(tmp_path, corpus_dir):
    index = tmp_path / "ix"
    newsearch.create_index(index).add([corpus_dir])
    for n in range(6):
        (corpus_dir / f"new-{n}.txt").write_text(
            f"Zebra crossing {n}\n\nZebras crossed the road, number {n}.\n"
        )
    marker = tmp_path / "reading"
    proc = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTIBLE, "index", str(corpus_dir), "--index", str(index)],
        env={**os.environ, "READING_MARKER": str(marker)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 180  # generous: this waited 60 s in vain once in an engineer's loaded run
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), proc.communicate()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted: the index keeps its last committed state" in err and "Traceback" not in err, err
    with newsearch.open_index(index) as ix:
        assert (len(ix), ix.search("zebra").total) == (7, 0), err
    assert newsearch.open_index(index).add([corpus_dir]).added == 6


def test_progress_line_shows_files_articles_and_committing():
    stream, now = io.StringIO(), [0.0]
    line = climod._ProgressLine(enabled=True, stream=stream, delay=1.0, interval=0.1, clock=lambda: now[0])
    with line as progress:
        progress(1, 3, IndexProgress(1, 3, 0))  # before the delay: nothing
        assert stream.getvalue() == ""
        now[0] = 1.5
        progress(2, 3, IndexProgress(2, 3, 40))
        progress(3, 3, IndexProgress(3, 3, 41))  # within the interval: skipped
        progress(3, 3, IndexProgress(3, 3, 80, "committing"))  # the commit is always said
    text = stream.getvalue()
    assert "indexing 2/3 files · 40 articles" in text and "41 articles" not in text
    assert "committing… 3 files · 80 articles" in text
    assert text.endswith("\r")  # cleared: the report that follows stands alone
    assert climod._ProgressLine(enabled=False).__enter__() is None


def test_index_shows_progress_on_a_terminal(runner, corpus_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(climod, "_stderr_is_terminal", lambda: True)
    monkeypatch.setattr(climod, "PROGRESS_DELAY", 0.0)
    result = runner.invoke(cli, ["index", str(corpus_dir), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 0
    assert "committing… 6 files · 7 articles" in result.stderr
    assert "indexing 1/6 files" in result.stderr
    assert result.stdout.startswith("7 added")  # results stay on stdout
    quiet = runner.invoke(cli, ["index", str(corpus_dir), "--index", str(tmp_path / "ix2"), "-q"])
    assert quiet.stderr == ""


def test_progress_callbacks_old_and_new(corpus_dir, tmp_path):
    two, three = [], []
    newsearch.create_index(tmp_path / "a").add(
        [corpus_dir], progress=lambda done, total: two.append((done, total))
    )
    assert two == [(n, 6) for n in range(1, 7)]  # the (done, total) form is unchanged
    newsearch.create_index(tmp_path / "b").add([corpus_dir], progress=lambda d, t, event: three.append(event))
    assert [e.stage for e in three] == ["reading"] * 6 + ["committing"]
    assert three[-1] == IndexProgress(6, 6, 7, "committing")


def test_plurals(runner, corpus_dir, tmp_path):
    one = tmp_path / "one"
    one.mkdir()
    (one / "a.txt").write_text("Lone headline\n\nA single article about lighthouses.\n")
    report = runner.invoke(cli, ["index", str(one), "--index", str(tmp_path / "ix")]).stdout
    assert "(1 file," in report
    found = runner.invoke(cli, ["query", "lighthouses", "--index", str(tmp_path / "ix")]).stdout
    assert found.splitlines()[-1].startswith("1 of 1 article (")


def completions(args: list[str], incomplete: str) -> list[tuple[str, str]]:
    comp = ShellComplete(cli, {}, "newsearch", "_NEWSEARCH_COMPLETE")
    return [(c.value, c.type) for c in comp.get_completions(args, incomplete)]


def test_shell_completion_of_facets_and_index(runner):
    assert ("parties:person", "plain") in completions(["query", "x", "--facet"], "parties:p")
    assert [v for v, _ in completions(["query", "x", "-f"], "da")] == [
        "date",
        "date:year",
        "date:month",
        "date:week",
        "date:day",
    ]
    assert [v for v, _ in completions(["facets"], "sp")] == ["speakers"]
    assert completions(["query", "x", "--index"], "ind") == [("ind", "dir")]
    assert completions(["stats", "--index"], "") == [("", "dir")]
    assert "--fail-if-empty" in [v for v, _ in completions(["query", "x"], "--f")]
    script = runner.invoke(cli, [], prog_name="newsearch", env={"_NEWSEARCH_COMPLETE": "bash_source"})
    assert script.exit_code == 0 and "_newsearch_completion" in script.stdout


@pytest.fixture()
def undated_index(tmp_path) -> Path:
    corpus = tmp_path / "undated"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Blair speaks\n\nTony Blair spoke about the budget on Monday.\n")
    (corpus / "b.txt").write_text("Brown replies\n\nGordon Brown replied to Blair about the budget.\n")
    newsearch.create_index(tmp_path / "ix").add([corpus])
    return tmp_path / "ix"


def test_a_date_filter_on_an_index_without_dates_says_so(runner, undated_index):
    for args in (["blair", "--since", "2025-01-01"], ["blair", "--until", "2025"], ["blair date:2025"]):
        result = runner.invoke(cli, ["query", *args, "--index", str(undated_index)])
        assert result.exit_code == 0
        assert "note: no article in this index has a date, so no date filter can match" in result.stderr, args
    plain = runner.invoke(cli, ["query", "nosuchword", "--index", str(undated_index)])
    assert "note:" not in plain.stderr  # no date filter: nothing to explain
    data = json.loads(
        runner.invoke(
            cli, ["query", "blair", "--since", "2025-01-01", "--json", "--index", str(undated_index)]
        ).stdout
    )
    assert [n["kind"] for n in data["notices"]] == ["no-dates"]


def test_sorting_undated_hits_by_date_says_they_are_undated(runner, undated_index, built):
    result = runner.invoke(cli, ["query", "budget", "--sort", "date", "--index", str(undated_index)])
    assert "note: none of the 2 matching articles has a date: sorting cannot order them" in result.stderr
    assert "undated" in result.stdout
    mixed = runner.invoke(cli, ["query", "talks", "--sort", "-date", "--index", str(built[1])])
    assert re.search(
        r"note: 1 of the \d+ matching articles has no date: sorted by date, they come last", mixed.stderr
    )
    ranked = runner.invoke(cli, ["query", "talks", "--index", str(built[1])])
    assert "note:" not in ranked.stderr


def test_undated_counts_every_matching_article_not_only_the_page(tmp_path):
    """The notice counts all undated matches (they come last, so page 1 of a date sort shows none)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    rows = [
        {
            "id": f"d{n}",
            "title": f"Budget {n}",
            "text": f"The budget vote, day {n}: {'more ' * n}debate.",
            "date": f"2025-01-{n + 1:02d}",
        }
        for n in range(6)
    ]
    rows += [
        {"id": f"u{n}", "title": f"Budget note {n}", "text": f"Notes on the budget, part {n}{' and' * n}."}
        for n in range(3)
    ]
    (corpus / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    ix = newsearch.create_index(tmp_path / "ix")
    ix.add([corpus])
    page = ix.search("budget", sort="date", limit=2)
    assert all(h.date for h in page.hits)
    (notice,) = [n for n in page.notices if n.kind == "undated"]
    assert notice.message == "3 of the 9 matching articles have no date: sorted by date, they come last"
    assert not [n for n in ix.search("budget", limit=2).notices if n.kind == "undated"]  # relevance: moot
    dated_only = ix.search("budget", sort="date", since="2025-01-01")
    assert dated_only.total == 6 and not dated_only.notices


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--since", "2025-13-01"],
            "Invalid value for '--since': '2025-13-01' is not a date: month must be in 1..12",
        ),
        (
            ["--until", "2025-02-30"],
            "Invalid value for '--until': '2025-02-30' is not a date: day is out of range",
        ),
        (["--since", "last week"], "Invalid value for '--since': 'last week' is not a date (use YYYY-MM-DD"),
    ],
)
def test_a_bad_date_names_the_option_and_the_date(runner, built, args, message):
    result = runner.invoke(cli, ["query", "talks", *args, "--index", str(built[1])])
    assert result.exit_code == 2 and message in result.stderr
    assert "query '" not in result.stderr


def test_until_a_month_or_year_means_its_end(runner, built):
    def ids(*args):
        out = runner.invoke(cli, ["query", "prisoner", *args, "--format", "ids", "--index", str(built[1])])
        return set(out.stdout.split())

    assert ids("--until", "2025-11") == {"ceasefire/talks.txt", "wire-1"}  # 3 and 4 November
    assert ids("--until", "2025-10") == set()
    assert ids("--since", "2025-11", "--until", "2025") == {"ceasefire/talks.txt", "wire-1"}
    assert ids("--since", "2025-11-04") == {"wire-1"}


# ------------------------------------------------------------------------------------------ stage B
def test_no_hits_gives_the_facets_in_every_format(runner, built):
    """``-n 0``: the total and the facets only, in whatever format was asked; nothing dropped silently."""
    index = ["--index", str(built[1])]
    base = ["query", "*", "-n", "0", "-f", "source", "-f", "date:month", *index]
    want = json.loads(runner.invoke(cli, [*base, "--json"]).stdout)["facets"]
    assert want["source"] and want["date:month"]
    text = runner.invoke(cli, base).stdout
    assert "source:" in text and "date:month:" in text and "score" not in text
    lines = runner.invoke(cli, [*base, "--format", "jsonl"]).stdout.splitlines()
    assert {r["facet"]: r["values"] for r in map(json.loads, lines)} == want
    assert all(json.loads(line)["kind"] == "facet" for line in lines)
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        out = runner.invoke(cli, [*base, "--format", fmt]).stdout
        rows = list(csv.DictReader(io.StringIO(out), delimiter=delimiter))
        assert list(rows[0]) == ["facet", "value", "count"]
        got: dict[str, list] = {}
        for r in rows:
            got.setdefault(r["facet"], []).append({"value": r["value"], "count": int(r["count"])})
        assert got == want, fmt
    ids = runner.invoke(cli, [*base, "--format", "ids"])
    assert ids.exit_code == 2 and "-n 0 asks for none" in ids.stderr
    nothing = runner.invoke(cli, ["query", "*", "-n", "0", "--format", "csv", *index])
    assert nothing.exit_code == 2 and "ask for facets with --facet" in nothing.stderr
    for fmt in ("csv", "tsv", "jsonl", "ids"):  # facets with hits in a one-row-per-hit format: refused
        both = runner.invoke(cli, ["query", "talks", "-f", "source", "--format", fmt, *index])
        assert both.exit_code == 2 and "no room for facets" in both.stderr, fmt
    clash = runner.invoke(cli, ["query", "talks", "-n", "0", "--all-hits", *index])
    assert clash.exit_code == 2


@pytest.fixture()
def gappy_index(tmp_path) -> Path:
    """Articles in January and April 2025 (none in February or March), and one at 23:30 at -05:00."""
    corpus = tmp_path / "gappy"
    corpus.mkdir()
    rows = [
        {"id": "jan", "title": "Harbour reopens", "text": "The harbour reopened.", "date": "2025-01-10"},
        {"id": "apr", "title": "Harbour closes", "text": "The harbour closed again.", "date": "2025-04-02"},
        {
            "id": "late",
            "title": "Harbour vote runs late",
            "text": "The harbour vote ran late into the night.",
            "date": "2025-11-03T23:30:00-05:00",
        },
        {
            "id": "next",
            "title": "Harbour results",
            "text": "Harbour results came in.",
            "date": "2025-11-04T08:00:00Z",
        },
    ]
    (corpus / "news.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    newsearch.create_index(tmp_path / "ix").add([corpus])
    return tmp_path / "ix"


def test_the_date_facet_shows_empty_periods_as_zero(runner, gappy_index):
    index = ["--index", str(gappy_index)]
    text = runner.invoke(cli, ["facets", "date:month", *index]).stdout
    months = [line.split() for line in text.splitlines()[1:]]
    assert [m[1] for m in months] == [f"2025-{n:02d}" for n in range(1, 12)]
    assert dict((m[1], int(m[0])) for m in months)["2025-02"] == 0 and months[-1] == ["2", "2025-11"]
    data = json.loads(runner.invoke(cli, ["query", "harbour", "-f", "date:month", "--json", *index]).stdout)
    assert [v["count"] for v in data["facets"]["date:month"]] == [1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2]
    # The API keeps the periods that have articles (the web page's sidebar lists those).
    api = newsearch.open_index(gappy_index).search("harbour", facets=["date:month"]).facets["date:month"]
    assert [v.value for v in api] == ["2025-01", "2025-04", "2025-11"]


def test_reuters_gap_shows_as_zero_months(runner, shared_data, tmp_path):
    """Reuters-21578 has stories in April, June and October 1987: May and July-September show as 0."""
    folder = shared_data / "reuters21578"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    files = [str(folder / "reut2-017.sgm"), str(folder / "reut2-021.sgm")]  # April, June; October
    built = runner.invoke(cli, ["index", *files, "--no-extract", "-q", "--index", str(tmp_path / "ix")])
    assert built.exit_code == 0, built.output
    data = json.loads(
        runner.invoke(cli, ["facets", "date:month", "--json", "--index", str(tmp_path / "ix")]).stdout
    )
    counts = {v["value"]: v["count"] for v in data["values"]}
    assert list(counts) == [f"1987-{m:02d}" for m in range(3, 11)]
    assert [counts[f"1987-{m:02d}"] for m in (5, 7, 8, 9)] == [0, 0, 0, 0]
    assert all(counts[f"1987-{m:02d}"] > 0 for m in (4, 6, 10))


def test_a_timestamp_with_an_offset_is_counted_on_its_own_calendar_day(runner, gappy_index):
    """2025-11-03T23:30:00-05:00 is 04:30 on 4 November in UTC, but the article's day is 3 November."""
    index = ["--index", str(gappy_index)]

    def ids(*args):
        return runner.invoke(cli, ["query", *args, "--format", "ids", *index]).stdout.split()

    days = json.loads(runner.invoke(cli, ["facets", "date:day", "--json", "--top", "0", *index]).stdout)
    counts = {v["value"]: v["count"] for v in days["values"]}
    assert counts["2025-11-03"] == 1 and counts["2025-11-04"] == 1
    assert ids("harbour date:2025-11-03") == ["late"]
    assert ids("harbour", "--since", "2025-11-04") == ["next"]
    assert ids("harbour", "--until", "2025-11-03", "--since", "2025-11") == ["late"]
    hit = json.loads(runner.invoke(cli, ["query", "vote", "--json", *index]).stdout)["hits"][0]
    assert hit["date"] == "2025-11-03T23:30:00-05:00"  # the original offset, kept
    shown = json.loads(runner.invoke(cli, ["show", "late", "--json", *index]).stdout)
    assert shown["date"] == "2025-11-03T23:30:00-05:00"
    assert "2025-11-03 " in runner.invoke(cli, ["query", "vote", *index]).stdout  # the hit line's day
    ix = newsearch.open_index(gappy_index)
    timeline = ix.timeline(["harbour"], granularity="day", since="2025-11-03", until="2025-11-04")
    assert timeline.series[0].counts == (1, 1)
    late = ix.get("late").date
    assert late is not None and (late.day, late.utcoffset()) == (3, timedelta(hours=-5))


def test_stats_names_the_engine(runner, built, engine):
    index = ["--index", str(built[1])]
    assert f"engine:       {engine}" in runner.invoke(cli, ["stats", *index]).stdout
    assert json.loads(runner.invoke(cli, ["stats", "--json", *index]).stdout)["engine"] == engine


def test_csv_cells_like_formulas_are_text_in_the_cli_as_on_the_web(runner, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    rows = [
        {"id": "f1", "title": '=HYPERLINK("http://x.example","harbour")', "text": "The harbour reopened."},
        {"id": "f2", "title": "-5% as harbour fees rise", "text": "Harbour fees rose.", "source": "@wire"},
    ]
    (corpus / "f.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    newsearch.create_index(tmp_path / "ix").add([corpus])
    index = ["--index", str(tmp_path / "ix")]
    out = runner.invoke(cli, ["query", "harbour", "--all-hits", "--format", "csv", *index]).stdout
    cells = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert cells["f1"]["headline"] == '\'=HYPERLINK("http://x.example","harbour")'
    assert cells["f2"]["headline"] == "'-5% as harbour fees rise" and cells["f2"]["source"] == "'@wire"
    tsv = runner.invoke(cli, ["query", "harbour", "--format", "tsv", *index]).stdout
    assert "\t-5% as harbour fees rise\t" in tsv  # TSV is for scripts: verbatim
    pytest.importorskip("starlette", reason="the web extra is not installed")
    from newsearch.web.export import csv_lines

    ix = newsearch.open_index(tmp_path / "ix")
    assert "".join(csv_lines(ix.iter_hits("harbour"))) == out  # one helper, the same rows


def test_a_long_commit_says_how_many_stories_it_has_written(corpus_dir, tmp_path, monkeypatch):
    """tantivy writes the stories it held back until the commit (tens of seconds at 100k): the progress
    callback hears how many, and the CLI's line shows it, its first and last count always."""
    pytest.importorskip("tantivy")
    from newsearch.backends.tantivy import store

    monkeypatch.setattr(store, "FLUSH_REPORT", 2)
    events: list[IndexProgress] = []
    newsearch.create_index(tmp_path / "ix", engine="tantivy").add(
        [corpus_dir], progress=lambda d, t, event: events.append(event)
    )
    writing = [(e.written, e.to_write) for e in events if e.to_write]
    assert [e.stage for e in events[:6]] == ["reading"] * 6 and events[6] == IndexProgress(
        6, 6, 7, "committing"
    )
    assert writing and all(e.stage == "committing" for e in events[7:])
    total = writing[0][1]
    assert 2 < total <= 7 and {t for _, t in writing} == {total}
    assert [w for w, _ in writing] == [*range(2, total + 1, 2), *([total] if total % 2 else [])]

    stream, now = io.StringIO(), [5.0]
    line = climod._ProgressLine(enabled=True, stream=stream, delay=0.0, interval=10.0, clock=lambda: now[0])
    with line as progress:
        for event in events[6:]:
            progress(event.files_done, event.files_total, event)
    text = stream.getvalue()
    assert "committing… 6 files · 7 articles" in text  # the first line of the commit, without a count
    assert f"writing {total}/{total}" in text  # the last count is always shown
    if total > 2:
        assert "writing 2/" not in text  # in-between counts wait for the interval


def test_engines_that_cannot_count_a_commit_say_nothing_more(corpus_dir, tmp_path):
    events: list[IndexProgress] = []
    newsearch.create_index(tmp_path / "ix").add(
        [corpus_dir], progress=lambda d, t, event: events.append(event)
    )
    assert events[-1] == IndexProgress(6, 6, 7, "committing")  # Whoosh: the one line before its commit
