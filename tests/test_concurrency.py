"""Concurrent use: readers (threads and processes) search while a writer commits; two writers at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import newsearch
from corpusgen import expected, index_state, write_state
from newsearch.backends.tantivy import available as tantivy_available

# The engines that keep an index on disk: these tests run on each (tantivy where it is installed).
DISK_ENGINES = [
    "whoosh",
    pytest.param("tantivy", marks=pytest.mark.skipif(not tantivy_available(), reason="newsearch[tantivy]")),
]

READER_SCRIPT = """
import json, sys, time
import newsearch
ix = newsearch.open_index(sys.argv[1])
stop = time.monotonic() + float(sys.argv[2])
seen = []
while time.monotonic() < stop:
    hits = ix.search("report", limit=100000, collapse=False).hits
    seen.append(sorted(h.id for h in hits))
print(json.dumps(seen))
"""


def run_readers_during_commits(
    tmp_path: Path, commits: int, threads: int, procs: int, engine: str = "whoosh"
) -> dict:
    corpus, folder = tmp_path / "corpus", tmp_path / "index"
    write_state(corpus, "A", files=commits * 4, per_file=10, words=60)
    staging = tmp_path / "staging"
    staging.mkdir()
    files = sorted(corpus.glob("*.jsonl"))
    per_batch = len(files) // commits
    states = [set()]
    for i in range(commits):  # the articles after each commit: every batch so far
        chunk = files[i * per_batch : (i + 1) * per_batch if i < commits - 1 else len(files)]
        states.append(states[-1].union(*(expected(f) for f in chunk)))
    for f in files:
        f.rename(staging / f.name)
    ix = newsearch.create_index(folder, engine=engine)
    (corpus / "seed.txt").write_text("Seed report\n\nThe first article.\n")
    ix.add([corpus], extract=False)
    valid = [s | {"seed.txt"} for s in states]

    long_lived = newsearch.open_index(folder)
    errors: list[BaseException] = []
    observed: list[list[str]] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            while not stop.is_set():
                hits = long_lived.search("report", limit=100_000, collapse=False).hits
                observed.append(sorted(h.id for h in hits))
        except BaseException as exc:
            errors.append(exc)

    duration = 2.0 + commits * 1.0
    env = dict(os.environ)
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER_SCRIPT, str(folder), str(duration)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(procs)
    ]
    pool = [threading.Thread(target=reader) for _ in range(threads)]
    for t in pool:
        t.start()
    writer = newsearch.open_index(folder)
    _wait_until_seen(observed, valid[0], errors)
    for i in range(commits):
        chunk = files[i * per_batch : (i + 1) * per_batch if i < commits - 1 else len(files)]
        for f in chunk:
            (staging / f.name).rename(corpus / f.name)
        writer.add([corpus], extract=False)
        # The reader threads see this commit before the next one (a fixed pause did not make sure of it
        # on a loaded machine).
        _wait_until_seen(observed, valid[i + 1], errors)
    stop.set()
    for t in pool:
        t.join(timeout=60)
    outputs = []
    for p in readers:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "Traceback" not in err
        outputs += json.loads(out)

    assert not errors, errors
    for seen in observed + outputs:
        assert len(seen) == len(set(seen)), "an article was returned twice"
        assert set(seen) in valid, f"a reader saw {len(seen)} articles: not any committed state"
    # The long-lived Index sees the last commit by itself.
    final = long_lived.search("report", limit=100_000, collapse=False)
    assert {h.id for h in final.hits} == valid[-1] and final.total == len(valid[-1])
    long_lived.close()
    return {
        "searches": len(observed) + len(outputs),
        "states_seen": len({len(s) for s in observed + outputs}),
        "readers": threads + procs,
        "seconds": duration,
    }


def _wait_until_seen(observed: list[list[str]], state: set[str], errors: list[BaseException]) -> None:
    """Wait until a reader thread has seen ``state`` (or failed)."""
    deadline = time.monotonic() + 300
    while not (observed and set(observed[-1]) == state) and not errors and time.monotonic() < deadline:
        time.sleep(0.01)
    assert errors or set(observed[-1]) == state, f"no reader saw the commit of {len(state)} articles"


@pytest.mark.parametrize("engine", DISK_ENGINES)
def test_readers_in_threads_and_processes_during_commits(tmp_path, engine):
    figures = run_readers_during_commits(tmp_path, commits=3, threads=3, procs=2, engine=engine)
    assert figures["states_seen"] == 4, figures  # readers really ran across commits: saw every state


@pytest.mark.stress
def test_many_readers_during_many_commits(tmp_path):
    figures = run_readers_during_commits(tmp_path, commits=12, threads=6, procs=4)
    print(figures)
    assert figures["states_seen"] == 13, figures


def _index(corpus: Path, folder: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsearch",
            "index",
            str(corpus),
            "--index",
            str(folder),
            "-q",
            "--no-extract",
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("engine", DISK_ENGINES)
@pytest.mark.parametrize("fresh", [True, False], ids=["new-index", "existing-index"])
def test_two_writers_started_at_once_both_finish_and_nothing_is_doubled(tmp_path, fresh, engine):
    corpus, folder = tmp_path / "corpus", tmp_path / "index"
    write_state(corpus, "A", files=30, per_file=10)
    if not fresh:
        newsearch.create_index(folder, engine=engine).add([corpus / "file000.jsonl"], extract=False)
    procs = [_index(corpus, folder, "--lock-timeout", "60", "--engine", engine) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    assert index_state(folder) == expected(corpus)
    added = sum(int(out.split()[0]) for out, _ in results)
    assert added == len(expected(corpus)) - (0 if fresh else 10)  # each article written by one of the two


@pytest.mark.parametrize("engine", DISK_ENGINES)
def test_a_second_writer_fails_cleanly_when_the_lock_stays_busy(tmp_path, corpus_dir, runner, engine):
    from newsearch.cli import cli

    folder = tmp_path / "index"
    ix = newsearch.create_index(folder, engine=engine)
    holder = ix._engine.writer()  # another process's writer, as far as the lock can tell
    try:
        started = time.perf_counter()
        result = runner.invoke(
            cli, ["index", str(corpus_dir), "--index", str(folder), "--lock-timeout", "0.5"]
        )
        waited = time.perf_counter() - started
        assert result.exit_code == 1
        # The wait given, not the default 10 s (an upper bound on the wall clock failed on a loaded machine).
        assert "locked by another newsearch process (waited 0.5s)" in result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert waited > 0.4
        with pytest.raises(newsearch.IndexLocked, match=r"waited 0\.2s"):
            ix.add([corpus_dir], lock_timeout=0.2)
    finally:
        holder.cancel()
    assert ix.add([corpus_dir]).added == 7  # the lock is free again: nothing stuck


def test_searches_never_reread_the_toc_a_commit_may_delete(built_whoosh, monkeypatch):
    # Whoosh's FileIndex.schema re-reads the newest TOC file on each access; a commit deleting it in
    # between made reader processes fail with FileNotFoundError during the stress run.
    ix = newsearch.open_index(built_whoosh[1])
    engine_type = type(ix._engine._ix)  # Whoosh's FileIndex

    def gone(self):
        raise FileNotFoundError("_MAIN_4.toc")

    monkeypatch.setattr(engine_type, "schema", property(gone))
    result = ix.search("prisoner exchange", facets=["speakers"])
    assert result.total >= 1 and result.hits[0].snippet
    assert ix.search("source:Meridian").total == 2
    ix.close()


def test_opening_retries_when_a_commit_deletes_the_toc(built_whoosh, monkeypatch):
    from newsearch.backends import whoosh as whoosh_backend
    from newsearch.errors import NewsearchError

    real = whoosh_backend._open_dir
    calls = []

    def flaky(folder):
        calls.append(folder)
        if len(calls) < 3:
            raise NewsearchError("cannot be opened") from FileNotFoundError("_MAIN_3.toc")
        return real(folder)

    monkeypatch.setattr(whoosh_backend, "_open_dir", flaky)
    with newsearch.open_index(built_whoosh[1]) as ix:
        assert len(ix) == 7 and len(calls) == 3


def test_a_creation_killed_before_the_marker_is_finished_by_the_next_run(tmp_path, corpus_dir):
    # Left by a process killed between creating the engine files and writing the marker (and what a
    # concurrent creator sees mid-way): it used to be refused as "not a newsearch index" for good.
    folder = tmp_path / "index"
    folder.mkdir()
    for name in ("MAIN_WRITELOCK", "_MAIN_0.toc", ".newsearch.json.abc123.tmp"):
        (folder / name).write_bytes(b"")
    assert newsearch.create_index(folder).add([corpus_dir]).added == 7
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "_MAIN_3.toc").write_bytes(b"")  # a real foreign Whoosh index is still refused
    with pytest.raises(newsearch.NotAnIndex):
        newsearch.create_index(tmp_path / "other")
