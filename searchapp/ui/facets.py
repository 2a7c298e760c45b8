"""The facet panel: sources and languages with counts (list views over
:class:`~searchapp.ui.facet_model.FacetModel`), a clickable date histogram
and from/to pickers.  It holds the filter selection and says when it
changed; the counts come from the core with each search."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Mapping

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QListView,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from searchapp.core import UNKNOWN_SOURCE, Facets
from searchapp.ui.facet_model import CountRole, FacetModel, NamesRole
from searchapp.ui.theme import check_box_window

NO_DATE = QDate(1900, 1, 1)


def lang_names() -> dict[str, str]:
    """The languages' names in the window's language."""
    return {"ru": QCoreApplication.translate("FacetPanel", "Russian"),
            "en": QCoreApplication.translate("FacetPanel", "English")}


def source_names() -> dict[str, str]:
    """How sources the app names itself are shown (an article without one)."""
    return {UNKNOWN_SOURCE: QCoreApplication.translate("FacetPanel", "Unknown")}


def source_label(source: str) -> str:
    """``source`` as the window shows it (the app's "Unknown" translated)."""
    return source_names()[source] if source == UNKNOWN_SOURCE else source


def date_label(date: dt.date | None) -> str:
    """An article's date as the window shows it, in the results, the reading
    pane and its similar articles alike: a missing one in words (the results
    said "Unknown · — · en", the pane "no date")."""
    return date.isoformat() if date else QCoreApplication.translate("FacetPanel", "no date")


class _CountDelegate(QStyledItemDelegate):
    """Shortens a long name, never its count: «Викиновости (ru.w…  (828)».  A name
    cut whose first words another name of the list shares shows where it differs
    instead, from the first word not shared: «…BBC News…  (12)», «…Новости…  (6)»
    (cut at their ends a city's channels all read «Telegram: Мо…»; cut in their
    middle, in a narrow list, «Tel…жба», «Tele…сквы»).  The whole name is the
    item's tooltip."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        count = index.data(CountRole)
        if count is None:
            return
        suffix = f"  ({count})"
        name = option.text.removesuffix(suffix)
        style = option.widget.style() if option.widget else QApplication.style()
        metrics = option.fontMetrics
        room = max(style.subElementRect(
            QStyle.SubElement.SE_ItemViewItemText, option, option.widget
        ).width() - metrics.horizontalAdvance(suffix) - 8, 0)
        shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, room)
        others = [other for other in index.data(NamesRole) or () if other != name]
        if shown != name and others:
            start = _distinct_start(name, others)
            if start:
                shown = "…" + metrics.elidedText(
                    name[start:], Qt.TextElideMode.ElideRight,
                    max(room - metrics.horizontalAdvance("…"), 0))
            elif any(other.startswith(shown.removesuffix("…")) for other in others):
                # no whole word in common, yet alike as far as it shows: its end tells
                shown = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, room)
        option.text = shown + suffix


def _distinct_start(name: str, others: list[str]) -> int:
    """Where the first word of ``name`` that the names in ``others`` do not
    share begins (0: they share no whole word)."""
    shared = max(_shared_length(name, other) for other in others)
    if shared >= len(name):  # another name is this one and more: nothing to drop
        return 0
    cut = max(name.rfind(sep, 0, shared) for sep in " \t:|—-/·,.") + 1
    return cut if cut < len(name) else 0


def _shared_length(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` begin with alike."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class CheckList(QListView):
    """The view of a :class:`FacetModel`: values with a check box and a
    count.  Signals: ``changed()`` — a value was ticked or unticked."""

    changed = Signal()

    def __init__(self, labels: dict[str, str] | None = None) -> None:
        super().__init__()
        self.facet_model = FacetModel(labels, self)
        self.setModel(self.facet_model)
        self.facet_model.checkedChanged.connect(self.changed)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_CountDelegate(self))
        self._restyling = False
        self._follow_scheme()

    def _follow_scheme(self) -> None:
        """Keep the check boxes visible in the current colour scheme."""
        scheme = QApplication.palette(self)
        role = QPalette.ColorRole.Window
        window = check_box_window(scheme)
        if self._restyling or window == self.palette().color(role):
            return
        own = QPalette()  # only the Window role of its own: the rest follows the scheme
        if window != scheme.color(role):
            own.setColor(role, window)
        self._restyling = True
        self.setPalette(own)
        self._restyling = False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._follow_scheme()
        super().changeEvent(event)

    def checked(self) -> frozenset[str]:
        return self.facet_model.checked()

    def set_counts(self, counts: dict[str, int]) -> None:
        self.facet_model.set_counts(counts)
        rows = self.facet_model.rowCount()
        # Eight rows at least (or all, if fewer), and every row if there is room.
        def height(shown: int) -> int:
            return self.sizeHintForRow(0) * shown + 2 * self.frameWidth() + 2 if rows else 28

        self.setMinimumHeight(height(max(1, min(rows, 8))))
        self.setMaximumHeight(height(max(1, rows)))

    def set_checked(self, value: str, on: bool, notify: bool = True) -> None:
        self.facet_model.set_checked(value, on, notify)


MAX_MONTH_BARS = 24
"""A span of more months is drawn per year."""


def period_bars(month: Mapping[str, int], year: Mapping[str, int]) -> list[tuple[str, int]]:
    """One bar per month from the first to the last (``"2024-03"``), those
    without articles too, so that the bars are a time axis; per year when
    that span is longer than :data:`MAX_MONTH_BARS` months."""
    if not month:
        return []
    first, last = min(month), max(month)
    y, m = int(first[:4]), int(first[5:])
    span = (int(last[:4]) - y) * 12 + int(last[5:]) - m + 1
    if span > MAX_MONTH_BARS:
        return [(str(n), year.get(str(n), 0)) for n in range(y, int(last[:4]) + 1)]
    bars = []
    for i in range(span):
        label = f"{y + (m - 1 + i) // 12:04d}-{(m - 1 + i) % 12 + 1:02d}"
        bars.append((label, month.get(label, 0)))
    return bars


class DateHistogram(QWidget):
    """Bars of articles per month (or per year over long spans), months or
    years without articles included; a click picks that period."""

    picked = Signal(object, object)  # since, until

    def __init__(self) -> None:
        super().__init__()
        self._bars: list[tuple[str, int]] = []
        self.setMinimumHeight(60)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(200, 70)

    def set_facets(self, facets: Facets) -> None:
        self._bars = period_bars(facets.month, facets.year)
        self.update()

    def bars(self) -> list[tuple[str, int]]:
        """The bars drawn, left to right: ``(label, articles)``."""
        return list(self._bars)

    def _bar_at(self, x: float) -> int | None:
        if not self._bars:
            return None
        i = int(x / (self.width() / len(self._bars)))
        return i if 0 <= i < len(self._bars) else None

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        palette = self.palette()
        if not self._bars:
            p.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No dates"))
            return
        top = max(n for _, n in self._bars) or 1
        w = self.width() / len(self._bars)
        h = self.height() - 14
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(palette.color(QPalette.ColorRole.Highlight))
        for i, (_, n) in enumerate(self._bars):
            if not n:
                continue
            bar = max(2.0, h * n / top)
            p.drawRect(QRectF(i * w + 1, h - bar, max(1.0, w - 2), bar))
        p.setPen(palette.color(QPalette.ColorRole.Text))
        labels = self.axis_labels()
        if len(labels) == 1:  # one period: its name under its bar
            p.drawText(QRectF(0, h, self.width(), self.height() - h),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, labels[0])
            return
        first, last = labels
        p.drawText(0, self.height() - 2, first)
        p.drawText(self.width() - p.fontMetrics().horizontalAdvance(last), self.height() - 2,
                   last)

    def axis_labels(self) -> list[str]:
        """The periods named under the bars: the first and the last, or the only one."""
        if not self._bars:
            return []
        first, last = self._bars[0][0], self._bars[-1][0]
        return [first] if first == last else [first, last]

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        i = self._bar_at(event.position().x())
        if i is not None:
            label, n = self._bars[i]
            QToolTip.showText(event.globalPosition().toPoint(), f"{label}: {n}", self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        i = self._bar_at(event.position().x())
        if i is None:
            return
        label = self._bars[i][0]
        year = int(label[:4])
        if len(label) == 7:
            month = int(label[5:])
            self.picked.emit(dt.date(year, month, 1),
                             dt.date(year, month, monthrange(year, month)[1]))
        else:
            self.picked.emit(dt.date(year, 1, 1), dt.date(year, 12, 31))


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("—")
    edit.setDate(NO_DATE)
    return edit


class FacetPanel(QWidget):
    """Signals: ``changed`` when the selection changes."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.sources = CheckList()
        self.langs = CheckList(lang_names())
        self.histogram = DateHistogram()
        self.since = _date_edit()
        self.until = _date_edit()
        self.clear_button = QPushButton()

        self.source_box = QGroupBox()
        source_layout = QVBoxLayout(self.source_box)
        source_layout.addWidget(self.sources)
        # The box is as tall as its list may be: the room left below goes to the stretch.
        source_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinAndMaxSize)
        self.date_box = QGroupBox()
        form = QFormLayout()
        self.from_label, self.to_label = QLabel(), QLabel()
        form.addRow(self.from_label, self.since)
        form.addRow(self.to_label, self.until)
        date_layout = QVBoxLayout(self.date_box)
        date_layout.addWidget(self.histogram)
        date_layout.addLayout(form)
        self.lang_box = QGroupBox()
        QVBoxLayout(self.lang_box).addWidget(self.langs)
        self.retranslate()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        # Many sources: their list takes the free height (the stretch below, what is left).
        layout.addWidget(self.source_box, 100)
        for w in (self.date_box, self.lang_box):
            layout.addWidget(w)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)

        self.sources.changed.connect(self.changed)
        self.langs.changed.connect(self.changed)
        self.since.dateChanged.connect(lambda _d: self._date_picked(self.since, self.until))
        self.until.dateChanged.connect(lambda _d: self._date_picked(self.until, self.since))
        self.histogram.picked.connect(self.set_dates)
        self.clear_button.clicked.connect(self.clear)

    def retranslate(self) -> None:
        self.clear_button.setText(self.tr("Clear filters"))
        self.source_box.setTitle(self.tr("Source"))
        self.date_box.setTitle(self.tr("Date"))
        self.lang_box.setTitle(self.tr("Language"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("To"))
        self.histogram.setToolTip(self.tr("Click a bar to show only that period"))
        self.langs.facet_model.set_labels(lang_names())
        self.sources.facet_model.set_labels(source_names())

    # -- selection -------------------------------------------------------------

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        def value(edit: QDateEdit) -> dt.date | None:
            d = edit.date()
            return None if d == NO_DATE else dt.date(d.year(), d.month(), d.day())

        return value(self.since), value(self.until)

    def _date_picked(self, picked: QDateEdit, other: QDateEdit) -> None:
        """A From after To moves To to it (and a To before From moves From), as
        a trip's dates do: the reversed range found nothing and said nothing."""
        since, until = self.since.date(), self.until.date()
        if NO_DATE not in (since, until) and since > until:
            other.blockSignals(True)
            other.setDate(picked.date())
            other.blockSignals(False)
        self.changed.emit()

    def set_dates(self, since: dt.date | None, until: dt.date | None) -> None:
        for edit, value in ((self.since, since), (self.until, until)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
            edit.blockSignals(False)
        self.changed.emit()

    def remove_source(self, value: str) -> None:
        self.sources.set_checked(value, False)

    def remove_lang(self, value: str) -> None:
        self.langs.set_checked(value, False)

    def clear(self) -> None:
        """Untick everything and clear the dates: one ``changed``."""
        for lst in (self.sources, self.langs):
            for value in lst.checked():
                lst.set_checked(value, False, notify=False)
        self.set_dates(None, None)

    def update_counts(self, facets: Facets) -> None:
        self.sources.set_counts(facets.source)
        self.langs.set_counts(facets.lang)
        self.histogram.set_facets(facets)
