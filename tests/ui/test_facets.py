"""The facet lists on their own: long names, counts, ticks."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStyleOptionViewItem

from searchapp.ui.facets import CheckList

pytestmark = pytest.mark.gui


def shown_text(box_list: CheckList, row: int) -> str:
    """The text the list paints for ``row``, as its delegate prepares it."""
    item = box_list.item(row)
    option = QStyleOptionViewItem()
    option.initFrom(box_list.viewport())
    option.rect = box_list.visualItemRect(item)
    box_list.itemDelegate().initStyleOption(option, box_list.indexFromItem(item))
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
    assert box_list.item(0).toolTip() == f"{long_name}  (6)"  # the whole name on hover
    assert shown_text(box_list, 1) == "Trend  (1)"
    box_list.resize(900, box_list.height())  # room enough: nothing is cut
    qtbot.waitUntil(lambda: shown_text(box_list, 0) == f"{long_name}  (6)")
