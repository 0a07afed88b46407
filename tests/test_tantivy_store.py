"""The tantivy store: one writer with a lock that waits then fails clearly, commit/rollback, replace by id,
readers that see each commit whole, and what a SIGKILL at any moment leaves (the last commit, readable)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from newsearch.errors import IndexLocked

tantivy_missing = False
try:
    import tantivy  # noqa: F401
except ImportError:
    tantivy_missing = True

pytestmark = pytest.mark.skipif(tantivy_missing, reason="tantivy is not installed (newsearch[tantivy])")


def record(aid: str, body: str = "ceasefire talks resume", **extra) -> dict:
    rec = {"id": aid, "path": f"{aid}.txt", "file": f"/c/{aid}.txt", "headline": f"Headline {aid}",
           "standfirst": "", "body": body, "subheads": "", "speakers": "", "parties": "", "party_keys": "",
           "content_hash": "h-" + aid, "schema_version": 1}  # fmt: skip
    rec.update(extra)
    return rec


@pytest.fixture()
def store(tmp_path):
    from newsearch.backends.tantivy.store import TantivyStore

    folder = tmp_path / "ix"
    folder.mkdir()
    return TantivyStore.create(folder)


class Live:
    """The latest commit at every call, as ``Engine.reader()`` hands it out."""

    def __init__(self, store) -> None:
        from newsearch.backends.tantivy.engine import TantivyEngine

        self.engine = TantivyEngine(store)

    def __len__(self) -> int:
        return self.engine.reader().doc_count()

    def __getattr__(self, name):
        return getattr(self.engine.reader(), name)


def reader(store) -> Live:
    return Live(store)


def test_commit_makes_everything_visible_at_once(store):
    r = reader(store)
    w = store.writer()
    w.add(record("a"))
    w.add(record("b"))
    assert len(r) == 0  # not before the commit
    generation = w.commit()
    assert len(r) == 2
    assert store.generation() == generation > 0


def test_update_replaces_by_id_and_delete_removes(store):
    with store.writer() as w:
        w.add(record("a", "first text"))
        w.add(record("b"))
    with store.writer() as w:
        w.update(record("a", "second text"))
        w.delete("b")
        w.delete("not-there")
    r = reader(store)
    assert len(r) == 1
    assert r.document("a")["body"] == "second text"
    assert r.document("b") is None


def test_an_error_inside_the_writer_rolls_back(store):
    with store.writer() as w:
        w.add(record("a"))
    with pytest.raises(RuntimeError), store.writer() as w:
        w.add(record("b"))
        w.delete("a")
        raise RuntimeError("boom")
    r = reader(store)
    assert r.document("a") is not None
    assert r.document("b") is None


def test_stored_record_round_trips(store):
    rec = record(
        "x",
        date=datetime(2025, 11, 3, 7, 30),
        links=["https://example.org/a"],
        party_kinds=[["Qatar", "country"]],
        quotes=[["We are close", "Amara Okonjo", "Okonjo", 12, True]],
        dup_sig=[1, 2, 3],
        source="Harbour Courier",
        speakers="Amara Okonjo",
    )
    with store.writer() as w:
        w.add(rec)
    assert reader(store).document("x") == rec


def test_a_second_writer_waits_then_fails_with_index_locked(store):
    first = store.writer()
    started = time.monotonic()
    with pytest.raises(IndexLocked, match="locked by another newsearch process"):
        store.writer(timeout=0.3)
    assert time.monotonic() - started >= 0.3
    first.cancel()
    store.writer(timeout=0.3).cancel()  # released: the next one gets it at once


def test_a_writer_waiting_for_the_lock_gets_it_when_released(store):
    first = store.writer()
    threading.Timer(0.2, first.cancel).start()
    with store.writer(timeout=5) as w:
        w.add(record("a"))
    assert len(reader(store)) == 1


def test_another_process_holding_the_writer_blocks_until_it_exits(store):
    code = (
        "import sys, time; from pathlib import Path; "
        "from newsearch.backends.tantivy.store import TantivyStore; "
        "w = TantivyStore.open(Path(sys.argv[1])).writer(); print('locked', flush=True); time.sleep(60)"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code, str(store.path)], stdout=subprocess.PIPE, text=True
    ) as child:
        try:
            assert child.stdout.readline().strip() == "locked"
            with pytest.raises(IndexLocked):
                store.writer(timeout=0.2)
            child.send_signal(signal.SIGKILL)  # a killed writer leaves no stale lock
            child.wait()
            store.writer(timeout=5).cancel()
        finally:
            child.kill()


def test_readers_see_commits_without_reopening(store):
    r = reader(store)
    for n in range(1, 4):
        with store.writer() as w:
            w.add(record(f"d{n}"))
        assert len(r) == n


WRITER = """
import os, sys
from pathlib import Path
from newsearch.backends.tantivy.store import TantivyStore
store = TantivyStore.open(Path(sys.argv[1]))
batch = 0
while True:
    with store.writer() as w:
        for i in range(200):
            w.update({"id": f"{os.getpid()}-{batch}-{i}", "headline": "kill test", "body": f"word{i} " * 40,
                      "batch": batch})
    print(batch, flush=True)
    batch += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_at_any_moment_leaves_the_last_commit(store):
    """Kill a writer looping over add+commit at varied moments: every state is whole batches, readable."""
    committed = 0
    for delay in (0.0, 0.01, 0.05, 0.1, 0.2):
        with subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store.path)], stdout=subprocess.PIPE
        ) as child:
            child.stdout.readline()  # its first commit is through; now kill it somewhere in the next ones
            time.sleep(delay)
            child.send_signal(signal.SIGKILL)
        r = reader(store)
        n = len(r)
        assert n % 200 == 0 and n > committed
        committed = n
        for rec in r.documents(["body"]):
            assert rec["body"].startswith("word")
    with store.writer(timeout=5) as w:  # never blocked by a killed writer; cleans its temp files
        w.add({"id": "after", "body": "after the kills"})
    assert not [f for f in os.listdir(store.path) if f.startswith(".tmp")]
    assert reader(store).document("after") is not None


