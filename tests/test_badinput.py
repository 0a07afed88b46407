"""Indexing a folder of malformed input: no traceback, each bad file/record named once with a reason,
every good article indexed and findable (API and CLI)."""

from __future__ import annotations

import builtins
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import newsearch
from badinput import BIG_FILE_BYTES, Case, generate
from newsearch import sync
from newsearch.corpus import discover, read_file
from newsearch.corpus.formats import read_csv, read_json
from newsearch.models import Article, Skipped


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory) -> tuple[Path, list[Case]]:
    root = tmp_path_factory.mktemp("bad") / "corpus"
    return root, generate(root)


@pytest.fixture(scope="module")
def bad_index(bad_corpus, tmp_path_factory):
    root, _ = bad_corpus
    folder = tmp_path_factory.mktemp("badix") / "index"
    started = time.perf_counter()
    report = newsearch.create_index(folder).add([root])
    return folder, report, time.perf_counter() - started


def built(cases: list[Case]) -> list[Case]:
    return [c for c in cases if not c.skip_reason]


def expected_skips(cases: list[Case]) -> dict[tuple[str, int | None], Case]:
    return {bad: c for c in built(cases) for bad in c.bad}


def test_there_are_at_least_forty_kinds(bad_corpus):
    _, cases = bad_corpus
    assert len({c.kind for c in cases}) == len(cases)
    assert len(built(cases)) >= 40
    assert sum(len(c.good) for c in built(cases)) >= 60
    assert sum(len(c.bad) for c in built(cases)) >= 40


def test_kinds_that_cannot_be_built_here_say_why(bad_corpus):
    _, cases = bad_corpus
    missing = [f"{c.kind}: {c.skip_reason}" for c in cases if c.skip_reason]
    if missing:
        pytest.skip("; ".join(missing))


def test_every_bad_file_or_record_is_named_once_with_a_reason(bad_index, bad_corpus):
    _, cases = bad_corpus
    _, report, _ = bad_index
    expected = expected_skips(cases)
    seen = [(s.path, s.record) for s in report.skipped]
    assert len(seen) == len(set(seen)), "a bad file or record was reported more than once"
    assert set(seen) == set(expected), (
        f"unexpected: {sorted(set(seen) - set(expected), key=str)}; "
        f"missing: {sorted(set(expected) - set(seen), key=str)}"
    )
    for s in report.skipped:
        case = expected[(s.path, s.record)]
        assert s.reason.strip(), s
        assert case.reason in s.reason.lower(), f"{case.kind}: {s}"
        assert "Traceback" not in s.reason and "codec can't" not in s.reason


def test_every_good_article_is_indexed_and_findable(bad_index, bad_corpus):
    _, cases = bad_corpus
    folder, report, _ = bad_index
    goods = {word: (c.kind, aid) for c in built(cases) for word, aid in c.good.items()}
    with newsearch.open_index(folder) as ix:
        assert len(ix) == report.added == len(goods)
        lost = []
        for word, (kind, aid) in goods.items():
            ids = [h.id for h in ix.search(word, limit=5).hits]
            if aid not in ids:
                lost.append(f"{kind}: {aid!r} not found by {word!r} (got {ids})")
            else:
                assert word in ix.get(aid).body + ix.get(aid).headline
        assert not lost, "\n".join(lost)


def test_readable_oddities_keep_their_text(bad_index):
    folder, _, _ = bad_index
    with newsearch.open_index(folder) as ix:
        bom = ix.get("k/utf8_bom_txt/bom.txt")
        assert bom.headline.startswith("Headline about")  # no BOM left in front
        assert ix.get("k/cr_only_txt/cr.txt").headline.startswith("Headline about")
        assert "\r" not in ix.get("k/crlf_txt/crlf.txt").body
        assert "\ufffd" in ix.get("lone_surrogate_json-1").body
        assert "caf\u00e9" in ix.get("k/invalid_utf8/latin.txt").body
        assert len(ix.get("k/huge_headline/long.txt").headline) <= 300


