"""Small dialogs: failed files, search syntax."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

REASON_SHARE = 0.4
"""The most of the table's width the Reason column takes by itself: the rest is the files'."""


class _PathDelegate(QStyledItemDelegate):
    """A long path is cut in its folders: where it is starts it, and its file's
    name ends it whole while the name fits («/home/user/Арх…март/заметка.md»)."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText  # one line
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        room = style.subElementRect(
            QStyle.SubElement.SE_ItemViewItemText, option, widget).width() - 2 * margin
        metrics = option.fontMetrics
        path = option.text
        cut = max(path.rfind("/"), path.rfind("\\")) + 1  # the name's start
        folder, name = path[:cut], path[cut:]
        if metrics.horizontalAdvance(path) <= room or not folder:
            return
        left = room - metrics.horizontalAdvance(name)
        if left >= metrics.horizontalAdvance("/…/"):
            option.text = metrics.elidedText(folder, Qt.TextElideMode.ElideMiddle, left) + name


class FailedFilesDialog(QDialog):
    """The files the last indexing run skipped or read with a defect, and why.

    A path is on one line, cut with "…" in its folders where it does not fit; a
    reason wraps; both are whole in their tooltips; the Reason column takes what its reasons
    need up to :data:`REASON_SHARE` of the width, and all the files leave when
    they need less, until it is dragged."""

    def __init__(self, failed: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setWordWrap(True)  # a reason wraps; a path is cut in its folders
        self.table.setItemDelegateForColumn(0, _PathDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._reason_fitted = True  # until the user drags the column's edge
        self._fitting = False
        self._reasons_width: int | None = None  # what the reasons ask for
        self._paths_width = 0  # and the files
        header.sectionResized.connect(self._reason_resized)
        self.set_rows(failed)
        self.retranslate()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(800, 400)

    def set_rows(self, failed: list[tuple[str, str]]) -> None:
        """The files and their reasons (worded anew after a language change)."""
        self.table.setRowCount(len(failed))
        for row, (path, reason) in enumerate(failed):
            for column, text in enumerate((path, reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self._reasons_width = None
        if self.isVisible():
            self._fit_reasons()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Files skipped or read with a defect"))
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Reason")])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fit_reasons(self) -> None:
        if not self._reason_fitted:
            return
        if self._reasons_width is None:  # measured once for its rows
            rows = self.table.rowCount()
            self._reasons_width = self.table.sizeHintForColumn(1) if rows else 0
            self._paths_width = self.table.sizeHintForColumn(0) if rows else 0
        room = self.table.viewport().width()
        # Short paths leave the reasons the rest: «ссылка никуда не ведёт (Too many
        # levels of s…» was cut with half the width's files' column blank.
        width = max(min(self._reasons_width, int(room * REASON_SHARE)), room - self._paths_width)
        self._fitting = True
        self.table.setColumnWidth(1, max(width, 80))
        self._fitting = False
        self.table.resizeRowsToContents()

    def _reason_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 1 and not self._fitting:
            self._reason_fitted = False
            self.table.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_reasons()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_reasons()


def syntax_help() -> str:
    return QCoreApplication.translate(
        "Help",
        "<h3>Searching</h3><table cellpadding=3>"
        "<tr><td><b>миграция</b></td><td>every form of the word (миграции, миграцией…)</td></tr>"
        "<tr><td><b>Ашхабад конференция</b></td><td>articles with all the words first</td></tr>"
        "<tr><td><b>\"Красный Полумесяц\"</b></td><td>the phrase, in any word form</td></tr>"
        "<tr><td><b>мигрант OR беженец</b></td><td>either word (or, или between words "
        "too)</td></tr>"
        "<tr><td><b>Ашхабад -Болгария</b>, <b>NOT</b></td><td>without the word</td></tr>"
        "<tr><td><b>Tokayev</b>, <b>Ашхабад</b></td><td>a name in either script and its usual "
        "spellings: Токаев, Токаева, Tokaev; Ashkhabad, Ашхабаде (Search menu)</td></tr>"
        "<tr><td><b>\"Tokayev\"</b></td><td>a quoted name: this spelling only</td></tr>"
        "<tr><td><b>мигра*</b></td><td>words that begin with мигра</td></tr>"
        "<tr><td><b>N+1</b>, <b>+газ</b></td><td>+ and [ ] are no syntax: N+1 is N and 1 "
        "side by side, +газ is газ; нефть^2 is нефть, with a notice</td></tr>"
        "<tr><td><b>title:</b>миграция</td><td>in the title only</td></tr>"
        "<tr><td><b>source:</b>Trend, <b>lang:</b>ru</td><td>by source or language</td></tr>"
        "</table><p>Filters by source, date and language are on the left; an empty "
        "query shows every article, newest first.</p>",
    )