def test_leftover_temp_files_are_removed_by_the_next_writer(store):
    stray = Path(store.path) / ".tmpAbC123"
    stray.write_text("half a meta.json")
    w = store.writer()
    assert w.recovered == [".tmpAbC123"]
    assert not stray.exists()
    w.cancel()


def test_a_delete_file_of_a_commit_that_never_happened_is_removed_by_the_next_writer(store, tmp_path):
    # A writer killed after it wrote a segment's delete file but before its commit: the next writer deletes
    # the same articles at the same opstamp and failed with FileAlreadyExists (seen in the kill loop).
    import shutil

    from newsearch.backends.tantivy.store import TantivyStore

    with store.writer(threads=1) as w:
        for aid in "abc":
            w.add(record(aid))
    before = set(os.listdir(store.path))
    killed = tmp_path / "killed"
    shutil.copytree(store.path, killed)
    other = TantivyStore.open(killed)
    with other.writer(threads=1) as w:
        w.delete("b")
    written = [n for n in set(os.listdir(killed)) - before if n.endswith(".del")]
    assert written, "the delete wrote no delete file: nothing to test"
    for name in written:  # what the killed writer left in the real index
        shutil.copy(killed / name, Path(store.path) / name)
    with store.writer(timeout=5, threads=1) as w:
        assert w.recovered == sorted(written)
        w.delete("b")
    assert reader(store).document("b") is None and reader(store).document("a") is not None


def test_both_record_shapes_index_the_same_values(store):
    """Today's records (comma lists) and the engine-neutral ones issue 13 introduces (lists, party pairs)."""
    from newsearch.backends.tantivy.compile import TermSet

    old = record("old", speakers="Amara Okonjo,Tomas Brandt", parties="Qatar", party_keys="country:Qatar",
                 subheads="Talks stall\nNext steps")  # fmt: skip
    new = record("new", speakers=["Amara Okonjo"], parties=[["Qatar", "country"]],
                 party_keys=["country:Qatar"], subheads=["Talks stall", "Next steps"])  # fmt: skip
    with store.writer() as w:
        w.add(old)
        w.add(new)
    r = reader(store)
    assert r.field_values("speakers") == ["Amara Okonjo", "Tomas Brandt"]
    assert r.count(TermSet("parties", ("Qatar",))) == 2
    assert r.count(TermSet("party_keys", ("country:Qatar",))) == 2
    assert r.doc_frequency("subheads", "stall") == 2
    assert r.document("new") == new


READER = """
import json, sys, time
from pathlib import Path
from newsearch.backends.tantivy.compile import Term
from newsearch.backends.tantivy.engine import BACKEND
engine = BACKEND.open(Path(sys.argv[1]))
print("ready", flush=True)
seen = []
stop = time.monotonic() + float(sys.argv[2])
while time.monotonic() < stop:
    reader = engine.reader()
    total, ranked = reader.page(Term("body", "report"), limit=10_000)
    seen.append([total, len({reader.stored(doc)["batch"] for doc, _ in ranked})])
print(json.dumps(seen))
"""


