"""The examples in newsearch's docstrings run, on the package as installed (editable or not)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

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


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_run(name: str) -> None:
    for prefix, extra in OPTIONAL.items():
        if name == prefix or name.startswith(prefix + "."):
            pytest.importorskip(extra, reason=f"{name} needs the optional {extra}")
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0, f"{failures} docstring example(s) of {name} failed (run: python -m doctest -v)"


def test_the_package_has_examples() -> None:
    """The walk finds the modules whose examples document the API (a broken walk would pass vacuously)."""
    finder = doctest.DocTestFinder()
    with_examples = [
        n for n in _modules() if any(t.examples for t in finder.find(importlib.import_module(n)))
        if not any(n.startswith(p) for p in OPTIONAL)
    ]
    assert {"newsearch.shapes", "newsearch.dedupe", "newsearch.feedback"} <= set(with_examples)
