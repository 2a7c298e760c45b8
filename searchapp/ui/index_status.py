"""The status bar's account of the index: its size, a run's progress with
Cancel, and what the last run did (with the files it skipped and why)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QProgressBar,
    QPushButton,
    QStatusBar,
    QToolButton,
    QWidget,
)

from searchapp.core import (
    SAVED_PAGE_FOLDERS,
    IndexReport,
    IndexStats,
    Progress,
    saved_page_names,
)
from searchapp.ui.dialogs import FailedFilesDialog
from searchapp.ui.elided_label import ElidedLabel
from searchapp.ui.i18n import Words, fill
from searchapp.ui.reasons import reason_text

PROGRESS_DELAY_MS = 500  # a run shorter than this shows no bar


class IndexStatus(QObject):
    """Widgets added to ``bar``; fed by the controller's indexing signals.

    ``cancel_button`` is left to the window to connect (to the controller)."""

    def __init__(self, bar: QStatusBar, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self.stats_label = QLabel()
        # The index's size and the last run's report are two things: a line between.
        self.separator = QFrame()
        self.separator.setFrameShape(QFrame.Shape.VLine)
        self.separator.setFrameShadow(QFrame.Shadow.Plain)
        self.separator.setForegroundRole(QPalette.ColorRole.Mid)  # a quiet line in either scheme
        self.separator.hide()  # until there is a size to set apart
        self.report_label = ElidedLabel()
        self.failed_button = QPushButton()
        self.failed_button.setFlat(True)
        self.failed_button.hide()
        self.failed_button.clicked.connect(self.show_failed)
        # The count stands beside the bar: drawn in it, the bar's fill covered
        # its first digits ("8055" on blue, "/ 19043" on white).
        self.progress_label = QLabel()
        self.progress_label.hide()
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.hide()
        self.cancel_button = QToolButton()
        self.cancel_button.hide()
        bar.addWidget(self.stats_label)
        bar.addWidget(self.separator)
        bar.addWidget(self.report_label, 1)
        bar.addPermanentWidget(self.failed_button)
        bar.addPermanentWidget(self.progress_label)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.cancel_button)
        self._delay = QTimer(self, singleShot=True, interval=PROGRESS_DELAY_MS)
        self._delay.timeout.connect(self._show_progress)
        self._running = False
        self.last_report: IndexReport | None = None
        self._stats: IndexStats | None = None
        # The report's words, worded anew when the language changes.
        self._words: Words | None = None
        self.notes: list[tuple[str, str]] = []  # skipped files and warnings, with why
        self._dialog: FailedFilesDialog | None = None

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.failed_button.setText(self.tr("Show skipped files and warnings…"))
        if self._stats is not None:
            self.show_stats(self._stats)
        if self.last_report is not None:
            self.notes = self._notes(self.last_report)
            if self._dialog is not None and self._dialog.isVisible():
                self._dialog.set_rows(self.notes)
        if self._words is not None:
            self.report_label.setText(self._words())

    def say(self, words: str | Words) -> None:
        """Show ``words`` in the report's place: a callable that words it in
        the window's language is called again when the language changes (a
        string, the core's or an error's, stays as it is)."""
        self._words = words if callable(words) else (lambda: words)
        self.report_label.setText(self._words())

    def started(self) -> None:
        self._running = True
        self.say(lambda: self.tr("Indexing…"))
        self.failed_button.hide()
        self._delay.start()

    def _show_progress(self) -> None:
        if self._running:
            self.progress_label.show()
            self.progress_bar.show()
            self.cancel_button.show()

    def progress(self, progress: Progress) -> None:
        self.progress_bar.setMaximum(max(progress.total, 1))
        self.progress_bar.setValue(progress.done)
        self.progress_label.setText(f"{progress.done} / {progress.total}")
        shard = progress.waiting  # a cluster's shard that has not answered yet
        if shard:
            words = fill(self.tr("Indexing: waiting for shard %1 to answer…"), shard)
            if self.report_label.text() != words:
                self.say(lambda: fill(self.tr("Indexing: waiting for shard %1 to answer…"),
                                      shard))
        elif self.report_label.text() != self.tr("Indexing…"):
            self.say(lambda: self.tr("Indexing…"))

    def _end(self) -> None:
        self._running = False
        self._delay.stop()
        self.progress_label.hide()
        self.progress_bar.hide()
        self.cancel_button.hide()

    def finished(self, report: IndexReport) -> None:
        self._end()
        self.last_report = report
        self.notes = self._notes(report)
        self.say(lambda: self._report_text(report))
        self.failed_button.setVisible(bool(self.notes))

    def _notes(self, report: IndexReport) -> list[tuple[str, str]]:
        return [(path, reason_text(why)) for path, why in report.failed] + [
            (path, self.tr("indexed, but: %1").replace("%1", reason_text(why)))
            for path, why in report.warnings]

    def _report_text(self, report: IndexReport) -> str:
        """What the run did, in the window's language."""
        if not report.changed and not report.failed and not report.warnings \
                and not report.cancelled and not report.not_read:
            return self.tr("The index is up to date.")
        text = self.tr("%1 added, %2 updated, %3 removed, %4 skipped")
        for i, n in enumerate((report.added, report.updated, report.removed,
                               len(report.failed)), 1):
            text = text.replace(f"%{i}", str(n))
        if report.not_read:
            kinds = ", ".join(self._kind_count(kind, n, report.saved_pages)
                              for kind, n in report.not_read_kinds())
            text += "; " + self.tr("not read: %1").replace("%1", kinds)
        if report.cancelled:
            text += " " + self.tr("(cancelled; what was indexed is kept)")
        elif report.reread:
            text += " " + self.tr("(all re-read by this version)")
        return text

    def _kind_count(self, kind: str, n: int, saved_pages: list[str]) -> str:
        """How many of one kind a run did not read: "12 .jpg", "1 saved-page folder
        (Page_files)"."""
        if kind == SAVED_PAGE_FOLDERS:
            named = saved_page_names(saved_pages, n)
            if not named:
                return self.tr("%n saved-page folder(s)", "", n)
            return self.tr("%n saved-page folder(s) (%1)", "", n).replace("%1", named)
        if not kind:
            return self.tr("%n without extension", "", n)
        return f"{n} {kind}"

    def failed(self, message: str | Words) -> None:
        self._end()
        self.say(message)

    def busy(self) -> None:
        """A run was refused: another one holds the index (it is tried again
        when that one has ended)."""
        self.failed(lambda: self.tr(
            "The index is busy: another indexing run (another window, or 'searchapp "
            "index') is writing it. This one starts when it has finished."))

    def show_stats(self, stats: IndexStats) -> None:
        self._stats = stats
        if stats.shards is None:
            text = fill(self.tr("Articles: %1, sources: %2"), stats.articles, stats.sources)
        else:  # counted over the shards that answered: «Статей: 341 (2 из 3 шардов), …»
            answered, shards = stats.shards
            text = fill(self.tr("Articles: %1 (%2 of %n shard(s)), sources: %3", "", shards),
                        stats.articles, answered, stats.sources)
        self.stats_label.setText(text)
        self.separator.show()

    def show_failed(self) -> None:
        if self.notes:
            self._dialog = FailedFilesDialog(self.notes, self._parent)
            self._dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._dialog.destroyed.connect(self._dialog_closed)
            self._dialog.open()

    def _dialog_closed(self) -> None:
        self._dialog = None