def test_readers_in_threads_and_processes_see_whole_commits(store):
    """While a writer commits six batches (tantivy merges segments meanwhile), every search in two threads
    and another process sees a whole number of batches, never part of one, and never fails."""
    import json

    batch_size, batches = 100, 6
    with store.writer() as w:
        w.add({"id": "seed", "body": "the first report", "batch": -1})
    shared = reader(store)
    errors: list[BaseException] = []
    observed: list[int] = []
    stop = threading.Event()

    def search_loop() -> None:
        from newsearch.backends.tantivy.compile import Term

        try:
            while not stop.is_set():
                total, ranked = shared.page(Term("body", "report"), limit=10_000)
                assert total == len(ranked)
                observed.append(total)
        except BaseException as exc:
            errors.append(exc)

    with subprocess.Popen([sys.executable, "-c", READER, str(store.path), "4"], stdout=subprocess.PIPE,
                          text=True) as other:  # fmt: skip
        assert other.stdout.readline().strip() == "ready"
        threads = [threading.Thread(target=search_loop) for _ in range(2)]
        for t in threads:
            t.start()
        for b in range(batches):
            with store.writer() as w:
                for i in range(batch_size):
                    w.add({"id": f"{b}-{i}", "body": f"report number {i}", "batch": b})
            time.sleep(0.2)
        stop.set()
        for t in threads:
            t.join()
        out, _ = other.communicate(timeout=60)
    assert not errors, errors
    assert other.returncode == 0
    elsewhere = json.loads(out.strip().splitlines()[-1])
    assert all((total - 1) % batch_size == 0 for total in observed)
    assert all((total - 1) % batch_size == 0 and total == 1 + (n - 1) * batch_size for total, n in elsewhere)
    assert len(set(observed)) > 1  # the threads saw several states, not just the last
    from newsearch.backends.tantivy.compile import Term

    assert shared.count(Term("body", "report")) == 1 + batches * batch_size


def test_engine_readers_are_per_commit_and_per_thread(store):
    from newsearch.backends.tantivy.engine import TantivyEngine

    engine = TantivyEngine(store)
    first = engine.reader()
    assert engine.reader() is first  # no commit since: the same reader
    other: list = []
    t = threading.Thread(target=lambda: other.append(engine.reader()))
    t.start()
    t.join()
    assert other[0] is not first and other[0].generation == first.generation
    with engine.writer() as w:
        w.add(record("a"))
    second = engine.reader()
    assert second is not first and second.generation > first.generation == 0
    assert first.doc_count() == 0 and second.doc_count() == 1  # a reader keeps its own state


def test_the_writer_removes_leftovers_only_once_it_holds_the_lock(store):
    from newsearch.backends.tantivy.engine import TantivyEngine

    engine = TantivyEngine(store)
    holder = engine.writer()
    stray = Path(store.path) / ".tmpXyZ789"
    stray.write_text("cut short")
    with pytest.raises(IndexLocked):
        engine.writer(timeout=0)
    assert stray.exists()  # nothing removed while another writer held the lock
    holder.cancel()
    second = engine.writer(timeout=5)
    assert second.recovered == [".tmpXyZ789"] and not stray.exists()
    second.cancel()


def test_creation_lock_serialises_and_leftovers_are_recognised(tmp_path):
    from newsearch.backends.tantivy.engine import BACKEND

    with BACKEND.creation_lock(tmp_path):
        with pytest.raises(IndexLocked), BACKEND.creation_lock(tmp_path, timeout=0.1):
            pass
        BACKEND.create(tmp_path)
    names = os.listdir(tmp_path)
    assert names and all(BACKEND.is_creation_leftover(n) for n in names), names
    assert not BACKEND.is_creation_leftover("article.txt")


def test_ranking_settings_tantivy_cannot_apply_are_named():
    from newsearch.backends.tantivy import scoring
    from newsearch.models import Ranking

    assert scoring.unsupported(Ranking()) == []
    assert "k1=1.2" in scoring.unsupported(Ranking(bm25_k1=2.0))[0]


