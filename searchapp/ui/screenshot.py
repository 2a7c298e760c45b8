"""Render the real window offscreen to a PNG, over an index of the seeds.

    python -m searchapp.ui.screenshot OUT.png [--query миграция] [--size 1280x800]
                                     [--lang ru|en] [--dark] [--index INDEX_OR_CLUSTER.toml]

Without ``--index`` it makes a fresh index of the seeds; with it, the window
opens that index folder or cluster file as it is.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import cast

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from searchapp.core import SEEDS_DIR, SearchappError, update_index
from searchapp.ui.app import build_window, make_settings

TIMEOUT_MS = 30_000


def wait_until(condition: Callable[[], object], timeout_ms: int = TIMEOUT_MS) -> bool:
    """Run the event loop until ``condition()`` holds or the time is up."""
    loop = QEventLoop()
    timer = QTimer(interval=20)
    timer.timeout.connect(lambda: loop.quit() if condition() else None)
    deadline = QTimer(singleShot=True, interval=timeout_ms)
    deadline.timeout.connect(loop.quit)
    timer.start()
    deadline.start()
    loop.exec()
    return bool(condition())


def dark_palette() -> QPalette:
    """A dark scheme like the desktops' own (offscreen Qt has none)."""
    p = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#202124", QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a", QPalette.ColorRole.AlternateBase: "#26272a",
        QPalette.ColorRole.Text: "#e8eaed", QPalette.ColorRole.Button: "#2b2c2f",
        QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Link: "#8ab4f8", QPalette.ColorRole.Mid: "#3c4043",
        QPalette.ColorRole.ToolTipBase: "#2b2c2f", QPalette.ColorRole.ToolTipText: "#e8eaed",
    }
    for role, color in colors.items():
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):  # greyed out, as dark themes do
        p.setColor(QPalette.ColorGroup.Disabled, role, "#6f7378")
    return p


def render(out: Path, query: str, size: tuple[int, int], lang: str, dark: bool,
           index: Path | None = None) -> None:
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    if dark:
        app.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    work = Path(tempfile.mkdtemp(prefix="searchapp-shot-"))
    if index is None:
        index = work / "index"
        update_index(index, [SEEDS_DIR])
    settings = make_settings(work / "settings.ini")
    settings.setValue("language", lang)
    window = build_window(index, settings, query)
    window.resize(*size)
    window.show()
    window.start()
    wait_until(lambda: window.last_response is not None and not window.controller.indexing)
    if window.model.rowCount():
        window.results.setCurrentIndex(window.model.index(0, 0))
        window.open_current()
        pane = window.reading_pane
        wait_until(lambda: pane.article is not None and not pane.similar_pending)
    QGuiApplication.processEvents()
    window.grab().save(str(out))
    window.close()


def window_size(text: str) -> tuple[int, int]:
    """``"1280x800"`` → ``(1280, 800)``; anything else is a usage error."""
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT (1280x800)") from None
    if w <= 0 or h <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: a width and a height above 0")
    return w, h


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--query", default="миграция")
    ap.add_argument("--size", type=window_size, default="1280x800",
                    help="the window's size (it is not made smaller than its minimum)")
    ap.add_argument("--lang", choices=["en", "ru"], default="ru")
    ap.add_argument("--dark", action="store_true")
    ap.add_argument("--index", type=Path, default=None,
                    help="an index folder or a cluster file (default: a new index of the seeds)")
    args = ap.parse_args(argv)
    try:
        render(args.out, args.query, args.size, args.lang, args.dark, args.index)
    except SearchappError as exc:  # a missing or malformed cluster file, a busy index…
        print(f"{ap.prog}: {exc}", file=sys.stderr)
        return 2
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
