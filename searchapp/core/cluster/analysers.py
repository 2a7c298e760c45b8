"""Reading and analysing articles for a cluster, in one process per core.

Analysis (pymorphy3 lemmas, stems, name keys) is most of an indexing run's
time and holds the GIL, so a big run hands jobs of :data:`JOB_DOCS` files to a
pool of "spawn" processes (safe in the threaded window) that return finished
Xapian documents, serialised; the caller sends them to their shards in the
order of the files.  A few jobs are in flight per process, so they go on
while the caller waits on the shards' commits, and a cancelled run does not
wait for them: its processes are killed.  The processes ignore SIGINT and SIGTERM (Ctrl+C
in a terminal reaches the whole process group: the run's own handler decides)
and are killed when the caller stops reading (a worker that dies ends the
run with one line; what was sent is kept), and end by themselves when the
caller is gone (:mod:`~searchapp.core.orphans`).  A small run is analysed in
the calling process: starting the pool costs more than it saves.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import signal
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import xapian

from searchapp.core.cluster.documents import make_document
from searchapp.core.errors import ReadError, SearchappError
from searchapp.core.ingest import read_article
from searchapp.core.orphans import end_with_parent
from searchapp.core.progress import Progress
from searchapp.core.reasons import Reason, ReasonKind

JOB_DOCS = 25
PARALLEL_MIN_DOCS = 400  # fewer files are analysed in the calling process
IN_FLIGHT_PER_PROCESS = 8  # enough queued to keep them busy while the shards commit

Job = Sequence[tuple[str, tuple[int, int]]]
Done = tuple[str, xapian.Document | None, str | None]  # path, document, why not


def analysers() -> int:
    """How many processes analyse a big run: one per core."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


def analysed(files: Job, progress: Progress) -> Generator[Done, None, None]:
    """``(path, document or None, reason it could not be read)`` for each of
    ``files`` (path, fingerprint), in their order."""
    procs = analysers() if len(files) >= PARALLEL_MIN_DOCS else 1
    if procs <= 1:
        for path, fingerprint in files:
            yield _analyse(path, fingerprint)
        return
    jobs = iter([files[i:i + JOB_DOCS] for i in range(0, len(files), JOB_DOCS)])
    executor = ProcessPoolExecutor(
        procs, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker
    )
    try:
        pending: collections.deque[Future[list[tuple[str, bytes | None, str | None]]]]
        pending = collections.deque()
        for _ in range(procs * IN_FLIGHT_PER_PROCESS):
            job = next(jobs, None)
            if job is not None:
                pending.append(executor.submit(_analyse_job, job))
        while pending:
            done = pending.popleft().result()
            job = None if progress.cancelled else next(jobs, None)
            if job is not None:
                pending.append(executor.submit(_analyse_job, job))
            for path, data, failure in done:
                yield path, xapian.Document.unserialise(data) if data else None, failure
    except BrokenProcessPool:
        raise SearchappError(
            "an analysing process ended unexpectedly: what was sent to the shards is kept; "
            "run again"
        ) from None
    finally:
        _stop(executor)


def _stop(executor: ProcessPoolExecutor) -> None:
    """End the workers now: they ignore SIGTERM (see the module's docstring), so
    they are killed (``_processes`` is the executor's private list of them)."""
    for proc in list(getattr(executor, "_processes", {}).values()):
        proc.kill()
    executor.shutdown(wait=True, cancel_futures=True)


def _analyse(path: str, fingerprint: tuple[int, int]) -> Done:
    try:
        article = read_article(Path(path))
    except ReadError as exc:
        return path, None, exc.reason
    except Exception as exc:  # a reader's bug must not end the run
        return path, None, Reason(ReasonKind.READER_FAILED, type(exc).__name__, exc)
    return path, make_document(article, fingerprint), None


def _analyse_job(job: Job) -> list[tuple[str, bytes | None, str | None]]:
    """A worker's job: its documents serialised (Xapian documents do not pickle)."""
    out: list[tuple[str, bytes | None, str | None]] = []
    for path, fingerprint in job:
        path, doc, failure = _analyse(path, fingerprint)
        out.append((path, doc.serialise() if doc is not None else None, failure))
    return out


def _start_worker() -> None:
    end_with_parent()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
