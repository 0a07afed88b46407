"""The compiled extractor (mypyc, a regular ``pip install``) against the pure Python sources it is built from.

A regular install compiles the extraction modules (setup.py); an editable one never does. mypyc checks
annotations at run time, so a loose annotation that Python tolerates would be a TypeError (or a different
answer) only in the compiled build. When the installed extractor is compiled (CI installs the package
non-editable), these tests run the repository's ``src/`` in a child process as pure Python and compare every
extraction; on a pure install they skip and say why. ``benchmarks/extract_same.py`` does the same over the
real corpora.
"""

from __future__ import annotations

import base64
import json
import os
import pickle
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsearch.extract
from newsearch.cli import cli
from newsearch.extract import extract, load_aliases
from newsearch.extract import extractor as extractor_module
from newsearch.index import extractor_build, extractor_fingerprint, extractor_note, extractor_text
from newsearch.models import Article

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
FIXTURES = ROOT / "tests" / "fixtures" / "extract"
COMPILED_SUFFIXES = tuple(EXTENSION_SUFFIXES)
PACKAGE = Path(newsearch.extract.__file__).parent

needs_compiled = pytest.mark.skipif(
    not newsearch.extract.COMPILED,
    reason="the installed extractor is pure Python (editable install, NEWSEARCH_PURE_PYTHON=1 or no compiler): "
    "nothing compiled to compare; CI's non-editable install runs this",
)
needs_sources = pytest.mark.skipif(
    not (SRC / "newsearch" / "extract" / "extractor.py").is_file(), reason="the repository's src/ is not here"
)


def test_ci_installs_the_compiled_extractor():
    """CI (.ci/run sets NEWSEARCH_REQUIRE_COMPILED=1) must test what a regular install ships: a compile that
    fell back to pure Python (say, a rule mypyc refuses) would otherwise pass with these tests skipped."""
    if os.environ.get("NEWSEARCH_REQUIRE_COMPILED", "") in ("", "0"):
        pytest.skip("NEWSEARCH_REQUIRE_COMPILED is not set (CI sets it)")
    assert newsearch.extract.COMPILED, f"the installed extractor is pure Python: {extractor_text()}"


# A child process that imports the pure sources from src/ and answers one extraction per line.
_PURE_CHILD = r"""
import base64, json, pickle, sys
import newsearch.extract as pkg
from newsearch.extract import extract, load_aliases
assert not pkg.COMPILED, pkg.__file__
print(json.dumps(pkg.__file__), flush=True)
for line in sys.stdin:
    article, aliases = pickle.loads(base64.b64decode(line))
    table = load_aliases(aliases) if aliases else None
    print(json.dumps(repr(extract(article, table))), flush=True)
"""


class _PureExtractor:
    """The pure Python extractor of the repository's src/, in a child process."""

    def __init__(self) -> None:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env["PYTHONPATH"] = str(SRC)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _PURE_CHILD],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert self.proc.stdout is not None
        self.module_file = json.loads(self.proc.stdout.readline())

    def __call__(self, article: Article, aliases: Path | None = None) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(
            base64.b64encode(pickle.dumps((article, aliases and str(aliases)))).decode() + "\n"
        )
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, "the pure extractor's process died"
        return json.loads(line)

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


@pytest.fixture(scope="module")
def pure():
    child = _PureExtractor()
    yield child
    child.close()


def _installed(article: Article, aliases: Path | None = None) -> str:
    return repr(extract(article, load_aliases(aliases) if aliases else None))


# ----------------------------------------------------------------------------- visible, never silent
def test_compiled_flag_says_how_the_extractor_module_was_loaded() -> None:
    loaded_from = extractor_module.__file__ or ""
    assert loaded_from.endswith(COMPILED_SUFFIXES) == newsearch.extract.COMPILED
    assert extractor_build() == ("compiled" if newsearch.extract.COMPILED else "pure Python")


def test_version_and_stats_say_which_extractor_runs(runner, tmp_path) -> None:
    build = extractor_build()
    if newsearch.extract.COMPILED:
        assert extractor_note() == "" and extractor_text() == "compiled"
    version = runner.invoke(cli, ["--version"])
    assert version.exit_code == 0
    assert f"(extractor: {extractor_text()})" in version.output
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text('Harbour talks\n\n"We will sign," Mara Quill said.\n', encoding="utf-8")
    index = tmp_path / "index"
    assert runner.invoke(cli, ["index", str(folder), "--index", str(index), "-q"]).exit_code == 0
    text = runner.invoke(cli, ["stats", "--index", str(index)])
    assert f"extractor:    {extractor_text()}" in text.output
    data = json.loads(runner.invoke(cli, ["stats", "--index", str(index), "--json"]).output)
    assert data["extractor"] == build


def test_a_build_note_says_why_the_extractor_is_not_compiled(tmp_path) -> None:
    from newsearch.index import BUILD_NOTE

    assert (
        extractor_note(tmp_path, compiled=False) == ""
    )  # editable install, source checkout: nothing recorded
    (tmp_path / BUILD_NOTE).write_text(
        "not compiled at install: NEWSEARCH_PURE_PYTHON was set\n", encoding="utf-8"
    )
    assert (
        extractor_note(tmp_path, compiled=False) == "not compiled at install: NEWSEARCH_PURE_PYTHON was set"
    )
    assert extractor_note(tmp_path, compiled=True) == ""  # a stale note never contradicts a compiled module


