"""The examples in newsearch's docstrings run, on the package as installed (editable or not)."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from types import ModuleType

import pytest

import newsearch

# Modules that need an optional extra: their doctests run where the extra is installed.
OPTIONAL = {"newsearch.backends.tantivy": "tantivy", "newsearch.web": "starlette"}


def _modules() -> list[str]:
    names = [newsearch.__name__]
    for info in pkgutil.walk_packages(newsearch.__path__, prefix="newsearch."):
        if info.name != "newsearch.__main__":
            names.append(info.name)
    return sorted(names)


def _with_examples(module: ModuleType) -> ModuleType:
    """``module``, or where it is compiled (mypyc, a regular install: doctest finds no examples in compiled
    functions) its source, installed beside it, run as a module of its own: the same examples then run."""
    path = module.__file__ or ""
    if not path.endswith(tuple(EXTENSION_SUFFIXES)):
        return module
    name = f"{module.__name__}_as_python"
    spec = importlib.util.spec_from_file_location(
        name, Path(path).with_name(Path(path).name.split(".")[0] + ".py")
    )
    assert spec is not None and spec.loader is not None, f"{module.__name__}: no source beside {path}"
    source = importlib.util.module_from_spec(spec)
    sys.modules[name] = source  # dataclasses look their module up while it runs
    spec.loader.exec_module(source)
    return source


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_run(name: str) -> None:
    for prefix, extra in OPTIONAL.items():
        if name == prefix or name.startswith(prefix + "."):
            pytest.importorskip(extra, reason=f"{name} needs the optional {extra}")
    module = _with_examples(importlib.import_module(name))
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0, f"{failures} docstring example(s) of {name} failed (run: python -m doctest -v)"


def test_the_package_has_examples() -> None:
    """The walk finds the modules whose examples document the API (a broken walk would pass vacuously)."""
    finder = doctest.DocTestFinder()
    with_examples = [
        n
        for n in _modules()
        if any(t.examples for t in finder.find(_with_examples(importlib.import_module(n))))
        if not any(n.startswith(p) for p in OPTIONAL)
    ]
    assert {"newsearch.shapes", "newsearch.dedupe", "newsearch.feedback"} <= set(with_examples)
    # the compiled modules' examples too (a regular install compiles them: see _with_examples)
    assert {"newsearch.extract.rules", "newsearch.extract.match", "newsearch.extract.aliases"} <= set(
        with_examples
    )
