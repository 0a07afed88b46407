"""Crash safety: SIGKILL the indexer at random points; the index always holds the old or the new state of
the corpus, never a mix; the next run finishes the job and clears what the killed one left behind."""

from __future__ import annotations

import json
import logging
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import newsearch
from corpusgen import expected, index_state, write_state
from newsearch import documents, manifest
from newsearch.backends.tantivy import available as tantivy_available

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

# The engines that keep an index on disk: the crash tests run on each (tantivy where it is installed).
DISK_ENGINES = [
    "whoosh",
    pytest.param("tantivy", marks=pytest.mark.skipif(not tantivy_available(), reason="newsearch[tantivy]")),
]


# `newsearch` with sub-writer processes even for a small corpus (for the parallel kill loop).
PARALLEL_CLI = "from newsearch import sync, cli; sync.PARALLEL_MIN_BYTES = 0; cli.main()"


def index_cmd(corpus: Path, folder: Path, *extra: str) -> list[str]:
    run = ["-c", PARALLEL_CLI] if "2" in extra else ["-m", "newsearch"]
    return [sys.executable, *run, "index", str(corpus), "--index", str(folder), "-q", *extra]


def leftovers(folder: Path) -> list[str]:
    """Files a finished run must not leave: temp files, and engine files its last commit does not name."""
    with newsearch.open_index(folder) as ix:
        if ix.engine == "tantivy":
            return _tantivy_leftovers(folder)
    return _whoosh_leftovers(folder)


def _tantivy_leftovers(folder: Path) -> list[str]:
    """tantivy's temp files of atomic writes, and segment files meta.json does not name."""
    meta = json.loads((folder / "meta.json").read_text())
    live = {seg["segment_id"].replace("-", "") for seg in meta["segments"]}
    return [
        name
        for name in os.listdir(folder)
        if name.startswith(".tmp") or (re.match(r"^[0-9a-f]{32}\.", name) and name.split(".")[0] not in live)
    ]


def _whoosh_leftovers(folder: Path) -> list[str]:
    """Temp TOCs, temp folders, segments the TOC does not name."""
    engine = newsearch.open_index(folder)._engine._ix  # Whoosh's FileIndex
    live = {s.segment_id() for s in engine._read_toc().segments}
    out = []
    for name in os.listdir(folder):
        if (
            name.endswith(".tmp")
            or ".toc." in name
            or (name.startswith("MAIN_") and name != "MAIN_WRITELOCK" and name.split(".")[0] not in live)
        ):
            out.append(name)
    return out