def test_the_spill_holds_each_held_back_document_once(store):
    """Layout 2 holds back, until the commit, every document that may still meet a near-duplicate: on disk,
    as its stored JSON, then (analysed while the writer idles) as its prepared values. At every step the
    spill is no bigger than one copy of each held document in the form it is held in (issue 15o: a whole
    prepared copy appended after the JSON made the spill 1.8x the final index on Reuters)."""
    import random

    from newsearch import dedupe
    from newsearch.backends.tantivy import fields

    rng = random.Random(15)
    vocabulary = [
        f"{a}{b}" for a in ("tal", "cea", "fir", "pri", "son", "vot") for b in ("ks", "se", "re", "ns")
    ]
    records = []
    for n in range(30):
        body = " ".join(rng.choice(vocabulary) for _ in range(60))
        # a date as a string does not come back byte for byte from the JSON: the JSON held is what is stored
        extra = {"date": "2021-03-04"} if n == 7 else {"date": datetime(2024, 5, n % 28 + 1, 9, 15)}
        records.append(record(f"a{n}", body, dup_sig=list(dedupe.signature(body)), **extra))
    writer = store.writer()
    for rec in records:
        writer.add(rec)
    spill = writer._pairs._spill

    def size() -> int:
        spill.flush()
        return os.fstat(spill.fileno()).st_size

    as_json = [len(fields.encode(rec)) for rec in records]
    assert size() == sum(as_json)  # every one held back: no two share a band key
    prepared = []
    for rec in records:
        blob = fields.encode(rec)
        head, stored, kept = fields.held(fields.document_values(fields.decode(blob), stored=blob))
        assert stored is blob
        prepared.append(len(head) + len(blob) + len(kept))
    done = 0
    while writer.idle():
        done += 1
        assert size() <= sum(prepared[:done]) + sum(as_json[done:])
    assert done == len(records)
    assert size() <= sum(prepared)
    writer.commit()
    r = reader(store)
    for rec in records:
        assert r.document(rec["id"]) == fields.decode(fields.encode(rec))
        assert r.stored(r.find(rec["id"])) == fields.decode(fields.encode(rec))


@pytest.mark.parametrize("layout", [2, 1])
def test_records_prepared_elsewhere_feed_tantivy_what_the_writer_would(tmp_path, monkeypatch, layout):
    """The sync's worker processes hand the writer each record with its stored JSON (``fields.encode``,
    issue 15r): held back (analysed while idle, or at the commit) or added at once, marked or not, every
    Document tantivy gets is the one the writer makes from the record alone, in the same order. The workers
    send back only the record's fields the writer reads beside the JSON (``prepared_needs``); an index of
    the marks' layout 1 (made before layout 2) takes the JSON too."""
    import functools
    import random

    import tantivy as tv

    from newsearch import dedupe
    from newsearch.backends.tantivy import fields
    from newsearch.backends.tantivy.engine import TantivyEngine
    from newsearch.backends.tantivy.store import TantivyStore

    if layout != fields.SCHEMA_VERSION:
        monkeypatch.setattr(fields, "build_schema", functools.partial(fields.build_schema, layout=layout))
    needs = TantivyEngine.prepared_needs

    rng = random.Random(7)
    stems = ("tal", "cea", "fir", "pri", "son", "vot", "zür")
    words = [f"{a}{b}" for a in stems for b in ("ks", "se", "re", "ns")]
    bodies = [" ".join(rng.choice(words) for _ in range(50)) for _ in range(8)]
    records = []
    for n in range(24):
        body = bodies[n % 8] if n % 3 else bodies[n % 8] + " addendum"  # copies: marked pairs; the rest alone
        sig = dedupe.signature(body)  # (band keys beside the signature, as documents.record gives them)
        records.append(record(f"a{n}", body, dup_sig=list(sig), dup_keys=list(dedupe.band_keys(sig)),
                              speakers=["Ann Lee"], date=datetime(2024, 5, n + 1, 9, 15)))  # fmt: skip
    fed: list[str] = []
    from_dict = tv.Document.from_dict
    feed = lambda values, *a: fed.append(repr(values)) or from_dict(values, *a)  # noqa: E731
    monkeypatch.setattr(tv.Document, "from_dict", feed)
    runs = {}
    for ready in (False, True):
        fed.clear()
        folder = tmp_path / f"ix{ready}"
        folder.mkdir()
        st = TantivyStore.create(folder)
        for part in (records[:10], records[10:]):  # a second run meets committed partners
            writer = st.writer()
            for rec in part:
                if ready:
                    writer.add({name: rec[name] for name in needs if name in rec}, fields.encode(rec))
                else:
                    writer.add(rec)
                if rec["id"] in ("a3", "a15"):
                    writer.idle()  # (some held documents analysed before the commit, the rest at it)
            writer.commit()
        r = reader(st)
        runs[ready] = (list(fed), {rec["id"]: r.document(rec["id"]) for rec in records})
    assert runs[True] == runs[False]
    assert "dup_sig" not in needs  # (64 ints the writer never reads when the band keys come along)
    if layout == 2:
        assert len(runs[True][0]) > len(records)  # committed partners were written again, marked


def test_every_record_the_sync_builds_carries_its_band_keys():
    """The workers send the tantivy writer the band keys but not the signature (``prepared_needs``, issue
    15s): sound because ``documents.record`` always gives ``dup_keys``, whatever the text (the writer reads
    the signature only for a record without them)."""
    from newsearch import dedupe, documents
    from newsearch.models import Article

    for body in ("", "two words", "a story long enough for a few shingles and so for its band keys"):
        rec = documents.record(Article(id="a", headline="", body=body))
        assert rec["dup_keys"] == list(dedupe.band_keys(tuple(rec["dup_sig"])))
