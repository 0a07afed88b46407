"""Incremental sync of an index with its corpus folders through the engine seam's Writer: add, update, delete.

A run lists and hashes the corpus files, compares them with the manifest, reads only new and changed
files, and writes only articles whose content hash changed. The manifest is saved after the commit with
the index generation it describes; when the two disagree (a crash between commit and save), the manifest
is rebuilt from the index's own stored fields, so the index stays the single source of truth.

Engine-neutral: every engine is driven through ``Engine.writer()`` / ``Engine.reader()`` (backends.base).
Extraction and record building run in a bounded process pool for large runs.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import corpus, documents
from .backends.base import Engine, Record, Writer
from .manifest import FileEntry, Manifest
from .models import Article, Extraction, IndexReport, Ranking, Skipped

Progress = Callable[[int, int], None]
Extractor = Callable[[Article], Extraction]
log = logging.getLogger("newsearch")
# Below this many bytes of new or changed files, one process is faster than starting worker processes.
PARALLEL_MIN_BYTES = 4 * 1024 * 1024
_BOOKKEEPING = ("id", "file", "content_hash", "extraction")


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


def _under(key: str, roots: list[Path]) -> bool:
    for root in roots:
        r = str(root)
        if key == r or key.startswith(r.rstrip(os.sep) + os.sep):
            return True
    return False


def prepared(article: Article, file_key: str, extractor: Extractor | None, extraction_key: str) -> Record:
    """The record for one article, with its speakers, parties and quotes extracted."""
    found = extractor(article) if extractor is not None else None
    return documents.record(article, file_key, extraction_key, found)


_worker_job: tuple[Extractor | None, str] | None = None


def exit_when_orphaned(parent: int) -> None:
    """Exit this process as soon as its parent has gone (a thread's loop in a worker process)."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def _start_worker(extractor: Extractor | None, extraction_key: str) -> None:
    global _worker_job
    _worker_job = (extractor, extraction_key)
    threading.Thread(target=exit_when_orphaned, args=(os.getppid(),), daemon=True).start()


def _prepare_batch(batch: list[tuple[Article, str]]) -> list[Record]:
    extractor, key = _worker_job  # type: ignore[misc]
    return [prepared(article, file_key, extractor, key) for article, file_key in batch]


class _Records:
    """Extraction, signatures and record building, in worker processes for large runs.

    The writing order is the order of ``put``: batches go to a process pool and come back in turn, with
    at most ``window`` batches in flight so memory stays bounded however fast the readers run.
    """

    BATCH = 64

    def __init__(
        self, writer: Writer, extractor: Extractor | None, extraction_key: str, workers: int
    ) -> None:
        self._writer = writer
        self._extractor = extractor
        self._key = extraction_key
        self._batch: list[tuple[Article, str]] = []
        self._updates: list[bool] = []
        self._flight: deque[tuple[list[bool], Any]] = deque()
        self._window = 2 * workers
        self._pool: Any = None
        if workers > 1:
            ctx = multiprocessing.get_context("fork")
            self._pool = ctx.Pool(workers, initializer=_start_worker, initargs=(extractor, extraction_key))

    def put(self, article: Article, file_key: str, *, update: bool) -> None:
        if self._pool is None:
            self._write(update, prepared(article, file_key, self._extractor, self._key))
            return
        self._batch.append((article, file_key))
        self._updates.append(update)
        if len(self._batch) >= self.BATCH:
            self._submit()

    def _submit(self) -> None:
        if self._batch:
            self._flight.append((self._updates, self._pool.apply_async(_prepare_batch, (self._batch,))))
            self._batch, self._updates = [], []
        while len(self._flight) > self._window:
            self._drain_one()

    def _drain_one(self) -> None:
        updates, pending = self._flight.popleft()
        for update, rec in zip(updates, pending.get(), strict=True):
            self._write(update, rec)

    def _write(self, update: bool, rec: Record) -> None:
        if update:
            self._writer.delete(rec["id"])
        self._writer.add(rec)

    def delete(self, article_id: str) -> None:
        self._writer.delete(article_id)

    def finish(self) -> None:
        """Write everything still in flight."""
        if self._pool is not None:
            self._submit()
            while self._flight:
                self._drain_one()
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


@dataclass(frozen=True)
class _Job:
    folder: Path
    sources: list[corpus.SourceFile]
    roots: list[Path]
    extractor: Extractor | None
    extraction_key: str
    lock_timeout: float


def add(
    engine: Engine,
    folder: Path,
    roots: Iterable[Path],
    *,
    extractor: Extractor | None = None,
    lock_timeout: float = 10.0,
    progress: Progress | None = None,
    workers: int | None = None,
    extraction_key: str = "",
) -> IndexReport:
    """Bring the index in line with the files under ``roots``: add, update, remove; report what happened.

    With ``workers`` > 1 and enough changed text, extraction runs in worker processes and the engine may
    write with several processes too. After the commit the index's article count is checked against the
    manifest; any difference (Whoosh's parallel writer can drop documents, mchaput/whoosh#35) is repaired
    at once by a single-process pass.
    """
    started = time.perf_counter()
    roots = [Path(r) for r in roots]
    resolved_roots = [r.resolve() for r in roots if r.exists()]
    skipped: list[Skipped] = []
    sources: list[corpus.SourceFile] = []
    for item in corpus.discover(roots):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            sources.append(item)
    workers = default_workers() if workers is None else max(1, workers)
    changed = changed_bytes(engine, folder, sources, extraction_key)
    procs = workers if workers > 1 and changed >= PARALLEL_MIN_BYTES else 1
    job = _Job(folder, sources, resolved_roots, extractor, extraction_key, lock_timeout)
    report = _run(engine, job, skipped, progress, procs)
    if procs > 1 and engine.reader(Ranking()).doc_count() != _manifest_count(engine, folder):
        # Repair: the manifest is rebuilt from what the index really holds, so missing articles are re-added.
        Manifest(generation=-1, extraction=extraction_key).save(folder)
        repair = _run(engine, job, [], None, 1)
        report = replace(report, added=report.added - repair.added - repair.updated)
    return replace(report, elapsed=time.perf_counter() - started)


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
    engine: Engine, job: _Job, skipped: list[Skipped], progress: Progress | None, procs: int
) -> IndexReport:
    removed = engine.recover()
    if removed:
        log.warning(
            "%s: recovered from an interrupted run: removed %d leftover file(s) (%s)",
            job.folder,
            len(removed),
            ", ".join(removed[:5]) + (" …" if len(removed) > 5 else ""),
        )
    writer = engine.writer(timeout=job.lock_timeout, workers=procs)
    records = _Records(writer, job.extractor, job.extraction_key, procs)
    try:
        return _sync_files(engine, writer, job, list(skipped), progress, records)
    except BaseException:
        if not writer.closed:  # closed: the commit went through and a later step failed
            writer.cancel()
        raise
    finally:
        records.close()


