"""Build newsearch, compiling the per-document extraction code with mypyc where a C compiler is present.

The package metadata is in pyproject.toml; this file only adds the optional compiled modules.

- A regular install (``pip install .``, a wheel) compiles :data:`COMPILED` with mypyc: same output, less
  CPU per article (README "Engines"). ``newsearch --version`` and ``newsearch stats`` say which is in use.
- An editable install (``pip install -e .``) never compiles: a ``.so`` beside the sources would shadow every
  later edit of them.
- ``NEWSEARCH_PURE_PYTHON=1`` skips compiling.
- A compile that fails (no compiler, no Python headers, mypyc refusing a module) does not fail the install:
  it prints a warning naming the reason (``pip install -v`` shows the build's output) and installs the pure
  Python modules, which give the same answers.

Only modules whose objects never reach an index are compiled: Whoosh pickles the analysis classes into the
index's schema, so those stay pure Python, and an index written by either install opens under the other.
"""

from __future__ import annotations

import os
import re
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

# The per-document extraction code (a build's worker CPU). Only modules with identical output compiled and
# pure (benchmarks/extract_same.py, tests/test_compiled.py).
COMPILED = [
    "src/newsearch/extract/extractor.py",
    "src/newsearch/extract/lexicon.py",
    "src/newsearch/extract/aliases.py",
    "src/newsearch/extract/rules.py",
    "src/newsearch/extract/match.py",
]
# mypyc type-checks what the compiled modules import, the whole package, at build time, when the optional
# dependencies (numpy, trafilatura, ...) may not be installed yet (pip builds before it installs them): only
# the compiled modules' own errors may stop it, never a missing import or another module's error.
MYPY_OPTIONS = ["--ignore-missing-imports", "--follow-imports=silent"]
PURE_ENV = "NEWSEARCH_PURE_PYTHON"
# setup.py commands that build a wheel or install from it; metadata steps (egg_info, dist_info) and
# editable installs (editable_wheel, develop) do not compile.
_BUILDING = {"bdist_wheel", "build", "build_ext", "install", "bdist"}
_EDITABLE = {"editable_wheel", "develop"}


# Where a regular install that did not compile says why (newsearch --version and newsearch stats show it).
NOTE = os.path.join("newsearch", "build-note.txt")
_not_compiled: list[str] = []  # why this build installs the pure Python extractor (none: it compiles)


def _warn(message: str) -> None:
    print(f"WARNING: newsearch: {message}", file=sys.stderr, flush=True)


def _fall_back(reason: str) -> None:
    _not_compiled.append(reason)
    _warn(f"{reason}: installing the pure Python extractor (same answers, more CPU per article)")


def _mypyc_modules() -> list[Extension]:
    commands = set(sys.argv[1:])
    if commands & _EDITABLE or not commands & _BUILDING:
        return []
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        _fall_back(f"{PURE_ENV} was set")
        return []
    try:
        from mypyc.build import mypycify

        return mypycify(MYPY_OPTIONS + COMPILED, opt_level="3", group_name="newsearch")
    except (Exception, SystemExit) as error:  # mypyc exits on a type error: fall back, say why
        reason = "mypy found errors in them" if isinstance(error, SystemExit) else _reason(error)
        _fall_back(f"mypyc could not compile the extractor ({reason})")
        return []


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    ran = re.search(r"Command '\['([^']*)'.*(exit status -?\d+)", text)  # a compiler that ran and failed
    if ran:
        return f"the C compiler {ran[1]} returned {ran[2]}"
    return text if len(text) <= 200 else text[:197] + "..."


def _write_note(build_lib: str) -> None:
    path = os.path.join(build_lib, NOTE)
    if _not_compiled:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            out.write(f"not compiled at install: {_not_compiled[-1]}\n")
    elif os.path.exists(path):
        os.remove(path)  # left by an earlier build in the same build folder


def _drop_stale(build_lib: str) -> None:
    """Remove compiled modules an earlier build left in the build folder (pip builds in the source tree,
    in ``build/``): they would be installed beside this build's modules, a pure Python build would install
    them as if compiled, and a shim whose module this build no longer compiles fails at import. This build's
    modules are compiled again after it (``build`` runs build_py before build_ext)."""
    package = os.path.join(build_lib, "newsearch")
    top = os.listdir(build_lib) if os.path.isdir(build_lib) else []
    stale = [os.path.join(build_lib, name) for name in top if name.startswith("newsearch__mypyc")]
    for folder, _dirs, files in os.walk(package):
        stale += [os.path.join(folder, name) for name in files if name.endswith((".so", ".pyd"))]
    for path in stale:
        os.remove(path)


class _BuildPy(build_py):
    """build_py that records why a regular build installs pure Python (never for an editable install)."""

    def run(self) -> None:
        if not self.editable_mode:
            _drop_stale(self.build_lib)
        super().run()
        if not self.editable_mode and set(sys.argv[1:]) & _BUILDING:
            _write_note(self.build_lib)


class _BuildExt(build_ext):
    """build_ext that falls back to the pure Python modules when compiling fails."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # CompileError, LinkError, ExecError, OSError: no compiler or headers
            self._drop_built()
            _fall_back(f"compiling the extractor failed ({_reason(error)}; set {PURE_ENV}=1 to skip it)")
        if not self.inplace:
            _write_note(self.build_lib)

    def _drop_built(self) -> None:
        # mypyc's modules are shims over one shared library: keep all of them or none.
        for ext in self.extensions:
            path = self.get_ext_fullpath(ext.name)
            if os.path.exists(path):
                os.remove(path)
        self.extensions = []


setup(ext_modules=_mypyc_modules(), cmdclass={"build_py": _BuildPy, "build_ext": _BuildExt})
