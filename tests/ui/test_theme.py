"""Light and dark schemes: what the user must be able to see in both."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from searchapp.ui import screenshot
from searchapp.ui.facets import CheckList
from searchapp.ui.screenshot import dark_palette

pytestmark = pytest.mark.gui


def _box_contrast(qtbot, box_list: CheckList) -> int:
    """The largest lightness step from the list's background inside the
    check box column of the first row."""
    box_list.set_counts({"Trend": 2})
    box_list.resize(200, box_list.height())
    box_list.show()
    qtbot.waitExposed(box_list)
    image = box_list.grab().toImage()
    row = box_list.visualRect(box_list.model().index(0, 0)).translated(
        box_list.viewport().pos())
    column = QRect(row.left(), row.top(), row.height() + 4, row.height())
    base = box_list.palette().color(QPalette.ColorRole.Base).lightness()
    return max(
        abs(QColor(image.pixel(x, y)).lightness() - base)
        for x in range(column.left(), column.right())
        for y in range(column.top(), column.bottom())
    )


def test_facet_check_boxes_show_in_light_and_dark(qtbot) -> None:
    app = QApplication.instance()
    light, style = app.palette(), app.style().name()
    app.setStyle("Fusion")
    try:
        box_list = CheckList()
        qtbot.addWidget(box_list)
        assert _box_contrast(qtbot, box_list) > 60
        app.setPalette(dark_palette())  # the scheme switched while the window is open
        qtbot.waitUntil(lambda: box_list.palette().color(QPalette.ColorRole.Base).name()
                        == "#17181a")
        assert _box_contrast(qtbot, box_list) > 40
        app.setPalette(light)  # and back
        qtbot.waitUntil(lambda: box_list.palette().color(QPalette.ColorRole.Window)
                        == light.color(QPalette.ColorRole.Window))
        assert _box_contrast(qtbot, box_list) > 60
    finally:
        app.setPalette(light)
        app.setStyle(style)


def test_the_screenshot_tool_says_what_is_wrong_in_one_line(qapp, tmp_path, capsys) -> None:
    (tmp_path / "bad.toml").write_text("timeout_ms = 'soon'\n", encoding="utf-8")
    for index in (tmp_path / "missing.toml", tmp_path / "bad.toml"):
        assert screenshot.main([str(tmp_path / "out.png"), "--index", str(index)]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and str(index) in err, err
    assert not (tmp_path / "out.png").exists()
