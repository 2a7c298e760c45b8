"""Colours that read well in light and dark schemes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def check_box_window(palette: QPalette) -> QColor:
    """The Window colour for a list of check boxes in ``palette``'s scheme.

    Fusion draws a box's outline a shade darker than the Window colour,
    which vanishes on a dark list; a lighter Window colour for the list
    alone brings the boxes back (the list itself is painted with Base).
    """
    window = palette.color(QPalette.ColorRole.Window)
    return window.lighter(300) if is_dark(palette) else window


def mark_colors(palette: QPalette) -> tuple[str, str]:
    """Background and text colour of a highlighted match."""
    return ("#8a6d00", "#ffffff") if is_dark(palette) else ("#ffe066", "#000000")


def current_mark_colors(palette: QPalette) -> tuple[str, str]:
    """The match the reading pane is on."""
    return ("#d9480f", "#ffffff") if is_dark(palette) else ("#ff922b", "#000000")


def highlight_css(palette: QPalette) -> str:
    """Style sheet for ``<b>`` marks in result snippets."""
    bg, fg = mark_colors(palette)
    return f"b {{ background-color: {bg}; color: {fg}; font-weight: 600; }}"
