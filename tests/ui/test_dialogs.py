"""The small dialogs: the files a run skipped, and why."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableWidget

from searchapp.ui.dialogs import FailedFilesDialog

pytestmark = pytest.mark.gui

DEEP = "/home/user/Архив новостей 2024/Telegram-каналы/Москва сегодня — главное/экспорт за март"
LONG_REASON = ("indexed, but: front matter is not valid YAML (mapping values are not allowed "
               "in this context, line 2, column 8); read line by line")


def shown_text(table: QTableWidget, row: int, column: int) -> str:
    """The text a cell paints at its present width, as the style cuts it."""
    index = table.model().index(row, column)
    option = QStyleOptionViewItem()
    option.initFrom(table.viewport())
    option.rect = table.visualRect(index)
    option.textElideMode = table.textElideMode()  # as the view's own options say
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    style = table.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, table).width()
    return option.fontMetrics.elidedText(option.text, option.textElideMode, room - 2 * margin)


def open_dialog(qtbot, failed: list[tuple[str, str]], width: int = 800) -> FailedFilesDialog:
    dialog = FailedFilesDialog(failed)
    qtbot.addWidget(dialog)
    dialog.resize(width, 400)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("width", [500, 800, 1280])
def test_long_paths_and_long_reasons_both_stay_readable(qtbot, width: int) -> None:
    """The Reason column took its longest reason's width and left the files
    a hundred pixels: «/tmp/window/» over «messy/Архив…»."""
    failed = [(f"{DEEP}/заметка_{i}_с_длинным_именем.md", LONG_REASON) for i in range(3)]
    dialog = open_dialog(qtbot, failed, width)
    table = dialog.table
    room = table.viewport().width()
    assert table.columnWidth(0) >= room // 2  # the files have the larger share
    assert table.columnWidth(1) >= room // 4  # and the reasons a fair one
    for row, (path, reason) in enumerate(failed):
        shown = shown_text(table, row, 0)
        # Cut in its middle: where it is and which file it is both stay in view.
        assert "…" in shown and shown.startswith("/ho") and shown.endswith(
            f"заметка_{row}_с_длинным_именем.md"), shown
        assert shown_text(table, row, 1).startswith("indexed, but:")
        assert table.item(row, 0).toolTip() == path  # whole on hover
        assert table.item(row, 1).toolTip() == reason


def test_short_reasons_are_shown_whole_and_the_files_get_the_rest(qtbot) -> None:
    failed = [(f"{DEEP}/пустой_{i}.txt", "file is empty") for i in range(2)]
    dialog = open_dialog(qtbot, failed, 1280)
    table = dialog.table
    assert shown_text(table, 0, 1) == "file is empty"
    assert table.columnWidth(0) + table.columnWidth(1) == table.viewport().width()
    assert shown_text(table, 0, 0) == failed[0][0]  # room enough: the whole path


def test_short_paths_leave_long_reasons_the_rest_of_the_width(qtbot) -> None:
    """The trial's four files took 60% of 800 px for paths of 280: «ссылка никуда
    не ведёт (Too many levels of s…», «слишком большой для статьи (32,9 МБ; пре…»."""
    failed = [("/tmp/messy/odd/self", "ссылка никуда не ведёт (слишком много уровней "
               "символических ссылок)"),
              ("/tmp/messy/odd/huge dump.txt", "слишком большой для статьи (32,9 МБ; предел — "
               "20 МБ, его поднимает SEARCHAPP_MAX_FILE_MB)")]
    dialog = open_dialog(qtbot, failed, 800)
    table = dialog.table
    assert shown_text(table, 0, 0) == failed[0][0]
    assert shown_text(table, 0, 1) == failed[0][1]  # on one line
    assert shown_text(table, 1, 0) == failed[1][0]
    # Too long for one line, the second wraps onto a second, whole.
    line = table.fontMetrics().lineSpacing()
    assert table.rowHeight(1) >= 2 * line > table.rowHeight(0)


def test_a_reason_column_the_user_widened_stays_as_wide(qtbot) -> None:
    dialog = open_dialog(qtbot, [(f"{DEEP}/a.md", LONG_REASON)])
    header = dialog.table.horizontalHeader()
    header.resizeSection(1, 500)  # as a drag of its edge does
    dialog.resize(900, 400)
    qtbot.waitUntil(lambda: dialog.table.viewport().width() > 800)
    assert dialog.table.columnWidth(1) == 500
    assert header.sectionResizeMode(1) == header.ResizeMode.Interactive
    assert dialog.table.item(0, 0).data(Qt.ItemDataRole.DisplayRole).endswith("a.md")