# ----------------------------------------------------------------------------- the extraction key
def test_key_leaves_compiled_modules_out_but_hashes_sources_and_data(tmp_path) -> None:
    import shutil

    copy = tmp_path / "extract"
    shutil.copytree(
        PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", *(f"*{s}" for s in COMPILED_SUFFIXES))
    )
    pure_key = extractor_fingerprint(copy)
    for name in (
        f"extractor{EXTENSION_SUFFIXES[0]}",
        f"rules{EXTENSION_SUFFIXES[-1]}",
        f"newsearch__mypyc{EXTENSION_SUFFIXES[0]}",
    ):
        (copy / name).write_bytes(os.urandom(64))  # a build's binaries differ from machine to machine
    assert extractor_fingerprint(copy) == pure_key
    (copy / "rules.py").write_text(
        (copy / "rules.py").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8"
    )
    assert extractor_fingerprint(copy) != pure_key
    edited = extractor_fingerprint(copy)
    data = copy / "data" / "verbs.txt"
    data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert extractor_fingerprint(copy) != edited


@needs_compiled
def test_every_compiled_module_has_its_source_beside_it() -> None:
    """The key hashes the .py files: a compiled install must ship them with the .so (the wheel does)."""
    binaries = [p for p in PACKAGE.iterdir() if p.name.endswith(COMPILED_SUFFIXES)]
    assert binaries
    for binary in binaries:
        assert (PACKAGE / (binary.name.split(".")[0] + ".py")).is_file(), binary


@needs_compiled
@needs_sources
def test_compiled_install_has_the_key_of_its_sources() -> None:
    """A compiled and a pure install of the same sources share one extraction key: neither re-extracts the
    other's index. A failure here also means the installed build is older than src/ (reinstall it)."""
    assert extractor_fingerprint() == extractor_fingerprint(SRC / "newsearch" / "extract")


# ----------------------------------------------------------------------------- same answers
def _fixture_articles() -> list[Article]:
    from newsearch.corpus import discover, read_file

    out = []
    for source in discover([ROOT / "corpus"]):
        if hasattr(source, "rel"):
            out += [item for item in read_file(source) if isinstance(item, Article)]
    lines = (FIXTURES / "harbour.txt").read_text(encoding="utf-8").splitlines()
    out.append(Article(id="harbour", headline=lines[0], standfirst=lines[1], body="\n\n".join(lines[2:])))
    return out


@needs_compiled
@needs_sources
def test_compiled_extractor_matches_pure_sources_on_the_fixtures(pure) -> None:
    assert not pure.module_file.endswith(COMPILED_SUFFIXES)
    articles = _fixture_articles()
    assert len(articles) >= 40
    for article in articles:
        assert _installed(article) == pure(article), article.path
    aliases = FIXTURES / "aliases_good.toml"
    for article in articles[:10]:
        assert _installed(article, aliases) == pure(article, aliases), article.path


_PIECES = [
    "Mara Quill", "QUILL", "the harbour council", "Dr.", "U.S.", "said", "says", "told reporters", "added",
    "according to", "a spokeswoman for", "Ministry of Ports", "who", "’s", "'s", "(AP)", "—", " - ", ",", ".",
    ";", ":", "\n", "\n\n", "“", "”", "\"", "'", "‘", "’", "«", "»", "We will", "not", "HARBOUR TALKS STALL",
    "Élodie Brûlé", "İstanbul", "ǅ", "ß", "ﬁnance", "\u00a0", "\u200b", "Ⅻ", "١٢", "😀", "",
]  # fmt: skip
_TEXT = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=30).map(" ".join)


@needs_compiled
@needs_sources
@settings(max_examples=300, deadline=None)
@given(headline=_TEXT, body=_TEXT, subheads=st.lists(st.sampled_from(_PIECES), max_size=2))
def test_compiled_extractor_matches_pure_sources_on_generated_text(pure, headline, body, subheads) -> None:
    article = Article(id="x", headline=headline, body=body, subheads=tuple(subheads))
    assert _installed(article) == pure(article)


def test_a_build_drops_compiled_modules_an_earlier_build_left(tmp_path) -> None:
    """pip builds in the source tree's ``build/``: a shim or shared library from an earlier build (another
    list of compiled modules, or a compiled build before a pure one) must not be installed with this one."""
    pytest.importorskip("setuptools")
    if not (ROOT / "setup.py").exists():
        pytest.skip("no setup.py beside the tests (not a source checkout)")
    build_lib = tmp_path / "lib"
    suffix = COMPILED_SUFFIXES[0]
    planted = [
        build_lib / "newsearch" / "extract" / f"gone{suffix}",
        build_lib / "newsearch" / "extract" / f"layout{suffix}",
        build_lib / f"newsearch__mypyc{suffix}",
    ]
    for path in planted:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\x7fELF stale")
    env = {**os.environ, "NEWSEARCH_PURE_PYTHON": "1"}
    done = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(build_lib)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert [path for path in planted if path.exists()] == []
    assert (build_lib / "newsearch" / "extract" / "layout.py").exists()  # the sources are still copied
