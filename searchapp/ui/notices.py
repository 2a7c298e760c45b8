"""The core's notices in the window's language.

Each :class:`~searchapp.core.notices.NoticeKind` has its own sentence here,
translated by Qt (context ``Notices``, ``%1``… for arguments, ``%n`` with
plural forms where a count is involved); the core's English renderer is not
read back.  A kind without a sentence is a mypy error (``assert_never``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import assert_never

from PySide6.QtCore import QCoreApplication

from searchapp.core import Notice, NoticeKind
from searchapp.ui.i18n import fill


def notice_text(notice: Notice) -> str:
    """One notice as a sentence in the installed language."""
    kind, a = notice.kind, notice.args
    match kind:
        case NoticeKind.CLOSEST_MATCHES:
            return QCoreApplication.translate(
                "Notices", "No article has all words — showing closest matches.")
        case NoticeKind.QUERY_CUT:
            return QCoreApplication.translate(
                "Notices", "The query was cut to its first %n character(s).", None, int(a[0]))
        case NoticeKind.QUOTE_NOT_CLOSED:
            return QCoreApplication.translate("Notices", "A quote was not closed: it was ignored.")
        case NoticeKind.UNBALANCED_BRACKETS:
            return QCoreApplication.translate("Notices", "Unbalanced brackets were ignored.")
        case NoticeKind.DANGLING_OPERATOR:
            return QCoreApplication.translate(
                "Notices", "An operator (AND, OR, NOT) with no word on one side was left out.")
        case NoticeKind.UNKNOWN_FIELD:
            return fill(QCoreApplication.translate(
                "Notices",
                "Unknown field '%1:' was searched as a word (fields: title:, source:, lang:)."),
                *a)
        case NoticeKind.EMPTY_FIELD:
            return fill(QCoreApplication.translate(
                "Notices", "'%1:' has no word after it: it was left out."), *a)
        case NoticeKind.WILDCARD_IN_PHRASE:
            return QCoreApplication.translate(
                "Notices", "A phrase cannot hold a wildcard: its words were searched apart.")
        case NoticeKind.UNKNOWN_LANG:
            return QCoreApplication.translate(
                "Notices", "Unknown language in lang: (the languages are lang:ru and lang:en).")
        case NoticeKind.PREFIX_TOO_SHORT:
            return fill(QCoreApplication.translate(
                "Notices", "'%1' is too short for a prefix search: it was left out."), *a)
        case NoticeKind.WORD_AS_OPERATOR:  # (word, operator)
            return fill(QCoreApplication.translate(
                "Notices",
                "'%1' between words was read as %2: "
                "to search for it as a word, put it in quotes (\"%1\")."), *a)
        case NoticeKind.LEADING_WILDCARD:  # (typed, searched)
            return fill(QCoreApplication.translate(
                "Notices", "A word cannot begin with a wildcard: '%1' was searched as '%2'."),
                *a)
        case NoticeKind.MARK_LEFT_OUT:  # (mark,)
            return fill(QCoreApplication.translate(
                "Notices", "'%1' after a word or phrase is not supported: it was left out."),
                *a)
        case NoticeKind.UNPARSABLE:
            return QCoreApplication.translate(
                "Notices", "The query could not be parsed: its words were searched.")
        case NoticeKind.TOO_MANY_WORDS:
            return QCoreApplication.translate(
                "Notices", "The query has %n word(s): only the first ones count.", None,
                int(a[0]))
        case NoticeKind.NO_WORDS:
            return QCoreApplication.translate("Notices", "The query has no words to search for.")
        case NoticeKind.UNKNOWN_SOURCE:
            return fill(QCoreApplication.translate(
                "Notices", "No article of the index has the source '%1'."), *a)
        case NoticeKind.SHARDS_MISSING:  # (labels, missing, answered, total)
            return fill(QCoreApplication.translate(
                "Notices",
                "Shard(s) %1 did not answer: results are from the other %2 of %3 shards.",
                None, int(a[1])), a[0], a[2], a[3])
        case _:
            assert_never(kind)


def notices_text(notices: Iterable[Notice]) -> str:
    """Every notice, in the installed language, on one line."""
    return " ".join(map(notice_text, notices))
