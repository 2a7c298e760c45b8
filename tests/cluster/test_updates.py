"""A changed article takes the place of its old version on its shard; a new
one is added once; a deleted one leaves (new articles are added without a
look-up of their key, changed ones replaced by it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from searchapp.core.backend import open_backend
from searchapp.core.indexer import index_folders, update_index

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


def test_a_file_named_that_cannot_be_read_is_not_kept_among_the_folders(
        cluster, tmp_path: Path) -> None:
    """As for an index folder: it was listed among the cluster's folders for good."""
    folder = tmp_path / "notes"
    folder.mkdir()
    _note(folder, "0.txt", "Миграция растёт.", 10**18)
    update_index(cluster.file, [folder])
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 4)
    report = update_index(cluster.file, [tmp_path / "photo.txt"])
    assert [Path(p).name for p, _ in report.failed] == ["photo.txt"]
    assert index_folders(cluster.file) == [folder]
    assert not update_index(cluster.file).failed


def test_a_sources_facet_name_follows_the_articles_a_run_adds(cluster, write_articles) -> None:
    """An open engine keeps the sources' facet names between searches; a run
    that adds articles writing a source otherwise is seen at the next search."""
    from searchapp.core.results import SearchRequest

    def note(source: str) -> str:
        return f"---\ntitle: Нефть\nsource: {source}\n---\nНефть подорожала.\n"

    engine = open_backend(cluster.file)
    try:
        update_index(cluster.file, [write_articles({"a.md": note("Lenta.ru")}, "one")])
        assert engine.search(SearchRequest(query="нефть")).facets.source == {"Lenta.ru": 1}
        update_index(cluster.file, [write_articles(
            {"b.md": note("lenta.ru"), "c.md": note("lenta.ru")}, "two")])
        assert engine.search(SearchRequest(query="нефть")).facets.source == {"lenta.ru": 3}
    finally:
        engine.close()
