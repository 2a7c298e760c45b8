"""A one-line label that fits any width: its text cut with "…" where it does
not fit (or a short form of it, when one is given and fits), the whole text in
its tooltip; ``text()`` is always the whole text."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class ElidedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._note = ""  # said in the tooltip whether or not the text is cut
        self._short = ""  # shown instead of the text where that does not fit

    def shown_text(self) -> str:
        """The text as painted at the label's present width."""
        metrics, width = self.fontMetrics(), self.contentsRect().width()
        if self._short and metrics.horizontalAdvance(self.text()) > width \
                and metrics.horizontalAdvance(self._short) <= width:
            return self._short
        return metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def minimumSizeHint(self) -> QSize:
        """Room for "…" only: the label gives way rather than widen its window
        (a pane's «совпадение 1 из 3» made a 700 px window 762 px wide)."""
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("…") + 2),
                     hint.height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tooltip()

    def set_short(self, short: str) -> None:
        """What to show where the text does not fit ("1 / 3" for «совпадение 1 из 3»)."""
        self._short = short
        self._update_tooltip()
        self.update()

    def set_note(self, note: str) -> None:
        """A tooltip of its own (the whole text comes first when it is cut)."""
        self._note = note
        self._update_tooltip()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        whole = self.text() if self.shown_text() != self.text() else ""
        self.setToolTip("\n".join(part for part in (whole, self._note) if part))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.style().drawItemText(
            painter, self.contentsRect(), int(self.alignment()), self.palette(),
            self.isEnabled(), self.shown_text(), self.foregroundRole())
