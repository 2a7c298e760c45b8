"""The core's reasons for skipping a file (or reading it with a defect) in
the window's language.

Each :class:`~searchapp.core.reasons.ReasonKind` has its words here,
translated by Qt (context ``Reasons``, ``%1``… for arguments); a plain
string (a library's message nobody foresaw) is shown as it is.  A kind
without words is a mypy error (``assert_never``).
"""

from __future__ import annotations

from typing import assert_never

from PySide6.QtCore import QCoreApplication, QLocale

from searchapp.core import Reason, ReasonKind, reason_of, sizes
from searchapp.ui.i18n import current_language, fill


def _size(number: str, unit: str) -> str:
    """A size the core wrote (``4.58``, ``MB``) as the window's language writes it."""
    if unit == "bytes":
        return QCoreApplication.translate("Reasons", "%n byte(s)", "", int(number))
    decimals = len(number.partition(".")[2])
    words = {"KB": QCoreApplication.translate("Reasons", "%1 KB"),
             "MB": QCoreApplication.translate("Reasons", "%1 MB"),
             "GB": QCoreApplication.translate("Reasons", "%1 GB"),
             "TB": QCoreApplication.translate("Reasons", "%1 TB")}
    return fill(words[unit], QLocale(current_language()).toString(float(number), "f", decimals))


def _system(a: tuple[str, ...]) -> str:
    """An OS error's words (the system's message, then its errno's name) in
    the window's language: the system's own message for an errno not foreseen."""
    match a[1] if len(a) > 1 else "":
        case "ELOOP":
            return QCoreApplication.translate(
                "Reasons", "too many links in a row: a link to itself, or links in a circle")
        case "ENOENT":
            return QCoreApplication.translate("Reasons", "no such file or folder")
        case "EACCES" | "EPERM":
            return QCoreApplication.translate("Reasons", "permission denied")
        case "EIO":
            return QCoreApplication.translate("Reasons", "input/output error")
        case "ENAMETOOLONG":
            return QCoreApplication.translate("Reasons", "file name too long")
        case "ENOTDIR":
            return QCoreApplication.translate("Reasons", "a part of the path is not a folder")
        case _:
            return a[0]


