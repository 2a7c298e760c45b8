"""The result list as a Qt model: hits of the current search, fetched page by
page as the view scrolls (``canFetchMore``/``fetchMore``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from searchapp.core import Hit, SearchResponse, mark_html

PathRole = Qt.ItemDataRole.UserRole + 1
HitRole = Qt.ItemDataRole.UserRole + 2
SnippetHtmlRole = Qt.ItemDataRole.UserRole + 3
TitleHtmlRole = Qt.ItemDataRole.UserRole + 4

Index = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractListModel):
    """Rows are :class:`Hit` objects; more are asked for through ``fetch_page``."""

    def __init__(self, fetch_page: Callable[[int], None] | None = None) -> None:
        super().__init__()
        self._hits: list[Hit] = []
        self.total = 0
        self._fetch_page = fetch_page
        self._pending = False

    def set_response(self, resp: SearchResponse) -> None:
        self.beginResetModel()
        self._hits = list(resp.hits)
        self.total = resp.total
        self._pending = False
        self.endResetModel()

    def append_page(self, resp: SearchResponse) -> None:
        self._pending = False
        if resp.request.offset != len(self._hits) or not resp.hits:
            return
        first = len(self._hits)
        self.beginInsertRows(QModelIndex(), first, first + len(resp.hits) - 1)
        self._hits.extend(resp.hits)
        self.endInsertRows()

    def row_of(self, path: str) -> int | None:
        """The row of the article at ``path`` among the rows loaded so far."""
        return next((r for r, hit in enumerate(self._hits) if hit.path == path), None)

    # -- Qt model interface --------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.path
        if role == PathRole:
            return hit.path
        if role == HitRole:
            return hit
        if role == SnippetHtmlRole:
            return hit.snippet_html("b")
        if role == TitleHtmlRole:
            return mark_html(hit.title, hit.title_spans, "b")
        return None

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and len(self._hits) < self.total and not self._pending

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent) and self._fetch_page is not None:
            self._pending = True
            self._fetch_page(len(self._hits))
