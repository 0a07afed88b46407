"""Incremental sync of an index with its corpus folders through the engine seam's Writer: add, update, delete.

A run lists and hashes the corpus files, compares them with the manifest, reads only new and changed
files, and writes only articles whose content hash changed. The manifest is saved after the commit with
the index generation it describes; when the two disagree (a crash between commit and save), the manifest
is rebuilt from the index's own stored fields, so the index stays the single source of truth.

Engine-neutral: every engine is driven through ``Engine.writer()`` / ``Engine.reader()`` (backends.base).
Extraction and record building run in a bounded process pool for large runs.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import corpus, dedupe, documents
from .backends.base import Engine, Record, Writer
from .corpus import ids
from .corpus.notes import Note, summarize
from .manifest import FileEntry, Manifest, load_roots, remove_abandoned_temps, save_roots
from .models import Article, Conflict, Extraction, FileNotice, IndexReport, Ranking, Skipped
from .progress import IndexProgress, reporter

Progress = Callable[..., None]  # progress(files_done, files_total[, IndexProgress]): see newsearch.progress
Extractor = Callable[[Article], Extraction]
# An engine's optional ``preparer()`` gives one: what the worker processes make of each record for the writer
# (``Writer.add(record, prepared)``), so that work leaves the one writing process. With it an engine may name
# ``prepared_needs``, the record fields its writer reads beside the prepared value: the workers then send
# back only those (and the sync's own), not the whole record (tantivy: the stored JSON holds the rest).
Preparer = Callable[[Record], Any]
log = logging.getLogger("newsearch")
# The cyclic garbage collector's thresholds during a run (Python's default is (700, 10, 10)): a run makes
# millions of short-lived, acyclic objects (tokens, records), which the default counts as a reason to collect
# every 700 allocations. Reuters on tantivy, compiled, two alternated pairs (load 1.5): CPU 14.0/13.9 ->
# 13.7/13.8 s with extraction, 5.9/6.0 -> 5.7/5.9 without. Restored when the run ends.
RUN_GC_THRESHOLD = (10_000, 10, 10)
# Below this many bytes of new or changed files, one process is faster than starting worker processes.
PARALLEL_MIN_BYTES = 4 * 1024 * 1024
_BOOKKEEPING = ("id", "file", "content_hash", "extraction")


class RunNames:
    """The speaker and party-key values of every article a run wrote (by id; deleted ones dropped), for the
    index-wide merges of names (``Searcher.save_merges``) to be worked out without reading every stored
    document back after the commit (Reuters: 0.3-0.6 s of a build, serial).

    ``generation``: the commit they describe in full, set only when the run started on an empty index (and
    needed no repair pass); None otherwise, and then they must not be used.

    ``work``: what the caller will make of the values (picklable, e.g. a module function): a run with worker
    processes hands it to one of them once every record is written, so that it runs beside the commit
    instead of after it (Reuters: the merges of names, ~0.4-0.7 s of CPU). ``result`` is its answer, None
    when it did not run or failed (the caller then works it out itself).
    """

    def __init__(self, work: Callable[[dict], Any] | None = None) -> None:
        self.values: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self.generation: int | None = None
        self.work = work
        self.result: Any = None
        self._pending: Any = None

    FIELDS = ("party_keys", "speakers")  # what add reads

    def add(self, rec: Record) -> None:
        self.values[rec["id"]] = (
            tuple(v for v in rec.get("party_keys") or () if v),
            tuple(v for v in rec.get("speakers") or () if v),
        )

    def delete(self, article_id: str) -> None:
        self.values.pop(article_id, None)

    def start(self, pool: Any) -> None:
        if self.work is not None:
            self._pending = pool.apply_async(self.work, (self.values,))

    def settle(self) -> None:
        """Take the answer of :meth:`start`'s work (before its pool closes)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            try:
                self.result = pending.get()
            except Exception as exc:  # worked out again by the caller: nothing is lost
                log.debug("the names' work failed in a worker process (%s); done again", exc)


