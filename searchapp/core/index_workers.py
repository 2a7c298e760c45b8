"""Worker processes that analyse and index articles for a whole run.

An indexing run of many articles reads them in its own process and sends them,
a few at a time, to :class:`WorkerPool`'s processes, each writing its own Whoosh
segment with a :class:`~searchapp.core.segment_writer.BulkSegmentWriter`.
:class:`ParallelWriter` is the run's Whoosh writer: at a commit it asks every
worker for the segments it wrote and adds them to the index in one new
generation, with the deletions and merges of any Whoosh writer.

The workers live as long as the run, not one commit: a run commits every
25,000 articles, and a worker started afresh for each batch paid its start
(importing the dictionaries, ~1 s) and analysed the vocabulary again from an
empty cache each time.  A worker closes its segment and opens another once it
holds :data:`~searchapp.core.segment_writer.WORKER_POSTINGS` postings, so a long
rebuild (one commit) stays bounded in memory.

Workers are started with ``spawn`` (safe in the threaded window) and, when the
run is on the main thread, with SIGINT and SIGTERM ignored: Ctrl+C in a
terminal reaches the whole process group, and the run's own handler decides
what is committed.  A worker that fails or dies is an :class:`IndexingError`
in the run, never a batch silently lost; a worker whose run is gone ends
(:mod:`~searchapp.core.orphans`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import signal
import threading
import traceback
from typing import Any

from whoosh.writing import IndexingError, SegmentWriter

from searchapp.core.orphans import end_with_parent
from searchapp.core.reasons import Reason, ReasonKind
from searchapp.core.segment_writer import WORKER_POSTINGS, BulkSegmentWriter

JOB_DOCS = 25
"""Articles sent to a worker at a time."""
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_POLL = 0.5  # seconds between checks that the workers are alive while waiting on them


def _work(
    storage: Any,
    indexname: str,
    kwargs: dict[str, Any],
    segment_postings: int,
    jobs: Any,
    control: Any,
    results: Any,
) -> None:
    """A worker's loop: ``("docs", [fields…])`` adds articles to its segment;
    ``("finish",)`` puts what it wrote on ``results`` and waits on ``control``
    for ``"resume"`` or ``"stop"``; ``("stop",)`` ends it."""
    # Cycles are rare here and the postings held are millions of long-lived
    # objects that every pass of the cyclic collector walks again: it runs
    # once per segment written instead (5,430 articles: 237 → 285 articles/s
    # in bench/ab_index.py, three alternated runs).
    gc.disable()
    end_with_parent()
    try:
        ix = storage.open_index(indexname)
        writer: BulkSegmentWriter | None = None
        segments: list[Any] = []
        while True:
            job = jobs.get()
            if job[0] == "docs":
                if writer is None:
                    writer = BulkSegmentWriter(ix, _lk=False, **kwargs)
                for fields in job[1]:
                    writer.add_document(**fields)
                if writer.held >= segment_postings:
                    segments.append(writer._finalize_segment())
                    writer = None
                    gc.collect()
            elif job[0] == "finish":
                if writer is not None:
                    segments.append(writer._finalize_segment())
                    writer = None
                results.put(("segments", segments))
                segments = []
                if control.get() == "stop":
                    _exit_at_once(results)
                # The postings of the segment written are freed when the run
                # goes on, not while the run waits on the segment.
                gc.collect()
            else:
                _exit_at_once(results)
    except BaseException as exc:  # the run must hear of it, whatever it was
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        results.put(("error", detail))


def _exit_at_once(results: Any) -> None:
    """End a worker without freeing what it holds one object at a time (its
    postings and word caches: half a second of the end of a 5,430-article
    run), once what it put on ``results`` has been sent."""
    results.close()
    results.join_thread()
    os._exit(0)


class WorkerPool:
    """Indexing worker processes for one run (started at the first article)."""

    def __init__(
        self,
        storage: Any,
        indexname: str,
        procs: int,
        segment_postings: int = WORKER_POSTINGS,
        **writer_args: Any,
    ) -> None:
        self._args = (storage, indexname, writer_args, segment_postings)
        self._procs = procs
        self._ctx = multiprocessing.get_context("spawn")
        self._jobs: Any = self._ctx.Queue(procs * 4)
        self._results: Any = self._ctx.Queue()
        self._controls: list[Any] = []
        self.processes: list[Any] = []
        self._waiting = False  # every worker waits on its control queue after a finish
        self._ending = False  # close() has begun: its workers are ended, not asked

    def submit(self, docs: list[dict[str, Any]]) -> None:
        """Send articles' fields to whichever worker is free."""
        if not self.processes:
            self._start()
        if self._waiting:
            for control in self._controls:
                control.put("resume")
            self._waiting = False
        self._put(("docs", docs))

    def finish(self) -> list[Any]:
        """The segments every worker wrote since the last finish (they keep running);
        none once :meth:`close` has begun (a second Ctrl+C may have cut it short
        after it killed a worker)."""
        if not self.processes or self._waiting or self._ending:
            return []
        for _ in self.processes:
            self._put(("finish",))
        segments: list[Any] = []
        for _ in self.processes:
            kind, payload = self._result()
            if kind == "error":
                raise IndexingError(Reason(ReasonKind.WORKER_FAILED, payload))
            segments += payload
        self._waiting = True
        return segments

    def close(self, kill: bool = False) -> None:
        """End the workers: at once with ``kill`` (what they hold is dropped),
        as when one of them has ended already."""
        self._ending = True
        kill = kill or any(p.exitcode is not None for p in self.processes)
        if not kill:
            try:
                if self._waiting:
                    for control in self._controls:
                        control.put("stop")
                else:
                    for _ in self.processes:
                        self._jobs.put(("stop",), timeout=_POLL)
            except queue.Full:
                kill = True
        for process in self.processes:
            if not kill:
                process.join(timeout=10)
            if process.is_alive():
                process.kill()  # they ignore SIGTERM
            process.join()
        if kill:  # what is still in a queue's pipe must not hold the run's exit
            for q in (self._jobs, *self._controls):
                q.cancel_join_thread()
        self.processes = []

    def _start(self) -> None:
        storage, indexname, writer_args, segment_postings = self._args
        self._ending = False
        shield = threading.current_thread() is threading.main_thread()
        saved = {sig: signal.signal(sig, signal.SIG_IGN) for sig in _STOP_SIGNALS} if shield else {}
        try:
            for _ in range(self._procs):
                control = self._ctx.Queue()
                process = self._ctx.Process(
                    target=_work,
                    args=(storage, indexname, writer_args, segment_postings,
                          self._jobs, control, self._results),
                    daemon=True,
                )
                process.start()
                self._controls.append(control)
                self.processes.append(process)
        finally:
            for sig, handler in saved.items():
                signal.signal(sig, handler)

    def _put(self, job: tuple[Any, ...]) -> None:
        while True:
            try:
                self._jobs.put(job, timeout=_POLL)
                return
            except queue.Full:
                self._check_alive()

    def _result(self) -> tuple[str, Any]:
        while True:
            try:
                result: tuple[str, Any] = self._results.get(timeout=_POLL)
                return result
            except queue.Empty:
                self._check_alive()

    def _check_alive(self) -> None:
        ended = [p.exitcode for p in self.processes if p.exitcode is not None]
        if not ended:
            return
        try:
            kind, payload = self._results.get(timeout=_POLL)
        except queue.Empty:
            kind, payload = "", None
        if kind == "error":
            raise IndexingError(Reason(ReasonKind.WORKER_FAILED, payload))
        raise IndexingError(Reason(ReasonKind.WORKER_ENDED, ended[0]))


class ParallelWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh is checked as Any
    """A Whoosh writer whose articles are indexed by a :class:`WorkerPool`.

    Deletions, updates (delete, then add) and merges of small segments are
    Whoosh's own; a commit adds the workers' segments."""

    def __init__(self, ix: Any, pool: WorkerPool, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._pool = pool
        self._buffer: list[dict[str, Any]] = []
        self._sent = False

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        self._buffer.append(fields)
        if len(self._buffer) >= JOB_DOCS:
            self._send()

    def _send(self) -> None:
        if self._buffer:
            self._pool.submit(self._buffer)
            self._buffer = []
            self._sent = True

    def commit(self, mergetype: Any = None, optimize: Any = None, merge: Any = None) -> None:
        self._check_state()
        try:
            self._send()
            finalsegments = self._merge_segments(mergetype, optimize, merge)
            if self._sent:
                finalsegments += self._pool.finish()
            if self._added:
                finalsegments.append(self._finalize_segment())
            else:
                self._close_segment()
            self._commit_toc(finalsegments)
        except Exception:
            try:
                self._close_segment()  # its files, which Whoosh leaves open
            finally:
                self._cleanup_on_error()
            raise
        self._finish()

    def cancel(self) -> None:
        """Drop what this writer holds (the workers' segments included)."""
        self._buffer = []
        try:
            if self._sent:
                self._pool.finish()  # their files are removed by the next commit
        finally:
            super().cancel()
