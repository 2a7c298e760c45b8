"""The main window: search bar, facets, results, reading pane, status bar."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSettings, QStringListModel, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from searchapp import __version__
from searchapp.core.paths import SEEDS_DIR
from searchapp.core.progress import IndexReport, Progress
from searchapp.core.results import IndexStats, SearchRequest, SearchResponse, Sort
from searchapp.ui import i18n
from searchapp.ui.controller import SearchController
from searchapp.ui.dialogs import FailedFilesDialog, syntax_help
from searchapp.ui.facets import LANG_NAMES, FacetPanel
from searchapp.ui.folder_watcher import FolderWatcher
from searchapp.ui.reader import ReadingPane
from searchapp.ui.results_delegate import ResultDelegate
from searchapp.ui.results_model import PathRole, ResultsModel
from searchapp.ui.results_view import ResultsView

PAGE = 30
RECENT_MAX = 20
PROGRESS_DELAY_MS = 500


class SearchBar(QLineEdit):
    """The query field; Down moves into the results."""

    def __init__(self, on_down) -> None:
        super().__init__()
        self._on_down = on_down
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and not (self.completer() and
                                                    self.completer().popup().isVisible()):
            self._on_down()
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    def __init__(self, index_dir: Path, settings: QSettings, initial_query: str | None = None):
        super().__init__()
        self.settings = settings
        self.controller = SearchController(index_dir, self)
        self.watcher = FolderWatcher(self._folders_changed, self, ignore=[index_dir])
        self._reindex_pending = False
        self.last_response: SearchResponse | None = None
        self.last_report: IndexReport | None = None
        self._build()
        self._connect()
        self.retranslate()
        self._restore(initial_query)

    # -- construction --------------------------------------------------------

    def _build(self) -> None:
        self.search = SearchBar(self.focus_results)
        self.recent = QStringListModel(self)
        completer = QCompleter(self.recent, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.setCompleter(completer)
        self.sort = QComboBox()
        self.count_label = QLabel()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setObjectName("notice")
        self.notice.hide()
        self.suggestion = QLabel()
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.linkActivated.connect(self.accept_suggestion)
        self.suggestion.hide()
        self.chips = QHBoxLayout()
        self.chips.setContentsMargins(0, 0, 0, 0)
        self.chips_box = QWidget()
        self.chips_box.setLayout(self.chips)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.sort)
        head = QVBoxLayout()
        head.addLayout(top)
        info = QHBoxLayout()
        info.addWidget(self.count_label)
        info.addWidget(self.chips_box, 1)
        head.addLayout(info)
        head.addWidget(self.notice)
        head.addWidget(self.suggestion)

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

        self.reader = ReadingPane()
        self.splitter = QSplitter()
        self.splitter.addWidget(facet_scroll)
        self.splitter.addWidget(self.results)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([230, 480, 570])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(head)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        # status bar
        self.stats_label = QLabel()
        self.report_label = QLabel()
        self.failed_button = QPushButton()
        self.failed_button.setFlat(True)
        self.failed_button.hide()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(220)
        self.cancel_button = QToolButton()
        self.progress_bar.hide()
        self.cancel_button.hide()
        bar = self.statusBar()
        bar.addWidget(self.stats_label)
        bar.addWidget(self.report_label, 1)
        bar.addPermanentWidget(self.failed_button)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.cancel_button)
        self._progress_delay = QTimer(self, singleShot=True, interval=PROGRESS_DELAY_MS)
        self._progress_delay.timeout.connect(self._show_progress)

        # menus
        self.file_menu = self.menuBar().addMenu("")
        self.add_folder_action = self.file_menu.addAction("", self.add_folder)
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
        QShortcut(QKeySequence("F3"), self, self.reader.next_hit)
        QShortcut(QKeySequence("Shift+F3"), self, self.reader.previous_hit)
        QShortcut(QKeySequence("Escape"), self, self.clear_search)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Only in the results (PySide6 ignores a context= passed with a slot):
            # Enter in the search bar searches.
            shortcut = QShortcut(QKeySequence(key), self.results, self.open_current)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.setTabOrder(self.search, self.sort)
        self.setTabOrder(self.sort, self.results)
        self.setTabOrder(self.results, self.reader.browser)
        self.setTabOrder(self.reader.browser, self.facets.sources)

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
        c.article.connect(self.reader.show_article)
        c.similar.connect(self.reader.show_similar)
        self.reader.similarOpened.connect(c.open_article)
        c.stats.connect(self.show_stats)
        c.indexingStarted.connect(self._indexing_started)
        c.indexingProgress.connect(self._indexing_progress)
        c.indexingFinished.connect(self._indexing_finished)
        c.indexingFailed.connect(self._indexing_failed)
        c.damaged.connect(self._offer_rebuild)
        c.exported.connect(self._exported)
        c.exportFailed.connect(lambda msg: self.report_label.setText(msg))
        self.cancel_button.clicked.connect(c.cancel_indexing)
        self.failed_button.clicked.connect(self.show_failed)
        self.lang_group.triggered.connect(lambda a: self.set_language(a.data()))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("searchapp — news archive search"))
        self.search.setPlaceholderText(
            self.tr("Search in Russian or English: миграция, \"Красный Полумесяц\", migra*…")
        )
        current = self.sort.currentIndex()
        self.sort.blockSignals(True)
        self.sort.clear()
        for label, sort in ((self.tr("Relevance"), Sort.RELEVANCE),
                            (self.tr("Newest first"), Sort.NEWEST),
                            (self.tr("Oldest first"), Sort.OLDEST)):
            self.sort.addItem(label, sort.value)
        self.sort.setCurrentIndex(max(0, current))
        self.sort.blockSignals(False)
        self.sort.setToolTip(self.tr("Sort order"))
        self.file_menu.setTitle(self.tr("&File"))
        self.add_folder_action.setText(self.tr("&Add folder…"))
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
        self.cancel_button.setText(self.tr("Cancel"))
        self.failed_button.setText(self.tr("Show failed files…"))
        self.facets.retranslate()
        self.reader.retranslate()
        if self.last_response is not None:
            self.show_results(self.last_response)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- state -----------------------------------------------------------------

    def folders(self) -> list[Path]:
        saved = self.settings.value("folders", [], list) or []
        return [Path(p) for p in saved] or [SEEDS_DIR]

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
        self.recent.setStringList(self.settings.value("recent", [], list) or [])
        self.names_action.blockSignals(True)
        self.names_action.setChecked(self.settings.value("names", True, bool))
        self.names_action.blockSignals(False)
        code = i18n.current_language()
        if code in self.lang_actions:
            self.lang_actions[code].setChecked(True)
        query = initial_query if initial_query is not None else self.settings.value("query", "")
        self.search.setText(str(query or ""))

    def start(self) -> None:
        """First search, and bring the folders' index up to date in the background;
        then keep it up to date while the window is open."""
        self._watch(self.folders())
        if self.controller.engine.exists():
            # Results first: the check for changed files waits for them (both
            # are Python threads and would share the interpreter).
            self.controller.results.connect(self._update_after_first_results,
                                            Qt.ConnectionType.SingleShotConnection)
            self.search_now()
            self.controller.refresh_stats()
        else:
            self.controller.request = self.request()  # what the bar says, once indexed
            self.controller.start_indexing(self.folders())
            self.count_label.setText(self.tr("Indexing the articles for the first time…"))

    def _update_after_first_results(self, _resp: object = None) -> None:
        if not self.controller.start_indexing(self.folders()):
            self._reindex_pending = True

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
        self.watcher.stop()
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
            sort=Sort(self.sort.currentData() or Sort.RELEVANCE.value),
            limit=PAGE,
            names=self.names_action.isChecked(),
        )

    def _names_toggled(self, _on: bool) -> None:
        self.settings.setValue("names", self.names_action.isChecked())
        self.search_now()

    def search_later(self) -> None:
        self.controller.search_later(self.request())

    def search_now(self) -> None:
        self._remember(self.search.text().strip())
        self.controller.search_now(self.request())

    def _remember(self, query: str) -> None:
        if not query:
            return
        items = [q for q in self.recent.stringList() if q != query]
        self.recent.setStringList([query, *items][:RECENT_MAX])

    def show_results(self, resp: SearchResponse) -> None:
        previous, self.last_response = self.last_response, resp
        self.model.set_response(resp)
        if previous is not None and previous.request == resp.request:
            self._keep_open_article_selected()
        self.facets.update_counts(resp.facets)
        self.count_label.setText(
            self.tr("%n article(s)", "", resp.total) + f" · {resp.elapsed_ms:.0f} ms"
        )
        self._set_notice(resp.notice)
        self._set_suggestion(resp.suggestion)
        self._update_chips(resp.request)
        self.results.set_empty_text(self._empty_text(resp) if not resp.total else "")

    def _empty_text(self, resp: SearchResponse) -> str:
        req = resp.request
        filtered = bool(req.sources or req.langs or req.since or req.until)
        if not req.query.strip() and not filtered:
            return self.tr("The index has no articles yet: add a folder (File ▸ Add folder…).")
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
        view = self.reader.view
        row = self.model.row_of(view.path) if view is not None else None
        if row is not None:
            self.results.setCurrentIndex(self.model.index(row, 0))

    def _set_suggestion(self, query: str | None) -> None:
        if not query:
            self.suggestion.hide()
            return
        self._suggested = query
        self.suggestion.setText(
            self.tr("Did you mean: %1?").replace("%1", f"<a href='#'>{html.escape(query)}</a>")
        )
        self.suggestion.show()

    def accept_suggestion(self, _link: str = "") -> None:
        """Search for the suggested correction (one click)."""
        self.search.setText(self._suggested)
        self.search_now()

    def show_error(self, message: str) -> None:
        self._set_notice(message, error=True)

    def _set_notice(self, text: str | None, error: bool = False) -> None:
        if not text:
            self.notice.hide()
            return
        self.notice.setText(i18n.translate_notice(text))
        self.notice.setStyleSheet("color: #c92a2a;" if error else "color: palette(link);")
        self.notice.show()

    def _update_chips(self, req: SearchRequest) -> None:
        while self.chips.count():
            item = self.chips.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        chips: list[tuple[str, object]] = []
        for source in sorted(req.sources):
            chips.append((source, lambda _=False, s=source: self.facets.remove_source(s)))
        for lang in sorted(req.langs):
            chips.append((LANG_NAMES.get(lang, lang),
                          lambda _=False, s=lang: self.facets.remove_lang(s)))
        if req.since or req.until:
            span = f"{req.since or '…'} – {req.until or '…'}"
            chips.append((span, lambda _=False: self.facets.set_dates(None, None)))
        for text, remove in chips:
            button = QToolButton()
            button.setText(f"{text}  ✕")
            button.setToolTip(self.tr("Remove this filter"))
            button.setAutoRaise(False)
            button.clicked.connect(remove)
            self.chips.addWidget(button)
        self.chips.addStretch(1)

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
        self.report_label.setText(
            self.tr("%1 articles exported to %2").replace("%1", str(count)).replace("%2", path)
        )

    # -- indexing --------------------------------------------------------------

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of articles"))
        if folder:
            self.index_folder(Path(folder))

    def index_folder(self, folder: Path) -> None:
        folders = [str(p) for p in self.folders()]
        if str(folder) not in folders:
            folders.append(str(folder))
            self.settings.setValue("folders", folders)
        self._watch([Path(p) for p in folders])
        self._start_indexing([Path(p) for p in folders])

    def _watch(self, folders: list[Path]) -> None:
        self.watcher.watch(folders)
        if self.watcher.problems:
            self.statusBar().showMessage(
                self.tr("Changes will show up only at the next start: %1")
                .replace("%1", "; ".join(self.watcher.problems)), 30_000)

    def _folders_changed(self) -> None:
        """A watched folder changed: index the changes (after the current run)."""
        if not self.controller.start_indexing(self.folders()):
            self._reindex_pending = True

    def rebuild(self) -> None:
        self._start_indexing(self.folders(), rebuild=True)

    def _start_indexing(self, folders: list[Path], rebuild: bool = False) -> None:
        if not self.controller.start_indexing(folders, rebuild):
            self.report_label.setText(self.tr("Indexing is already running."))

    def _indexing_started(self) -> None:
        self.report_label.setText(self.tr("Indexing…"))
        self.failed_button.hide()
        self._progress_delay.start()

    def _show_progress(self) -> None:
        if self.controller.indexing:
            self.progress_bar.show()
            self.cancel_button.show()

    def _indexing_progress(self, progress: Progress) -> None:
        self.progress_bar.setMaximum(max(progress.total, 1))
        self.progress_bar.setValue(progress.done)
        self.progress_bar.setFormat("%v / %m")
        self.report_label.setText(self.tr("Indexing…"))

    def _hide_progress(self) -> None:
        self._progress_delay.stop()
        self.progress_bar.hide()
        self.cancel_button.hide()

    def _indexing_finished(self, report: IndexReport) -> None:
        self._hide_progress()
        if self._reindex_pending:
            self._reindex_pending = False
            QTimer.singleShot(0, self._folders_changed)
        self.last_report = report
        if not report.changed and not report.failed and not report.cancelled:
            self.report_label.setText(self.tr("The index is up to date."))
            self.failed_button.hide()
            return
        text = self.tr("%1 added, %2 updated, %3 removed, %4 failed")
        for i, n in enumerate((report.added, report.updated, report.removed,
                               len(report.failed)), 1):
            text = text.replace(f"%{i}", str(n))
        if report.cancelled:
            text += " " + self.tr("(cancelled; what was indexed is kept)")
        self.report_label.setText(text)
        self.failed_button.setVisible(bool(report.failed))

    def _indexing_failed(self, message: str) -> None:
        self._hide_progress()
        self.report_label.setText(message)
        if "damaged" in message:
            self._offer_rebuild(message)

    def _offer_rebuild(self, message: str) -> None:
        if self.controller.indexing:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The index is damaged"),
                          message, QMessageBox.StandardButton.Cancel, self)
        rebuild = box.addButton(self.tr("Rebuild index"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(rebuild)
        box.open()
        box.buttonClicked.connect(lambda b: self.rebuild() if b is rebuild else None)

    def show_stats(self, stats: IndexStats) -> None:
        self.stats_label.setText(
            self.tr("%1 articles from %2 sources").replace("%1", str(stats.articles))
            .replace("%2", str(stats.sources))
        )

    def show_failed(self) -> None:
        if self.last_report and self.last_report.failed:
            FailedFilesDialog(self.last_report.failed, self).open()

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