@dataclass
class _Counts:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def load_manifest(engine: Engine, folder: Path) -> Manifest:
    """The manifest for the index's current generation, rebuilt from stored fields when stale."""
    manifest = Manifest.load(folder)
    generation = engine.generation()
    if manifest is not None and manifest.generation == generation:
        return manifest
    rebuilt = Manifest(generation=generation)
    keys = set()
    for stored in engine.reader(Ranking()).documents(_BOOKKEEPING):
        keys.add(stored.get("extraction") or "")
        key = stored.get("file")
        if not key:
            continue
        # Unknown file hash: the file is re-read next run, but unchanged articles are still not rewritten.
        entry = rebuilt.files.setdefault(key, FileEntry(hash="", size=-1, mtime_ns=-1))
        entry.articles[stored["id"]] = stored.get("content_hash") or ""
    # One commit rewrites every article when the key changes, so the articles agree unless none exist.
    rebuilt.extraction = keys.pop() if len(keys) == 1 else ""
    return rebuilt


def prepared(article: Article, file_key: str, extractor: Extractor | None, extraction_key: str) -> Record:
    """The record for one article, with its speakers, parties and quotes extracted."""
    found = extractor(article) if extractor is not None else None
    return documents.record(article, file_key, extraction_key, found)


_worker_job: tuple[Extractor | None, str, Preparer | None, tuple[str, ...] | None] | None = None


def exit_when_orphaned(parent: int) -> None:
    """Exit this process as soon as ``parent`` is no longer its parent (a thread's loop in a worker process).

    Worker processes inherit the index's write lock: one that outlived a killed indexer would hold it for
    good. ``parent`` is the pid the parent had before the fork, passed down from it: read in the worker
    with ``os.getppid()`` it is already the reaper's pid when the parent died before the worker's first
    line ran (a loaded machine can take seconds to schedule a new process), and the worker then waited
    forever.
    """
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def watch_parent(parent: int) -> None:
    """Start :func:`exit_when_orphaned` in a daemon thread of this worker process."""
    threading.Thread(target=exit_when_orphaned, args=(parent,), daemon=True).start()


def _start_worker(
    extractor: Extractor | None,
    extraction_key: str,
    parent: int,
    preparer: Preparer | None,
    needs: tuple[str, ...] | None,
) -> None:
    global _worker_job
    _worker_job = (extractor, extraction_key, preparer, needs)
    # What the fork copied (modules, the parent's objects) moves to the collector's permanent generation:
    # the worker's collections then skip it (and leave its pages shared). Reuters, children's CPU in five
    # alternated in-process builds: lower in all five, by 0.2-0.9 s of ~9-10 s.
    gc.freeze()
    watch_parent(parent)


def _prepare_batch(batch: list[tuple[Article, str]]) -> list[tuple[Record, Any]]:
    extractor, key, preparer, needs = _worker_job  # type: ignore[misc]
    out: list[tuple[Record, Any]] = []
    for article, file_key in batch:
        rec = prepared(article, file_key, extractor, key)
        if preparer is None:
            out.append((rec, None))
        elif needs is None:
            out.append((rec, preparer(rec)))
        else:  # the pipe and the writing process's unpickling carry only what is read there
            out.append(({name: rec[name] for name in needs if name in rec}, preparer(rec)))
    return out


