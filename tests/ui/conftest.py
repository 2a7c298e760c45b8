"""Fixtures for driving the real window offscreen."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from searchapp.core.folders import save as save_folders
from searchapp.ui import i18n
from searchapp.ui.app import build_window, make_settings
from searchapp.ui.mainwindow import MainWindow

WAIT_MS = 20_000


@pytest.fixture
def russian(qapp) -> Iterator[None]:
    """The app's texts in Russian for one test (then English again)."""
    i18n.install("ru")
    yield
    i18n.install("en")


@pytest.fixture
def make_window(qtbot, tmp_path: Path) -> Iterator[Callable[..., MainWindow]]:
    """Open a window on ``index`` (default: a private copy of the seed index),
    with settings in a private ini file."""
    windows: list[MainWindow] = []

    def make(index: Path, *, folders: list[Path] | None = None, lang: str = "en",
             query: str = "", start: bool = True) -> MainWindow:
        settings = make_settings(tmp_path / f"settings-{len(windows)}.ini")
        settings.setValue("language", lang)
        if folders is not None:  # the index's own list, as `searchapp index PATH` leaves it
            index.mkdir(parents=True, exist_ok=True)
            save_folders(index, folders)
        window = build_window(index, settings, query)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        if start:
            window.start()
            qtbot.waitUntil(lambda: not window.controller.busy, timeout=WAIT_MS)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
    i18n.install("en")


@pytest.fixture
def seed_copy(seed_index: Path, tmp_path: Path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(seed_index, target)
    return target


@pytest.fixture
def window(make_window, seed_copy: Path) -> MainWindow:
    return make_window(seed_copy)