def test_a_second_run_changes_nothing_and_names_the_same_problems(bad_index, bad_corpus):
    root, _ = bad_corpus
    folder, first, _ = bad_index
    with newsearch.open_index(folder) as ix:
        again = ix.add([root])
        assert (again.added, again.updated, again.removed) == (0, 0, 0)
        assert again.unchanged == first.added == len(ix)
        assert sorted(map(str, again.skipped)) == sorted(map(str, first.skipped))  # unchanged files too


def test_the_200mb_file_is_refused_quickly_without_reading_it(bad_corpus, monkeypatch):
    root, _ = bad_corpus
    big = root / "k" / "big_200mb" / "big.jsonl"
    assert big.stat().st_size == BIG_FILE_BYTES
    # Never opened (what makes it quick; a bound on the wall clock failed on a loaded machine).
    opened = []
    real_open = io.open

    def spy(file, *args, **kwargs):
        opened.append(os.fspath(file) if isinstance(file, str | os.PathLike) else file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    (source,) = [s for s in discover([big]) if not isinstance(s, Skipped)]
    (item,) = list(read_file(source))
    monkeypatch.undo()
    assert isinstance(item, Skipped) and "over the 64 MiB limit" in item.reason
    assert str(big) not in opened


def test_refused_big_files_do_not_count_towards_parallel_indexing(bad_corpus, tmp_path):
    # A refused 200 MB file once made a two-article run start Whoosh sub-writer processes.
    root, _ = bad_corpus
    ix = newsearch.create_index(tmp_path / "ix")
    sources = [s for s in discover([root / "k" / "big_200mb"]) if not isinstance(s, Skipped)]
    assert len(sources) == 2
    assert sync.changed_bytes(ix._engine, ix.path, sources, "") < sync.PARALLEL_MIN_BYTES


def test_lone_surrogates_become_replacement_characters():
    (a,) = read_json('{"headline": "A \\ud83d head", "body": "b\\udc00ody", "id": "x\\ud800"}', "s.json")
    assert isinstance(a, Article)
    assert (a.headline, a.body, a.id) == ("A \ufffd head", "b\ufffdody", "x\ufffd")
    a.content_hash  # noqa: B018 - computed without UnicodeEncodeError


def test_csv_cells_longer_than_128k_are_read_and_later_rows_kept():
    big = "word " * 60_000
    items = list(read_csv(f'id,title,text\n1,One,first\n2,Big,"{big}"\n3,Three,third\n', "b.csv"))
    assert [i.id for i in items if isinstance(i, Article)] == ["1", "2", "3"]


def test_csv_with_only_a_header_is_reported():
    (item,) = list(read_csv("id,title,text\n", "h.csv"))
    assert isinstance(item, Skipped) and "no rows" in item.reason


def test_undecodable_file_names_are_refused_by_name(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    try:
        with open(raw, "wb") as fh:
            fh.write(b"Headline\n\nBody.\n")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    (item,) = list(discover([tmp_path]))
    assert isinstance(item, Skipped)
    assert item.path == "caf\\xe9.txt" and "not valid UTF-8" in item.reason
    item.path.encode("utf-8")  # printable and storable


def test_cli_indexes_the_lot_without_traceback(bad_corpus, tmp_path):
    root, cases = bad_corpus
    env = {**os.environ, "PYTHONWARNINGS": "error::UserWarning"}
    cmd = [sys.executable, "-m", "newsearch", "index", str(root), "--index", str(tmp_path / "ix"), "--json"]
    proc = subprocess.run(cmd, capture_output=True, env=env, timeout=300)
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    report = json.loads(proc.stdout)
    goods = sum(len(c.good) for c in built(cases))
    assert report["added"] == goods
    lines = [line for line in stderr.splitlines() if line.startswith("skipped: ")]
    expected = expected_skips(cases)
    assert len(report["skipped"]) == len(expected)
    for path, record in expected:
        where = path if record is None else f"{path}: record {record}"
        if "\n" in where:
            continue  # a name with a newline spans two stderr lines
        assert sum(line.startswith(f"skipped: {where}: ") for line in lines) == 1, where
    # The index it built answers queries through the CLI too.
    some_word = next(iter(built(cases)[0].good))
    query = [sys.executable, "-m", "newsearch", "query", some_word, "--index", str(tmp_path / "ix"), "--json"]
    found = subprocess.run(query, capture_output=True, env=env, timeout=120)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] == 1