def kill_loop(
    tmp_path: Path, kills: int, seed: int, workers: str = "1", files: int = 60, engine: str = "whoosh"
) -> dict[str, int]:
    """Alternate the corpus between states A and B; kill each run at a random moment; check; finish."""
    corpus, folder = tmp_path / "corpus", tmp_path / "index"
    write_state(corpus, "A", files=files)
    states = {"A": expected(corpus)}
    write_state(corpus, "B", files=files)
    states["B"] = expected(corpus)
    assert states["A"] != states["B"]
    write_state(corpus, "A", files=files)
    started = time.perf_counter()
    subprocess.run(index_cmd(corpus, folder, "--workers", workers, "--engine", engine), check=True, timeout=300)
    full = time.perf_counter() - started
    assert index_state(folder) == states["A"]
    rng = random.Random(seed)
    figures = {"kills": 0, "interrupted": 0, "old_state": 0, "new_state": 0}
    current = "A"
    for _ in range(kills):
        target = "B" if current == "A" else "A"
        write_state(corpus, target, files=files)
        proc = subprocess.Popen(
            index_cmd(corpus, folder, "--workers", workers, "--engine", engine), stderr=subprocess.PIPE
        )
        time.sleep(rng.uniform(0.2, full))
        interrupted = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()
        figures["kills"] += 1
        figures["interrupted"] += interrupted

        # The index opens and searches, and holds exactly one of the two states: nothing lost or mixed.
        with newsearch.open_index(folder) as ix:
            assert ix.search("report").total >= 1
        found = index_state(folder)
        assert found in (states[current], states[target]), _diff(found, states[current], states[target])
        figures["old_state" if found == states[current] and found != states[target] else "new_state"] += 1

        # The next run finishes the job (no permanent lock) and leaves nothing behind.
        done = subprocess.run(
            index_cmd(corpus, folder, "--workers", workers, "--lock-timeout", "20"),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert index_state(folder) == states[target]
        assert leftovers(folder) == []
        current = target
    return figures


def _diff(found: dict, old: dict, new: dict) -> str:
    bad = [k for k in set(found) | set(old) | set(new) if found.get(k) not in (old.get(k), new.get(k))]
    lost = [k for k in set(old) & set(new) if k not in found]
    return f"{len(bad)} articles in neither state (e.g. {bad[:3]}), {len(lost)} lost (e.g. {lost[:3]})"


@pytest.mark.parametrize("engine", DISK_ENGINES)
def test_killed_runs_leave_the_old_or_the_new_state(tmp_path, engine):
    figures = kill_loop(tmp_path, kills=4, seed=7, files=30, engine=engine)
    assert figures["kills"] == 4 and figures["interrupted"] >= 2, figures


@pytest.mark.stress
def test_killed_runs_leave_the_old_or_the_new_state_many_times(tmp_path):
    figures = kill_loop(tmp_path, kills=int(os.environ.get("NEWSEARCH_KILLS", "40")), seed=11, files=30)
    print(figures)
    assert figures["interrupted"] >= figures["kills"] // 2, figures


@pytest.mark.stress
def test_killed_parallel_runs_leave_the_old_or_the_new_state(tmp_path):
    figures = kill_loop(tmp_path, kills=int(os.environ.get("NEWSEARCH_KILLS", "15")), seed=13, workers="2")
    print(figures)


PARALLEL_SCRIPT = """
import sys
from newsearch import sync
import newsearch
sync.PARALLEL_MIN_BYTES = 0
newsearch.create_index(sys.argv[2]).add([sys.argv[1]], workers=2, extract=False)
"""


def _writing(folder: Path) -> bool:
    names = os.listdir(folder) if folder.is_dir() else []
    # Whoosh's own files (newsearch's temp files, e.g. the roots table saved before the commit, do not count).
    whoosh_tmp = [n for n in names if n.endswith(".tmp") and not n.startswith(".newsearch")]
    return bool(whoosh_tmp) or any(n.startswith("MAIN_") and n != "MAIN_WRITELOCK" for n in names)


def _lock_busy(folder: Path) -> bool:
    import fcntl

    fd = os.open(folder / "MAIN_WRITELOCK", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir() or sys.platform != "linux", reason="needs Linux /proc and ps")
def test_a_killed_parallel_writer_does_not_leave_a_stale_lock(tmp_path, caplog):
    # Whoosh's sub-writer processes inherit the lock; orphaned, they used to hold it forever.
    corpus, folder = tmp_path / "corpus", tmp_path / "index"
    # Enough text that the kill lands while the sub-writers write (with 800 articles the run sometimes
    # finished between two polls, leaving nothing to recover: about one run in six, before and after the
    # engine seam).
    write_state(corpus, "A", files=20, per_file=80)
    proc = subprocess.Popen([sys.executable, "-c", PARALLEL_SCRIPT, str(corpus), str(folder)])
    children: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(children) < 2 and time.monotonic() < deadline and proc.poll() is None:
            children = _children(proc.pid)  # the two sub-writers (maybe a resource tracker too)
            time.sleep(0.05)
        assert len(children) >= 2, "the sub-writers never started"
        # Kill once Whoosh's sub-writers have files on disk (the document workers start first).
        while not _writing(folder) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        children = _children(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 5
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(c) for c in children), "orphaned sub-writers outlived the killed indexer"
        # Every process that inherited the lock (sub-writers and document workers, some perhaps started
        # after the children were listed) exits within a poll of its orphan check: the lock comes free.
        deadline = time.monotonic() + 5
        while _lock_busy(folder) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _lock_busy(folder), "the killed indexer's processes kept the write lock"
        with caplog.at_level(logging.WARNING, logger="newsearch"):
            report = newsearch.open_index(folder).add([corpus], lock_timeout=5, workers=1, extract=False)
        assert report.added == 1600
        assert "recovered from an interrupted run" in caplog.text
        assert leftovers(folder) == []
    finally:
        for pid in [proc.pid, *children]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_leftovers_of_a_killed_run_are_removed_with_a_message(tmp_path, corpus_dir, caplog):
    folder = tmp_path / "ix"
    ix = newsearch.create_index(folder)
    ix.add([corpus_dir])
    junk = ["_MAIN_7.toc.1700000000.25", "MAIN_zzzzzzzzzzzzzzzz.seg", "MAIN_zzzzzzzzzzzzzzzz.trm"]
    for name in junk:
        (folder / name).write_bytes(b"partial")
    (folder / "MAIN.tmp").mkdir()
    (folder / "MAIN.tmp" / "abc.run").write_bytes(b"x")
    old_temp = folder / ".newsearch-manifest.json.k2j3h4.tmp"
    fresh_temp = folder / ".newsearch.json.a1b2c3.tmp"  # may belong to a run saving its manifest right now
    for path in (old_temp, fresh_temp):
        path.write_text("{")
    os.utime(old_temp, (time.time() - 3600, time.time() - 3600))
    (corpus_dir / "new.txt").write_text("Glacier melt\n\nThe glacier retreated.\n")
    with caplog.at_level(logging.WARNING, logger="newsearch"):
        report = ix.add([corpus_dir])
    assert report.added == 1 and report.unchanged == 7
    assert "recovered from an interrupted run: removed 5 leftover file(s)" in caplog.text
    assert not any((folder / n).exists() for n in [*junk, "MAIN.tmp", old_temp.name])
    assert fresh_temp.exists()
    assert newsearch.open_index(folder).search("glacier").total == 1


def test_runs_that_change_nothing_or_fail_leave_nothing_behind(tmp_path, corpus_dir, caplog, monkeypatch):
    # Whoosh's writer.cancel() leaves the new segment's files: every no-change run used to litter the folder.
    folder = tmp_path / "ix"
    ix = newsearch.create_index(folder)
    with caplog.at_level(logging.WARNING, logger="newsearch"):
        for _ in range(3):
            ix.add([corpus_dir])
            assert leftovers(folder) == []
        (corpus_dir / "new.txt").write_text("Glacier\n\nIce.\n")
        monkeypatch.setattr(documents, "record", lambda *a, **k: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            ix.add([corpus_dir])
        assert leftovers(folder) == []
    assert "recovered" not in caplog.text


def test_a_failure_after_the_commit_raises_the_real_error(tmp_path, corpus_dir, monkeypatch):
    # The writer is closed once committed: cancelling it again used to hide the error behind Whoosh's
    # "This writer is closed".
    ix = newsearch.create_index(tmp_path / "ix")

    def full_disk(self, folder):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(manifest.Manifest, "save", full_disk)
    with pytest.raises(OSError, match="No space left"):
        ix.add([corpus_dir])
    monkeypatch.undo()
    again = newsearch.open_index(tmp_path / "ix").add([corpus_dir])
    assert again.unchanged == 7 and again.added == 0  # committed before the failure; manifest rebuilt


def test_an_article_moving_to_an_earlier_file_is_kept(tmp_path):
    # Found by the kill loop: the earlier file's copy was refused as a duplicate of the later file's, which
    # then deleted it, so the article vanished from the index.
    corpus = tmp_path / "c"
    corpus.mkdir()
    ix = newsearch.create_index(tmp_path / "ix")
    (corpus / "a.jsonl").write_text('{"id": "keep", "headline": "Alpha", "body": "Stays."}\n')
    (corpus / "z.jsonl").write_text('{"id": "mover", "headline": "Mover", "body": "Glacier text."}\n')
    ix.add([corpus], extract=False)
    (corpus / "a.jsonl").write_text(
        '{"id": "keep", "headline": "Alpha", "body": "Stays."}\n{"id": "mover", "headline": "Mover", "body": "Glacier moved."}\n'
    )
    (corpus / "z.jsonl").write_text('{"id": "other", "headline": "Other", "body": "New."}\n')
    report = ix.add([corpus], extract=False)
    assert report.skipped == ()
    assert (report.added, report.updated, report.removed) == (1, 1, 0)
    assert ix.get("mover").body == "Glacier moved." and ix.get("mover").path == "a.jsonl"
    assert ix.search("glacier").total == 1
    # A real duplicate in a file read later keeps the id with the first copy; the second is kept too.
    (corpus / "z.jsonl").write_text(
        '{"id": "other", "headline": "Other", "body": "New."}\n{"id": "mover", "headline": "Copy", "body": "Copy."}\n'
    )
    again = ix.add([corpus], extract=False)
    assert again.skipped == ()
    assert [str(c) for c in again.conflicts] == [
        "id 'mover' is claimed by a.jsonl#2 and z.jsonl#2: both kept, the second as 'z.jsonl#2'"
    ]
    assert ix.get("mover").body == "Glacier moved." and ix.get("z.jsonl#2").body == "Copy." and len(ix) == 4
