"""Crash safety: SIGKILL the indexer at random points; the index always holds the old or the new state of
the corpus, never a mix; the next run finishes the job and clears what the killed one left behind."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import re
import signal
import subprocess
import sys
import threading
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
    """Alternate the corpus between states A and B; kill each run at a random moment while it writes;
    check; finish.

    The kill lands in the run's writing window: a random moment after its writer took the lock (Whoosh's
    temp folder appears; tantivy's writer lock is held), within what the last whole run took from that moment to its exit (the first,
    full run, or the last that finished before its kill). A random moment since the process started mostly
    hit the interpreter's start-up on a loaded machine (2–4 s of a 3–5 s run), and a run faster than the
    first, full one was often not interrupted at all. A kill that comes too late (the run finished first)
    is not counted: the loop goes on until ``kills`` runs were killed while writing.
    """
    corpus, folder = tmp_path / "corpus", tmp_path / "index"
    write_state(corpus, "A", files=files)
    states = {"A": expected(corpus)}
    write_state(corpus, "B", files=files)
    states["B"] = expected(corpus)
    assert states["A"] != states["B"]
    write_state(corpus, "A", files=files)
    proc = subprocess.Popen(index_cmd(corpus, folder, "--workers", workers, "--engine", engine))
    started = _wait_for_writer(proc, folder, engine)
    assert proc.wait(timeout=300) == 0
    window = time.monotonic() - started  # how long the last whole run wrote: its writer's start to its exit
    assert index_state(folder) == states["A"]
    rng = random.Random(seed)
    figures = {"kills": 0, "finished_first": 0, "old_state": 0, "new_state": 0}
    current = "A"
    for _ in range(kills * 10):
        if figures["kills"] == kills:
            break
        target = "B" if current == "A" else "A"
        write_state(corpus, target, files=files)
        proc = subprocess.Popen(
            index_cmd(corpus, folder, "--workers", workers, "--engine", engine), stderr=subprocess.DEVNULL
        )
        started = _wait_for_writer(proc, folder, engine)
        _sleep_unless_done(proc, rng.uniform(0, window))
        interrupted = proc.poll() is None
        proc.send_signal(signal.SIGKILL)  # the indexer only: its worker processes must notice
        proc.wait(timeout=60)
        if interrupted:
            figures["kills"] += 1
        else:  # it wrote for less than the window (the first run wrote every article): the window shrinks
            figures["finished_first"] += 1
            window = time.monotonic() - started

        # The index opens and searches, and holds exactly one of the two states: nothing lost or mixed.
        with newsearch.open_index(folder) as ix:
            assert ix.search("report").total >= 1
        found = index_state(folder)
        assert found in (states[current], states[target]), _diff(found, states[current], states[target])
        figures["old_state" if found == states[current] and found != states[target] else "new_state"] += 1

        # The next run finishes the job (no permanent lock) and leaves nothing behind.
        done = subprocess.run(
            index_cmd(corpus, folder, "--workers", workers, "--lock-timeout", "60"),
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


def _wait_for_writer(proc: subprocess.Popen, folder: Path, engine: str = "whoosh") -> float:
    """Wait until the run's writer holds the lock or the run ended; the moment. Whoosh's writer has made its
    temp folder; tantivy's lock file is always there, held open (flocked) only by the writing process."""
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if engine == "whoosh" and (folder / "MAIN.tmp").is_dir():
            break
        if engine != "whoosh" and (
            ".tantivy-writer.lock" in _open_files(proc.pid, folder)
            if Path("/proc").is_dir()
            else (folder / ".tantivy-writer.lock").exists()
        ):
            break
        time.sleep(0.005)
    return time.monotonic()


def _sleep_unless_done(proc: subprocess.Popen, seconds: float) -> None:
    until = time.monotonic() + seconds
    while proc.poll() is None and time.monotonic() < until:
        time.sleep(min(0.005, max(0.0, until - time.monotonic())))


