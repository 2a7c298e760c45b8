"""Finding article files under folders."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})


def is_article_file(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES


def iter_article_files(roots: Iterable[Path]) -> Iterator[Path]:
    """Article files under ``roots``, recursively, sorted, each once.

    Hidden files and folders are skipped; symlinked folders are followed once
    (a loop is not followed again); unreadable folders are skipped.
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()
    for root in roots:
        root = Path(root)
        if root.is_file():
            key = os.path.abspath(root)
            if key not in seen_files:
                seen_files.add(key)
                yield root
            continue
        yield from _walk(root, seen_dirs, seen_files)


def _walk(folder: Path, seen_dirs: set[tuple[int, int]], seen_files: set[str]) -> Iterator[Path]:
    try:
        st = folder.stat()
    except OSError:
        return
    ident = (st.st_dev, st.st_ino)
    if ident in seen_dirs:
        return
    seen_dirs.add(ident)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError:
            continue
        if is_dir:
            yield from _walk(Path(entry.path), seen_dirs, seen_files)
        elif is_file and is_article_file(entry.name):
            key = os.path.abspath(entry.path)
            if key not in seen_files:
                seen_files.add(key)
                yield Path(entry.path)
