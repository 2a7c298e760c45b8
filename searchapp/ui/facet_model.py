"""The facet values of one facet (sources or languages) as a Qt list model.

Each row is a value with its count over the current search and a check
state; a checked value stays listed (at 0) when the search no longer has it,
so it can be unticked.  Rows are ordered by count, then by value.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

ValueRole = Qt.ItemDataRole.UserRole + 1
CountRole = Qt.ItemDataRole.UserRole + 2
NamesRole = Qt.ItemDataRole.UserRole + 3
"""Every row's name as shown (labels applied): the names a row's is told apart from."""
_Index = QModelIndex | QPersistentModelIndex


class FacetModel(QAbstractListModel):
    """Signals: ``checkedChanged()`` — a value was ticked or unticked
    (through the view or :meth:`set_checked`), not when counts arrive."""

    checkedChanged = Signal()

    def __init__(self, labels: dict[str, str] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._labels = labels or {}
        self._rows: list[tuple[str, int]] = []
        self._checked: set[str] = set()
        self._shown_names: tuple[str, ...] | None = None  # NamesRole's, until rows or labels change

    def set_labels(self, labels: dict[str, str]) -> None:
        """Show ``labels`` for their values (the window's language changed)."""
        self._labels = dict(labels)
        self._shown_names = None
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value, count = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return f"{self._labels.get(value, value)}  ({count})"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if value in self._checked else Qt.CheckState.Unchecked
        if role == ValueRole:
            return value
        if role == CountRole:
            return count
        if role == NamesRole:
            return self._names()
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)

    def setData(self, index: _Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        on = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        return self.set_checked(self._rows[index.row()][0], on)

    def _names(self) -> tuple[str, ...]:
        if self._shown_names is None:
            self._shown_names = tuple(self._labels.get(v, v) for v, _ in self._rows)
        return self._shown_names

    # -- the facet's own API -------------------------------------------------------

    def checked(self) -> frozenset[str]:
        return frozenset(self._checked)

    def set_counts(self, counts: dict[str, int]) -> None:
        """New counts from a search; checked values are kept (at 0 if absent)."""
        values = dict(counts)
        for value in self._checked:
            values.setdefault(value, 0)
        self.beginResetModel()
        self._rows = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
        self._shown_names = None
        self.endResetModel()

    def set_checked(self, value: str, on: bool, notify: bool = True) -> bool:
        """Tick or untick ``value``; True if it is listed and changed.
        ``notify``: emit ``checkedChanged`` (the filter changed)."""
        row = next((i for i, (v, _) in enumerate(self._rows) if v == value), None)
        if row is None or (value in self._checked) == on:
            return False
        if on:
            self._checked.add(value)
        else:
            self._checked.discard(value)
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        if notify:
            self.checkedChanged.emit()
        return True
