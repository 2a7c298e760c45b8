"""The result list: a list view that says why it is empty."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QListView

MARGIN = 16


class ResultsView(QListView):
    """A :class:`QListView` that paints ``empty_text`` while it has no rows."""

    def __init__(self) -> None:
        super().__init__()
        self._empty_text = ""

    @property
    def empty_text(self) -> str:
        return self._empty_text

    def set_empty_text(self, text: str) -> None:
        if text != self._empty_text:
            self._empty_text = text
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if not self._empty_text or (model is not None and model.rowCount()):
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(MARGIN, MARGIN * 2, -MARGIN, -MARGIN)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(QRect(area), int(flags), self._empty_text)
        painter.end()
