"""Why a file was not indexed, or was indexed with a defect, as values.

An indexing run's report pairs paths with reasons (``IndexReport.failed``,
``IndexReport.warnings``).  Each reason the core gives is a :class:`Reason`:
a string in English (what the CLI prints, what a test compares) that also
carries its kind and arguments, so the window words it in its own language
(``searchapp.ui.reasons``) instead of showing the English.  Like
:mod:`searchapp.core.notices`, a front end tells kinds apart by ``kind``,
never by reading the text back.  A plain string (an error of a library
nobody foresaw) stays a valid reason, shown as it is.
"""

from __future__ import annotations

import errno
from enum import Enum
from typing import assert_never


class ReasonKind(Enum):
    """What went wrong with a file or folder, or why a run or a search could
    not go on (an error raised with a :class:`Reason` as its message, which
    :func:`reason_of` finds); arguments in ``Reason.args``."""

    # Reading a file: none indexed.
    TOO_LARGE = "too_large"  # (size in bytes, the limit in bytes, the variable that raises it)
    VANISHED = "vanished"
    PERMISSION_DENIED = "permission_denied"
    IS_FOLDER = "is_folder"
    OS_ERROR = "os_error"  # (the system's message, its errno's name if any: "EIO")
    EMPTY_FILE = "empty_file"  # no byte
    BLANK_FILE = "blank_file"  # spaces, tabs and line breaks
    NO_TEXT = "no_text"
    NO_PAGE_TEXT = "no_page_text"
    NOT_ARTICLE_FORMAT = "not_article_format"  # (".ext", or "" for no extension,)
    BINARY = "binary"
    BROKEN_TEXT = "broken_text"  # (the encoding its byte-order mark names,)
    PDF_PASSWORD = "pdf_password"
    PDF_UNREADABLE = "pdf_unreadable"  # (the library's message,)
    PDF_DAMAGED = "pdf_damaged"  # (the library's message,)
    PDF_SCANNED = "pdf_scanned"
    WORD_UNREADABLE = "word_unreadable"  # (the library's message,)
    ODT_UNREADABLE = "odt_unreadable"  # (the library's message,)
    NOT_MIME = "not_mime"
    NO_SAVED_PAGE = "no_saved_page"
    BAD_FILE_NAME = "bad_file_name"
    READER_FAILED = "reader_failed"  # (the exception's type, its message)
    # Walking the folders.
    FOLDER_UNREADABLE = "folder_unreadable"  # (the system's message, its errno's name)
    DEAD_LINK = "dead_link"  # (the system's message, its errno's name: "ELOOP")
    ODD_LINK = "odd_link"
    FOLDER_MISSING_KEPT = "folder_missing_kept"
    FOLDER_MISSING_FRESH = "folder_missing_fresh"
    # Read, with a defect.
    FRONT_MATTER_NOT_YAML = "front_matter_not_yaml"  # (what YAML said,)
    FRONT_MATTER_BAD_DAY = "front_matter_bad_day"  # (what Python said of the day,)
    FRONT_MATTER_NOT_KEYS = "front_matter_not_keys"
    FRONT_MATTER_UNCLOSED = "front_matter_unclosed"
    FRONT_MATTER_BAD_DATE = "front_matter_bad_date"  # (the value, cut to 40 characters)
    # A cluster's shards.
    SHARD_DOWN = "shard_down"  # (why the connection failed,)
    SHARD_LOST = "shard_lost"  # (why, how many changes were not committed)
    # Why a run or a search could not go on: the message of the error it raised.
    NO_SUCH_PATH = "no_such_path"  # (the path,)
    NOT_AN_ARTICLE_FILE = "not_an_article_file"  # (the path, its extension)
    IN_INDEX_FOLDER = "in_index_folder"  # (the path, the index folder)
    NO_INDEX = "no_index"  # (the index folder,)
    INDEX_DAMAGED = "index_damaged"  # (the index folder, what could not be read)
    INDEX_OUTDATED = "index_outdated"  # (the index folder,)
    INDEX_IS_FILE = "index_is_file"  # (the path,)
    INDEX_NOT_CREATED = "index_not_created"  # (the index folder, the system's message)
    INDEX_NOT_WRITABLE = "index_not_writable"  # (the index folder,)
    INDEX_READ_ONLY = "index_read_only"  # (the index folder,)
    CLUSTER_DOWN = "cluster_down"  # (the cluster file, the shards that did not answer)
    CLUSTER_FAILING = "cluster_failing"  # (the cluster file,)
    FORGET_SHARD_DOWN = "forget_shard_down"  # (the shard,)
    FORGET_SHARD_LOST = "forget_shard_lost"  # (why,)
    WORKER_FAILED = "worker_failed"  # (what the indexing process said,)
    WORKER_ENDED = "worker_ended"  # (its exit code,)


