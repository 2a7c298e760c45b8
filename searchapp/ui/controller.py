"""The window's controller: searches and indexing runs off the GUI thread.

Searches carry a sequence number; an answer to anything but the newest
request is dropped.  Indexing runs one at a time on its own pool; its
:class:`~searchapp.core.progress.Progress` is polled with a QTimer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from searchapp.core import (
    ArticleView,
    IndexBusyError,
    IndexDamagedError,
    IndexMissingError,
    IndexReport,
    IndexStats,
    Progress,
    SearchesFirst,
    SearchRequest,
    SearchResponse,
    export_results,
    first_start_folders,
    forget_folder,
    index_folders,
    index_outdated,
    open_backend,
    update_index,
)
from searchapp.ui.i18n import Words, fill
from searchapp.ui.index_watcher import IndexWatcher
from searchapp.ui.reasons import error_text, export_error_text
from searchapp.ui.workers import Operation

DEBOUNCE_MS = 250
POLL_MS = 100


class SearchController(QObject):
    """Signals:

    * ``results(SearchResponse)`` — the answer to the newest search;
    * ``page(SearchResponse)`` — a further page of the current results;
    * ``searchFailed(Words)`` — a one-line message (missing or damaged index…);
    * ``article(ArticleView)`` — an article opened for reading;
    * ``similar((path, hits))`` — the articles most like it;
    * ``stats(IndexStats)`` — articles and sources in the index;
    * ``exported(int, str)``, ``exportFailed(Words)`` — an export's outcome;
    * ``indexingStarted()``, ``indexingProgress(Progress)``,
      ``indexingFinished(IndexReport)``, ``indexingFailed(Words)``; each batch a
      run commits is searched again (``results``, ``stats``) as it lands;
    * ``damaged(Words)`` — a search or a run met an unreadable index
      (:class:`IndexDamagedError`), with the core's message;
    * ``folderForgotten(str, int)`` — a folder taken off the index, and how
      many articles left with it;
    * ``indexChanged()`` — another process wrote the index or its folders
      (the newest search and the stats follow);
    * ``indexBusy(retry)`` — a run or a removal was refused: another process's
      run holds the index; ``retry()`` asks for it again (False: not now).
    """

    results = Signal(object)
    page = Signal(object)
    searchFailed = Signal(object)  # Words
    article = Signal(object)
    stats = Signal(object)
    indexingStarted = Signal()
    indexingProgress = Signal(object)
    indexingFinished = Signal(object)
    indexingFailed = Signal(object)  # Words
    damaged = Signal(object)  # Words
    similar = Signal(object)
    exported = Signal(int, str)
    exportFailed = Signal(object)  # Words
    folderForgotten = Signal(str, int)
    indexChanged = Signal()
    indexBusy = Signal(object)

    def __init__(self, index_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.index_dir = index_dir
        self.engine = open_backend(index_dir)
        self.request = SearchRequest()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._index_pool = QThreadPool(self)
        self._index_pool.setMaxThreadCount(1)
        self._ops: set[Operation] = set()
        self._closed = False
        self._seq = 0
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._run_search)
        self._progress: Progress | None = None
        self._commits_shown = 0  # the run's batches whose articles have been searched
        self.searches_first = SearchesFirst()
        """Held from a search's start until its answer is shown: a run waits meanwhile."""
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._emit_progress)
        self.index_watcher = IndexWatcher(index_dir, self)
        self.index_watcher.changed.connect(self._written_elsewhere)

    # -- searching -----------------------------------------------------------

    def search_later(self, request: SearchRequest) -> None:
        """Search after the debounce delay (typing)."""
        self.request = request
        self._debounce.start()

    def search_now(self, request: SearchRequest | None = None) -> None:
        if request is not None:
            self.request = request
        self._debounce.stop()
        self._run_search()

    def _submit(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        pool: QThreadPool | None = None,
        *,
        first: bool = False,
    ) -> None:
        """Run ``fn`` on a pool thread; the callbacks run on the GUI thread.

        ``first``: an indexing run waits from now until the callback has run
        (and the window has drawn what it was given)."""
        if self._closed:  # after shutdown: nothing new starts
            return
        gate = self.searches_first if first else None
        if gate is not None:
            gate.hold()

        def done(result: Any) -> None:
            self._ops.discard(op)
            try:
                on_success(result)
            finally:
                if gate is not None:
                    gate.release()

        def failed(exc: BaseException) -> None:
            self._ops.discard(op)
            try:
                on_failure(exc)
            finally:
                if gate is not None:
                    gate.release()

        op = Operation(fn, done, failed)
        self._ops.add(op)  # kept alive until its outcome arrives
        (pool or self._pool).start(op)

    def _run_search(self) -> None:
        self._seq += 1
        seq, req, engine = self._seq, self.request, self.engine
        self._submit(
            lambda: engine.search(req),
            lambda resp: self._answer(seq, resp),
            lambda exc: self._fail(seq, exc),
            first=True,
        )

    def _answer(self, seq: int, resp: SearchResponse) -> None:
        if seq == self._seq:  # a newer search was asked for: drop this one
            self.results.emit(resp)

    def _fail(self, seq: int, exc: BaseException) -> None:
        if seq != self._seq:
            return
        if isinstance(exc, IndexDamagedError):  # its details go to the rebuild dialog
            self.damaged.emit(lambda: error_text(exc))
            self.searchFailed.emit(lambda: self.tr(
                "The index is damaged: rebuild it (File ▸ Rebuild index)."))
        elif isinstance(exc, IndexMissingError):  # a cluster's included: no shard answers
            self.searchFailed.emit(lambda: error_text(exc))
        else:
            self.searchFailed.emit(lambda: fill(self.tr("Search failed: %1"), error_text(exc)))

    def fetch_page(self, offset: int) -> None:
        """Load the page of the current results that starts at ``offset``."""
        seq = self._seq
        req = dataclasses.replace(self.request, offset=offset, with_facets=False)
        engine = self.engine
        self._submit(
            lambda: engine.search(req),
            lambda resp: self.page.emit(resp) if seq == self._seq else None,
            lambda exc: None,
            first=True,
        )

    def open_article(self, path: str) -> None:
        """Look up the article at ``path``, then the articles most like it:
        ``article`` is always emitted before its ``similar``."""
        query, names, engine = self.request.query, self.request.names, self.engine

        def opened(view: object) -> None:
            if not isinstance(view, ArticleView):
                return
            self.article.emit(view)
            self._submit(
                lambda: (path, engine.similar(path)),
                lambda found: self.similar.emit(found),
                lambda exc: self.similar.emit((path, ())),
            )

        self._submit(
            lambda: engine.article(path, query, names=names),
            opened,
            lambda exc: self.searchFailed.emit(lambda: error_text(exc)),
            first=True,
        )

    def export(self, path: Path) -> None:
        """Write the current results (all pages, with the filters) to CSV or JSON."""
        req, engine = self.request, self.engine
        self._submit(
            lambda: export_results(engine, req, path),
            lambda n: self.exported.emit(n, str(path)),
            lambda exc: self.exportFailed.emit(lambda: fill(
                self.tr("Could not export to %1: %2"), str(path), export_error_text(exc))),
        )

    def refresh_stats(self) -> None:
        engine = self.engine
        self._submit(engine.stats, self._got_stats, lambda exc: None)

    def _got_stats(self, stats: IndexStats) -> None:
        self.stats.emit(stats)

    # -- indexing ------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while any search, page, article or indexing run is under way."""
        return bool(self._ops) or self._debounce.isActive()

    @property
    def indexing(self) -> bool:
        return self._progress is not None

    def folders(self) -> list[Path]:
        """The folders of the index (a small file in it; read on the GUI thread)."""
        return index_folders(self.index_dir)

    def searchable(self) -> bool:
        """True when there is an index this version of searchapp can search."""
        return self.engine.exists() and not index_outdated(self.index_dir)

    def first_start_folders(self) -> list[Path]:
        """The bundled seeds for the default index's first start, else nothing."""
        return first_start_folders(self.index_dir)

    def start_indexing(self, roots: Sequence[Path] | None = None, rebuild: bool = False) -> bool:
        """Start a run unless one is going (or the window is closing); False if not.

        ``roots`` are added to the index's folders; ``None`` brings every
        folder of the index up to date."""
        if self._progress is not None or self._closed:
            return False
        progress = self._progress = Progress(gate=self.searches_first)
        self._commits_shown = 0
        index_dir = self.index_dir
        todo = None if roots is None else list(roots)
        self._submit(
            lambda: update_index(index_dir, todo, rebuild=rebuild, progress=progress),
            self._indexed,
            lambda exc: self._index_failed(
                exc, retry=lambda: self.start_indexing(todo, rebuild=rebuild)),
            self._index_pool,
        )
        self._poll.start()
        self.indexingStarted.emit()
        return True

    def forget_folder(self, folder: Path) -> bool:
        """Take ``folder`` off the index (its articles leave it), on the
        indexing pool; False if a run is going."""
        if self._progress is not None or self._closed:
            return False
        index_dir = self.index_dir
        self._submit(
            lambda: forget_folder(index_dir, folder),
            lambda removed: self._forgotten(folder, removed),
            lambda exc: self._index_failed(
                exc, lambda: self.tr("The folder was not removed: %1"),
                retry=lambda: self.forget_folder(folder)),
            self._index_pool,
        )
        return True

    def _forgotten(self, folder: Path, removed: int) -> None:
        self.index_watcher.accept()
        self.folderForgotten.emit(str(folder), removed)
        self.refresh_stats()
        self.search_now()

    def cancel_indexing(self) -> None:
        if self._progress is not None:
            self._progress.cancel()

    def _emit_progress(self) -> None:
        progress = self._progress
        if progress is None:
            return
        self.indexingProgress.emit(progress)
        if progress.commits != self._commits_shown and progress.phase == "indexing":
            self._commits_shown = progress.commits  # a batch can be searched: show it
            self.refresh_stats()
            self.search_now()

    def _end_indexing(self) -> None:
        self._poll.stop()
        self._progress = None

    def _written_elsewhere(self) -> None:
        """Another process (``searchapp index``, a second window) committed to
        the index or changed its folders: show the index as it is now."""
        if self.indexing:
            return  # this window's run shows its batches, and everything at its end
        self.indexChanged.emit()
        self.refresh_stats()
        self.search_now()

    def _indexed(self, report: IndexReport) -> None:
        self.index_watcher.accept()
        self._end_indexing()
        self.indexingFinished.emit(report)
        self.refresh_stats()
        self.search_now()

    def _index_failed(self, exc: BaseException, words: Words | None = None,
                      retry: Callable[[], bool] | None = None) -> None:
        """A run (or the removal of a folder: ``words``, its message with %1 for
        the error's) that raised ``exc``; ``retry`` asks for it again."""
        self._end_indexing()
        if isinstance(exc, IndexBusyError):  # the window words it, and asks again later
            self.indexBusy.emit(retry or (lambda: False))
        else:
            frame = words or (lambda: self.tr("Indexing failed: %1"))
            self.indexingFailed.emit(lambda: fill(frame(), error_text(exc)))
        if isinstance(exc, IndexDamagedError):
            self.damaged.emit(lambda: error_text(exc))

    def shutdown(self) -> None:
        """Stop indexing (keeping what was committed) and wait for the workers."""
        self._closed = True
        self.index_watcher.stop()
        self.cancel_indexing()
        self._debounce.stop()
        self._index_pool.waitForDone(30_000)
        self._pool.waitForDone(10_000)
        self.engine.close()
