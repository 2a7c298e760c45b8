"""``searchapp`` (the window's entry point) on the seeds, in its own process."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

# Runs app.main like the `searchapp` command, then reports the icon it gave the window.
SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication
from searchapp.ui import app
code = app.main(sys.argv[1:])
print("icon", "missing" if QApplication.windowIcon().pixmap(64).isNull() else "shown")
sys.exit(code)
"""


def test_the_app_opens_on_the_seeds_with_its_icon(seed_copy: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--probe-startup", "--query", "миграция",
         "--index", str(seed_copy), "--settings", str(tmp_path / "settings.ini")],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "first results after" in done.stdout
    assert "icon shown" in done.stdout


def test_a_file_named_as_the_index_is_refused_in_one_line(tmp_path: Path) -> None:
    """The window opened on a file said "This index is empty" and offered to add a
    folder, whose run then failed."""
    not_an_index = tmp_path / "notes.txt"
    not_an_index.write_text("not an index", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--index", str(not_an_index),
         "--settings", str(tmp_path / "settings.ini")],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr == f"searchapp: {not_an_index} is a file, not an index folder\n"
    assert not_an_index.read_text(encoding="utf-8") == "not an index"


# The same, saying when the first results are shown (after opening the window's
# dialog named in $OPEN_DIALOG, if any, once it is up) and how main() ended.
STOPPABLE = """
import os, sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from searchapp.ui import app
build = app.build_window
def announced(*args, **kwargs):
    window = build(*args, **kwargs)
    dialog = os.environ.get("OPEN_DIALOG")
    def shown(_results):
        if not dialog:
            print("results shown", flush=True)
            return
        def once_up():
            if QApplication.activeModalWidget() is None:
                QTimer.singleShot(10, once_up)
            else:
                print("results shown", flush=True)
        QTimer.singleShot(0, once_up)
        QTimer.singleShot(0, getattr(window, dialog))  # a modal dialog's own loop
    window.controller.results.connect(shown, type=Qt.ConnectionType.SingleShotConnection)
    return window
app.build_window = announced
code = app.main(sys.argv[1:])
print("main returned", code, flush=True)
"""


@pytest.mark.parametrize(("sig", "dialog"), [
    (signal.SIGINT, ""), (signal.SIGTERM, ""), (signal.SIGINT, "show_syntax"),
], ids=["Ctrl+C", "SIGTERM", "Ctrl+C with a dialog open"])
def test_ctrl_c_in_the_terminal_closes_the_window_as_its_close_button_does(
        seed_copy: Path, tmp_path: Path, sig: signal.Signals, dialog: str) -> None:
    """Qt's loop ran no Python handler: Ctrl+C went unnoticed until an event came.
    A modal dialog (its own event loop) is closed with the window."""
    settings = tmp_path / "settings.ini"
    proc = subprocess.Popen(
        [sys.executable, "-c", STOPPABLE, "--index", str(seed_copy), "--settings", str(settings)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "OPEN_DIALOG": dialog},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        assert select.select([proc.stdout], [], [], 60)[0], "no results shown"  # hang guard
        assert proc.stdout.readline() == "results shown\n"  # the window is up and idle
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)  # a hang guard, not a measure
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0 and "main returned 0" in out, err
    assert "Traceback" not in err
    assert "geometry" in settings.read_text()  # closed through closeEvent: state saved
