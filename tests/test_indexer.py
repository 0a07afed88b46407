"""Incremental indexing: add, change, delete, unchanged; duplicates; refusing foreign folders; locks."""

from __future__ import annotations

import json
import os
import shutil

import pytest

import newsearch
from newsearch.manifest import MANIFEST


def counts(report):
    return (report.added, report.updated, report.removed, report.unchanged)


def test_first_run_adds_everything_and_rerun_changes_nothing(corpus_dir, tmp_path, engine):
    with newsearch.create_index(tmp_path / "ix", engine=engine) as ix:
        first = ix.add([corpus_dir])
        assert counts(first) == (7, 0, 0, 0) and first.skipped == () and first.files == 6
        assert len(ix) == 7
        again = ix.add([corpus_dir])
        assert counts(again) == (0, 0, 0, 7)


def test_changed_deleted_and_new_files(corpus_dir, tmp_path, engine):
    with newsearch.create_index(tmp_path / "ix", engine=engine) as ix:
        ix.add([corpus_dir])
        talks = corpus_dir / "ceasefire" / "talks.txt"
        talks.write_text(talks.read_text().replace("300 detainees", "450 detainees"))
        (corpus_dir / "strike.txt").unlink()
        (corpus_dir / "new.json").write_text(json.dumps({"title": "Fresh story", "body": "About glaciers."}))
        report = ix.add([corpus_dir])
        assert counts(report) == (1, 1, 1, 5)
        assert "450 detainees" in ix.get("ceasefire/talks.txt").body
        with pytest.raises(newsearch.ArticleNotFound):
            ix.get("strike.txt")
        assert ix.search("glaciers").hits[0].id == "new.json"
        assert ix.search("dock workers").total == 0


def test_one_record_changed_in_a_multi_record_file(corpus_dir, tmp_path, engine):
    with newsearch.create_index(tmp_path / "ix", engine=engine) as ix:
        ix.add([corpus_dir])
        path = corpus_dir / "election.jsonl"
        lines = path.read_text().splitlines()
        record = json.loads(lines[1])
        record["text"] += " Turnout was a record."
        path.write_text(lines[0] + "\n" + json.dumps(record) + "\n")
        assert counts(ix.add([corpus_dir])) == (0, 1, 0, 6)


def test_removing_a_record_from_a_file(corpus_dir, tmp_path, engine):
    with newsearch.create_index(tmp_path / "ix", engine=engine) as ix:
        ix.add([corpus_dir])
        path = corpus_dir / "election.jsonl"
        path.write_text(path.read_text().splitlines()[0] + "\n")
        assert counts(ix.add([corpus_dir])) == (0, 0, 1, 6)
        assert ix.search("opposition").total == 0


def test_files_outside_the_given_roots_are_kept(corpus_dir, tmp_path, engine):
    other = tmp_path / "other"
    other.mkdir()
    (other / "o.txt").write_text("Other story\n\nSeparate text about lighthouses.\n")
    with newsearch.create_index(tmp_path / "ix", engine=engine) as ix:
        ix.add([corpus_dir])
        assert ix.add([other]).added == 1
        assert counts(ix.add([corpus_dir])) == (0, 0, 0, 7)
        assert ix.search("lighthouses").total == 1


def test_duplicate_ids_in_one_file_keep_both_and_say_so(tmp_path, engine):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text(
        json.dumps({"id": "x1", "title": "A", "text": "a."})
        + "\n"
        + json.dumps({"id": "x1", "title": "B", "text": "b."})
    )
    with newsearch.create_index(tmp_path / "ix", engine=engine) as ix:
        report = ix.add([corpus])
        assert report.added == 2 and report.skipped == ()
        (conflict,) = report.conflicts
        assert (conflict.path, conflict.record, conflict.holder_path, conflict.holder_record) == (
            "a.jsonl",
            2,
            "a.jsonl",
            1,
        )
        assert ix.get("x1").headline == "A" and ix.get(conflict.kept_as).headline == "B"


def test_bad_inputs_are_named_and_the_rest_indexed(corpus_dir, tmp_path, engine):
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (corpus_dir / "broken.json").write_text("{nope")
    with newsearch.create_index(tmp_path / "ix", engine=engine) as ix:
        report = ix.add([corpus_dir])
    assert report.added == 7
    reasons = {s.path: s.reason for s in report.skipped}
    assert set(reasons) == {"empty.txt", "blob.txt", "broken.json"}
    assert "binary" in reasons["blob.txt"] and reasons["empty.txt"] == "empty file"


def test_missing_corpus_path_is_an_error(tmp_path, engine):
    with (
        newsearch.create_index(tmp_path / "ix", engine=engine) as ix,
        pytest.raises(newsearch.CorpusError, match="no such"),
    ):
        ix.add([tmp_path / "absent"])


def test_refuses_a_folder_that_is_not_a_newsearch_index(tmp_path, engine):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(newsearch.NotAnIndex, match="not a newsearch index"):
        newsearch.create_index(folder, engine=engine)
    with pytest.raises(newsearch.NotAnIndex):
        newsearch.open_index(folder)
    assert [p.name for p in folder.iterdir()] == ["holiday.jpg"]


def test_open_missing_index(tmp_path):
    with pytest.raises(newsearch.IndexNotFound, match="newsearch index CORPUS"):
        newsearch.open_index(tmp_path / "nothing")


def test_lock_held_by_another_writer_times_out(corpus_dir, tmp_path, engine):
    with newsearch.create_index(tmp_path / "ix", engine=engine) as ix:
        writer = ix._engine.writer()  # another writer holds the lock
        try:
            with pytest.raises(newsearch.IndexLocked, match="locked by another"):
                ix.add([corpus_dir], lock_timeout=0.2)
        finally:
            writer.cancel()
        assert ix.add([corpus_dir]).added == 7


