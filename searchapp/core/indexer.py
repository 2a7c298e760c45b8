"""Incremental indexing of article folders.

One run: scan the folders, compare each file's modification time and size
with what the index holds, read and index new and changed files, drop the
ones that vanished.  Work is committed in batches, so a run that is killed
keeps every batch it committed and the next run picks up the rest; a
cancelled run commits what it has.  A rebuild writes the new index in one
transaction that replaces the old one only when it completes.

Only one run may write an index at a time: a second one gets
:class:`~searchapp.core.errors.IndexBusyError`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import Index, LockError
from whoosh.writing import CLEAR, IndexWriter

from searchapp.core import folders, store
from searchapp.core.backend import is_cluster_file
from searchapp.core.cluster.config import require_xapian
from searchapp.core.errors import IndexDamagedError, IndexMissingError, ReadError
from searchapp.core.index_workers import ParallelWriter, WorkerPool
from searchapp.core.ingest import iter_article_files, read_article, walker
from searchapp.core.paths import SEEDS_DIR, is_default_index
from searchapp.core.progress import IndexReport, Progress
from searchapp.core.reasons import Reason, ReasonKind, os_error_args
from searchapp.core.schema import (
    DATE,
    MTIME,
    PATH,
    READER_VERSION,
    SIZE,
    SOURCE,
    SOURCE_TEXT,
    Fingerprint,
    whoosh_fields,
)
from searchapp.core.segment_writer import BulkSegmentWriter

BATCH_DOCS = 2000
BATCH_SECONDS = 20.0
WRITER_MB = 256
# Segments stay separate files (compound=False): Whoosh reads the postings and
# term files of a *compound* segment into memory when it opens it (~3 MB per
# 1,000 articles), separate files are read through the OS cache.
# Large runs read articles here and have them analysed and indexed by two
# worker processes that live for the whole run (core/index_workers.py), each
# writing its own segments.
# A commit every 25,000 articles or 2 minutes: each commit closes every worker's
# segment, and fewer, larger segments are cheaper to write (a term shared by two
# segments is written twice) and to search (10,000 took 6 % more CPU on 39,440
# articles, in 8 segments instead of 4).  The first batch into an empty index is
# committed after 2,000 articles or 20 seconds all the same (_batch_limits).
PARALLEL_MIN_DOCS = 1000
PARALLEL_BATCH_DOCS = 25_000
PARALLEL_BATCH_SECONDS = 120.0


def update_index(
    index_dir: Path,
    roots: Sequence[Path] | None = None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> IndexReport:
    """Bring the index at ``index_dir`` up to date.

    ``roots`` (folders or files) are added to the index's folders and brought
    up to date; ``None`` brings every folder of the index up to date, and so
    does ``rebuild``, which re-reads them all into a new index that replaces
    the old one when it is complete.  A cancelled run (:meth:`Progress.cancel`)
    commits what it has analysed, except a rebuild, which leaves the old index
    as it was.  An index made by an older reader (its recorded
    :data:`~searchapp.core.schema.READER_VERSION`) has every file read again by
    its next run over all its folders, and records this reader's version once
    that run is complete.

    Raises :class:`UsageError` for a root that does not exist, or is the
    index folder or inside it (before anything is created),
    :class:`IndexLocationError` for an index folder that cannot be written,
    :class:`IndexBusyError` when another run holds the index, and
    :class:`IndexDamagedError` when the index cannot be read (unless
    ``rebuild`` is set, which replaces it).
    """
    if is_cluster_file(index_dir):  # a Xapian cluster (needs the [cluster] extra)
        require_xapian()
        from searchapp.core.cluster.xapian_index import update_cluster

        return update_cluster(index_dir, roots, rebuild=rebuild, progress=progress)
    progress = progress or Progress()
    report = IndexReport()
    started = time.perf_counter()
    new_roots = walker.new_roots(roots, index_dir)
    store.prepare_dir(index_dir)
    lock = store.run_lock(index_dir)
    if not lock.acquire(blocking=False):
        raise store.busy_error(index_dir)
    try:
        store.clean_leftovers(index_dir)  # of runs killed or stopped before
        known_folders = index_folders(index_dir)
        every_folder = folders.merged(known_folders, new_roots)
        if every_folder != folders.stored(index_dir):
            folders.save(index_dir, every_folder)
        fresh = not store.is_current(index_dir) or (rebuild and _damaged(index_dir))
        if fresh:
            store.create(index_dir)
            report.rebuilt = True
            rebuild = False
            roots = None  # a new index: every folder
        run_roots = every_folder if roots is None or rebuild else new_roots
        reread = store.read_reader_version(index_dir) != READER_VERSION
        ix = store.open_index(index_dir)
        try:
            if not fresh and not rebuild:  # (a rebuild checked it above) a run that finds
                # nothing to do still says so of a damaged index
                store.check_readable(ix, index_dir)
            _run(ix, index_dir, run_roots, rebuild, progress, report, reread=reread, fresh=fresh)
        finally:
            ix.close()
        if reread and not report.cancelled and run_roots == every_folder and all(
                root.exists() for root in every_folder):  # a missing folder was not re-read
            store.write_meta(index_dir)  # every file was read by this reader
            report.reread = True
        if unread := folders.unread_files(new_roots, known_folders, report.failed):
            folders.save(index_dir, [f for f in every_folder if f not in unread])
        if report.cancelled:
            store.clean_leftovers(index_dir)  # what the abandoned writer wrote
    finally:
        lock.release()
    progress.phase = "done"
    report.seconds = time.perf_counter() - started
    return report


def index_folders(index_dir: Path) -> list[Path]:
    """The folders of the index: its saved list, or for an index made before
    the list was kept, the folders its articles come from."""
    if is_cluster_file(index_dir):
        require_xapian()
        from searchapp.core.cluster.xapian_index import cluster_folders

        return cluster_folders(index_dir)
    saved = folders.stored(index_dir)
    if saved is not None:
        return saved
    return folders.learn(_stored_paths(index_dir))


def index_state(index_dir: Path) -> object:
    """A value that changes when a run (in any process) commits to the index
    at ``index_dir`` or its folders change; a cluster's is always the same
    (its shards live on other machines)."""
    return None if is_cluster_file(index_dir) else store.state(index_dir)


def run_going(index_dir: Path) -> bool:
    """True while an indexing run (of any process) holds the index at
    ``index_dir``: a window whose run was refused as busy waits for this to
    turn False.  A look takes the run lock for an instant (a run that starts in
    that instant is refused as busy); a cluster's is never said to be held."""
    if is_cluster_file(index_dir) or not index_dir.is_dir():
        return False
    lock = store.run_lock(index_dir)
    try:
        if not lock.acquire(blocking=False):
            return True
    except OSError:  # a lock file that cannot be opened: no run of ours holds it
        return False
    lock.release()
    return False


