"""Shared fixtures.  GUI tests run offscreen; the core tests need no display."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from searchapp.core.indexer import update_index
from searchapp.core.paths import SEEDS_DIR

SEED_002 = "002_13e197d8ebd46593.txt"


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the five bundled seeds, built once per session.  Read-only."""
    index_dir = tmp_path_factory.mktemp("seed-index")
    report = update_index(index_dir, [SEEDS_DIR])
    assert report.added == 5 and not report.failed
    return index_dir


@pytest.fixture
def write_articles(tmp_path: Path):
    """Write ``{name: text}`` into a fresh folder and return it."""

    def write(files: dict[str, str], folder: str = "articles") -> Path:
        root = tmp_path / folder
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return write