class _Records:
    """Extraction, signatures and record building, in worker processes for large runs.

    The writing order is the order of ``put``: batches go to a process pool and come back in turn, with
    at most ``window`` batches in flight so memory stays bounded however fast the readers run.

    Batches start at ``FIRST_BATCH`` articles, so the workers start early, and double up to ``BATCH``:
    every batch costs the writing process a fixed overhead (the pool's hand-offs between its threads and
    the pipe), measured on Reuters at ~1 ms a batch of 16 and more for larger ones; 64-article batches
    cost that process 314-330 us of CPU a story without extraction and 470-477 with it, 512-article ones
    294 and 411-417.

    An engine with a ``preparer()`` (tantivy: the stored JSON) has the workers run it on each record too,
    and its writer takes the answer with the record (only the fields named by the engine's
    ``prepared_needs`` and the sync's own, when it names them): the writing process, which reads, keeps the
    books, analyses and adds, is the pipeline's busiest (issue 15r).
    """

    FIRST_BATCH = 64
    BATCH = 512

    def __init__(
        self,
        engine: Engine,
        writer: Writer,
        extractor: Extractor | None,
        extraction_key: str,
        workers: int,
        names: RunNames | None = None,
    ) -> None:
        self._engine = engine
        self._names = names
        # A writer's optional idle(): a little of its own work, done while the workers have no batch ready.
        self._idle: Callable[[], bool] | None = getattr(writer, "idle", None)
        self._writer = writer
        self._extractor = extractor
        self._key = extraction_key
        self._batch: list[tuple[Article, str]] = []
        self._updates: list[bool] = []
        self._flight: deque[tuple[list[bool], Any]] = deque()
        self._window = 2 * workers
        self._batch_size = self.FIRST_BATCH
        self._pool: Any = None
        if workers > 1:
            preparer = getattr(engine, "preparer", None)
            prepare = preparer() if preparer is not None else None
            needs = getattr(engine, "prepared_needs", None) if prepare is not None else None
            if needs is not None:
                needs = tuple(dict.fromkeys(("id", *RunNames.FIELDS, *needs)))
            job = (extractor, extraction_key, os.getpid(), prepare, needs)
            # Each worker's first long text would import numpy (the signatures' vector path): ~0.1 s CPU in
            # each, with the BLAS threads it starts. Imported here, before the fork, the workers share this
            # process's import, which it makes anyway when NLTK is installed beside numpy (issue 15s).
            dedupe.load_numpy()
            ctx = multiprocessing.get_context("fork")
            self._pool = ctx.Pool(workers, initializer=_start_worker, initargs=job)

    def put(self, article: Article, file_key: str, *, update: bool) -> None:
        if self._pool is None:
            self._write(update, prepared(article, file_key, self._extractor, self._key))
            return
        self._batch.append((article, file_key))
        self._updates.append(update)
        if len(self._batch) >= self._batch_size:
            self._submit()

    def _submit(self) -> None:
        if self._batch:
            self._flight.append((self._updates, self._pool.apply_async(_prepare_batch, (self._batch,))))
            self._batch, self._updates = [], []
            self._batch_size = min(2 * self._batch_size, self.BATCH)
        while len(self._flight) > self._window:
            self._drain_one()

    def _drain_one(self) -> None:
        updates, pending = self._flight.popleft()
        if self._idle is not None:
            while not pending.ready() and self._idle():
                pass  # the writer works ahead (e.g. analysis it would otherwise do at the commit)
        for update, (rec, ready) in zip(updates, pending.get(), strict=True):
            self._write(update, rec, ready)

    def _write(self, update: bool, rec: Record, ready: Any = None) -> None:
        if update:
            self._writer.delete(rec["id"])
        if ready is None:
            self._writer.add(rec)
        else:
            self._writer.add(rec, ready)  # type: ignore[call-arg]  # an engine with a preparer takes it
        if self._names is not None:
            self._names.add(rec)

    def stored_record(self, article_id: str) -> int | None:
        """The record number stored with an article written before this run (for conflict messages)."""
        reader = self._engine.reader(Ranking())
        doc = reader.find(article_id)
        return reader.stored(doc).get("record") if doc is not None else None

    def delete(self, article_id: str) -> None:
        self._writer.delete(article_id)
        if self._names is not None:
            self._names.delete(article_id)

    def finish(self) -> None:
        """Write everything still in flight; then hand the run's names to an idle worker process, if the
        caller asked for work on them (:class:`RunNames`; the pool then stays open until :meth:`close`)."""
        if self._pool is not None:
            self._submit()
            while self._flight:
                self._drain_one()
            if self._names is not None and self._names.work is not None:
                self._names.start(self._pool)
                return
        self.close()

    def close(self) -> None:
        if self._names is not None:
            self._names.settle()
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


@dataclass(frozen=True)
class _Job:
    folder: Path
    sources: list[corpus.SourceFile]
    placement: ids.Placement
    extractor: Extractor | None
    extraction_key: str
    lock_timeout: float