def _diff(found: dict, old: dict, new: dict) -> str:
    bad = [k for k in set(found) | set(old) | set(new) if found.get(k) not in (old.get(k), new.get(k))]
    lost = [k for k in set(old) & set(new) if k not in found]
    return f"{len(bad)} articles in neither state (e.g. {bad[:3]}), {len(lost)} lost (e.g. {lost[:3]})"


@pytest.mark.parametrize("engine", DISK_ENGINES)
def test_killed_runs_leave_the_old_or_the_new_state(tmp_path, engine):
    figures = kill_loop(tmp_path, kills=4, seed=7, files=30, engine=engine)
    assert figures["kills"] == 4, figures  # four runs killed while writing


@pytest.mark.stress
def test_killed_runs_leave_the_old_or_the_new_state_many_times(tmp_path):
    kills = int(os.environ.get("NEWSEARCH_KILLS", "40"))
    figures = kill_loop(tmp_path, kills=kills, seed=11, files=30)
    print(figures)
    assert figures["kills"] == kills, figures


@pytest.mark.stress
def test_killed_parallel_runs_leave_the_old_or_the_new_state(tmp_path):
    kills = int(os.environ.get("NEWSEARCH_KILLS", "15"))
    figures = kill_loop(tmp_path, kills=kills, seed=13, workers="2")
    print(figures)
    assert figures["kills"] == kills, figures


PARALLEL_SCRIPT = """
import sys
from newsearch import sync
import newsearch
sync.PARALLEL_MIN_BYTES = 0
newsearch.create_index(sys.argv[2]).add([sys.argv[1]], workers=2, extract=False)
"""


def _new_segments(folder: Path) -> int:
    """How many segments have files in a new index's folder: the writer's own, and one per sub-writer at work."""
    names = os.listdir(folder) if folder.is_dir() else []
    return len({n.split(".")[0] for n in names if n.startswith("MAIN_") and n != "MAIN_WRITELOCK"})


