"""Small dialogs: failed files, search syntax."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class FailedFilesDialog(QDialog):
    """The files the last indexing run skipped or read with a defect, and why."""

    def __init__(self, failed: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Files skipped or read with a defect"))
        self.table = QTableWidget(len(failed), 2)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Reason")])
        for row, (path, reason) in enumerate(failed):
            self.table.setItem(row, 0, QTableWidgetItem(path))
            self.table.setItem(row, 1, QTableWidgetItem(reason))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(800, 400)


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