def reason_text(reason: str) -> str:
    """``reason`` in the installed language."""
    if not isinstance(reason, Reason):
        return reason
    kind, a = reason.kind, reason.args
    match kind:
        case ReasonKind.TOO_LARGE:  # sizes as the language writes them (4,58 МБ in Russian)
            size, limit = (_size(*s) for s in sizes(int(a[0]), int(a[1])))
            return fill(QCoreApplication.translate(
                "Reasons", "too large for an article (%1; the limit is %2, raise it with %3)"),
                size, limit, a[2])
        case ReasonKind.VANISHED:
            return QCoreApplication.translate("Reasons", "file vanished before it could be read")
        case ReasonKind.PERMISSION_DENIED:
            return QCoreApplication.translate("Reasons", "permission denied")
        case ReasonKind.IS_FOLDER:
            return QCoreApplication.translate("Reasons", "is a folder, not a file")
        case ReasonKind.OS_ERROR:
            return fill(QCoreApplication.translate("Reasons", "could not be read (%1)"),
                        _system(a))
        case ReasonKind.EMPTY_FILE:
            return QCoreApplication.translate("Reasons", "file is empty")
        case ReasonKind.BLANK_FILE:
            return QCoreApplication.translate(
                "Reasons", "file holds only spaces and line breaks, no text")
        case ReasonKind.NO_TEXT:
            return QCoreApplication.translate("Reasons", "no text in the file")
        case ReasonKind.NO_PAGE_TEXT:
            return QCoreApplication.translate("Reasons", "no text found in the page")
        case ReasonKind.NOT_ARTICLE_FORMAT:
            if not a[0]:
                return QCoreApplication.translate(
                    "Reasons", "files without an extension are not read (not an article "
                    "format)")
            return fill(QCoreApplication.translate(
                "Reasons", "%1 files are not read (not an article format)"), *a)
        case ReasonKind.BINARY:
            return QCoreApplication.translate("Reasons", "not a text file (binary content)")
        case ReasonKind.BROKEN_TEXT:
            return fill(QCoreApplication.translate("Reasons", "broken %1 text"), *a)
        case ReasonKind.PDF_PASSWORD:
            return QCoreApplication.translate(
                "Reasons", "not a readable PDF (password-protected PDF)")
        case ReasonKind.PDF_UNREADABLE:
            return fill(QCoreApplication.translate("Reasons", "not a readable PDF (%1)"), *a)
        case ReasonKind.PDF_DAMAGED:
            return fill(QCoreApplication.translate("Reasons", "damaged PDF (%1)"), *a)
        case ReasonKind.PDF_SCANNED:
            return QCoreApplication.translate(
                "Reasons", "scanned PDF without a text layer: not indexed")
        case ReasonKind.WORD_UNREADABLE:
            return fill(QCoreApplication.translate(
                "Reasons", "not a readable Word document (%1)"), *a)
        case ReasonKind.ODT_UNREADABLE:
            return fill(QCoreApplication.translate(
                "Reasons", "not a readable OpenDocument text (%1)"), *a)
        case ReasonKind.NOT_MIME:
            return QCoreApplication.translate("Reasons", "not a MIME message (no headers)")
        case ReasonKind.NO_SAVED_PAGE:
            return QCoreApplication.translate("Reasons", "no HTML page in the saved file")
        case ReasonKind.BAD_FILE_NAME:
            return QCoreApplication.translate("Reasons", "file name is not valid UTF-8: rename it")
        case ReasonKind.READER_FAILED:
            return fill(QCoreApplication.translate("Reasons", "could not be read (%1: %2)"), *a)
        case ReasonKind.FOLDER_UNREADABLE:
            return fill(QCoreApplication.translate(
                "Reasons", "folder cannot be read (%1): its files were not read, its "
                "articles are kept"), _system(a))
        case ReasonKind.DEAD_LINK:
            return fill(QCoreApplication.translate("Reasons", "link leads nowhere (%1)"),
                        _system(a))
        case ReasonKind.ODD_LINK:
            return QCoreApplication.translate(
                "Reasons", "link to something that is neither a file nor a folder")
        case ReasonKind.FOLDER_MISSING_KEPT:
            return QCoreApplication.translate("Reasons", "folder not found (its articles are kept)")
        case ReasonKind.FOLDER_MISSING_FRESH:
            return QCoreApplication.translate(
                "Reasons", "folder not found: the index was made anew, so its articles are "
                "not in it until it is back")
        case ReasonKind.FRONT_MATTER_NOT_YAML:
            return fill(QCoreApplication.translate(
                "Reasons", "front matter is not valid YAML (%1); read line by line"), *a)
        case ReasonKind.FRONT_MATTER_BAD_DAY:
            return fill(QCoreApplication.translate(
                "Reasons", "front matter has a day that does not exist (%1); read line by line"),
                *a)
        case ReasonKind.FRONT_MATTER_NOT_KEYS:
            return QCoreApplication.translate(
                "Reasons", "front matter is not a list of key: value lines; read line by "
                "line")
        case ReasonKind.FRONT_MATTER_UNCLOSED:
            return QCoreApplication.translate(
                "Reasons", "front matter has no closing '---'; read line by line")
        case ReasonKind.FRONT_MATTER_BAD_DATE:
            return fill(QCoreApplication.translate(
                "Reasons", "front matter's date cannot be read (%1): left out"), *a)
        case ReasonKind.SHARD_DOWN:
            return fill(QCoreApplication.translate(
                "Reasons", "shard did not answer (%1): its articles were not indexed; run "
                "again when it is back"), *a)
        case ReasonKind.SHARD_LOST:
            return fill(QCoreApplication.translate(
                "Reasons", "shard stopped answering (%1): it keeps its last commit; %2 "
                "uncommitted changes were lost, the next run redoes them"), *a)
        case ReasonKind.NO_SUCH_PATH:
            return fill(QCoreApplication.translate("Reasons", "%1: no such file or folder"), *a)
        case ReasonKind.NOT_AN_ARTICLE_FILE:
            return f"{a[0]}: {reason_text(Reason(ReasonKind.NOT_ARTICLE_FORMAT, a[1]))}"
        case ReasonKind.IN_INDEX_FOLDER:
            return fill(QCoreApplication.translate(
                "Reasons", "%1: the index folder %2 holds the index, not articles"), *a)
        case ReasonKind.INDEX_DAMAGED:
            return fill(QCoreApplication.translate(
                "Reasons", "The index at %1 is damaged (%2): rebuild it (File ▸ Rebuild index)."),
                *a)
        case ReasonKind.INDEX_OUTDATED:
            return fill(QCoreApplication.translate(
                "Reasons", "The index at %1 was made by another version of this app: it is "
                "read anew from its folders."), *a)
        case ReasonKind.NO_INDEX:
            return fill(QCoreApplication.translate(
                "Reasons", "No index at %1 yet: add a folder of articles (File ▸ Add folder…)."),
                *a)
        case ReasonKind.INDEX_IS_FILE:
            return fill(QCoreApplication.translate(
                "Reasons", "%1 is a file, not an index folder"), *a)
        case ReasonKind.INDEX_NOT_CREATED:
            return fill(QCoreApplication.translate(
                "Reasons", "cannot create the index folder %1: %2"), *a)
        case ReasonKind.INDEX_NOT_WRITABLE:
            return fill(QCoreApplication.translate(
                "Reasons", "cannot write in the index folder %1: permission denied"), *a)
        case ReasonKind.INDEX_READ_ONLY:
            return fill(QCoreApplication.translate(
                "Reasons", "cannot write in the index folder %1: its file system is "
                "read-only"), *a)
        case ReasonKind.CLUSTER_DOWN:
            return fill(QCoreApplication.translate(
                "Reasons", "No shard of the cluster %1 answered (%2): are their servers "
                "running?"), *a)
        case ReasonKind.CLUSTER_FAILING:
            return fill(QCoreApplication.translate(
                "Reasons", "The shards of %1 keep failing: try again"), *a)
        case ReasonKind.FORGET_SHARD_DOWN:
            return fill(QCoreApplication.translate(
                "Reasons", "shard %1 did not answer: removing a folder needs every shard; try "
                "again when it is back"), *a)
        case ReasonKind.FORGET_SHARD_LOST:
            return fill(QCoreApplication.translate(
                "Reasons", "a shard stopped answering (%1): the folder is still listed; remove "
                "it again when every shard answers"), *a)
        case ReasonKind.WORKER_FAILED:
            return fill(QCoreApplication.translate(
                "Reasons", "an indexing process failed: %1"), *a)
        case ReasonKind.WORKER_ENDED:
            return fill(QCoreApplication.translate(
                "Reasons", "an indexing process ended unexpectedly (exit code %1)"), *a)
        case _:
            assert_never(kind)


def export_error_text(exc: BaseException) -> str:
    """Why a file could not be written, in the installed language: the
    system's own words unless a permission or a missing folder is why."""
    if isinstance(exc, PermissionError):
        return QCoreApplication.translate("Reasons", "no permission to write there")
    if isinstance(exc, FileNotFoundError):
        return QCoreApplication.translate("Reasons", "the folder does not exist")
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return error_text(exc)


def error_text(exc: BaseException) -> str:
    """An error's message in the installed language (as it is, unless the
    core raised it with a :class:`~searchapp.core.reasons.Reason`)."""
    reason = reason_of(exc)
    return str(exc) if reason is None else reason_text(reason)