def add(
    engine: Engine,
    folder: Path,
    plan: corpus.Plan,
    *,
    extractor: Extractor | None = None,
    lock_timeout: float = 10.0,
    progress: Progress | None = None,
    workers: int | None = None,
    extraction_key: str = "",
    names: RunNames | None = None,
) -> IndexReport:
    """Bring the index in line with the files of ``plan`` (see :func:`newsearch.corpus.plan`): add, update,
    and remove what is gone under the paths named; report what happened.

    With ``workers`` > 1 and enough changed text, extraction runs in worker processes and the engine may
    write with several processes too. After the commit the index's article count is checked against the
    manifest; any difference (Whoosh's parallel writer can drop documents, mchaput/whoosh#35) is repaired
    at once by a single-process pass.

    ``names``: filled with the speaker and party-key values of what the run wrote (see :class:`RunNames`).
    """
    started = time.perf_counter()
    sources = plan.sources
    workers = default_workers() if workers is None else max(1, workers)
    changed = changed_bytes(engine, folder, sources, extraction_key)
    procs = workers if workers > 1 and changed >= PARALLEL_MIN_BYTES else 1
    job = _Job(folder, sources, plan.placement, extractor, extraction_key, lock_timeout)
    empty = names is not None and engine.reader(Ranking()).doc_count() == 0
    report = _run(engine, job, plan.skipped, progress, procs, names if empty else None)
    if empty and names is not None:
        names.generation = engine.generation()
    if procs > 1 and engine.reader(Ranking()).doc_count() != _manifest_count(engine, folder):
        if names is not None:
            names.generation = None
        # Repair: the manifest is rebuilt from what the index really holds, so missing articles are re-added.
        Manifest(generation=-1, extraction=extraction_key).save(folder)
        repair = _run(engine, job, [], None, 1)
        report = replace(report, added=report.added - repair.added - repair.updated)
    return replace(
        report,
        not_read=plan.not_read,
        notices=tuple(plan.placement.notices) + report.notices,
        elapsed=time.perf_counter() - started,
    )


def changed_bytes(engine: Engine, folder: Path, sources: list[corpus.SourceFile], extraction_key: str) -> int:
    """An estimate of the text to (re)index: the sizes of new files, or of all files when everything is
    rewritten. A known file that changed usually carries a few edited records among many unchanged ones
    (those cost parsing, not writing), so it does not count: starting worker processes and leaving extra
    segments for a handful of updates costs more than it saves."""
    manifest = Manifest.load(folder)
    if (
        manifest is None
        or manifest.generation != engine.generation()
        or manifest.extraction != extraction_key
    ):
        return sum(s.size for s in sources if s.size <= corpus.MAX_FILE_BYTES)
    total = 0
    for source in sources:
        if source.size > corpus.MAX_FILE_BYTES:
            continue  # refused unread: no work for the workers
        if source.key not in manifest.files:
            total += source.size * (8 if source.path.name.lower().endswith(".gz") else 1)
    return total


def _manifest_count(engine: Engine, folder: Path) -> int:
    return sum(len(entry.articles) for entry in load_manifest(engine, folder).files.values())


def _run(
    engine: Engine,
    job: _Job,
    skipped: list[Skipped],
    progress: Progress | None,
    procs: int,
    names: RunNames | None = None,
) -> IndexReport:
    writer = engine.writer(timeout=job.lock_timeout, workers=procs)
    records = None
    before = gc.get_threshold()
    gc.set_threshold(*RUN_GC_THRESHOLD)  # the worker processes forked below inherit it
    try:
        _report_recovered(job.folder, writer.recovered + remove_abandoned_temps(job.folder))
        records = _Records(engine, writer, job.extractor, job.extraction_key, procs, names)
        return _SyncRun(engine, writer, job, records, list(skipped)).sync(progress)
    except BaseException:
        if not writer.closed:  # closed: the commit went through and a later step failed
            writer.cancel()
        raise
    finally:
        gc.set_threshold(*before)
        if records is not None:
            records.close()


def _report_recovered(folder: Path, removed: list[str]) -> None:
    if removed:
        log.warning(
            "%s: recovered from an interrupted run: removed %d leftover file(s) (%s)",
            folder,
            len(removed),
            ", ".join(removed[:5]) + (" …" if len(removed) > 5 else ""),
        )


