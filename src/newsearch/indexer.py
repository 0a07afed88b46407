"""The one place that opens a Whoosh writer: incremental add / update / delete of articles.

A run lists and hashes the corpus files, compares them with the manifest, reads only new and changed
files, and writes only articles whose content hash changed. The manifest is saved after the commit with
the index generation it describes; when the two disagree (a crash between commit and save), the manifest
is rebuilt from the index's own stored fields, so the index stays the single source of truth.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from whoosh.index import LockError

from . import corpus, dedupe
from .errors import IndexLocked
from .manifest import FileEntry, Manifest
from .models import Article, Extraction, IndexReport, Skipped
from .schema import SCHEMA_VERSION

Progress = Callable[[int, int], None]
Extractor = Callable[[Article], Extraction]


@dataclass
class _Counts:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0


def load_manifest(ix, folder: Path) -> Manifest:
    """The manifest for the index's current generation, rebuilt from stored fields when stale."""
    manifest = Manifest.load(folder)
    generation = ix.latest_generation()
    if manifest is not None and manifest.generation == generation:
        return manifest
    rebuilt = Manifest(generation=generation)
    keys = set()
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            keys.add(fields.get("extraction", ""))
            key = fields.get("file")
            if not key:
                continue
            # Unknown file hash: the file is re-read next run, but unchanged articles are still not rewritten.
            entry = rebuilt.files.setdefault(key, FileEntry(hash="", size=-1, mtime_ns=-1))
            entry.articles[fields["id"]] = fields.get("content_hash", "")
    # One commit rewrites every article when the key changes, so the articles agree unless none exist.
    rebuilt.extraction = keys.pop() if len(keys) == 1 else ""
    return rebuilt


def _under(key: str, roots: list[Path]) -> bool:
    for root in roots:
        r = str(root)
        if key == r or key.startswith(r.rstrip(os.sep) + os.sep):
            return True
    return False


def document(article: Article, file_key: str, extraction_key: str = "") -> dict:
    """The stored/indexed fields of one article."""
    sig = dedupe.signature(article.body or article.headline)
    doc = {
        "id": article.id,
        "path": article.path,
        "file": file_key,
        "record": article.record,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "body": article.body,
        "subheads": "\n".join(article.subheads),
        "links": list(article.links),
        "speakers": ",".join(s.replace(",", " ") for s in article.speakers),
        "parties": ",".join(p.name.replace(",", " ") for p in article.parties),
        "party_kinds": [[p.name, p.kind] for p in article.parties],
        "party_keys": ",".join(f"{p.kind}:{p.name.replace(',', ' ')}" for p in article.parties),
        "quotes": [[q.text, q.speaker, q.speaker_label, q.position, q.direct] for q in article.quotes],
        "content_hash": article.content_hash,
        "dup_sig": list(sig),
        "dup_keys": ",".join(dedupe.band_keys(sig)),
        "extraction": extraction_key,
        "schema_version": SCHEMA_VERSION,
    }
    for name in ("source", "author", "url"):
        value = getattr(article, name)
        if value:
            doc[name] = value
    if article.date is not None:
        doc["date"] = article.date
    return doc