class Reason(str):
    """A reason in English that keeps its :class:`ReasonKind` and arguments."""

    __slots__ = ("args", "kind")
    kind: ReasonKind
    args: tuple[str, ...]

    def __new__(cls, kind: ReasonKind, *args: object) -> Reason:
        texts = tuple(map(str, args))
        self = super().__new__(cls, english(kind, texts))
        self.kind = kind
        self.args = texts
        return self

    def __reduce__(self) -> tuple[type[Reason], tuple[object, ...]]:
        """Pickled as kind and arguments (the analysing processes send reasons back)."""
        return Reason, (self.kind, *self.args)


def os_error_args(exc: OSError) -> tuple[str, ...]:
    """An OS error as a reason's arguments: the system's message (in English
    for the CLI), then its errno's name ("ELOOP"), by which the window words it
    in its own language (it showed «(Too many levels of symbolic links)» in Russian)."""
    message = exc.strerror or str(exc)
    code = errno.errorcode.get(exc.errno) if exc.errno else None
    return (message, code) if code else (message,)


def english(kind: ReasonKind, a: tuple[str, ...] = ()) -> str:
    """The reason as English words (the CLI's)."""
    match kind:
        case ReasonKind.TOO_LARGE:
            size, limit = (_english_size(n, unit) for n, unit in sizes(int(a[0]), int(a[1])))
            return f"too large for an article ({size}; the limit is {limit}, raise it with {a[2]})"
        case ReasonKind.VANISHED:
            return "file vanished before it could be read"
        case ReasonKind.PERMISSION_DENIED:
            return "permission denied"
        case ReasonKind.IS_FOLDER:
            return "is a folder, not a file"
        case ReasonKind.OS_ERROR:
            return f"could not be read ({a[0]})"
        case ReasonKind.EMPTY_FILE:
            return "file is empty"
        case ReasonKind.BLANK_FILE:
            return "file holds only spaces and line breaks, no text"
        case ReasonKind.NO_TEXT:
            return "no text in the file"
        case ReasonKind.NO_PAGE_TEXT:
            return "no text found in the page"
        case ReasonKind.NOT_ARTICLE_FORMAT:
            kind_of = f"{a[0]} files" if a[0] else "files without an extension"
            return f"{kind_of} are not read (not an article format)"
        case ReasonKind.BINARY:
            return "not a text file (binary content)"
        case ReasonKind.BROKEN_TEXT:
            return f"broken {a[0]} text"
        case ReasonKind.PDF_PASSWORD:
            return "not a readable PDF (password-protected PDF)"
        case ReasonKind.PDF_UNREADABLE:
            return f"not a readable PDF ({a[0]})"
        case ReasonKind.PDF_DAMAGED:
            return f"damaged PDF ({a[0]})"
        case ReasonKind.PDF_SCANNED:
            return "scanned PDF without a text layer: not indexed"
        case ReasonKind.WORD_UNREADABLE:
            return f"not a readable Word document ({a[0]})"
        case ReasonKind.ODT_UNREADABLE:
            return f"not a readable OpenDocument text ({a[0]})"
        case ReasonKind.NOT_MIME:
            return "not a MIME message (no headers)"
        case ReasonKind.NO_SAVED_PAGE:
            return "no HTML page in the saved file"
        case ReasonKind.BAD_FILE_NAME:
            return "file name is not valid UTF-8: rename it"
        case ReasonKind.READER_FAILED:
            return f"could not be read ({a[0]}: {a[1]})"
        case ReasonKind.FOLDER_UNREADABLE:
            return (f"folder cannot be read ({a[0]}): its files were not read, "
                    "its articles are kept")
        case ReasonKind.DEAD_LINK:
            return f"link leads nowhere ({a[0]})"
        case ReasonKind.ODD_LINK:
            return "link to something that is neither a file nor a folder"
        case ReasonKind.FOLDER_MISSING_KEPT:
            return "folder not found (its articles are kept)"
        case ReasonKind.FOLDER_MISSING_FRESH:
            return ("folder not found: the index was made anew, so its articles are not in it "
                    "until it is back")
        case ReasonKind.FRONT_MATTER_NOT_YAML:
            return f"front matter is not valid YAML ({a[0]}); read line by line"
        case ReasonKind.FRONT_MATTER_BAD_DAY:
            return f"front matter has a day that does not exist ({a[0]}); read line by line"
        case ReasonKind.FRONT_MATTER_NOT_KEYS:
            return "front matter is not a list of key: value lines; read line by line"
        case ReasonKind.FRONT_MATTER_UNCLOSED:
            return "front matter has no closing '---'; read line by line"
        case ReasonKind.FRONT_MATTER_BAD_DATE:
            return f"front matter's date cannot be read ({a[0]}): left out"
        case ReasonKind.SHARD_DOWN:
            return (f"shard did not answer ({a[0]}): its articles were not indexed; "
                    "run again when it is back")
        case ReasonKind.SHARD_LOST:
            return (f"shard stopped answering ({a[0]}): it keeps its last commit; "
                    f"{a[1]} uncommitted changes were lost, the next run redoes them")
        case ReasonKind.NO_SUCH_PATH:
            return f"{a[0]}: no such file or folder"
        case ReasonKind.NOT_AN_ARTICLE_FILE:
            return f"{a[0]}: {english(ReasonKind.NOT_ARTICLE_FORMAT, a[1:])}"
        case ReasonKind.IN_INDEX_FOLDER:
            return f"{a[0]}: the index folder {a[1]} holds the index, not articles"
        case ReasonKind.INDEX_DAMAGED:
            return (f"The index at {a[0]} is damaged ({a[1]}): rebuild it with "
                    "'searchapp index --rebuild'")
        case ReasonKind.INDEX_OUTDATED:
            return (f"The index at {a[0]} was made by another version of searchapp: "
                    "'searchapp index' reads its folders into a new one")
        case ReasonKind.NO_INDEX:
            return f"No index at {a[0]}: run 'searchapp index PATH' first"
        case ReasonKind.INDEX_IS_FILE:
            return f"{a[0]} is a file, not an index folder"
        case ReasonKind.INDEX_NOT_CREATED:
            return f"cannot create the index folder {a[0]}: {a[1]}"
        case ReasonKind.INDEX_NOT_WRITABLE:
            return f"cannot write in the index folder {a[0]}: permission denied"
        case ReasonKind.INDEX_READ_ONLY:
            return f"cannot write in the index folder {a[0]}: its file system is read-only"
        case ReasonKind.CLUSTER_DOWN:
            return f"No shard of the cluster {a[0]} answered ({a[1]}): are their servers running?"
        case ReasonKind.CLUSTER_FAILING:
            return f"The shards of {a[0]} keep failing: try again"
        case ReasonKind.FORGET_SHARD_DOWN:
            return (f"shard {a[0]} did not answer: forgetting a folder needs every shard; "
                    "try again when it is back")
        case ReasonKind.FORGET_SHARD_LOST:
            return (f"a shard stopped answering ({a[0]}): the folder is still listed; "
                    "run 'forget' again when every shard answers")
        case ReasonKind.WORKER_FAILED:
            return f"an indexing process failed: {a[0]}"
        case ReasonKind.WORKER_ENDED:
            return f"an indexing process ended unexpectedly (exit code {a[0]})"
        case _:
            assert_never(kind)


