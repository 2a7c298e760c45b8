"""The facet lists on their own: long names, counts, ticks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from searchapp.core.results import Facets
from searchapp.ui.facet_model import CountRole, FacetModel, ValueRole
from searchapp.ui.facets import CheckList, FacetPanel, period_bars

pytestmark = pytest.mark.gui


def shown_text(box_list: CheckList, row: int) -> str:
    """The text the list paints for ``row``, as its delegate prepares it."""
    index = box_list.model().index(row, 0)
    option = QStyleOptionViewItem()
    option.initFrom(box_list.viewport())
    option.rect = box_list.visualRect(index)
    box_list.itemDelegate().initStyleOption(option, index)
    return option.text


def test_a_long_source_name_gives_way_to_its_count(qtbot) -> None:
    box_list = CheckList()
    qtbot.addWidget(box_list)
    long_name = "Telegram: РИА Новости — главные новости России и мира"
    box_list.set_counts({long_name: 6, "Trend": 1})
    box_list.resize(180, box_list.height())
    box_list.show()
    qtbot.waitExposed(box_list)
    first = shown_text(box_list, 0)
    assert first.startswith("Telegram: ") and "…" in first and first.endswith("(6)")
    tooltip = box_list.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == f"{long_name}  (6)"  # the whole name on hover
    assert shown_text(box_list, 1) == "Trend  (1)"
    box_list.resize(900, box_list.height())  # room enough: nothing is cut
    qtbot.waitUntil(lambda: shown_text(box_list, 0) == f"{long_name}  (6)")


@pytest.mark.parametrize("width", [150, 180, 240])
def test_long_names_that_begin_alike_stay_apart(qtbot, width: int) -> None:
    """Cut at their ends, several channels of one city all read «Telegram: Моск…»."""
    box_list = CheckList()
    qtbot.addWidget(box_list)
    names = [f"Telegram: Москва сегодня — {topic}"
             for topic in ("главное", "происшествия", "транспорт", "погода")]
    box_list.set_counts(dict.fromkeys(names, 3))  # one count: only the names tell them apart
    box_list.resize(width, box_list.height())
    box_list.show()
    qtbot.waitExposed(box_list)
    shown = [shown_text(box_list, row) for row in range(len(names))]
    assert all("…" in text for text in shown), shown  # narrow enough to cut them all
    assert len(set(shown)) == len(names), shown
    tips = [box_list.model().index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
            for row in range(len(names))]
    assert sorted(tips) == sorted(f"{name}  (3)" for name in names)  # whole on hover


@pytest.mark.parametrize("width", [120, 150, 240])
def test_channels_of_one_service_show_where_their_names_differ(qtbot, width: int) -> None:
    """In a 700 px window the sources read «Tel…жба», «Tele…сквы», «Tele…кста»:
    cut in their middle, the names of Telegram's channels could not be told apart."""
    box_list = CheckList()
    qtbot.addWidget(box_list)
    channels = {"Telegram: BBC News | Русская служба": "BBC", "Telegram: Новости Москвы": "Нов",
                "Telegram: Банкста": "Бан", "Telegram: Хабр": "Хаб"}
    box_list.set_counts({"fromtheweb.eu": 16, **dict.fromkeys(channels, 1)})
    box_list.resize(width, box_list.height())
    box_list.show()
    qtbot.waitExposed(box_list)
    shown = {box_list.model().index(row, 0).data(ValueRole): shown_text(box_list, row)
             for row in range(box_list.model().rowCount())}
    assert any("…" in shown[name] for name in channels), shown  # narrow enough to cut
    for name, distinct in channels.items():
        assert shown[name].endswith("  (1)"), shown
        assert distinct in shown[name] or shown[name] == f"{name}  (1)", shown
    assert shown["fromtheweb.eu"].startswith("fromth"), shown


def test_the_model_passes_qt_checks_and_keeps_a_ticked_value_at_zero(qtmodeltester) -> None:
    model = FacetModel({"ru": "Русский"})
    model.set_counts({"en": 3, "ru": 5})
    qtmodeltester.check(model)
    rows = [(model.index(i).data(ValueRole), model.index(i).data(), model.index(i).data(CountRole))
            for i in range(model.rowCount())]
    assert rows == [("ru", "Русский  (5)", 5), ("en", "en  (3)", 3)]  # by count
    assert model.set_checked("en", True, notify=False)
    model.set_counts({"ru": 2})  # the new search has no English article
    assert [model.index(i).data(ValueRole) for i in range(model.rowCount())] == ["ru", "en"]
    assert model.index(1).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.checked() == frozenset({"en"})
    qtmodeltester.check(model)


def test_clicking_a_check_box_ticks_the_value_and_says_so_once(qtbot) -> None:
    box_list = CheckList()
    qtbot.addWidget(box_list)
    box_list.set_counts({"Trend": 2, "Reuters": 5})
    box_list.resize(240, box_list.height())
    box_list.show()
    qtbot.waitExposed(box_list)
    index = box_list.model().index(1, 0)  # Trend, after Reuters
    option = QStyleOptionViewItem()
    option.initFrom(box_list.viewport())
    option.rect = box_list.visualRect(index)
    box_list.itemDelegate().initStyleOption(option, index)
    check = box_list.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, box_list)
    changes: list[None] = []
    box_list.changed.connect(lambda: changes.append(None))
    with qtbot.waitSignal(box_list.changed) as ticked:
        qtbot.mouseClick(box_list.viewport(), Qt.MouseButton.LeftButton, pos=check.center())
    assert ticked.signal_triggered and box_list.checked() == frozenset({"Trend"})
    assert len(changes) == 1  # one click, one change of filter: one search
    # Ticking what is ticked already is no change: nothing to search again.
    assert not box_list.model().setData(index, Qt.CheckState.Checked.value,
                                        Qt.ItemDataRole.CheckStateRole)
    box_list.set_checked("Trend", True)
    assert len(changes) == 1
    with qtbot.assertNotEmitted(box_list.changed):
        box_list.set_counts({"Reuters": 1})  # new counts are no change of filter
    assert box_list.checked() == frozenset({"Trend"})


def test_clear_unticks_every_list_with_one_change(qtbot) -> None:
    panel = FacetPanel()
    qtbot.addWidget(panel)
    panel.update_counts(Facets(source={"Trend": 1, "Reuters": 2}, lang={"en": 3}))
    panel.sources.set_checked("Trend", True)
    panel.langs.set_checked("en", True)
    changes: list[None] = []
    panel.changed.connect(lambda: changes.append(None))
    panel.clear()
    assert len(changes) == 1
    assert not panel.sources.checked() and not panel.langs.checked()


def test_period_bars_fill_the_gaps_per_month_or_per_year() -> None:
    assert period_bars({}, {}) == []
    assert period_bars({"2023-11": 2, "2024-02": 1}, {"2023": 2, "2024": 1}) == [
        ("2023-11", 2), ("2023-12", 0), ("2024-01", 0), ("2024-02", 1)]
    # 25 months and more: per year, the years between too
    assert period_bars({"2013-12": 1, "2019-11": 1, "2026-11": 3},
                       {"2013": 1, "2019": 1, "2026": 3}) == [
        ("2013", 1), *((str(y), 0) for y in range(2014, 2019)), ("2019", 1),
        *((str(y), 0) for y in range(2020, 2026)), ("2026", 3)]
    assert len(period_bars({"2022-01": 1, "2023-12": 1}, {})) == 24  # still per month
