"""The trust boundary: only indexes this user's newsearch signed for their folder are opened."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import newsearch
from newsearch import manifest
from newsearch.cli import cli

SRC = Path(newsearch.__file__).parent


@pytest.fixture()
def own(tmp_path, corpus_dir) -> Path:
    folder = tmp_path / "own"
    newsearch.create_index(folder).add([corpus_dir])
    return folder


def test_the_key_is_made_on_first_use_private_and_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSEARCH_KEY_FILE", str(tmp_path / "sub" / "key"))
    key = manifest.user_key()
    assert len(key) >= 32 and manifest.user_key() == key
    assert stat.S_IMODE((tmp_path / "sub" / "key").stat().st_mode) == 0o600


def test_the_default_key_lives_under_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSEARCH_KEY_FILE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert manifest.key_path() == tmp_path / "data" / "newsearch" / "key"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert manifest.key_path() == tmp_path / "home" / ".local" / "share" / "newsearch" / "key"


def test_a_damaged_key_is_an_error_with_the_remedy(tmp_path, monkeypatch):
    (tmp_path / "key").write_text("short")
    monkeypatch.setenv("NEWSEARCH_KEY_FILE", str(tmp_path / "key"))
    with pytest.raises(newsearch.NewsearchError, match="delete it"):
        manifest.user_key()


def test_own_index_opens(own):
    with newsearch.open_index(own) as ix:
        assert len(ix) == 7
    assert "signature" in json.loads((own / manifest.MARKER).read_text())


def test_an_unsigned_marker_is_refused_before_any_pickle_is_loaded(tmp_path, monkeypatch):
    # A forged index: a plain marker and a TOC whose pickle would run code when loaded.
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / manifest.MARKER).write_text(json.dumps({"format": "newsearch-index", "schema_version": 1}))
    (folder / "_MAIN_1.toc").write_bytes(pickle.dumps(ValueError("never unpickled")))
    loads = []
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: loads.append(a))
    for attempt in (newsearch.open_index, newsearch.create_index):
        with pytest.raises(newsearch.NotAnIndex, match="newsearch trust") as err:
            attempt(folder)
        assert "pickled data that can run code" in str(err.value)
    assert loads == []


def test_an_index_from_another_user_is_refused(own, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSEARCH_KEY_FILE", str(tmp_path / "other-user-key"))
    with pytest.raises(newsearch.NotAnIndex, match="no valid signature"):
        newsearch.open_index(own)


def test_a_copied_index_is_refused_until_trusted(own, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(own, copy)
    with pytest.raises(newsearch.NotAnIndex, match=f"newsearch trust {copy}"):
        newsearch.open_index(copy)
    newsearch.trust_index(copy)
    with newsearch.open_index(copy) as ix:
        assert ix.search("prisoner").total >= 1


def test_a_tampered_marker_is_refused(own):
    path = own / manifest.MARKER
    data = json.loads(path.read_text())
    data["schema_version"] = data["schema_version"] + 0.5
    path.write_text(json.dumps(data))
    with pytest.raises(newsearch.NotAnIndex):
        newsearch.open_index(own)


def test_trust_refuses_what_is_not_a_newsearch_index(tmp_path):
    with pytest.raises(newsearch.IndexNotFound):
        newsearch.trust_index(tmp_path / "missing")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "file.txt").write_text("x")
    with pytest.raises(newsearch.NotAnIndex):
        newsearch.trust_index(tmp_path / "other")
    assert not (tmp_path / "other" / manifest.MARKER).exists()


def test_cli_explains_and_trust_command_accepts(own, tmp_path, runner):
    copy = tmp_path / "copy"
    shutil.copytree(own, copy)
    refused = runner.invoke(cli, ["query", "prisoner", "--index", str(copy)])
    assert refused.exit_code == 1
    assert "Error:" in refused.stderr and f"newsearch trust {copy}" in refused.stderr
    declined = runner.invoke(cli, ["trust", str(copy)], input="n\n")
    assert declined.exit_code == 1
    assert runner.invoke(cli, ["query", "prisoner", "--index", str(copy)]).exit_code == 1
    accepted = runner.invoke(cli, ["trust", str(copy)], input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert "trusted" in accepted.stderr
    assert runner.invoke(cli, ["query", "prisoner", "--index", str(copy)]).exit_code == 0
    assert runner.invoke(cli, ["trust", "--yes", str(copy)]).exit_code == 0


def test_subprocesses_use_the_key_file_from_the_environment(own):
    env = {**os.environ}
    ok = subprocess.run(
        [sys.executable, "-m", "newsearch", "stats", "--index", str(own)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr


def test_nothing_in_newsearch_unpickles():
    # Whoosh unpickles inside its own index files only; newsearch's code (corpus readers included) never does.
    offenders = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if any(
            word in p.read_text(encoding="utf-8")
            for word in ("pickle.load", "import pickle", "marshal", "shelve")
        )
    ]
    assert offenders == []