class _SyncRun:
    """One sync of the named paths: which articles to add, update, remove, and what to report.

    Who gets an id is decided by :mod:`newsearch.corpus.ids` (``claim``, ``fallback_id``); this class keeps
    the books (manifest, owners, counts) and drives the writer.
    """

    def __init__(
        self, engine: Engine, writer: Writer, job: _Job, docs: _Records, skipped: list[Skipped]
    ) -> None:
        self.engine, self.writer, self.job, self.docs, self.skipped = engine, writer, job, docs, skipped
        self.manifest = load_manifest(engine, job.folder)
        if load_roots(job.folder) != job.placement.roots:
            # New or moved roots are saved before the commit: a crash after it must not lose them.
            save_roots(job.folder, job.placement.roots)
        # Stored speakers/parties came from another extractor or alias table: every article is rewritten.
        self.force = self.manifest.extraction != job.extraction_key
        self.owner = {aid: key for key, entry in self.manifest.files.items() for aid in entry.articles}
        self.record_of: dict[str, int | None] = {}  # record numbers of the articles read in this run
        self.pending = {s.key for s in job.sources}  # files of this run not read yet
        self.counts = _Counts()
        self.changed = False
        self.conflicts: list[Conflict] = []
        self.notices: list[FileNotice] = []
        # Articles whose id another file, not read yet in this run, holds: that file may have dropped it (the
        # article moved to an earlier file), so they are settled once every file has been read.
        self.deferred: list[tuple[Article, corpus.SourceFile, FileEntry, dict]] = []

    def sync(self, progress: Progress | None) -> IndexReport:
        job, manifest = self.job, self.manifest
        seen = set(self.pending)
        for key in [k for k in manifest.files if k not in seen and job.placement.in_scope(k)]:
            for aid in manifest.files.pop(key).articles:  # files that are gone: their articles go too
                self._drop(aid, key)
        tell = reporter(progress)
        total = len(job.sources)
        for done, source in enumerate(job.sources, start=1):
            tell(IndexProgress(done, total, self._read()))
            self._file(source)
        for item, source, entry, previous in self.deferred:
            self._settle(item, source, entry, previous)
        for _, source, entry, previous in {id(d[2]): d for d in self.deferred}.values():
            self._drop_unclaimed(source.key, entry, previous)
        tell(IndexProgress(total, total, self._read(), "committing"))
        self.docs.finish()
        if self.changed:

            def writing(written: int, to_write: int) -> None:
                tell(IndexProgress(total, total, self._read(), "committing", written, to_write))

            self.writer.commit(progress=writing if progress is not None else None)
        else:
            self.writer.cancel()
        manifest.extraction = job.extraction_key
        manifest.generation = self.engine.generation()
        manifest.save(job.folder)
        return IndexReport(
            added=self.counts.added,
            updated=self.counts.updated,
            removed=self.counts.removed,
            unchanged=self.counts.unchanged,
            skipped=tuple(self.skipped),
            files=total,
            conflicts=tuple(self.conflicts),
            dates_unparsed=sum(n.count for n in self.notices if n.kind == "dates-unparsed"),
            notices=tuple(self.notices),
        )

    def _read(self) -> int:
        return self.counts.added + self.counts.updated + self.counts.unchanged

    def _file(self, source: corpus.SourceFile) -> None:
        self.pending.discard(source.key)
        old = self.manifest.files.get(source.key)
        try:
            data = corpus.load(source)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            kept = " (its indexed articles are kept)" if old and old.articles else ""
            self.skipped.append(Skipped(source.rel, f"cannot read: {reason}{kept}"))
            return
        digest = corpus.hash_bytes(data)
        if fingerprint := source.settings.fingerprint():
            digest = f"{digest}:{fingerprint}"  # read with other settings: read again
        if source.forced:
            digest += ":forced"  # read even if it looks like no article: read again when that changes
        # A file with conflicts is always read again: the record holding its ids may have let them go.
        if (
            old is not None
            and old.hash == digest
            and not self.force
            and not old.conflicts
            and not source.stdin
        ):
            self.counts.unchanged += len(old.articles)
            self.skipped.extend(Skipped(source.rel, reason, record) for reason, record in old.skipped)
            self.notices.extend(FileNotice(**{**n, "records": tuple(n["records"])}) for n in old.notices)
            return
        entry = FileEntry(hash=digest, size=source.size, mtime_ns=source.mtime_ns)
        previous = dict(old.articles) if old else {}
        notes: list[Note] = []
        waiting = len(self.deferred)
        for item in corpus.read_file(source, data):
            if isinstance(item, Note):
                notes.append(item)
            elif isinstance(item, Skipped):
                self.skipped.append(item)
                entry.skipped.append([item.reason, item.record])
            else:
                self._article(item, source, entry, previous)
        if source.stdin:
            entry.articles = previous | entry.articles  # standard input adds; it never removes
        if len(self.deferred) == waiting:  # else once its deferred claims are settled
            self._drop_unclaimed(source.key, entry, previous)
        found = summarize(notes)
        entry.notices = [dataclasses.asdict(n) for n in found]
        self.notices.extend(found)
        self.manifest.files[source.key] = entry

    def _article(self, item: Article, source: corpus.SourceFile, entry: FileEntry, previous: dict) -> None:
        if source.stdin and not ids.has_own_id(item):
            item = replace(item, id=ids.stdin_id(item))
        aid = item.id
        holder = self.owner.get(aid)
        verdict = ids.claim(
            aid,
            source.key,
            holder=holder,
            earlier_in_file=aid in entry.articles,
            holder_pending=holder in self.pending,
        )
        if verdict is ids.Claim.WAIT:
            self.deferred.append((item, source, entry, previous))
            return
        if verdict is ids.Claim.CONFLICT:
            item = self._conflict(item, source, entry, source.key if aid in entry.articles else str(holder))
        self._take(item, source, entry, previous)

    def _settle(self, item: Article, source: corpus.SourceFile, entry: FileEntry, previous: dict) -> None:
        """A deferred claim, once every file has been read."""
        holder = self.owner.get(item.id)
        if holder is None:
            # Its old file dropped it (and deleted it): it lives on here, as an update rather than a removal.
            self.docs.put(item, source.key, update=True)
            entry.articles[item.id] = item.content_hash
            self.owner[item.id] = source.key
            self.record_of[item.id] = item.record
            self.counts.removed -= 1
            self.counts.updated += 1
            self.changed = True
            return
        item = self._conflict(item, source, entry, holder)
        self._take(item, source, entry, previous)

    def _conflict(self, item: Article, source: corpus.SourceFile, entry: FileEntry, holder: str) -> Article:
        """Another record holds the id: this one is kept under another id, and the clash is reported."""
        aid = item.id

        def taken(candidate: str) -> bool:
            return self.owner.get(candidate) not in (None, source.key) or candidate in entry.articles

        new = ids.fallback_id(item, taken)
        record = self.record_of[aid] if aid in self.record_of else self.docs.stored_record(aid)
        conflict = Conflict(aid, new, source.rel, item.record, holder, record)
        self.conflicts.append(conflict)
        entry.conflicts.append([aid, new, item.record])
        return replace(item, id=new)

    def _take(self, item: Article, source: corpus.SourceFile, entry: FileEntry, previous: dict) -> None:
        aid = item.id
        holder = self.owner.get(aid)
        entry.articles[aid] = item.content_hash
        self.record_of[aid] = item.record
        if previous.get(aid) == item.content_hash and holder == source.key and not self.force:
            self.counts.unchanged += 1
            return
        self.docs.put(item, source.key, update=holder is not None)
        if holder is not None:
            self.counts.updated += 1
            if holder != source.key and holder in self.manifest.files:
                self.manifest.files[holder].articles.pop(aid, None)
        else:
            self.counts.added += 1
        self.owner[aid] = source.key
        self.changed = True

    def _drop_unclaimed(self, key: str, entry: FileEntry, previous: dict) -> None:
        """The articles a re-read file no longer holds go."""
        for aid in previous.keys() - entry.articles.keys():
            self._drop(aid, key)

    def _drop(self, aid: str, key: str) -> None:
        if self.owner.get(aid) == key:
            self.docs.delete(aid)
            del self.owner[aid]
            self.counts.removed += 1
            self.changed = True
