"""The on-disk Whoosh index: version check, opening and locking.

The fields are :mod:`searchapp.core.schema`'s.  A ``searchapp.json`` file
beside the segments records its :data:`~searchapp.core.schema.SCHEMA_VERSION`;
an index written with another version is rebuilt, never misread.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import re
import shutil
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, Index, clean_files
from whoosh.util.filelock import FileLock

from searchapp.core.errors import (
    IndexBusyError,
    IndexDamagedError,
    IndexLocationError,
    IndexMissingError,
    IndexOutdatedError,
)
from searchapp.core.folders import FOLDERS_FILE
from searchapp.core.fsutil import write_atomic
from searchapp.core.reasons import Reason, ReasonKind
from searchapp.core.schema import READER_VERSION, SCHEMA_VERSION, make_schema

META_FILE = "searchapp.json"
INDEX_NAME = "searchapp"


def write_meta(index_dir: Path) -> None:
    """Record the schema and reader versions, atomically."""
    write_atomic(index_dir / META_FILE,
                 json.dumps({"schema": SCHEMA_VERSION, "reader": READER_VERSION}).encode())


def refuse_file(index_dir: Path) -> None:
    """Raise :class:`IndexLocationError` when ``index_dir`` is a file."""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexLocationError(Reason(ReasonKind.INDEX_IS_FILE, index_dir))


def require_index(index_dir: Path) -> None:
    """Raise :class:`IndexLocationError` (a file) or :class:`IndexMissingError`
    (no index there) unless ``index_dir`` holds an index."""
    refuse_file(index_dir)
    if not index_exists(index_dir):
        raise IndexMissingError(Reason(ReasonKind.NO_INDEX, index_dir))


def prepare_dir(index_dir: Path) -> None:
    """Make sure ``index_dir`` is a folder an index can be written in.

    Raises :class:`IndexLocationError` naming the path and why not.
    """
    refuse_file(index_dir)
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexLocationError(
            Reason(ReasonKind.INDEX_NOT_CREATED, index_dir, exc.strerror or exc)) from None
    require_writable(index_dir)


def require_writable(index_dir: Path) -> None:
    """Raise :class:`IndexLocationError` unless files can be written in the
    folder ``index_dir``, saying whether its file system is read-only."""
    if os.access(index_dir, os.W_OK | os.X_OK):
        return
    try:
        read_only = bool(os.statvfs(index_dir).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        read_only = False
    kind = ReasonKind.INDEX_READ_ONLY if read_only else ReasonKind.INDEX_NOT_WRITABLE
    raise IndexLocationError(Reason(kind, index_dir))


def read_reader_version(index_dir: Path) -> int:
    """The version of the reader whose articles the index holds (1: not recorded)."""
    try:
        return int(json.loads((index_dir / META_FILE).read_text()).get("reader", 1))
    except (OSError, ValueError, AttributeError, TypeError):
        return 1


def read_schema_version(index_dir: Path) -> int | None:
    try:
        return int(json.loads((index_dir / META_FILE).read_text())["schema"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def index_exists(index_dir: Path) -> bool:
    try:
        return bool(whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME))
    except Exception:
        return True


def is_current(index_dir: Path) -> bool:
    """True when an index exists and was written with this schema version."""
    return index_exists(index_dir) and read_schema_version(index_dir) == SCHEMA_VERSION


def is_outdated(index_dir: Path) -> bool:
    """True when an index exists but was written with another schema version."""
    return index_exists(index_dir) and read_schema_version(index_dir) != SCHEMA_VERSION


def create(index_dir: Path) -> Index:
    """Create an empty index (replacing any old one) and return it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = FileStorage(str(index_dir)).create_index(make_schema(), indexname=INDEX_NAME)
    write_meta(index_dir)
    return ix


def open_index(index_dir: Path) -> Index:
    """Open an existing, current index for reading or writing.

    Raises :class:`IndexMissingError` or :class:`IndexDamagedError`.
    """
    require_index(index_dir)
    if read_schema_version(index_dir) != SCHEMA_VERSION:
        raise IndexOutdatedError(
            f"The index at {index_dir} was made by another version of searchapp: "
            "'searchapp index' reads its folders into a new one"
        )
    try:
        return whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError,
            ImportError, KeyError, IndexError) as exc:
        raise IndexDamagedError(
            f"The index at {index_dir} is damaged ({type(exc).__name__}): rebuild it "
            "('searchapp index --rebuild')"
        ) from exc
    except Exception as exc:
        raise IndexDamagedError(
            f"The index at {index_dir} cannot be read ({exc}): rebuild it"
        ) from exc


def state(index_dir: Path) -> tuple[int, int]:
    """What changes when a run commits or the folders change: the latest
    generation (-1 for none) and the folders file's modification time (0 for
    none).  Only names and one stat: cheap enough to ask after every change
    in the folder."""
    generation = -1
    try:
        with os.scandir(index_dir) as entries:
            for entry in entries:
                match = _TOC_NAME.fullmatch(entry.name)
                if match:
                    generation = max(generation, int(match[1]))
    except OSError:
        return (-1, 0)
    try:
        folders_mtime = (index_dir / FOLDERS_FILE).stat().st_mtime_ns
    except OSError:
        folders_mtime = 0
    return (generation, folders_mtime)


_TOC_NAME = re.compile(rf"_{INDEX_NAME}_(\d+)\.toc")


def run_lock(index_dir: Path) -> FileLock:
    """The lock an indexing run holds from start to end (a Whoosh file lock:
    released by the OS when the process dies)."""
    return FileLock(str(index_dir / f"{INDEX_NAME}_RUN.lock"))


def busy_error(index_dir: Path) -> IndexBusyError:
    return IndexBusyError(
        f"The index at {index_dir} is busy: another indexing run is writing it. "
        "Try again when it has finished."
    )


def clean_leftovers(index_dir: Path) -> None:
    """Remove the files of writers that ended without committing: a rebuild
    stopped or killed, a run killed mid-batch.  Their segments are listed by no
    generation, and only a commit removed them (Whoosh's ``clean_files``), so a
    next run with nothing to write kept them for ever.

    Whoosh's ``clean_files`` removes them here as it does at a commit: every
    segment file and table of contents but the latest generation's.  It does
    not know Whoosh's folder of temporary files (``searchapp.tmp``: a killed
    writer's stored fields, 1 MB after 1,500 short articles) nor the temporary
    files of :func:`~searchapp.core.fsutil.write_atomic`; they go too.

    The caller holds :func:`run_lock`; nothing is removed while a Whoosh writer
    holds the index (its write lock), nor when the latest generation cannot be
    read (what belongs to the index is not known then).
    """
    if not index_exists(index_dir):
        return
    storage = FileStorage(str(index_dir))
    try:
        writelock = storage.lock(f"{INDEX_NAME}_WRITELOCK")
        if not writelock.acquire(blocking=False):
            return
    except OSError:  # a read-only folder: nothing to remove from it either
        return
    try:
        try:
            toc = TOC.read(storage, INDEX_NAME)
        except Exception:
            return
        clean_files(storage, INDEX_NAME, toc.generation, toc.segments)
        shutil.rmtree(index_dir / f"{INDEX_NAME}.tmp", ignore_errors=True)
        for name in (META_FILE, FOLDERS_FILE):
            for tmp in index_dir.glob(f".{name}-*"):
                with contextlib.suppress(OSError):
                    tmp.unlink(missing_ok=True)
    finally:
        writelock.release()
