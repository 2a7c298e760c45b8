"""Finding article files under folders."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from searchapp.core.ingest.documents import DOCUMENT_SUFFIXES

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCUMENT_SUFFIXES


def is_article_file(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES


def iter_article_files(
    roots: Iterable[Path], *, skipped: Counter[str] | None = None
) -> Iterator[Path]:
    """Article files under ``roots``, recursively, sorted, each once.

    Hidden files and folders are skipped; symlinked folders are followed once
    (a loop is not followed again); unreadable folders are skipped.  Other
    files found in the folders are counted in ``skipped`` by lower-case
    extension ("" for none); a file given as a root is always yielded.
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
        yield from _walk(root, seen_dirs, seen_files, skipped)


def _walk(
    folder: Path,
    seen_dirs: set[tuple[int, int]],
    seen_files: set[str],
    skipped: Counter[str] | None,
) -> Iterator[Path]:
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
            yield from _walk(Path(entry.path), seen_dirs, seen_files, skipped)
        elif is_file and is_article_file(entry.name):
            key = os.path.abspath(entry.path)
            if key not in seen_files:
                seen_files.add(key)
                yield Path(entry.path)
        elif is_file and skipped is not None:
            skipped[os.path.splitext(entry.name)[1].lower()] += 1