def index_outdated(index_dir: Path) -> bool:
    """True when the index at ``index_dir`` was made by another version of
    searchapp: it cannot be searched, and the next run over its folders makes
    it anew (a cluster is never: its shards record the reader and analysis
    that made them and have their files read again)."""
    return not is_cluster_file(index_dir) and store.is_outdated(index_dir)


def first_start_folders(index_dir: Path) -> list[Path]:
    """The bundled seeds for the default index on its first start; nothing
    for any other index (it gets exactly what its user adds)."""
    first_start = folders.stored(index_dir) is None and not store.index_exists(index_dir)
    return [SEEDS_DIR] if first_start and is_default_index(index_dir) else []


def forget_folder(index_dir: Path, folder: Path) -> int:
    """Take ``folder`` off the index's folders and its articles out of the
    index (those that no other folder of the index holds).  Returns how many
    articles left.  Raises :class:`UsageError` if the index has no such folder."""
    if is_cluster_file(index_dir):
        require_xapian()
        from searchapp.core.cluster.xapian_index import forget_cluster_folder

        return forget_cluster_folder(index_dir, folder)
    folder = folders.normalise(folder)
    if not index_dir.is_dir():
        raise IndexMissingError(Reason(ReasonKind.NO_INDEX, index_dir))
    store.require_writable(index_dir)
    lock = store.run_lock(index_dir)
    if not lock.acquire(blocking=False):
        raise store.busy_error(index_dir)
    try:
        store.clean_leftovers(index_dir)
        remaining = folders.without(index_folders(index_dir), folder, "index")
        removed = 0
        if store.index_exists(index_dir):
            ix = store.open_index(index_dir)
            try:
                doomed = [
                    p for p in indexed_fingerprints(ix) if folders.only_in(folder, remaining, p)
                ]
                if doomed:
                    writer = _writer(ix, index_dir)
                    try:
                        for path in doomed:
                            writer.delete_by_term(PATH, path)
                        writer.commit()
                    except BaseException:
                        writer.cancel()
                        raise
                removed = len(doomed)
            finally:
                ix.close()
        folders.save(index_dir, remaining)
        return removed
    finally:
        lock.release()


