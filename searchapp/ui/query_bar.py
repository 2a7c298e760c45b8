"""The head of the window: the query field with recent queries, the sort
order, the count of the answer, active filters as chips, and the answer's
notice and "did you mean"."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from searchapp.core import Notice, Sort
from searchapp.ui.i18n import Words
from searchapp.ui.notices import notices_text

RECENT_MAX = 20


class SearchBar(QLineEdit):
    """The query field; Down moves into the results."""

    def __init__(self, on_down: Callable[[], None]) -> None:
        super().__init__()
        self._on_down = on_down
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if event.key() == Qt.Key.Key_Down and not (popup is not None and popup.isVisible()):
            self._on_down()
            return
        super().keyPressEvent(event)


class QueryBar(QWidget):
    """Signals: ``suggestionPicked(str)`` — the "did you mean" link clicked;
    ``addFolder()`` — the empty index's *Add a folder of articles…* clicked."""

    suggestionPicked = Signal(str)
    addFolder = Signal()

    def __init__(self, on_down: Callable[[], None]) -> None:
        super().__init__()
        self.search = SearchBar(on_down)
        self.recent = QStringListModel(self)
        completer = QCompleter(self.recent, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.setCompleter(completer)
        self.sort = QComboBox()
        # Sized anew with its words: sized once, a window opened in English and
        # switched to Russian read «По релеван».
        self.sort.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count_label = QLabel()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setObjectName("notice")
        self.notice.hide()
        self.error: Words | None = None  # why the last search failed, while it shows
        self._suggested = ""
        self.suggestion = QLabel()
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.linkActivated.connect(lambda _link: self.suggestionPicked.emit(
            self._suggested))
        self.suggestion.hide()
        self.chips = QHBoxLayout()
        self.chips.setContentsMargins(0, 0, 0, 0)
        chips_box = QWidget()
        chips_box.setLayout(self.chips)
        self.add_folder_button = QPushButton()
        self.add_folder_button.clicked.connect(lambda: self.addFolder.emit())
        self.add_folder_button.hide()

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.sort)
        info = QHBoxLayout()
        info.addWidget(self.count_label)
        info.addWidget(chips_box, 1)
        empty_row = QHBoxLayout()
        empty_row.addWidget(self.add_folder_button)
        empty_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(info)
        layout.addWidget(self.notice)
        layout.addWidget(self.suggestion)
        layout.addLayout(empty_row)

    def retranslate(self) -> None:
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
        self.add_folder_button.setText(self.tr("Add a folder of articles…"))
        if self.error is not None:
            self.set_error(self.error)

    def sort_order(self) -> Sort:
        return Sort(self.sort.currentData() or Sort.RELEVANCE.value)

    def remember(self, query: str) -> None:
        """Put ``query`` first among the recent queries."""
        if not query:
            return
        items = [q for q in self.recent.stringList() if q != query]
        self.recent.setStringList([query, *items][:RECENT_MAX])

    def show_count(self, total: int, elapsed_ms: float) -> None:
        took = self.tr("%1 ms").replace("%1", f"{elapsed_ms:.0f}")
        self.count_label.setText(self.tr("%n article(s)", "", total) + " · " + took)

    def set_suggestion(self, query: str | None) -> None:
        if not query:
            self.suggestion.hide()
            return
        self._suggested = query
        self.suggestion.setText(
            self.tr("Did you mean: %1?").replace("%1", f"<a href='#'>{html.escape(query)}</a>")
        )
        self.suggestion.show()

    def set_notices(self, notices: tuple[Notice, ...]) -> None:
        """Show the answer's notices in the window's language (none: hide)."""
        self.error = None
        self._show_notice(notices_text(notices), error=False)

    def set_error(self, words: Words) -> None:
        """Show why a search failed, in the notice's place, in red (worded
        again by :meth:`retranslate`)."""
        self.error = words
        self._show_notice(words(), error=True)

    def _show_notice(self, text: str, error: bool) -> None:
        if not text:
            self.notice.hide()
            return
        self.notice.setText(text)
        self.notice.setStyleSheet("color: #c92a2a;" if error else "color: palette(link);")
        self.notice.show()

    def set_chips(self, chips: list[tuple[str, Callable[[], None]]]) -> None:
        """One button per active filter; clicking it calls its remover."""
        while self.chips.count():
            item = self.chips.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for text, remove in chips:
            button = QToolButton()
            button.setText(f"{text}  ✕")
            button.setToolTip(self.tr("Remove this filter"))
            button.setAutoRaise(False)
            button.clicked.connect(remove)
            self.chips.addWidget(button)
        self.chips.addStretch(1)
