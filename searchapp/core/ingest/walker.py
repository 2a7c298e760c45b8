"""Finding article files under folders."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})


def is_article_file(name: str) -> bool:
    """A visible file with an article suffix (any case)."""
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES


def iter_article_files(roots: Iterable[Path]) -> Iterator[Path]:
    """Article files under ``roots``, recursively, in sorted order, each file once.

    A root that is a file is yielded as it is.  Hidden files and folders are
    skipped; symlinks are followed, but a folder already walked (a loop, or
    roots that overlap) is not walked again and a file reached twice (through
    a link) is yielded once; folders that cannot be listed are skipped.
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    for root in roots:
        root = Path(root)
        try:
            st = root.stat()
        except (OSError, ValueError):  # missing, unreadable, or a NUL in the name
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(root, (st.st_dev, st.st_ino), seen_dirs, seen_files)
        elif (st.st_dev, st.st_ino) not in seen_files:
            seen_files.add((st.st_dev, st.st_ino))
            yield root


def _walk(
    folder: Path,
    ident: tuple[int, int],
    seen_dirs: set[tuple[int, int]],
    seen_files: set[tuple[int, int]],
) -> Iterator[Path]:
    """Walk ``folder``, identified by ``ident`` = (device, inode), unless walked already."""
    if ident in seen_dirs:
        return
    seen_dirs.add(ident)
    device = ident[0]
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()  # follows symlinks
            if not is_dir and not (is_article_file(entry.name) and entry.is_file()):
                continue
            if is_dir or entry.is_symlink():
                target = entry.stat()  # the target's; a loop or a dangling link fails here
                entry_ident = (target.st_dev, target.st_ino)
            else:  # a plain file: its inode comes with the listing, no stat call
                entry_ident = (device, entry.inode())
        except OSError:
            continue
        if is_dir:
            yield from _walk(Path(entry.path), entry_ident, seen_dirs, seen_files)
        elif entry_ident not in seen_files:
            seen_files.add(entry_ident)
            yield Path(entry.path)
