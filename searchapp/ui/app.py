"""Start the window: ``searchapp`` (no arguments) or ``python -m searchapp.ui.app``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import cast

STARTED = time.perf_counter()

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from searchapp.core import RESOURCES_DIR, SearchappError, default_index_dir  # noqa: E402
from searchapp.ui import i18n  # noqa: E402
from searchapp.ui.mainwindow import MainWindow  # noqa: E402
from searchapp.ui.stop_signals import close_on_stop_signals  # noqa: E402

ICON = RESOURCES_DIR / "searchapp.svg"


def make_settings(path: Path | None = None) -> QSettings:
    """The app's settings: an ini file (``path`` for tests), written atomically by Qt."""
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "searchapp",
                     "searchapp")


def build_window(index_dir: Path, settings: QSettings, query: str | None = None) -> MainWindow:
    i18n.install(settings.value("language") or None)
    return MainWindow(index_dir, settings, query)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="searchapp", description="Open the searchapp window.")
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--query", default=None, help="initial query")
    parser.add_argument("--settings", type=Path, default=None, help="settings file (ini)")
    parser.add_argument("--probe-startup", action="store_true",
                        help="print the seconds until the first results are shown, then quit")
    args = parser.parse_args(argv)
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("searchapp")
    app.setOrganizationName("searchapp")
    app.setDesktopFileName("searchapp")  # Wayland: the menu entry's name and icon
    app.setWindowIcon(QIcon(str(ICON)))
    try:
        window = build_window(args.index or default_index_dir(),
                              make_settings(args.settings), args.query)
    except SearchappError as exc:  # a file where the index belongs, a bad cluster file
        print(f"searchapp: {exc}", file=sys.stderr)
        return 1
    if args.probe_startup:
        def first_results(_resp: object) -> None:
            print(f"first results after {time.perf_counter() - STARTED:.3f} s", flush=True)
            window.controller.cancel_indexing()
            QTimer.singleShot(0, window.close)

        window.controller.results.connect(first_results)
    window.show()
    window.start()
    undo = close_on_stop_signals(window)
    try:
        return app.exec()
    finally:
        undo()


if __name__ == "__main__":
    sys.exit(main())
