"""Notices as values: each kind has its English sentence for the CLI."""

from __future__ import annotations

import pytest

from searchapp.core.notices import Notice, NoticeKind, english, english_line

# One notice of every kind, with arguments as the core gives them.
EVERY_KIND = {
    NoticeKind.CLOSEST_MATCHES: Notice(NoticeKind.CLOSEST_MATCHES),
    NoticeKind.QUERY_CUT: Notice(NoticeKind.QUERY_CUT, (1000,)),
    NoticeKind.QUOTE_NOT_CLOSED: Notice(NoticeKind.QUOTE_NOT_CLOSED),
    NoticeKind.UNBALANCED_BRACKETS: Notice(NoticeKind.UNBALANCED_BRACKETS),
    NoticeKind.DANGLING_OPERATOR: Notice(NoticeKind.DANGLING_OPERATOR),
    NoticeKind.UNKNOWN_FIELD: Notice(NoticeKind.UNKNOWN_FIELD, ("foo",)),
    NoticeKind.EMPTY_FIELD: Notice(NoticeKind.EMPTY_FIELD, ("title",)),
    NoticeKind.WILDCARD_IN_PHRASE: Notice(NoticeKind.WILDCARD_IN_PHRASE),
    NoticeKind.UNKNOWN_LANG: Notice(NoticeKind.UNKNOWN_LANG),
    NoticeKind.PREFIX_TOO_SHORT: Notice(NoticeKind.PREFIX_TOO_SHORT, ("м*",)),
    NoticeKind.WORD_AS_OPERATOR: Notice(NoticeKind.WORD_AS_OPERATOR, ("or", "OR")),
    NoticeKind.LEADING_WILDCARD: Notice(NoticeKind.LEADING_WILDCARD, ("*ефть", "ефть")),
    NoticeKind.MARK_LEFT_OUT: Notice(NoticeKind.MARK_LEFT_OUT, ("^2",)),
    NoticeKind.UNPARSABLE: Notice(NoticeKind.UNPARSABLE),
    NoticeKind.TOO_MANY_WORDS: Notice(NoticeKind.TOO_MANY_WORDS, (70,)),
    NoticeKind.NO_WORDS: Notice(NoticeKind.NO_WORDS),
    NoticeKind.UNKNOWN_SOURCE: Notice(NoticeKind.UNKNOWN_SOURCE, ("Nowhere",)),
    NoticeKind.SHARDS_MISSING: Notice(NoticeKind.SHARDS_MISSING, ("s2", 1, 2, 3)),
}


def test_every_kind_is_covered_here() -> None:
    assert set(EVERY_KIND) == set(NoticeKind)


@pytest.mark.parametrize(
    ("notice", "text"),
    [
        (EVERY_KIND[NoticeKind.QUERY_CUT], "The query was cut to its first 1000 characters."),
        (EVERY_KIND[NoticeKind.TOO_MANY_WORDS],
         "The query has 70 words: only the first ones count."),
        (EVERY_KIND[NoticeKind.UNKNOWN_FIELD],
         "Unknown field 'foo:' was searched as a word (fields: title:, source:, lang:)."),
        (EVERY_KIND[NoticeKind.EMPTY_FIELD], "'title:' has no word after it: it was left out."),
        (EVERY_KIND[NoticeKind.PREFIX_TOO_SHORT],
         "'м*' is too short for a prefix search: it was left out."),
        (EVERY_KIND[NoticeKind.WORD_AS_OPERATOR],
         "'or' between words was read as OR: to search for it as a word, "
         "put it in quotes (\"or\")."),
        (EVERY_KIND[NoticeKind.LEADING_WILDCARD],
         "A word cannot begin with a wildcard: '*ефть' was searched as 'ефть'."),
        (EVERY_KIND[NoticeKind.MARK_LEFT_OUT],
         "'^2' after a word or phrase is not supported: it was left out."),
        (EVERY_KIND[NoticeKind.UNKNOWN_SOURCE],
         "No article of the index has the source 'Nowhere'."),
        (EVERY_KIND[NoticeKind.SHARDS_MISSING],
         "Shard s2 did not answer: results are from the other 2 of 3 shards."),
        (Notice(NoticeKind.SHARDS_MISSING, ("s1, s3", 2, 2, 4)),
         "Shards s1, s3 did not answer: results are from the other 2 of 4 shards."),
    ],
)
def test_english_names_the_arguments(notice: Notice, text: str) -> None:
    assert english(notice) == text


def test_english_line_joins_in_order_or_is_none() -> None:
    notices = (Notice(NoticeKind.CLOSEST_MATCHES), Notice(NoticeKind.NO_WORDS))
    assert english_line(notices) == (
        "No article has all words — showing closest matches. "
        "The query has no words to search for."
    )
    assert english_line(()) is None


def test_json_form_is_the_kind_name_and_the_arguments() -> None:
    assert EVERY_KIND[NoticeKind.SHARDS_MISSING].as_json() == {
        "kind": "shards_missing", "args": ["s2", 1, 2, 3]}