def _stored_paths(index_dir: Path) -> list[str]:
    """Paths of the articles in the index, whatever its schema version; none
    if there is no readable index."""
    if not store.index_exists(index_dir):
        return []
    try:
        ix = whoosh_index.open_dir(str(index_dir), indexname=store.INDEX_NAME)
        try:
            with ix.searcher() as searcher:
                reader = searcher.reader()
                if reader.doc_count() == 0:
                    return []
                if reader.has_column(PATH):  # not the stored bodies: fast at 100k
                    paths = reader.column_reader(PATH)
                    return [paths[d] for d in reader.all_doc_ids()]
                return [fields[PATH] for fields in searcher.all_stored_fields()]
        finally:
            ix.close()
    except Exception:
        return []


def _damaged(index_dir: Path) -> bool:
    try:
        ix = store.open_index(index_dir)
        try:
            store.check_readable(ix, index_dir)
        finally:
            ix.close()
    except IndexDamagedError:
        return True
    return False


def _run(
    ix: Index,
    index_dir: Path,
    roots: list[Path],
    rebuild: bool,
    progress: Progress,
    report: IndexReport,
    *,
    reread: bool = False,
    fresh: bool = False,
) -> None:
    """Index what changed in ``roots`` (with ``reread``, every file: the index
    was made by an older reader; ``fresh``: the index was made anew, its old
    articles gone)."""
    progress.phase = "scanning"
    try:
        known = {} if rebuild else indexed_fingerprints(ix, progress)
    except Exception as exc:
        raise store.damaged_error(index_dir, str(exc)) from exc
    on_disk: dict[str, Fingerprint] = {}
    live_roots = [r for r in roots if r.exists()]
    # A rebuild carries over the articles of a folder that is not there (an
    # unplugged disk) as they were indexed: their files cannot be read again.
    kept = _indexed_under(ix, [r for r in roots if not r.exists()], live_roots) if rebuild else []
    for root in roots:
        if not root.exists():
            report.warnings.append(
                (str(root), folders.MISSING_FRESH if fresh else folders.MISSING_KEPT))
    blind: list[Path] = []  # folders that could not be listed: their articles stay
    for path in iter_article_files(live_roots, skipped=report.not_read, problems=report.failed,
                                   blind=blind, saved_pages=report.saved_pages):
        if progress.stopped():
            report.cancelled = True
            return
        key = os.path.abspath(path)
        if not _valid_name(key):
            report.failed.append((printable(key), Reason(ReasonKind.BAD_FILE_NAME)))
            continue
        try:
            st = path.stat()
        except OSError as exc:
            report.failed.append((key, Reason(ReasonKind.OS_ERROR, *os_error_args(exc))))
            continue
        on_disk[key] = (st.st_mtime_ns, st.st_size)

    todo = [p for p, fp in on_disk.items() if reread or known.get(p) != fp]
    gone = [p for p in known if p not in on_disk and folders.looked_into(p, live_roots, blind)]
    report.unchanged = len(on_disk) - len(todo)
    progress.total = len(todo)
    progress.phase = "indexing"

    if not todo and not gone and not rebuild:
        return  # nothing changed: no writer, no new index generation
    procs = min(2, os.cpu_count() or 1) if len(todo) >= PARALLEL_MIN_DOCS else 1
    pool = WorkerPool(ix.storage, ix.indexname, procs, limitmb=WRITER_MB // procs,
                      compound=False) if procs > 1 else None
    try:
        _write(ix, index_dir, _Changes(todo, gone, known, on_disk, kept), rebuild, pool,
               progress, report)
    finally:
        if pool:
            pool.close()


