"""What the core tells the user about a search, as values.

A :class:`Notice` is a kind and its arguments; the core never builds the
sentence.  The CLI (and ``--json``) words it with :func:`english`; the window
words each kind through Qt's translations (``searchapp.ui.notices``).  A front
end tells kinds apart by ``kind``, never by reading the text back.

Arguments per kind (``args``):

=====================  ==============================================
QUERY_CUT              (max characters,)
TOO_MANY_WORDS         (words in the query,)
UNKNOWN_FIELD          (the field as typed,)
EMPTY_FIELD            (the field as typed,)
PREFIX_TOO_SHORT       (the prefix as typed, with its ``*``,)
WORD_AS_OPERATOR       (the word as typed, the operator it was read as)
LEADING_WILDCARD       (the word as typed, the word searched)
MARK_LEFT_OUT          (the weight or distance as typed: ``^2``, ``~3``,)
UNKNOWN_SOURCE         (the source asked for,)
SHARDS_MISSING         (shard labels joined by ", ", shards missing,
                        shards that answered, shards in all)
any other kind         ()
=====================  ==============================================
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import assert_never


class NoticeKind(Enum):
    """Why a search's answer comes with a note for the user."""

    CLOSEST_MATCHES = "closest_matches"
    QUERY_CUT = "query_cut"
    QUOTE_NOT_CLOSED = "quote_not_closed"
    UNBALANCED_BRACKETS = "unbalanced_brackets"
    DANGLING_OPERATOR = "dangling_operator"
    UNKNOWN_FIELD = "unknown_field"
    EMPTY_FIELD = "empty_field"
    WILDCARD_IN_PHRASE = "wildcard_in_phrase"
    UNKNOWN_LANG = "unknown_lang"
    PREFIX_TOO_SHORT = "prefix_too_short"
    WORD_AS_OPERATOR = "word_as_operator"
    LEADING_WILDCARD = "leading_wildcard"
    MARK_LEFT_OUT = "mark_left_out"
    UNPARSABLE = "unparsable"
    TOO_MANY_WORDS = "too_many_words"
    NO_WORDS = "no_words"
    UNKNOWN_SOURCE = "unknown_source"
    SHARDS_MISSING = "shards_missing"


@dataclass(frozen=True, slots=True)
class Notice:
    """One note about a search: its kind and the values it names."""

    kind: NoticeKind
    args: tuple[str | int, ...] = ()

    def as_json(self) -> dict[str, object]:
        """``{"kind": ..., "args": [...]}`` for ``searchapp search --json``."""
        return {"kind": self.kind.value, "args": list(self.args)}


def english(notice: Notice) -> str:
    """The notice as one English sentence (the CLI's words)."""
    kind, a = notice.kind, notice.args
    match kind:
        case NoticeKind.CLOSEST_MATCHES:
            return "No article has all words — showing closest matches."
        case NoticeKind.QUERY_CUT:
            return f"The query was cut to its first {a[0]} characters."
        case NoticeKind.QUOTE_NOT_CLOSED:
            return "A quote was not closed: it was ignored."
        case NoticeKind.UNBALANCED_BRACKETS:
            return "Unbalanced brackets were ignored."
        case NoticeKind.DANGLING_OPERATOR:
            return "An operator (AND, OR, NOT) with no word on one side was left out."
        case NoticeKind.UNKNOWN_FIELD:
            return (f"Unknown field '{a[0]}:' was searched as a word "
                    "(fields: title:, source:, lang:).")
        case NoticeKind.EMPTY_FIELD:
            return f"'{a[0]}:' has no word after it: it was left out."
        case NoticeKind.WILDCARD_IN_PHRASE:
            return "A phrase cannot hold a wildcard: its words were searched apart."
        case NoticeKind.UNKNOWN_LANG:
            return "Unknown language in lang: (the languages are lang:ru and lang:en)."
        case NoticeKind.PREFIX_TOO_SHORT:
            return f"'{a[0]}' is too short for a prefix search: it was left out."
        case NoticeKind.WORD_AS_OPERATOR:
            return (f"'{a[0]}' between words was read as {a[1]}: "
                    f"to search for it as a word, put it in quotes (\"{a[0]}\").")
        case NoticeKind.LEADING_WILDCARD:
            return (f"A word cannot begin with a wildcard: '{a[0]}' was searched as "
                    f"'{a[1]}'.")
        case NoticeKind.MARK_LEFT_OUT:
            return f"'{a[0]}' after a word or phrase is not supported: it was left out."
        case NoticeKind.UNPARSABLE:
            return "The query could not be parsed: its words were searched."
        case NoticeKind.TOO_MANY_WORDS:
            return f"The query has {a[0]} words: only the first ones count."
        case NoticeKind.NO_WORDS:
            return "The query has no words to search for."
        case NoticeKind.UNKNOWN_SOURCE:
            return f"No article of the index has the source '{a[0]}'."
        case NoticeKind.SHARDS_MISSING:
            word = "Shard" if a[1] == 1 else "Shards"
            return (f"{word} {a[0]} did not answer: results are from the other "
                    f"{a[2]} of {a[3]} shards.")
        case _:
            assert_never(kind)


def english_line(notices: Iterable[Notice]) -> str | None:
    """Every notice in English on one line, or None when there is none."""
    return " ".join(map(english, notices)) or None