def _sync_files(
    engine: Engine,
    writer: Writer,
    job: _Job,
    skipped: list[Skipped],
    progress: Progress | None,
    records: _Records,
) -> IndexReport:
    folder, sources, resolved_roots = job.folder, job.sources, job.roots
    manifest = load_manifest(engine, folder)
    # Stored speakers/parties came from another extractor or alias table: every article is rewritten.
    force = manifest.extraction != job.extraction_key
    seen_keys = {s.key for s in sources}
    owner = {aid: key for key, entry in manifest.files.items() for aid in entry.articles}
    counts = _Counts()
    changed = False

    # Files that are gone: their articles go too.
    for key in [k for k in manifest.files if k not in seen_keys and _under(k, resolved_roots)]:
        for aid in manifest.files.pop(key).articles:
            if owner.get(aid) == key:
                records.delete(aid)
                del owner[aid]
                counts.removed += 1
                changed = True

    total = len(sources)
    processed: set[str] = set()
    # Articles whose id another file, not read yet in this run, holds: that file may have dropped it (the
    # article moved to an earlier file), so they are settled once every file has been read.
    deferred: list[tuple[Article, corpus.SourceFile, FileEntry]] = []
    for done, source in enumerate(sources, start=1):
        if progress is not None:
            progress(done, total)
        processed.add(source.key)
        old = manifest.files.get(source.key)
        try:
            data = corpus.load(source)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            kept = " (its indexed articles are kept)" if old and old.articles else ""
            skipped.append(Skipped(source.rel, f"cannot read: {reason}{kept}"))
            continue
        digest = corpus.hash_bytes(data)
        if old is not None and old.hash == digest and not force:
            counts.unchanged += len(old.articles)
            skipped.extend(Skipped(source.rel, reason, record) for reason, record in old.skipped)
            continue
        entry = FileEntry(hash=digest, size=source.size, mtime_ns=source.mtime_ns)
        previous = dict(old.articles) if old else {}
        for item in corpus.read_file(source, data):
            if isinstance(item, Skipped):
                skipped.append(item)
                entry.skipped.append([item.reason, item.record])
                continue
            aid = item.id
            holder = owner.get(aid)
            if aid not in entry.articles and holder in seen_keys and holder not in processed:
                deferred.append((item, source, entry))
                continue
            if aid in entry.articles or (holder is not None and holder != source.key and holder in seen_keys):
                where = "earlier in this file" if aid in entry.articles else f"in {holder}"
                skipped.append(
                    Skipped(source.rel, f"duplicate article id {aid!r} (already {where})", item.record)
                )
                entry.skipped.append([skipped[-1].reason, item.record])
                continue
            entry.articles[aid] = item.content_hash
            if previous.get(aid) == item.content_hash and not force:
                counts.unchanged += 1
                continue
            records.put(item, source.key, update=holder is not None)
            if holder is not None:
                counts.updated += 1
                if holder != source.key and holder in manifest.files:
                    manifest.files[holder].articles.pop(aid, None)
            else:
                counts.added += 1
            owner[aid] = source.key
            changed = True
        for aid in previous.keys() - entry.articles.keys():
            if owner.get(aid) == source.key:
                records.delete(aid)
                del owner[aid]
                counts.removed += 1
                changed = True
        manifest.files[source.key] = entry

    for item, source, entry in deferred:
        aid = item.id
        if aid in owner:  # the other file still holds it (or an earlier deferred copy took it)
            reason = f"duplicate article id {aid!r} (already in {owner[aid]})"
            skipped.append(Skipped(source.rel, reason, item.record))
            entry.skipped.append([reason, item.record])
            continue
        # Its old file dropped it (and deleted it above): it lives on here.
        records.put(item, source.key, update=True)
        entry.articles[aid] = item.content_hash
        owner[aid] = source.key
        counts.removed -= 1
        counts.updated += 1
        changed = True

    records.finish()
    if changed:
        writer.commit()
    else:
        writer.cancel()
    manifest.extraction = job.extraction_key
    manifest.generation = engine.generation()
    manifest.save(folder)
    return IndexReport(
        added=counts.added,
        updated=counts.updated,
        removed=counts.removed,
        unchanged=counts.unchanged,
        skipped=tuple(skipped),
        files=len(sources),
    )