def _group(pgid: int) -> list[int]:
    """The live processes of a process group (a killed indexer's workers stay in its group)."""
    out = subprocess.run(["ps", "-o", "pid=", "-g", str(pgid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split() if _alive(int(p))]


def _open_files(pid: int, folder: Path) -> set[str]:
    """The names of the files in ``folder`` that process ``pid`` holds open (none once it has exited)."""
    names: set[str] = set()
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return names
    for fd in fds:
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
            if os.path.dirname(target) == str(folder):
                names.add(os.path.basename(target))
    return names


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _kill_all(pids: list[int]) -> None:
    for pid in pids:
        if _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc").is_dir() or sys.platform != "linux", reason="needs Linux /proc and ps")
def test_a_killed_parallel_writer_does_not_leave_a_stale_lock(tmp_path, caplog):
    # Whoosh's sub-writer processes and the document workers inherit the write lock; orphaned, they used
    # to hold it for good. The next run, started at once, waits for them to let go of it, then removes
    # what the killed run left (it used to look for leftovers before taking the lock, and found it busy).
    corpus, folder = tmp_path / "corpus", tmp_path / "index"
    write_state(corpus, "A", files=20, per_file=80)
    proc = subprocess.Popen(
        [sys.executable, "-c", PARALLEL_SCRIPT, str(corpus), str(folder)], start_new_session=True
    )
    group: list[int] = []
    try:
        # Both sub-writers at work: three segments have files (the indexer's own and one per sub-writer).
        deadline = time.monotonic() + 300
        while _new_segments(folder) < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proc.poll() is None, "the run ended before both sub-writers wrote"
        os.killpg(proc.pid, signal.SIGSTOP)  # the run stands still while we look at it
        group = _group(proc.pid)
        own = _open_files(proc.pid, folder)
        writers = [
            p
            for p in group
            if p != proc.pid and any(n.startswith("MAIN_") for n in _open_files(p, folder) - own)
        ]
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        os.killpg(proc.pid, signal.SIGCONT)  # the orphans run on
        assert len(writers) == 2, f"not killed while both sub-writers wrote: {len(writers)} writing, {group=}"

        with caplog.at_level(logging.WARNING, logger="newsearch"):
            report = newsearch.open_index(folder).add([corpus], lock_timeout=120, workers=1, extract=False)
        assert report.added == 1600
        assert "recovered from an interrupted run" in caplog.text
        assert leftovers(folder) == []
        # The lock was free, so every process that inherited it has exited.
        assert not [p for p in group if _alive(p)], "orphaned workers outlived the killed indexer"
    finally:
        _kill_all([proc.pid, *group])


LATE_SUB_WRITERS_SCRIPT = """
import multiprocessing, os, sys, threading, time
import newsearch
from newsearch import sync
from newsearch.backends.whoosh import writer

class LateSubWriter(writer._SubWriterTask):
    # A process forked just before the indexer is killed may first run after it has gone (on a loaded
    # machine that can take seconds): here each sub-writer starts only once its parent has gone.
    def run(self):
        parent = os.getppid()
        while os.getppid() == parent:
            time.sleep(0.01)
        super().run()

writer._SubWriterTask = LateSubWriter
sync.PARALLEL_MIN_BYTES = 0
ix = newsearch.create_index(sys.argv[2])
threading.Thread(target=ix.add, args=([sys.argv[1]],), kwargs={"workers": 2, "extract": False}).start()
# Two document workers, two sub-writers: every child seen is kept, since a document worker may finish and be
# reaped between two looks (a second active_children() printed 3 pids under load in CI).
seen = {}
while len(seen) < 4 or sum(isinstance(p, LateSubWriter) for p in seen.values()) < 2:
    for p in multiprocessing.active_children():
        seen[p.pid] = p
    time.sleep(0.01)
print(" ".join(str(pid) for pid in seen), flush=True)
os._exit(0)
"""


@pytest.mark.skipif(not Path("/proc").is_dir() or sys.platform != "linux", reason="needs Linux /proc")
def test_sub_writers_that_first_run_after_the_indexer_died_exit(tmp_path):
    # They used to read their parent's pid when they first ran: the reaper's by then, so they waited for
    # jobs forever, holding the write lock (a stale lock after a kill under load).
    corpus, folder = tmp_path / "corpus", tmp_path / "index"
    write_state(corpus, "A", files=10, per_file=80)
    out = tmp_path / "pids"
    with out.open("w") as fh:
        subprocess.run(
            [sys.executable, "-c", LATE_SUB_WRITERS_SCRIPT, str(corpus), str(folder)], stdout=fh, timeout=300
        )
    workers = [int(p) for p in out.read_text().split()]
    try:
        assert len(workers) == 4
        deadline = time.monotonic() + 120
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [p for p in workers if _alive(p)], (
            "sub-writers orphaned before they first ran never exited"
        )
        report = newsearch.open_index(folder).add([corpus], lock_timeout=5, workers=1, extract=False)
        assert report.added == 800
    finally:
        _kill_all(workers)


def _index_with_junk(folder: Path, corpus: Path) -> tuple[newsearch.Index, Path, list[str]]:
    """An index of ``corpus`` with the files a killed Whoosh writer leaves: a temp TOC, segment files."""
    ix = newsearch.create_index(folder)
    ix.add([corpus])
    junk = ["_MAIN_7.toc.1700000000.25", "MAIN_zzzzzzzzzzzzzzzz.seg", "MAIN_zzzzzzzzzzzzzzzz.trm"]
    for name in junk:
        (folder / name).write_bytes(b"partial")
    return ix, folder, junk


def test_a_run_waiting_for_the_lock_removes_what_the_killed_run_left(
    tmp_path, corpus_dir, caplog, monkeypatch
):
    # A killed indexer's worker processes hold the lock a moment longer. The next run used to look for
    # leftovers before taking the lock, find it busy and skip them (no message, files left); now it waits
    # for the lock and cleans up under it.
    import fcntl

    from whoosh.util import filelock

    ix, folder, junk = _index_with_junk(tmp_path / "ix", corpus_dir)
    tried = threading.Event()
    real_acquire = filelock.FcntlLock.acquire

    def acquire(self, blocking=False):
        got = real_acquire(self, blocking)
        if not got:
            tried.set()
        return got

    monkeypatch.setattr(filelock.FcntlLock, "acquire", acquire)
    dying = os.open(folder / "MAIN_WRITELOCK", os.O_RDWR)  # the killed run's last worker
    fcntl.flock(dying, fcntl.LOCK_EX)
    reports = []
    run = threading.Thread(target=lambda: reports.append(ix.add([corpus_dir], lock_timeout=120)))
    with caplog.at_level(logging.WARNING, logger="newsearch"):
        run.start()
        try:
            assert tried.wait(120), "the run never asked for the lock"
        finally:
            os.close(dying)  # the worker exits: the lock is free
            run.join(180)
    assert reports and reports[0].unchanged == 7
    assert "recovered from an interrupted run: removed 3 leftover file(s)" in caplog.text
    assert not any((folder / n).exists() for n in junk)


def test_leftovers_of_a_killed_run_are_removed_with_a_message(tmp_path, corpus_dir, caplog):
    ix, folder, junk = _index_with_junk(tmp_path / "ix", corpus_dir)
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


def test_temp_files_of_a_killed_run_go_and_those_being_written_stay(tmp_path, corpus_dir, caplog, engine):
    # A kill while the manifest (or the roots table, the marker, the alias table) was being saved leaves
    # its temp file. Written outside the engine's lock, such a file used to be kept for a minute in case a
    # live process was writing it, so the next run after a kill left it behind. Now its name says which
    # process writes it, and that process holds a lock on it while it does.
    folder = tmp_path / "ix"
    ix = newsearch.create_index(folder, engine=engine)
    ix.add([corpus_dir])
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    killed = [
        f".newsearch-manifest.json.{gone.pid}.k2j3h4zz.tmp",
        f".newsearch-roots.json.{gone.pid}.ab12cd34.tmp",
        f".aliases.toml.{gone.pid}.x1y2z3w4.tmp",
        f".newsearch-merges.json.{gone.pid}.m3rg3s99.tmp",  # a kill right after a commit left one (CI, stop 19)
    ]
    live = f".newsearch-manifest.json.{os.getpid()}.live1234.tmp"  # this process, before it locks the file
    elsewhere = f".newsearch.json.{gone.pid}.ns123456.tmp"  # locked: written in another pid namespace
    for name in [*killed, live, elsewhere]:
        (folder / name).write_text("{")
    import fcntl

    held = os.open(folder / elsewhere, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)
    try:
        with caplog.at_level(logging.WARNING, logger="newsearch"):
            assert ix.add([corpus_dir]).unchanged == 7
    finally:
        os.close(held)
    assert "recovered from an interrupted run: removed 4 leftover file(s)" in caplog.text
    assert not any((folder / n).exists() for n in killed)
    assert (folder / live).exists() and (folder / elsewhere).exists()


def test_only_files_the_sweep_knows_are_written_atomically(tmp_path):
    # A temp file of a name remove_abandoned_temps does not know would outlive the run a kill interrupted.
    with pytest.raises(ValueError, match="not one of the index's own files"):
        manifest.write_text_atomic(tmp_path / "newsearch-other.json", "{}")
    assert list(tmp_path.iterdir()) == []


def test_a_temp_file_being_written_is_never_taken_for_a_leftover(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def replace(src, dst):
        seen.append((Path(src).name, manifest.remove_abandoned_temps(tmp_path)))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(manifest, "_running", lambda pid: False)  # as if its pid were another namespace's
    manifest.save_roots(tmp_path, {"": str(tmp_path)})
    [(name, removed)] = seen
    assert name.startswith(f".newsearch-roots.json.{os.getpid()}.") and name.endswith(".tmp")
    assert removed == []  # locked while written
    assert manifest.load_roots(tmp_path) == {"": str(tmp_path)}


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
