"""The on-disk Whoosh index: schema, version check, opening and locking.

The schema (with its analyser) is pickled by Whoosh into the index, so the
analyser class must stay importable at :mod:`searchapp.core.analysis`.  A
``searchapp.json`` file beside the segments records :data:`SCHEMA_VERSION`;
an index written with another version is rebuilt, never misread.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index
from whoosh.util.filelock import FileLock

from searchapp.core.analysis import make_analyzer
from searchapp.core.errors import (
    IndexBusyError,
    IndexDamagedError,
    IndexLocationError,
    IndexMissingError,
)
from searchapp.core.fsutil import write_atomic

# 3: sound keys of names (~meredov); 4: no keys for a capital that only
# starts a sentence or a line in capitals.  Bump whenever the analysis changes.
SCHEMA_VERSION = 4
META_FILE = "searchapp.json"
INDEX_NAME = "searchapp"


def make_schema() -> Schema:
    """Fields of an article.  ``date`` is a day ordinal (0 = unknown);
    ``mtime``/``size`` let a re-index skip unchanged files; the three are
    column-only (sorted and filtered, never searched as terms)."""
    analyzer = make_analyzer()
    return Schema(
        path=ID(stored=True, unique=True, sortable=True),
        title=TEXT(analyzer=analyzer, stored=True, phrase=True, field_boost=2.0),
        body=TEXT(analyzer=analyzer, stored=True, phrase=True),
        source=ID(stored=True, sortable=True),
        source_text=TEXT(analyzer=RegexTokenizer() | LowercaseFilter(), phrase=True),
        lang=ID(stored=True, sortable=True),
        # Column-only: filtered and sorted through the columns, never searched
        # as terms (a NUMERIC field would index 8–16 terms per value).
        date=COLUMN(NumericColumn("i", default=0)),
        mtime=COLUMN(NumericColumn("q", default=0)),
        size=COLUMN(NumericColumn("q", default=0)),
        url=STORED(),
    )


def write_meta(index_dir: Path) -> None:
    """Record the schema version, atomically."""
    write_atomic(index_dir / META_FILE, json.dumps({"schema": SCHEMA_VERSION}).encode())


def prepare_dir(index_dir: Path) -> None:
    """Make sure ``index_dir`` is a folder an index can be written in.

    Raises :class:`IndexLocationError` naming the path and why not.
    """
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexLocationError(f"{index_dir} is a file, not an index folder")
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexLocationError(
            f"cannot create the index folder {index_dir}: {exc.strerror or exc}"
        ) from None
    if not os.access(index_dir, os.W_OK | os.X_OK):
        raise IndexLocationError(f"cannot write in the index folder {index_dir}: permission denied")


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
    if not index_exists(index_dir):
        raise IndexMissingError(f"No index at {index_dir}: run 'searchapp index' first")
    if read_schema_version(index_dir) != SCHEMA_VERSION:
        raise IndexDamagedError(
            f"The index at {index_dir} was made by another version of searchapp: rebuild it"
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


def run_lock(index_dir: Path) -> FileLock:
    """The lock an indexing run holds from start to end (a Whoosh file lock:
    released by the OS when the process dies)."""
    return FileLock(str(index_dir / f"{INDEX_NAME}_RUN.lock"))


def busy_error(index_dir: Path) -> IndexBusyError:
    return IndexBusyError(
        f"The index at {index_dir} is busy: another indexing run is writing it. "
        "Try again when it has finished."
    )
