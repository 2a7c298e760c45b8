"""A changed article takes the place of its old version on its shard; a new
one is added once; a deleted one leaves (new articles are added without a
look-up of their key, changed ones replaced by it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from searchapp.core.backend import open_backend
from searchapp.core.indexer import update_index

pytestmark = pytest.mark.cluster


def _note(folder: Path, name: str, text: str, mtime: int) -> Path:
    path = folder / name
    path.write_text(f"Заметка {name}\n\n{text}\n", encoding="utf-8")
    os.utime(path, ns=(mtime, mtime))
    return path


def _state(cluster_file: Path) -> tuple[int, list[str], list[str], list[str]]:
    """Articles held, and the names of those matching three words."""
    engine = open_backend(cluster_file)
    try:
        names = [sorted(Path(p).name for p in engine.matching_paths(w))
                 for w in ("миграция", "нефть", "заметка")]
        return engine.stats().articles, *names
    finally:
        engine.close()


def test_changed_new_and_deleted_articles(cluster, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(6):
        _note(folder, f"{i}.txt", "Миграция растёт.", 10**18)
    first = update_index(cluster.file, [folder])
    assert (first.added, first.updated) == (6, 0)

    _note(folder, "2.txt", "Цены на нефть упали.", 2 * 10**18)  # changed
    _note(folder, "6.txt", "Нефть и миграция.", 10**18)  # new
    (folder / "4.txt").unlink()
    second = update_index(cluster.file)
    assert (second.added, second.updated, second.removed, second.unchanged) == (1, 1, 1, 4)
    assert _state(cluster.file) == (
        6, ["0.txt", "1.txt", "3.txt", "5.txt", "6.txt"], ["2.txt", "6.txt"],
        ["0.txt", "1.txt", "2.txt", "3.txt", "5.txt", "6.txt"])

    rebuilt = update_index(cluster.file, rebuild=True)
    assert (rebuilt.added, rebuilt.updated) == (0, 6)
    assert _state(cluster.file)[0] == 6
