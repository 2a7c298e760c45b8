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
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.columns import TranslatingColumnReader
from whoosh.filedb import filetables
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, Index, clean_files
from whoosh.reading import CorruptIndexError
from whoosh.searching import Searcher
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
from searchapp.core.schema import (
    BODY,
    NO_VALUE,
    READER_VERSION,
    SCHEMA_VERSION,
    SOURCE,
    SOURCE_TEXT,
    TITLE,
    make_schema,
)

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
        raise IndexOutdatedError(Reason(ReasonKind.INDEX_OUTDATED, index_dir))
    try:
        return whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError,
            ImportError, KeyError, IndexError) as exc:
        raise damaged_error(index_dir, type(exc).__name__) from exc
    except Exception as exc:
        raise damaged_error(index_dir, f"{type(exc).__name__}: {exc}") from exc


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


def damaged_error(index_dir: Path, detail: str) -> IndexDamagedError:
    """The one-line error for an index a part of which cannot be read."""
    return IndexDamagedError(Reason(ReasonKind.INDEX_DAMAGED, index_dir, detail))


# What reading a truncated or missing segment file raises inside Whoosh.
DAMAGE = (
    CorruptIndexError, OSError, EOFError, struct.error, pickle.UnpicklingError, zlib.error,
    IndexError,
)
_LAST_TERMS = 256  # the postings of a segment's last terms end at its postings file's end


def check_readable(ix: Index, index_dir: Path) -> None:
    """:func:`check_searcher` on a searcher of ``ix`` (what an indexing run does
    first: a run with nothing to do said "unchanged" of a damaged index)."""
    try:
        searcher = ix.searcher()
    except Exception as exc:
        raise damaged_error(index_dir, f"{type(exc).__name__}: {exc}") from exc
    with searcher:
        check_searcher(searcher, index_dir)


def check_searcher(searcher: Searcher, index_dir: Path) -> None:
    """Read each segment's ends: its columns' and stored fields' last document,
    whether its columns are as long as they were written, and how far its last
    terms' postings reach (a truncated postings file was only noticed by the
    search that read those postings; a cut date column read as undated).  A few
    reads per segment, whatever the index's size.  Raises :class:`IndexDamagedError`."""
    try:
        for reader, _offset in searcher.reader().leaf_readers():
            last = reader.doc_count_all() - 1
            if last < 0:  # an empty index's reader has no columns
                continue
            for name in reader.schema.names():
                if reader.has_column(name):
                    with _naming(reader, name, index_dir):
                        column = reader.column_reader(name)
                        short = _column_cut_short(reader, name, column)
                        column[last]  # read for its errors
                    if short:
                        raise damaged_error(index_dir, short)
            with _naming(reader, "_stored", index_dir):
                stored = reader.stored_fields(last)
            short = _lengths_cut_short(reader, last, stored) or _postings_cut_short(reader)
            if short:
                raise damaged_error(index_dir, short)
    except IndexDamagedError:
        raise
    except Exception as exc:  # any failure to read is damage; the caller says to rebuild
        raise damaged_error(index_dir, f"{type(exc).__name__}: {exc}") from exc


@contextlib.contextmanager
def _naming(reader: Any, column: str, index_dir: Path) -> Iterator[None]:
    """A failure to read ``column`` of the segment as damage that names its file."""
    try:
        yield
    except Exception as exc:
        filename = W3Codec.column_filename(reader._segment, column)
        raise damaged_error(
            index_dir, f"{filename} cannot be read ({type(exc).__name__}: {exc})") from exc


def _column_cut_short(reader: Any, name: str, column: Any) -> str | None:
    """``file is cut short (…)`` for a column of fixed-size values whose file
    ends inside a value, or, for a column that holds a value for every document
    (its default is :data:`~searchapp.core.schema.NO_VALUE`, never written:
    the date, modification time and size), before the segment's last document.
    Whoosh reads a value past a column's end as the default: a date column cut
    to a third had two thirds of its articles undated, and no error."""
    if isinstance(column, TranslatingColumnReader):  # the column's values as written
        column = column.raw_column()
    width = getattr(column, "_fixedlen", None)
    if not width:  # a column of variable-size values: its reader checks its end
        return None
    filename = W3Codec.column_filename(reader._segment, name)
    size = reader._storage.file_length(filename)
    full = reader.doc_count_all() * width
    if size % width or (getattr(column, "_default", None) == NO_VALUE and size < full):
        return f"{filename} is cut short: {size:,} of {full:,} bytes"
    return None


# The stored text a field's length column counts the terms of.
_LENGTH_TEXTS = {TITLE: TITLE, BODY: BODY, SOURCE_TEXT: SOURCE}
_LENGTH_CHARS = 2_000  # a text's start that shows it has a term


def _lengths_cut_short(reader: Any, last: int, stored: dict[str, Any]) -> str | None:
    """``file is cut short`` when the segment's last document has no length
    in a field (what Whoosh reads past a cut length column's end) although its
    stored text has terms there.  The text is analysed only then."""
    for name, text_field in _LENGTH_TEXTS.items():
        if name not in reader.schema or reader.doc_field_length(last, name):
            continue
        text = str(stored.get(text_field) or "")
        if len(text) > _LENGTH_CHARS:  # whole words of its start
            text = text[:_LENGTH_CHARS].rsplit(None, 1)[0]
        if next(iter(reader.schema[name].index(text)), None) is not None:
            filename = W3Codec.column_filename(reader._segment, f"_{name}_len")
            size = reader._storage.file_length(filename)
            return f"{filename} is cut short: {size:,} of {last + 1:,} bytes"
    return None


def _postings_cut_short(reader: Any) -> str | None:
    """``file is cut short (…)`` when the postings of the segment's last terms (in
    key order, the order they were written) end past its postings file's end."""
    terms = getattr(reader, "_terms", None)
    table = getattr(terms, "_tindex", None)
    if not isinstance(table, filetables.OrderedHashReader):  # another codec: not checked
        return None
    end = 0
    for i in range(table.indexlen - 1, max(-1, table.indexlen - 1 - _LAST_TERMS), -1):
        found = table.key_and_range_at(table._get_pos(table.indexbase + i * table.indexsize))
        if found is None:
            continue
        _key, datapos, datalen = found
        info = W3TermInfo.from_bytes(table.dbfile.get(datapos, datalen))
        if not info.is_inlined():
            offset, length = info.extent()
            # Whoosh 3 reads the length back as a 1-tuple.
            end = max(end, offset + (length[0] if isinstance(length, tuple) else length))
    name = reader._segment.make_filename(W3Codec.POSTS_EXT)
    size = reader._storage.file_length(name)
    return f"{name} is cut short: {size:,} of {end:,} bytes" if size < end else None


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
