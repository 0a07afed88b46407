"""tantivy is optional: newsearch imports without it, and asking for the engine names the extra."""

from __future__ import annotations

import subprocess
import sys

import pytest


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_importing_newsearch_does_not_import_tantivy():
    done = run(
        "import sys, newsearch, newsearch.backends.tantivy\n"
        "assert 'tantivy' not in sys.modules, 'tantivy imported'\n"
        "print('ok')"
    )
    assert done.stdout.strip() == "ok", done.stderr


def test_without_tantivy_the_error_names_the_extra():
    # sys.modules[name] = None makes any import of it fail, as when the package is not installed.
    done = run(
        "import sys; sys.modules['tantivy'] = None\n"
        "import newsearch\n"
        "from newsearch.backends import tantivy as engine\n"
        "assert not engine.available()\n"
        "try:\n"
        "    engine.require()\n"
        "except newsearch.NewsearchError as exc:\n"
        "    print(exc)\n"
    )
    assert 'pip install "newsearch[tantivy]"' in done.stdout, done.stderr


def test_require_returns_the_module_when_installed():
    pytest.importorskip("tantivy")
    from newsearch.backends.tantivy import available, require

    assert available() and hasattr(require(), "Index")