@dataclass(frozen=True, slots=True)
class _Changes:
    """What a run's scan found."""

    todo: list[str]  # files to read: new or changed
    gone: list[str]  # indexed articles whose files are gone
    known: dict[str, Fingerprint]  # what the index holds
    on_disk: dict[str, Fingerprint]  # what the folders hold
    kept: list[dict[str, object]]  # a rebuild's articles of missing folders, as indexed


def _write(
    ix: Index,
    index_dir: Path,
    changes: _Changes,
    rebuild: bool,
    pool: WorkerPool | None,
    progress: Progress,
    report: IndexReport,
) -> None:
    """Index ``changes`` in batches (one transaction for a rebuild), with
    ``pool``'s workers or in this process."""
    todo, gone, known, on_disk = changes.todo, changes.gone, changes.known, changes.on_disk
    batch_docs, batch_seconds = _batch_limits(pool, first_in_empty=not known)
    writer = _writer(ix, index_dir, pool)
    # Counts of what the open writer holds, kept in the report once committed.
    added = updated = 0
    unread: set[str] = set()  # files that could not be read in this run
    try:
        for fields in changes.kept:
            writer.add_document(**fields)
        report.unchanged += len(changes.kept)
        for p in gone:
            writer.delete_by_term(PATH, p)
        report.removed = len(gone)
        pending = len(gone)
        last_commit = time.monotonic()
        for key in todo:
            if progress.stopped():
                report.cancelled = True
                break
            progress.current = key
            try:
                article = read_article(Path(key))
            except ReadError as exc:
                report.failed.append((key, exc.reason))
                unread.add(key)
            except Exception as exc:
                report.failed.append(
                    (key, Reason(ReasonKind.READER_FAILED, type(exc).__name__, exc)))
                unread.add(key)
            else:
                report.warnings += [(key, warning) for warning in article.warnings]
                fields = whoosh_fields(article, on_disk[key])
                if key in known:
                    writer.update_document(**fields)
                    updated += 1
                else:
                    writer.add_document(**fields)
                    added += 1
                pending += 1
            progress.advance()
            batch_full = pending >= batch_docs or time.monotonic() - last_commit > batch_seconds
            if batch_full and not rebuild:
                progress.phase = "committing"
                writer.commit()
                report.added, report.updated = report.added + added, report.updated + updated
                added = updated = 0
                writer = _writer(ix, index_dir, pool)
                progress.commits += 1
                progress.phase = "indexing"
                pending, last_commit = 0, time.monotonic()
                batch_docs, batch_seconds = _batch_limits(pool, first_in_empty=False)
        progress.phase = "committing"
        if rebuild and report.cancelled:
            _abandon(writer, pool)
            report.removed = 0
        elif rebuild:
            # A file indexed before and unreadable now (emptied, damaged) keeps
            # its last indexed version, as it does in a run that is no rebuild.
            for fields in _indexed(ix, unread.__contains__) if unread else ():
                writer.add_document(**fields)
                report.unchanged += 1
            writer.commit(mergetype=CLEAR)
            progress.commits += 1
            report.added, report.updated = added, updated
            report.rebuilt = True
        else:
            writer.commit()
            progress.commits += 1
            report.added, report.updated = report.added + added, report.updated + updated
    except BaseException:
        _abandon(writer, pool)
        raise


