"""Packaging contracts: a quiet import under -W error, the Whoosh seam, no data-downloading NLTK calls."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import newsearch

SRC = Path(newsearch.__file__).parent
WHOOSH_MODULES = {
    "backends/whoosh/__init__.py",
    "backends/whoosh/compile.py",
    "backends/whoosh/errors.py",
    "backends/whoosh/reader.py",
    "backends/whoosh/schema.py",
    "backends/whoosh/scoring.py",
    "backends/whoosh/writer.py",
}


def test_import_raises_no_warning_under_W_error_without_bytecode(tmp_path):
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": str(tmp_path)}
    code = "import newsearch, newsearch.search, newsearch.cli; print('ok')"
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_only_the_seam_modules_import_whoosh():
    importers = {
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if re.search(r"^\s*(from|import) whoosh", p.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert importers == WHOOSH_MODULES


def test_no_nltk_calls_that_need_downloaded_data():
    banned = re.compile(r"nltk\.download|word_tokenize|sent_tokenize|ne_chunk|pos_tag\(|stopwords\.words")
    offenders = [str(p) for p in SRC.rglob("*.py") if banned.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_public_api_is_exported():
    for name in (
        "open_index",
        "create_index",
        "Index",
        "SearchResult",
        "Hit",
        "Article",
        "NewsearchError",
        "QueryError",
        "IndexLocked",
        "IndexNotFound",
        "Ranking",
    ):
        assert name in newsearch.__all__ and hasattr(newsearch, name)
    assert all(
        issubclass(getattr(newsearch, n), newsearch.NewsearchError)
        for n in ("CorpusError", "ArticleError", "IndexNotFound", "IndexLocked", "QueryError", "NotAnIndex")
    )


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "newsearch", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "newsearch index corpus/" in result.stdout
