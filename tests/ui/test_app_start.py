"""``searchapp`` (the window's entry point) on the seeds, in its own process."""

from __future__ import annotations

import os
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
