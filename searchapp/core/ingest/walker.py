"""Finding article files under folders."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from searchapp.core import folders
from searchapp.core.errors import UsageError
from searchapp.core.ingest.documents import DOCUMENT_SUFFIXES
from searchapp.core.progress import SAVED_PAGE_FOLDERS
from searchapp.core.reasons import Reason, ReasonKind, os_error_args
from searchapp.core.store import META_FILE

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCUMENT_SUFFIXES


# "Save page as" (complete page) writes X.html and a folder of the page's images, styles,
# frames and ads beside it: X_files in Chrome and an English Firefox; Firefox and Internet
# Explorer translate the suffix (German -Dateien, French _fichiers, Spanish _archivos,
# Portuguese _arquivos).  Such a folder is not read when X.html or X.htm is there too.
SAVED_PAGE_FOLDER_SUFFIXES = ("_files", "-Dateien", "_fichiers", "_archivos", "_arquivos")


def is_article_file(name: str) -> bool:
    return not name.startswith(".") and _in_article_format(name)


def new_roots(roots: Iterable[Path] | None, index_dir: Path | None = None) -> list[Path]:
    """``roots`` as the index keeps them.  Raises :class:`UsageError` (before
    anything is written) for one that does not exist, for a file in no
    article format (a folder walk would pass it over: named, it was read as
    text), and for the index folder ``index_dir`` or a path inside it (its files
    are the index's; a folder that holds the index folder is walked without it)."""
    checked = [folders.normalise(Path(r)) for r in roots or ()]
    own = folders.normalise(index_dir) if index_dir is not None else None
    for root in checked:
        if not root.exists():
            raise UsageError(Reason(ReasonKind.NO_SUCH_PATH, root))
        if own and folders.covers(Path(os.path.realpath(own)), os.path.realpath(root)):
            raise UsageError(Reason(ReasonKind.IN_INDEX_FOLDER, root, own))
        if root.is_file() and not _in_article_format(root.name):
            raise UsageError(Reason(ReasonKind.NOT_AN_ARTICLE_FILE, root,
                                    os.path.splitext(root.name)[1].lower()))
    return checked


def _in_article_format(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES


Problems = list[tuple[str, str]]
"""``(path, reason)`` of what a walk could not look into."""


def iter_article_files(
    roots: Iterable[Path], *, skipped: Counter[str] | None = None,
    problems: Problems | None = None, blind: list[Path] | None = None,
    saved_pages: list[str] | None = None,
) -> Iterator[Path]:
    """Article files under ``roots``, recursively, sorted (linked folders
    last), each once.

    Hidden files and folders are skipped, and so is a searchapp index (one
    kept inside the folder it indexes); symlinked folders are followed once,
    after every real folder (a folder also reached through a link is read under
    its own path; a loop is not followed again).  A folder that cannot be listed and a
    link that leads nowhere (a dangling link, a link to itself) go to
    ``problems`` with the reason, such a folder to ``blind`` too (what the
    index holds from it is not gone).  Other files found in the folders are
    counted in ``skipped`` by lower-case extension ("" for none), and the
    folder a browser saves beside a page (``X_files`` next to ``X.html``)
    under :data:`SAVED_PAGE_FOLDERS`, unread (its name in ``saved_pages``); a
    folder given as a root is always read, and so is a file given as one if it
    is in an article format (other files are counted in ``skipped``, as in a
    folder).
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()
    links: list[Path] = []  # linked folders: walked after every real one
    for root in roots:
        root = Path(root)
        if root.is_file():
            key = os.path.abspath(root)
            if key in seen_files:
                continue
            seen_files.add(key)
            if _in_article_format(root.name):
                yield root
            elif skipped is not None:  # a root an older version kept: counted, not read
                skipped[os.path.splitext(root.name)[1].lower()] += 1
            continue
        yield from _walk(root, seen_dirs, seen_files, skipped, problems, blind, links,
                         saved_pages)
    while links:  # a folder also reached by a link keeps its own path
        yield from _walk(links.pop(0), seen_dirs, seen_files, skipped, problems, blind, links,
                         saved_pages)


def _walk(
    folder: Path,
    seen_dirs: set[tuple[int, int]],
    seen_files: set[str],
    skipped: Counter[str] | None,
    problems: Problems | None,
    blind: list[Path] | None,
    links: list[Path],
    saved_pages: list[str] | None = None,
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
    except OSError as exc:
        if problems is not None:
            problems.append((os.path.abspath(folder),
                             Reason(ReasonKind.FOLDER_UNREADABLE, *os_error_args(exc))))
        if blind is not None:
            blind.append(Path(os.path.abspath(folder)))
        return
    if any(e.name == META_FILE for e in entries):
        return  # an index of ours (the folder's own, kept inside it): its files are no articles
    pages = {stem for stem, ext in map(os.path.splitext, (e.name for e in entries))
             if ext.lower() in HTML_SUFFIXES}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError:  # a link to itself: "too many levels of symbolic links"
            is_dir = is_file = False
        if not is_dir and not is_file and problems is not None and entry.is_symlink():
            problems.append((os.path.abspath(entry.path), _dead_link(entry.path)))
            continue
        if is_dir and _is_saved_page_folder(entry.name, pages):
            if skipped is not None:
                skipped[SAVED_PAGE_FOLDERS] += 1
            if saved_pages is not None:
                saved_pages.append(entry.name)
        elif is_dir and entry.is_symlink():
            links.append(Path(entry.path))
        elif is_dir:
            yield from _walk(Path(entry.path), seen_dirs, seen_files, skipped, problems, blind,
                             links, saved_pages)
        elif is_file and is_article_file(entry.name):
            key = os.path.abspath(entry.path)
            if key not in seen_files:
                seen_files.add(key)
                yield Path(entry.path)
        elif is_file and skipped is not None:
            skipped[os.path.splitext(entry.name)[1].lower()] += 1


def _is_saved_page_folder(name: str, pages: set[str]) -> bool:
    return any(name.endswith(suffix) and name[: -len(suffix)] in pages
               for suffix in SAVED_PAGE_FOLDER_SUFFIXES)


def _dead_link(path: str) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        return Reason(ReasonKind.DEAD_LINK, *os_error_args(exc))
    return Reason(ReasonKind.ODD_LINK)
