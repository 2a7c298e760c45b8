"""Colours that read well in light and dark schemes."""

from __future__ import annotations

from PySide6.QtGui import QPalette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


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