# Below this many bytes of new or changed files, one process is faster than starting sub-writers.
PARALLEL_MIN_BYTES = 4 * 1024 * 1024


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def add(
    ix,
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

    With ``workers`` > 1 and enough changed text, Whoosh sub-writer processes analyse and write postings
    while this process reads and extracts (each leaves its own segment: no merge at commit). After the
    commit the index's article count is checked against the manifest; any difference (Whoosh's parallel
    writer can drop documents, mchaput/whoosh#35) is repaired at once by a single-process pass.
    """
    started = time.perf_counter()
    roots = [Path(r) for r in roots]
    resolved_roots = [r.resolve() for r in roots if r.exists()]
    skipped: list[Skipped] = []
    sources: list[corpus.SourceFile] = []
    for item in corpus.discover(roots):
        (skipped if isinstance(item, Skipped) else sources).append(item)
    workers = default_workers() if workers is None else max(1, workers)
    changed = _changed_bytes(ix, folder, sources, extraction_key)
    procs = workers if workers > 1 and changed >= PARALLEL_MIN_BYTES else 1
    job = _Job(folder, sources, resolved_roots, extractor, extraction_key, lock_timeout)
    report = _run(ix, job, skipped, progress, procs)
    if procs > 1 and _article_count(ix) != _manifest_count(ix, folder):
        # Repair: the manifest is rebuilt from what the index really holds, so missing articles are re-added.
        Manifest(generation=-1, extraction=extraction_key).save(folder)
        repair = _run(ix, job, [], None, 1)
        report = replace(report, added=report.added - repair.added - repair.updated)
    return replace(report, elapsed=time.perf_counter() - started)


def _changed_bytes(ix, folder: Path, sources: list[corpus.SourceFile], extraction_key: str) -> int:
    """A cheap upper bound on the text to (re)index: sizes of files whose size or mtime changed."""
    manifest = Manifest.load(folder)
    stale = manifest is None or manifest.generation != ix.latest_generation()
    if stale or manifest.extraction != extraction_key:
        return sum(s.size for s in sources if s.size <= corpus.MAX_FILE_BYTES)
    total = 0
    for source in sources:
        entry = manifest.files.get(source.key)
        if entry is None or entry.size != source.size or entry.mtime_ns != source.mtime_ns:
            if source.size <= corpus.MAX_FILE_BYTES:  # refused unread: no work for sub-writers
                total += source.size * (8 if source.path.name.lower().endswith(".gz") else 1)
    return total


def _article_count(ix) -> int:
    with ix.searcher() as searcher:
        return searcher.doc_count()


def _manifest_count(ix, folder: Path) -> int:
    return sum(len(entry.articles) for entry in load_manifest(ix, folder).files.values())


@dataclass(frozen=True)
class _Job:
    folder: Path
    sources: list[corpus.SourceFile]
    roots: list[Path]
    extractor: Extractor | None
    extraction_key: str
    lock_timeout: float


def _run(ix, job: _Job, skipped: list[Skipped], progress: Progress | None, procs: int) -> IndexReport:
    options = {"procs": procs, "multisegment": True, "batchsize": 256} if procs > 1 else {}
    try:
        writer = ix.writer(timeout=job.lock_timeout, **options)
    except LockError:
        raise IndexLocked(
            f"{job.folder} is locked by another newsearch process (waited {job.lock_timeout:g}s); "
            "try again later"
        ) from None
    try:
        return _sync(ix, writer, job, list(skipped), progress)
    except BaseException:
        if not writer.is_closed:  # closed: the commit went through and a later step failed
            writer.cancel()
        raise


def _sync(ix, writer, job: _Job, skipped: list[Skipped], progress: Progress | None) -> IndexReport:
    folder, sources, resolved_roots, extractor = job.folder, job.sources, job.roots, job.extractor
    manifest = load_manifest(ix, folder)
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
                writer.delete_by_term("id", aid)
                del owner[aid]
                counts.removed += 1
                changed = True

    total = len(sources)
    for done, source in enumerate(sources, start=1):
        if progress is not None:
            progress(done, total)
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
            if extractor is not None:
                found = extractor(item)
                item = replace(item, speakers=found.speakers, parties=found.parties, quotes=found.quotes)
            if holder is not None:
                writer.update_document(**document(item, source.key, job.extraction_key))
                counts.updated += 1
                if holder != source.key and holder in manifest.files:
                    manifest.files[holder].articles.pop(aid, None)
            else:
                writer.add_document(**document(item, source.key, job.extraction_key))
                counts.added += 1
            owner[aid] = source.key
            changed = True
        for aid in previous.keys() - entry.articles.keys():
            if owner.get(aid) == source.key:
                writer.delete_by_term("id", aid)
                del owner[aid]
                counts.removed += 1
                changed = True
        manifest.files[source.key] = entry

    if changed:
        writer.commit()
    else:
        writer.cancel()
    manifest.extraction = job.extraction_key
    manifest.generation = ix.latest_generation()
    manifest.save(folder)
    return IndexReport(
        added=counts.added,
        updated=counts.updated,
        removed=counts.removed,
        unchanged=counts.unchanged,
        skipped=tuple(skipped),
        files=len(sources),
    )
