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
from collections.abc import Sequence
from pathlib import Path

from whoosh.index import Index, LockError
from whoosh.writing import CLEAR, IndexWriter

from searchapp.core import store
from searchapp.core.article import Article
from searchapp.core.errors import IndexDamagedError, ReadError
from searchapp.core.ingest import iter_article_files, read_article
from searchapp.core.progress import IndexReport, Progress

BATCH_DOCS = 2000
BATCH_SECONDS = 20.0
WRITER_MB = 256
# Segments stay separate files (compound=False): Whoosh reads the postings and
# term files of a *compound* segment into memory when it opens it (~3 MB per
# 1,000 articles), separate files are read through the OS cache.
# Whoosh's posting machinery is the bottleneck: for large runs, articles are
# read here and analysed and indexed by two worker processes (started with
# "spawn", safe in a threaded Qt app), each writing its own segment.
PARALLEL_MIN_DOCS = 1000
PARALLEL_BATCH_DOCS = 10_000
PARALLEL_BATCH_SECONDS = 120.0

Fingerprint = tuple[int, int]


def update_index(
    index_dir: Path,
    roots: Sequence[Path],
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> IndexReport:
    """Bring the index at ``index_dir`` up to date with the files under ``roots``.

    Raises :class:`IndexBusyError` when another run holds the index, and
    :class:`IndexDamagedError` when the index cannot be read (unless
    ``rebuild`` is set, which replaces it).
    """
    progress = progress or Progress()
    report = IndexReport()
    started = time.perf_counter()
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = store.run_lock(index_dir)
    if not lock.acquire(blocking=False):
        raise store.busy_error(index_dir)
    try:
        if not store.is_current(index_dir) or (rebuild and _damaged(index_dir)):
            store.create(index_dir)
            report.rebuilt = True
            rebuild = False
        ix = store.open_index(index_dir)
        try:
            _run(ix, index_dir, [Path(r) for r in roots], rebuild, progress, report)
        finally:
            ix.close()
    finally:
        lock.release()
    progress.phase = "done"
    report.seconds = time.perf_counter() - started
    return report


def _damaged(index_dir: Path) -> bool:
    try:
        store.open_index(index_dir).close()
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
) -> None:
    progress.phase = "scanning"
    try:
        known = {} if rebuild else indexed_fingerprints(ix)
    except Exception as exc:
        raise IndexDamagedError(
            f"The index at {index_dir} is damaged ({exc}): "
            "rebuild it with 'searchapp index --rebuild'"
        ) from exc
    on_disk: dict[str, Fingerprint] = {}
    for root in roots:
        if not root.exists():
            report.failed.append((str(root), "folder not found (its articles are kept)"))
    live_roots = [r for r in roots if r.exists()]
    for path in iter_article_files(live_roots, skipped=report.not_read):
        if progress.cancelled:
            report.cancelled = True
            return
        key = os.path.abspath(path)
        if not _valid_name(key):
            report.failed.append((printable(key), "file name is not valid UTF-8: rename it"))
            continue
        try:
            st = path.stat()
        except OSError as exc:
            report.failed.append((key, exc.strerror or str(exc)))
            continue
        on_disk[key] = (st.st_mtime_ns, st.st_size)

    todo = [p for p, fp in on_disk.items() if known.get(p) != fp]
    prefixes = tuple(os.path.join(os.path.abspath(r), "") for r in live_roots)
    files = {os.path.abspath(r) for r in live_roots if r.is_file()}
    gone = [
        p for p in known if p not in on_disk and (p.startswith(prefixes) or p in files)
    ]
    report.unchanged = len(on_disk) - len(todo)
    progress.total = len(todo)
    progress.phase = "indexing"

    if not todo and not gone and not rebuild:
        return  # nothing changed: no writer, no new index generation
    procs = min(2, os.cpu_count() or 1) if len(todo) >= PARALLEL_MIN_DOCS else 1
    batch_docs = PARALLEL_BATCH_DOCS if procs > 1 else BATCH_DOCS
    batch_seconds = PARALLEL_BATCH_SECONDS if procs > 1 else BATCH_SECONDS
    writer = _writer(ix, index_dir, procs)
    try:
        for p in gone:
            writer.delete_by_term("path", p)
        report.removed = len(gone)
        pending = len(gone)
        last_commit = time.monotonic()
        for key in todo:
            if progress.cancelled:
                report.cancelled = True
                break
            progress.current = key
            try:
                article = read_article(Path(key))
            except ReadError as exc:
                report.failed.append((key, exc.reason))
            except Exception as exc:
                report.failed.append((key, f"could not be read ({type(exc).__name__}: {exc})"))
            else:
                report.warnings += [(key, warning) for warning in article.warnings]
                fields = document_fields(article, on_disk[key])
                if key in known:
                    writer.update_document(**fields)
                    report.updated += 1
                else:
                    writer.add_document(**fields)
                    report.added += 1
                pending += 1
            progress.done += 1
            batch_full = pending >= batch_docs or time.monotonic() - last_commit > batch_seconds
            if batch_full and not rebuild:
                progress.phase = "committing"
                writer.commit()
                writer = _writer(ix, index_dir, procs)
                progress.phase = "indexing"
                pending, last_commit = 0, time.monotonic()
        progress.phase = "committing"
        if rebuild and report.cancelled:
            writer.cancel()
            report.added = report.updated = report.removed = 0
        elif rebuild:
            writer.commit(mergetype=CLEAR)
            report.rebuilt = True
        else:
            writer.commit()
    except BaseException:
        writer.cancel()
        raise


def _valid_name(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(path: str) -> str:
    """A path that can be printed and stored even if its bytes are not UTF-8."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _writer(ix: Index, index_dir: Path, procs: int = 1) -> IndexWriter:
    try:
        if procs > 1:
            try:
                return ix.writer(
                    procs=procs,
                    multisegment=True,
                    start_method="spawn",
                    limitmb=WRITER_MB // procs,
                    compound=False,
                )
            except TypeError:  # whoosh-reloaded has no start_method: stay serial
                pass
        return ix.writer(limitmb=WRITER_MB, compound=False)
    except LockError:
        raise store.busy_error(index_dir) from None


def indexed_fingerprints(ix: Index) -> dict[str, Fingerprint]:
    """``path → (mtime_ns, size)`` of every article in the index, from columns."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        if reader.doc_count() == 0:
            return {}
        paths = reader.column_reader("path")
        mtimes = reader.column_reader("mtime")
        sizes = reader.column_reader("size")
        return {
            paths[d]: (mtimes[d], sizes[d]) for d in reader.all_doc_ids()
        }


def document_fields(article: Article, fingerprint: Fingerprint) -> dict[str, object]:
    """The Whoosh fields of one article."""
    return {
        "path": article.path,
        "title": article.title,
        "body": article.body,
        "source": article.source,
        "source_text": article.source,
        "lang": article.lang,
        "date": article.date.toordinal() if article.date else 0,
        "mtime": fingerprint[0],
        "size": fingerprint[1],
        "url": article.url,
    }
