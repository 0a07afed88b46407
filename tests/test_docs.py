"""The README's command-line reference matches --help, and every example in the README and in --help runs
and finds something on the project's own corpus/ (as sqlite-utils checks its docs against its CLI)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import click
import pytest

import newsearch
from newsearch.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CORPUS = ROOT / "corpus"
PLACEHOLDER = re.compile(r"\b(PATH|TEXT|ID|FACET|NAME|DIR|FILE|FOLDER|DATE|KIND|N|K|S|OPEN|CLOSE)\b|…|\|")


def cli_section() -> str:
    start = README.index("## Command line\n")
    end = README.index("\n## ", start + 1)
    return README[start:end]


def command_sections() -> dict[str, str]:
    """``### `newsearch NAME …``` subsections of the command-line reference, by command name."""
    parts = re.split(r"^### `newsearch (\w+)[^`]*`\n", cli_section(), flags=re.MULTILINE)
    sections = dict(zip(parts[1::2], parts[2::2], strict=True))
    return {name: text.split("\n### ")[0] for name, text in sections.items()}


def documented_options(command: click.Command) -> set[str]:
    """Every visible option string a command (and, for a group, its subcommands) takes, except --help."""
    out = set()
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            out |= documented_options(sub)
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            out |= {o for o in (*param.opts, *param.secondary_opts) if o not in ("-h", "--help")}
    return out


def test_every_command_has_a_section():
    assert set(command_sections()) == set(cli.commands)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_option_is_documented_and_every_documented_option_exists(name):
    section = command_sections()[name]
    options = documented_options(cli.commands[name])
    longs = {o for o in options if o.startswith("--")} - {"--index"}  # --index: said once for all commands
    missing = sorted(o for o in longs if not re.search(rf"`(-\w/)?{re.escape(o)}(?![\w-])", section))
    assert not missing, f"{name}: options missing from the README's section: {missing}"
    shorts = {o for o in options if not o.startswith("--")}
    missing_short = sorted(o for o in shorts if f"`{o}/" not in section)
    assert not missing_short, f"{name}: short options missing from the README: {missing_short}"
    # Options named in the section (outside examples of other commands) must exist.
    mentioned = set()
    for code in re.findall(r"`([^`]+)`", section):
        if not code.startswith("newsearch "):
            mentioned |= set(re.findall(r"(?<![\w|\\-])(--?[a-z][a-z-]*)", code))
    stale = sorted(o for o in mentioned if o not in options and o not in ("--index", "-h", "--help"))
    assert not stale, f"{name}: the README documents options it does not take: {stale}"


# ------------------------------------------------------------------------------------------------ examples
def readme_examples() -> list[str]:
    """``newsearch …`` commands of the README's sh/console blocks and inline code without placeholders."""
    found = []
    for block in re.findall(r"```(?:sh|console)\n(.*?)```", README, flags=re.DOTALL):
        for line in block.splitlines():
            line = line.removeprefix("$ ").split("  #")[0]
            found += [part.strip() for part in line.split("&&") if part.strip().startswith("newsearch ")]
    for code in re.findall(r"`(newsearch [^`]+)`", README):
        words = shlex.split(code)[2:]  # an inline mention of a command or option is not an example
        if any(not w.startswith("-") for w in words) and not PLACEHOLDER.search(" ".join(words)):
            found.append(code)
    return [e for e in dict.fromkeys(found) if not e.startswith("newsearch --")]


def help_examples() -> list[str]:
    commands = [*cli.commands.values()]
    commands += [s for c in cli.commands.values() if isinstance(c, click.Group) for s in c.commands.values()]
    texts = [cli.help or ""] + [c.help or "" for c in commands]
    return [m.strip() for t in texts for m in re.findall(r"(newsearch [a-z]+\b[^\n]*)", t)]


EXAMPLES = sorted(set(readme_examples()) | set(help_examples()))


def test_the_examples_were_found():
    assert len(readme_examples()) >= 8 and len(help_examples()) >= 8
    assert "newsearch quotes --speaker Okonjo home" in EXAMPLES
    assert any(e.startswith("newsearch similar ") for e in help_examples())


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("readme") / "index"
    newsearch.create_index(folder).add([CORPUS])
    return folder


FINDS_SOMETHING = {"query", "quotes", "similar", "facets"}  # these take --fail-if-empty
RUN_UNTIL_STOPPED = {"serve"}  # a server's example is only parsed: its options must exist


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_runs_and_finds_something(example, corpus_index, runner, tmp_path, monkeypatch):
    args = shlex.split(example)[1:]
    command = args[0]
    monkeypatch.setenv("NEWSEARCH_INDEX", str(corpus_index))
    if command == "index":
        args = [str(CORPUS) if a.rstrip("/") == "corpus" else a for a in args]
        args += ["--index", str(tmp_path / "index")]
    elif command == "trust":  # an index copied from elsewhere, as in the example
        copy = tmp_path / "copied"
        shutil.copytree(corpus_index, copy)
        args = ["trust", str(copy)]
    elif command == "migrate":  # on a copy: the shared index stays as the other examples expect it
        copy = tmp_path / "moved"
        shutil.copytree(corpus_index, copy)
        newsearch.trust_index(copy)
        args += ["--index", str(copy)]
    elif command in FINDS_SOMETHING:
        args.append("--fail-if-empty")
    elif command in RUN_UNTIL_STOPPED:
        args.append("--help")
    result = runner.invoke(cli, args, input="y\n")
    assert result.exit_code == 0, f"{example}\n{result.output}"
    if command in RUN_UNTIL_STOPPED:
        assert result.stdout.startswith("Usage:")
    elif command == "index":
        assert re.match(r"[1-9]\d* added", result.stdout), result.stdout
    elif command == "trust":
        assert newsearch.open_index(tmp_path / "copied").stats().articles > 0
    elif command == "migrate":
        assert re.search(r"[1-9]\d* articles moved from whoosh to", result.stdout), result.stdout
    elif command == "stats":
        assert re.search(r"articles:\s+[1-9]", result.stdout)
    else:
        assert result.stdout.strip()


def test_quotes_without_a_named_speaker_print_the_articles_words(corpus_index, runner):
    index = ["--index", str(corpus_index)]
    labelled = runner.invoke(cli, ["quotes", "verify", *index]).stdout
    assert "— one European diplomat · 2026-03-03 · Harbour Courier" in labelled
    unlabelled = runner.invoke(cli, ["quotes", "constructive", *index]).stdout
    assert "— unnamed source · 2025-10-15" in unlabelled
    article = runner.invoke(
        cli, ["show", "ceasefire/2026-03-03-analysis-prisoner-exchange.txt", *index]
    ).stdout
    assert "  - one European diplomat: “You can verify a name on a list,”" in article
    assert "()" not in labelled + unlabelled + article
