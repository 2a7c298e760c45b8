"""The main window: search bar, facets, results, reading pane, status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QElapsedTimer, QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from searchapp import __version__
from searchapp.core import (
    PAGE_SIZE,
    IndexStats,
    NoticeKind,
    SearchRequest,
    SearchResponse,
    Sort,
)
from searchapp.ui import i18n
from searchapp.ui.controller import SearchController
from searchapp.ui.dialogs import syntax_help
from searchapp.ui.facets import FacetPanel, lang_names, source_label
from searchapp.ui.folder_runs import FolderRuns
from searchapp.ui.folder_watcher import WatchProblem
from searchapp.ui.i18n import Words
from searchapp.ui.index_status import IndexStatus
from searchapp.ui.query_bar import QueryBar
from searchapp.ui.reading_pane import ReadingPane
from searchapp.ui.reasons import error_text
from searchapp.ui.results_delegate import ResultDelegate
from searchapp.ui.results_model import PathRole, ResultsModel
from searchapp.ui.results_view import ResultsView

WATCH_PROBLEMS_MS = 30_000  # how long the status bar says a folder is not watched


class MainWindow(QMainWindow):
    def __init__(self, index_dir: Path, settings: QSettings, initial_query: str | None = None):
        super().__init__()
        self.settings = settings
        self.controller = SearchController(index_dir, self)
        self.runs = FolderRuns(self.controller, self)
        self.watcher = self.runs.watcher
        self.last_response: SearchResponse | None = None
        self._no_articles = False  # the index is known to hold no article
        # What the window says of an index not yet searched (empty, first run,
        # another version's), said again in a new language.
        self._index_state: Callable[[], None] | None = None
        self._rebuild_box: QMessageBox | None = None
        self._rebuild_words: Words | None = None  # the damaged index's details
        self._watch_problems: list[WatchProblem] = []
        self._watch_shown = QElapsedTimer()  # since the watch problems were shown
        self._watch_text = ""  # as shown (another message may have replaced it since)
        self._build()
        self._connect()
        self.retranslate()
        self._restore(initial_query)

    # -- construction --------------------------------------------------------

    def _build(self) -> None:
        self.bar = QueryBar(self.focus_results)
        b = self.bar
        self.search, self.recent, self.sort = b.search, b.recent, b.sort
        self.count_label, self.notice, self.suggestion = b.count_label, b.notice, b.suggestion
        self.chips, self.add_folder_button = b.chips, b.add_folder_button

        self.facets = FacetPanel()
        facet_scroll = QScrollArea()
        facet_scroll.setWidget(self.facets)
        facet_scroll.setWidgetResizable(True)
        facet_scroll.setMinimumWidth(190)

        self.model = ResultsModel(self.controller.fetch_page)
        self.results = ResultsView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setWordWrap(True)
        self.results.setMinimumWidth(260)

        self.reading_pane = ReadingPane()
        self.splitter = QSplitter()
        self.splitter.addWidget(facet_scroll)
        self.splitter.addWidget(self.results)
        self.splitter.addWidget(self.reading_pane)
        self.splitter.setStretchFactor(0, 1)  # a wide window widens the facets too
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([230, 480, 570])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        # status bar
        self.status = IndexStatus(self.statusBar(), self)
        self.stats_label = self.status.stats_label
        self.report_label = self.status.report_label
        self.failed_button = self.status.failed_button
        self.progress_bar = self.status.progress_bar
        self.cancel_button = self.status.cancel_button

        # menus
        self.file_menu = self.menuBar().addMenu("")
        self.add_folder_action = self.file_menu.addAction("", self.add_folder)
        self.remove_folder_menu = self.file_menu.addMenu("")
        self.remove_folder_menu.aboutToShow.connect(self._list_folders_to_remove)
        self.rebuild_action = self.file_menu.addAction("", self.rebuild)
        self.export_action = self.file_menu.addAction("", self.export_results)
        self.file_menu.addSeparator()
        self.quit_action = self.file_menu.addAction("", self.close)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        self.search_menu = self.menuBar().addMenu("")
        self.names_action = self.search_menu.addAction("")
        self.names_action.setCheckable(True)
        self.names_action.setChecked(True)
        self.names_action.toggled.connect(self._names_toggled)
        self.view_menu = self.menuBar().addMenu("")
        self.lang_menu = self.view_menu.addMenu("")
        self.lang_group = QActionGroup(self)
        self.lang_actions: dict[str, QAction] = {}
        for code, name in (("en", "English"), ("ru", "Русский")):
            action = self.lang_menu.addAction(name)
            action.setCheckable(True)
            action.setData(code)
            self.lang_group.addAction(action)
            self.lang_actions[code] = action
        self.help_menu = self.menuBar().addMenu("")
        self.syntax_action = self.help_menu.addAction("", self.show_syntax)
        self.syntax_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.about_action = self.help_menu.addAction("", self.show_about)

        # keyboard
        for keys in ("Ctrl+L", "Ctrl+F"):
            QShortcut(QKeySequence(keys), self, self.focus_search)
        QShortcut(QKeySequence("F3"), self, self.reading_pane.next_hit)
        QShortcut(QKeySequence("Shift+F3"), self, self.reading_pane.previous_hit)
        QShortcut(QKeySequence("Escape"), self, self.clear_search)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Only in the results (PySide6 ignores a context= passed with a slot):
            # Enter in the search bar searches.
            shortcut = QShortcut(QKeySequence(key), self.results, self.open_current)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.setTabOrder(self.search, self.sort)
        self.setTabOrder(self.sort, self.results)
        self.setTabOrder(self.results, self.reading_pane.browser)
        self.setTabOrder(self.reading_pane.browser, self.facets.sources)

    def _connect(self) -> None:
        c = self.controller
        self.search.textEdited.connect(lambda _t: self.search_later())
        self.search.returnPressed.connect(self.search_now)
        self.search.textChanged.connect(lambda t: self.search_later() if not t else None)
        self.sort.currentIndexChanged.connect(lambda _i: self.search_now())
        self.facets.changed.connect(self.search_now)
        self.results.clicked.connect(lambda idx: c.open_article(idx.data(PathRole)))
        self.results.activated.connect(lambda idx: c.open_article(idx.data(PathRole)))
        c.results.connect(self.show_results)
        c.page.connect(self.model.append_page)
        c.searchFailed.connect(self.show_error)
        c.article.connect(self.reading_pane.show_article)
        c.similar.connect(self.reading_pane.show_similar)
        self.reading_pane.similarOpened.connect(c.open_article)
        c.stats.connect(self.show_stats)
        c.indexingStarted.connect(self._indexing_started)
        c.indexingProgress.connect(self.status.progress)
        c.indexingFinished.connect(self.status.finished)
        c.indexingFailed.connect(self._indexing_failed)
        self.bar.suggestionPicked.connect(self.accept_suggestion)
        self.bar.addFolder.connect(self.add_folder)
        r = self.runs
        r.empty.connect(self._show_empty_index)
        r.firstRun.connect(self._show_first_run)
        r.outdated.connect(self._show_outdated)
        r.queued.connect(lambda folder: self.status.say(
            lambda: self.tr("%1 will be added when the current run ends.").replace("%1", folder)))
        r.busy.connect(lambda: self.status.say(lambda: self.tr("Indexing is already running.")))
        c.indexBusy.connect(lambda _retry: self.status.busy())
        r.watchProblems.connect(self._show_watch_problems)
        c.damaged.connect(self._offer_rebuild)
        c.exported.connect(self._exported)
        c.exportFailed.connect(self.status.say)
        c.folderForgotten.connect(self._folder_forgotten)
        self.cancel_button.clicked.connect(c.cancel_indexing)
        self.lang_group.triggered.connect(lambda a: self.set_language(a.data()))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("searchapp — news archive search"))
        self.bar.retranslate()
        self.file_menu.setTitle(self.tr("&File"))
        self.add_folder_action.setText(self.tr("&Add folder…"))
        self.remove_folder_menu.setTitle(self.tr("Re&move folder"))
        self.rebuild_action.setText(self.tr("&Rebuild index"))
        self.export_action.setText(self.tr("&Export results…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.search_menu.setTitle(self.tr("&Search"))
        self.names_action.setText(self.tr("Match &names across scripts"))
        self.names_action.setStatusTip(self.tr(
            "Tokayev also finds Токаев, Токаева; Ashgabat finds Ашхабаде. "
            "Quotes switch it off for one word: \"Tokayev\"."
        ))
        self.view_menu.setTitle(self.tr("&View"))
        self.lang_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.syntax_action.setText(self.tr("Search &syntax"))
        self.about_action.setText(self.tr("&About searchapp"))
        self.status.retranslate()
        self.facets.retranslate()
        self.reading_pane.retranslate()
        error = self.bar.error  # a search that failed after the last answer
        if self.last_response is not None:
            self.show_results(self.last_response)
        elif self._index_state is not None:
            self._index_state()
        if error is not None:
            self.bar.set_error(error)
        if self._rebuild_box is not None and self._rebuild_box.isVisible():
            self._word_rebuild_box()
        if self._watch_text and self.statusBar().currentMessage() == self._watch_text:
            left = WATCH_PROBLEMS_MS - self._watch_shown.elapsed()
            if left > 0:
                self._watch_text = self._watch_problems_text()
                self.statusBar().showMessage(self._watch_text, left)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- state -----------------------------------------------------------------

    def folders(self) -> list[Path]:
        """The folders of the index (kept in the index, shared with the CLI)."""
        return self.runs.folders()

    def _restore(self, initial_query: str | None) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self.settings.value("splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)
        sort = self.settings.value("sort", Sort.RELEVANCE.value)
        self.sort.setCurrentIndex(max(0, self.sort.findData(sort)))
        recent = self.settings.value("recent", [], list)
        self.recent.setStringList([str(q) for q in recent] if isinstance(recent, list) else [])
        self.names_action.blockSignals(True)
        self.names_action.setChecked(bool(self.settings.value("names", True, bool)))
        self.names_action.blockSignals(False)
        code = i18n.current_language()
        if code in self.lang_actions:
            self.lang_actions[code].setChecked(True)
        query = initial_query if initial_query is not None else self.settings.value("query", "")
        self.search.setText(str(query or ""))

    def start(self) -> None:
        """The first search, and the index brought up to date in the background;
        then kept up to date while the window is open."""
        if self.controller.searchable():
            self.search_now()
            self.controller.refresh_stats()
        else:
            self.controller.request = self.request()  # what the bar says, once indexed
        self.runs.start()

    def _show_empty_index(self) -> None:
        """A new index with no folders: say so and offer to add one."""
        self._no_articles = True
        self._index_state = self._show_empty_index
        self.count_label.setText(self.tr("This index is empty."))
        self.results.set_empty_text(
            self.tr("This index has no articles yet: add a folder of articles to search.")
        )
        self.add_folder_button.show()

    def _show_first_run(self) -> None:
        """A run fills an index with no articles: its batches show up as they land."""
        self._index_state = self._show_first_run
        self.count_label.setText(self.tr("Indexing the articles for the first time…"))
        self.results.set_empty_text(self.tr("Articles show up here as they are indexed."))
        self.add_folder_button.hide()

    def _show_outdated(self) -> None:
        """The index was made by another version: a run reads its folders anew."""
        self._show_first_run()
        self.count_label.setText(
            self.tr("This index was made by another version of searchapp: it is being "
                    "read anew from its folders…"))
        self._index_state = self._show_outdated

    def _indexing_started(self) -> None:
        self.status.started()
        if self._no_articles:
            self._show_first_run()

    def save_state(self) -> None:
        s = self.settings
        s.setValue("geometry", self.saveGeometry())
        s.setValue("splitter", self.splitter.saveState())
        s.setValue("sort", self.sort.currentData())
        s.setValue("query", self.search.text())
        s.setValue("recent", self.recent.stringList())
        s.setValue("names", self.names_action.isChecked())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.runs.stop()
        self.controller.shutdown()
        super().closeEvent(event)

    # -- searching -------------------------------------------------------------

    def request(self) -> SearchRequest:
        since, until = self.facets.date_range()
        return SearchRequest(
            query=self.search.text(),
            sources=self.facets.sources.checked(),
            langs=self.facets.langs.checked(),
            since=since,
            until=until,
            sort=self.bar.sort_order(),
            limit=PAGE_SIZE,
            names=self.names_action.isChecked(),
        )

    def _names_toggled(self, _on: bool) -> None:
        self.settings.setValue("names", self.names_action.isChecked())
        self.search_now()

    def search_later(self) -> None:
        self.controller.search_later(self.request())

    def search_now(self) -> None:
        self.bar.remember(self.search.text().strip())
        self.controller.search_now(self.request())

    def show_results(self, resp: SearchResponse) -> None:
        previous, self.last_response = self.last_response, resp
        self.model.set_response(resp)
        if previous is not None and previous.request == resp.request:
            self._keep_open_article_selected()
        self.facets.update_counts(resp.facets)
        self.bar.show_count(resp.total, resp.elapsed_ms)
        self.bar.set_notices(resp.notices)
        self.bar.set_suggestion(resp.suggestion)
        self._update_chips(resp.request)
        self.results.set_empty_text(self._empty_text(resp) if not resp.total else "")

    def _empty_text(self, resp: SearchResponse) -> str:
        req = resp.request
        filtered = bool(req.sources or req.langs or req.since or req.until)
        if not req.query.strip() and not filtered:
            if self.controller.indexing:
                return self.tr("Articles show up here as they are indexed.")
            return self.tr("The index has no articles yet: add a folder (File ▸ Add folder…).")
        if any(n.kind is NoticeKind.NO_WORDS for n in resp.notices):
            return ""  # the query bar says it has no words: no advice on words fits
        lines = [self.tr("No article matches this search.")]
        if filtered:
            lines.append(self.tr("Filters are on: clear them to search every article."))
        elif resp.suggestion:
            lines.append(self.tr("Try the suggestion above."))
        else:
            lines.append(self.tr("Try fewer words, another form, or a prefix: migra*."))
        return "\n\n".join(lines)

    def _keep_open_article_selected(self) -> None:
        """After a refresh of the same search (files changed, re-index), the
        article being read stays the selected row."""
        article = self.reading_pane.article
        row = self.model.row_of(article.path) if article is not None else None
        if row is not None:
            self.results.setCurrentIndex(self.model.index(row, 0))

    def accept_suggestion(self, query: str) -> None:
        """Search for the suggested correction (one click)."""
        self.search.setText(query)
        self.search_now()

    def show_error(self, words: Words) -> None:
        self.bar.set_error(words)

    def _update_chips(self, req: SearchRequest) -> None:
        chips: list[tuple[str, Callable[..., None]]] = []
        for source in sorted(req.sources):
            chips.append((source_label(source),
                          lambda _=False, s=source: self.facets.remove_source(s)))
        for lang in sorted(req.langs):
            chips.append((lang_names().get(lang, lang),
                          lambda _=False, s=lang: self.facets.remove_lang(s)))
        if req.since or req.until:
            span = f"{req.since or '…'} – {req.until or '…'}"
            chips.append((span, lambda _=False: self.facets.set_dates(None, None)))
        self.bar.set_chips(chips)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_results(self) -> None:
        if self.model.rowCount():
            self.results.setFocus()
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.model.index(0, 0))

    def open_current(self) -> None:
        idx = self.results.currentIndex()
        if idx.isValid():
            self.controller.open_article(idx.data(PathRole))

    def clear_search(self) -> None:
        if self.search.text():
            self.search.clear()
            self.search.setFocus()
            self.search_now()

    def export_results(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export results"), "results.csv",
            self.tr("CSV (*.csv);;JSON (*.json)"),
        )
        if path:
            self.controller.export(Path(path))

    def _exported(self, count: int, path: str) -> None:
        self.status.say(
            lambda: self.tr("%n article(s) exported to %1", "", count).replace("%1", path))

    # -- indexing --------------------------------------------------------------

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of articles"))
        if folder:
            self.index_folder(Path(folder))

    def index_folder(self, folder: Path) -> None:
        """Add ``folder`` to the index (after the current run, if one is going)."""
        self.runs.add(folder)

    def _list_folders_to_remove(self) -> None:
        menu = self.remove_folder_menu
        menu.clear()
        folders = self.folders()
        for folder in folders:
            menu.addAction(str(folder), self._remover(folder))
        if not folders:
            menu.addAction(self.tr("(no folders)")).setEnabled(False)

    def _remover(self, folder: Path) -> Callable[[], None]:
        return lambda: self.remove_folder(folder)

    def remove_folder(self, folder: Path, confirm: bool = True) -> None:
        """Take ``folder`` off the index; its articles leave the index, its
        files stay where they are."""
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Remove folder"),
                self.tr("Remove %1 from the index? Its articles leave the index; "
                        "the files stay where they are.").replace("%1", str(folder)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.runs.remove(folder)

    def _folder_forgotten(self, folder: str, removed: int) -> None:
        self.status.say(
            lambda: self.tr("%1 removed: %2 left the index.").replace("%1", folder)
            .replace("%2", self.tr("%n article(s)", "", removed)))

    def rebuild(self) -> None:
        """Re-read every folder of the index from scratch."""
        self.runs.rebuild()

    def _indexing_failed(self, words: Words) -> None:
        self.status.failed(words)

    def _offer_rebuild(self, words: Words) -> None:
        """The controller's ``damaged``: the core raised IndexDamagedError."""
        if self.controller.indexing:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "", "",
                          QMessageBox.StandardButton.Cancel, self)
        rebuild = box.addButton("", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(rebuild)
        self._rebuild_box, self._rebuild_words = box, words
        self._word_rebuild_box()
        box.open()
        box.buttonClicked.connect(lambda b: self.rebuild() if b is rebuild else None)

    def _word_rebuild_box(self) -> None:
        box, words = self._rebuild_box, self._rebuild_words
        assert box is not None and words is not None
        box.setWindowTitle(self.tr("The index is damaged"))
        box.setText(self.tr("A part of the index cannot be read. Rebuild it from its folders?"))
        box.setInformativeText(words())
        rebuild = box.defaultButton()
        if rebuild is not None:
            rebuild.setText(self.tr("Rebuild index"))

    def _show_watch_problems(self, problems: list[WatchProblem]) -> None:
        """Folders that cannot be watched: said for a while in the status bar."""
        self._watch_problems = problems
        self._watch_shown.start()
        self._watch_text = self._watch_problems_text()
        self.statusBar().showMessage(self._watch_text, WATCH_PROBLEMS_MS)

    def _watch_problems_text(self) -> str:
        return self.tr("Changes will show up only at the next start: %1").replace(
            "%1", "; ".join(f"{folder}: {error_text(exc)}"
                            for folder, exc in self._watch_problems))

    def show_stats(self, stats: IndexStats) -> None:
        self._no_articles = stats.articles == 0
        self.add_folder_button.setVisible(self._no_articles and not self.controller.indexing)
        self.status.show_stats(stats)

    # -- help and language -------------------------------------------------------

    def show_syntax(self) -> None:
        QMessageBox.information(self, self.tr("Search syntax"), syntax_help())

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About searchapp"),
            self.tr("searchapp %1 — full-text search for Russian and English news archives. "
                    "Whoosh index, pymorphy3 morphology, Qt window.").replace("%1", __version__),
        )

    def set_language(self, code: str) -> None:
        i18n.install(code)
        self.settings.setValue("language", code)
        self.lang_actions[code].setChecked(True)