def _batch_limits(pool: WorkerPool | None, *, first_in_empty: bool) -> tuple[int, float]:
    """Articles and seconds between commits.  The first batch into an empty
    index is committed as soon as a run in this process would commit it, so
    that a first run over a large folder can be searched within seconds."""
    if pool is None:
        return BATCH_DOCS, BATCH_SECONDS
    if first_in_empty:
        return min(BATCH_DOCS, PARALLEL_BATCH_DOCS), min(BATCH_SECONDS, PARALLEL_BATCH_SECONDS)
    return PARALLEL_BATCH_DOCS, PARALLEL_BATCH_SECONDS


def _valid_name(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(path: str) -> str:
    """A path that can be printed and stored even if its bytes are not UTF-8."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _writer(ix: Index, index_dir: Path, pool: WorkerPool | None = None) -> IndexWriter:
    try:
        if pool:
            return ParallelWriter(ix, pool, limitmb=WRITER_MB, compound=False)
        return BulkSegmentWriter(ix, limitmb=WRITER_MB, compound=False)
    except LockError:
        raise store.busy_error(index_dir) from None


def _abandon(writer: IndexWriter, pool: WorkerPool | None = None) -> None:
    """Cancel a writer; the workers (and what they hold) end at once."""
    try:
        if pool:
            pool.close(kill=True)
    finally:
        if not writer.is_closed:  # a failed commit has closed it already
            writer.cancel()


def _indexed_under(ix: Index, missing: list[Path], live: list[Path]) -> list[dict[str, object]]:
    """The Whoosh fields of the articles in ``missing`` folders (and in none
    of ``live``), rebuilt from what the index stores and its columns."""
    if not missing:
        return []
    return _indexed(ix, lambda path: any(folders.covers(m, path) for m in missing) and not any(
        folders.covers(r, path) for r in live))


def _indexed(ix: Index, wanted: Callable[[str], bool]) -> list[dict[str, object]]:
    """The Whoosh fields of the indexed articles whose path is ``wanted``, as
    indexed: what the index stores and its columns (the file's fingerprint
    too, so the next run reads a file that has changed since)."""
    found: list[dict[str, object]] = []
    with ix.searcher() as searcher:
        for reader, _offset in searcher.reader().leaf_readers():
            if not reader.doc_count_all():
                continue
            columns = {name: list(reader.column_reader(name)) for name in (DATE, MTIME, SIZE)}
            for d in reader.all_doc_ids():
                fields = dict(reader.stored_fields(d))
                if wanted(str(fields[PATH])):
                    found.append(fields | {name: values[d] for name, values in columns.items()}
                                 | {SOURCE_TEXT: fields.get(SOURCE, "")})
    return found


def indexed_fingerprints(ix: Index, progress: Progress | None = None) -> dict[str, Fingerprint]:
    """``path → (mtime_ns, size)`` of every article in the index, from columns
    read whole, a segment at a time (100,000 articles: 0.40–0.61 s, against
    0.71–0.81 looked up one article at a time through the index's reader);
    ``progress``'s gate is passed before each segment, so that a search need
    not wait on the rest."""
    known: dict[str, Fingerprint] = {}
    with ix.searcher() as searcher:
        for reader, _offset in searcher.reader().leaf_readers():
            if not reader.doc_count_all():  # an empty index's reader has no columns
                continue
            if progress is not None:
                progress.stopped()  # a cancelled run is seen by the scan that follows
            paths, mtimes, sizes = (list(reader.column_reader(name))
                                    for name in (PATH, MTIME, SIZE))
            if reader.has_deletions():
                for d in reader.all_doc_ids():
                    known[paths[d]] = (mtimes[d], sizes[d])
            else:
                known.update(zip(paths, zip(mtimes, sizes, strict=True), strict=True))
    return known