SIZE_UNITS = ("bytes", "KB", "MB", "GB", "TB")


def sizes(*counts: int) -> list[tuple[str, str]]:
    """Sizes in bytes as people read them: a number (``"104"``, ``"9.77"``,
    ``"17.5"``; three significant digits, more where two sizes would read
    alike) and its unit of :data:`SIZE_UNITS` (1 KB = 1024 bytes).  The front
    ends word the units (``SEARCHAPP_MAX_FILE_MB=0.0001`` gave "9.92e-05 MB")."""
    scaled = []
    for count in counts:
        value, unit = float(count), 0
        while float(_digits(value, 0)) >= 1024 and unit < len(SIZE_UNITS) - 1:  # not "1024 KB"
            value, unit = value / 1024, unit + 1
        scaled.append((value, SIZE_UNITS[unit]))
    for more in range(7):
        texts = [(_digits(value, more), unit) for value, unit in scaled]
        if len(set(texts)) == len(set(counts)):
            break
    return texts


def _digits(value: float, more: int) -> str:
    """``value`` with three significant digits (all of its whole part) and
    ``more``, without trailing zeros: never "1e+03"."""
    text = f"{value:.{max(0, 3 - len(str(int(value)))) + more}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _english_size(number: str, unit: str) -> str:
    return "1 byte" if (number, unit) == ("1", "bytes") else f"{number} {unit}"


def reason_of(exc: BaseException) -> Reason | None:
    """The :class:`Reason` an error was raised with, if it was."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, Reason) else None