def test_stale_manifest_is_rebuilt_from_the_index(corpus_dir, tmp_path, engine):
    """A crash between commit and manifest save: the next run must not duplicate or lose articles."""
    with newsearch.create_index(tmp_path / "ix", engine=engine) as ix:
        ix.add([corpus_dir])
    (tmp_path / "ix" / MANIFEST).unlink()
    shutil.rmtree(corpus_dir / "ceasefire")
    with newsearch.open_index(tmp_path / "ix") as ix:
        report = ix.add([corpus_dir])
        assert counts(report) == (0, 0, 1, 6)
        assert len(ix) == 6


def test_worker_processes_write_the_same_index_as_one_process(corpus_dir, tmp_path, engine, monkeypatch):
    """With workers, extraction and the records are made in worker processes; every stored record, term
    and answer is the one of a single-process run."""
    from newsearch import sync

    monkeypatch.setattr(sync, "PARALLEL_MIN_BYTES", 0)  # a pool even for a small corpus
    found = {}
    for workers in (1, 2):
        with newsearch.create_index(tmp_path / f"ix{workers}", engine=engine) as ix:
            ix.add([corpus_dir], workers=workers)
            res = ix.search('"prisoner exchange" OR talks OR minister', limit=20, facets=["speakers"])
            every = ix.search("*", limit=100, collapse=False).hits
            articles = sorted((a.id, a.headline, a.body, a.speakers) for a in (ix.get(h.id) for h in every))
            found[workers] = (res.total, [(h.id, h.score, h.snippet) for h in res.hits], res.facets, articles)
    assert found[1][0] > 0 and found[1] == found[2]


def test_a_run_collects_garbage_less_often_and_restores_the_setting(corpus_dir, tmp_path, engine):
    """During a run the cyclic collector runs at sync.RUN_GC_THRESHOLD (fewer collections of the run's many
    short-lived objects); afterwards, also after a run that fails, the caller's thresholds are back."""
    import gc

    from newsearch import sync

    caller = (701, 11, 12)
    seen = []
    before = gc.get_threshold()
    gc.set_threshold(*caller)
    try:
        with newsearch.create_index(tmp_path / "ix", engine=engine) as ix:
            ix.add([corpus_dir], progress=lambda *args: seen.append(gc.get_threshold()))
            assert seen and set(seen) == {sync.RUN_GC_THRESHOLD}
            assert gc.get_threshold() == caller

            def fail(*args):
                raise RuntimeError("stop")

            with pytest.raises(RuntimeError):
                ix.add([corpus_dir], progress=fail)
            assert gc.get_threshold() == caller
    finally:
        gc.set_threshold(*before)


def test_growing_batches_keep_the_writing_order(monkeypatch):
    """Batches to the worker pool start small and double (sync._Records): records reach the writer in the
    order the articles were put, whatever the batch sizes, with the updates' deletes before their adds."""
    from newsearch import sync
    from newsearch.models import Article

    class Writer:
        def __init__(self):
            self.calls = []

        def add(self, record):
            self.calls.append(("add", record["id"], record["headline"]))

        def delete(self, article_id):
            self.calls.append(("delete", article_id))

    monkeypatch.setattr(sync._Records, "FIRST_BATCH", 1)
    monkeypatch.setattr(sync._Records, "BATCH", 4)
    writer = Writer()
    records = sync._Records(None, writer, None, "off", workers=2)  # type: ignore[arg-type]
    sizes = []
    expected = []
    for n in range(23):
        article = Article(id=f"a{n}", headline=f"Story {n}", body=f"Body of story number {n} here.")
        sizes.append(records._batch_size)
        records.put(article, "file", update=n % 5 == 0)
        expected += [("delete", f"a{n}")] * (n % 5 == 0) + [("add", f"a{n}", f"Story {n}")]
    records.finish()
    assert sizes[:8] == [1, 2, 2, 4, 4, 4, 4, 4]
    assert writer.calls == expected


def test_the_workers_share_one_numpy_import(monkeypatch):
    """numpy (the signatures' vector path) is imported before the worker processes are forked, so that each
    worker does not import it again on its first long text (issue 15s)."""
    import multiprocessing

    from newsearch import dedupe, sync

    order = []
    monkeypatch.setattr(dedupe, "load_numpy", lambda: order.append("numpy"))
    real = multiprocessing.get_context

    def context(method=None):
        order.append("fork")
        return real(method)

    monkeypatch.setattr(sync.multiprocessing, "get_context", context)
    records = sync._Records(None, object(), None, "off", workers=2)  # type: ignore[arg-type]
    records.close()
    assert order == ["numpy", "fork"]


def test_with_workers_the_writing_process_encodes_no_tantivy_record(corpus_dir, tmp_path, monkeypatch):
    """An engine's ``preparer`` runs in the worker processes (tantivy: the stored JSON of each record): the
    writing process, the pipeline's busiest, holds back, analyses and stores that JSON as it is, never
    encoding a record itself (issue 15r)."""
    pytest.importorskip("tantivy")
    from newsearch import sync
    from newsearch.backends.tantivy import fields

    monkeypatch.setattr(sync, "PARALLEL_MIN_BYTES", 0)
    parent, calls = os.getpid(), []
    encode = fields.encode

    def counted(record):
        if os.getpid() == parent:  # (a worker's calls land in its own copy of the list anyway)
            calls.append(record["id"])
        return encode(record)

    monkeypatch.setattr(fields, "encode", counted)
    with newsearch.create_index(tmp_path / "ix", engine="tantivy") as ix:
        report = ix.add([corpus_dir], workers=2)
        assert report.added == len(ix) > 0
        assert ix.search("minister").total > 0
    assert calls == []
