"""Query compilation: syntax, repairs of malformed input, never an exception."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from searchapp.core.notices import Notice, NoticeKind
from searchapp.core.query import (
    CROSS_SCRIPT_WEIGHT,
    MAX_QUERY_CHARS,
    MAX_WORDS,
    compile_query,
    cut_query,
)
from searchapp.core.scoring import OneWord, TitleOrBody


def terms(text: str) -> set[tuple[str, str]]:
    q = compile_query(text).query
    assert q is not None
    return {(f, t) for f, t in q.iter_all_terms()}


def test_plain_word_is_lemmatised_in_title_and_body() -> None:
    assert terms("миграции") == {("title", "миграция"), ("body", "миграция")}


def test_plain_words_all_required() -> None:
    q = compile_query("Ашхабад конференция").query
    assert isinstance(q, wq.And)


def test_phrase_over_lemmas() -> None:
    q = compile_query('"Красного Полумесяца"').query
    phrases = [p for p in q.leaves() if isinstance(p, wq.Phrase)] if q else []
    assert phrases and phrases[0].words == ["красный", "полумесяц"]


def test_guillemets_are_phrase_quotes() -> None:
    assert compile_query("«Красный Полумесяц»").query == compile_query('"Красный Полумесяц"').query


def test_or_not_and_minus() -> None:
    assert isinstance(compile_query("мигрант OR беженец").query, wq.Or)
    assert isinstance(compile_query("Ашхабад -Болгария").query, wq.AndNot)
    assert "Not(" in repr(compile_query("Ашхабад NOT Болгария").query)
    only_not = compile_query("NOT Болгария").query
    assert isinstance(only_not, wq.AndNot) and isinstance(only_not.a, wq.Every)


def test_readings_of_a_word_score_as_one_word() -> None:
    # «белка» reads белка or белок: an article scores for the better reading, not for both.
    q = compile_query("белка").query
    assert isinstance(q, TitleOrBody)
    assert all(isinstance(s, OneWord) and len(s.subqueries) == 2 for s in q.subqueries)


def test_inner_hyphen_is_not_minus() -> None:
    q = compile_query("онлайн-режим").query
    assert not isinstance(q, wq.AndNot)
    assert ("body", "режим") in {(f, t) for f, t in q.iter_all_terms()}


def test_prefix_in_both_scripts() -> None:
    q = compile_query("Мигра*").query
    assert any(isinstance(x, wq.Prefix) and x.text == "мигра" for x in q.leaves())
    en = compile_query("migration*").query
    assert {x.text for x in en.leaves()} >= {"migration", "migrat"}


def test_fields() -> None:
    assert compile_query("title:миграции").query == wq.Term("title", "миграция")
    assert compile_query("source:Trend").query == wq.Term("source_text", "trend")
    assert compile_query("lang:RU").query == wq.Term("lang", "ru")
    # A field typed in capitals is that field (they found nothing, without a word)
    for typed in ("Title:миграции", "TITLE:миграции", "Title:миграции OR title:миграции"):
        assert compile_query(typed).query == wq.Term("title", "миграция")
        assert compile_query(typed).notices == ()
    capitals, lower = compile_query("Source:Trend LANG:ru"), compile_query("source:Trend lang:ru")
    assert capitals.query == lower.query


@pytest.mark.parametrize("typed", ["title: миграции", "Title:   миграции", "title:\tмиграции",
                                   "Title :миграции", "title : миграции"])
def test_a_field_with_a_space_after_it_is_for_the_next_word(typed: str) -> None:
    compiled = compile_query(typed)
    assert (compiled.query, compiled.notices) == (wq.Term("title", "миграция"), ())


@pytest.mark.parametrize(
    ("typed", "field"),
    [("миграция Source: ", "Source"), ("(title:) миграция", "title"),
     ("миграция AND title:", "title"), ("title: OR миграция", "title")],
)
def test_a_field_with_no_word_after_it_is_left_out_with_a_notice(typed: str, field: str) -> None:
    compiled = compile_query(typed)
    assert compiled.notices[0] == Notice(NoticeKind.EMPTY_FIELD, (field,))
    assert compiled.query == compile_query("миграция").query  # no "and", "or", "title" searched


def test_a_field_typed_before_its_word_browses_with_a_notice() -> None:
    compiled = compile_query("title:")  # as typed, a keystroke before the word
    assert (compiled.browse, compiled.notices) == (True, (Notice(NoticeKind.EMPTY_FIELD,
                                                                 ("title",)),))


@pytest.mark.parametrize("typed", ["title: -миграции", "title:-миграции", "title: - -миграции"])
def test_a_field_before_a_minus_excludes_the_word_from_the_field(typed: str) -> None:
    compiled = compile_query(typed)
    assert (compiled.query, compiled.notices) == (compile_query("-title:миграции").query, ())


def test_a_quoted_word_with_a_minus_is_the_word_not_its_exclusion() -> None:
    assert compile_query('"-миграция"').query == compile_query('"миграция"').query


@pytest.mark.parametrize("typed", ["миграция - беженцы", "- миграция беженцы",
                                   "миграция -- беженцы"])
def test_a_minus_with_a_space_after_it_is_a_dash(typed: str) -> None:
    compiled = compile_query(typed)
    assert compiled.notices == ()
    assert compiled.query == compile_query("миграция беженцы").query


def test_a_quoted_prefix_is_a_prefix() -> None:
    for typed in ('"мигра*"', "«мигра*»"):
        compiled = compile_query(typed)
        assert compiled.notices == ()
        assert compiled.query == compile_query("мигра*").query


def test_a_phrase_with_a_wildcard_searches_its_words_apart_with_a_notice() -> None:
    compiled = compile_query('"трудовая мигра*"')
    assert compiled.notices == (Notice(NoticeKind.WILDCARD_IN_PHRASE),)
    assert compiled.query == compile_query("трудовая мигра*").query


def test_empty_query_browses() -> None:
    assert compile_query("").browse
    assert compile_query("   ").browse


@pytest.mark.parametrize("text", ["*", "**", "* *", "* ?", "???", '"*"'])
def test_a_star_alone_is_no_word(text: str) -> None:
    # «*» alone browsed all 536 articles with no notice, while «?» found none
    # and said so: a «*» standing alone is punctuation, as README says.
    compiled = compile_query(text)
    assert not compiled.browse and compiled.query is wq.NullQuery
    assert compiled.notices == (Notice(NoticeKind.NO_WORDS),)


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        ('"Красный Полумесяц', Notice(NoticeKind.QUOTE_NOT_CLOSED)),
        ("«Красный Полумесяц", Notice(NoticeKind.QUOTE_NOT_CLOSED)),
        ("(миграция OR беженцы", Notice(NoticeKind.UNBALANCED_BRACKETS)),
        ("миграция)", Notice(NoticeKind.UNBALANCED_BRACKETS)),
        ("foo:миграция", Notice(NoticeKind.UNKNOWN_FIELD, ("foo",))),
        ("м*", Notice(NoticeKind.PREFIX_TOO_SHORT, ("м*",))),
        ("слово " * 2000, Notice(NoticeKind.QUERY_CUT, (MAX_QUERY_CHARS,))),
    ],
)
def test_malformed_queries_are_repaired_with_a_notice(text: str, notice: Notice) -> None:
    assert compile_query(text).notices == (notice,)


@pytest.mark.parametrize("field", ["title:", ""])
def test_too_many_words_are_counted_in_the_notice(field: str) -> None:
    # A plain word is searched in the title and the body: still one word.
    words = [f"{field}слово{i}" for i in range(MAX_WORDS + 6)]
    assert compile_query(" ".join(words)).notices == (
        Notice(NoticeKind.TOO_MANY_WORDS, (MAX_WORDS + 6,)),
    )
    kept = compile_query(" ".join(words[:MAX_WORDS]))
    assert kept.notices == () and kept.words == MAX_WORDS


@pytest.mark.parametrize("text", ["м*", "Ж*"])
def test_too_short_prefix_notice_quotes_it_as_typed(text: str) -> None:
    compiled = compile_query(text)
    assert compiled.empty
    assert any(text in str(n) for n in compiled.notices), compiled.notices


def test_query_is_cut_only_beyond_its_limit() -> None:
    assert compile_query("x" * MAX_QUERY_CHARS).notices == ()
    assert compile_query("x" * (MAX_QUERY_CHARS + 1)).notices


def test_a_cut_query_loses_no_piece_of_a_word() -> None:
    """400 × «миграция» was cut inside a word: «ми» became a word no article has."""
    long = "миграция " * 400
    assert cut_query(long) == "миграция " * 111  # 999 characters: the 112th word is left out
    assert compile_query(long).query == compile_query("миграция").query
    assert cut_query("ж" * 2000) == "ж" * MAX_QUERY_CHARS  # one word beyond the limit is cut
    assert cut_query("слово " * 2000)[-6:] == "слово "


def test_unclosed_quote_is_the_last_one() -> None:
    # The phrase before it stays a phrase.
    unclosed = compile_query('"Полумесяц Красный" "Ашхабад')
    assert unclosed.query == compile_query('"Полумесяц Красный" Ашхабад').query
    assert unclosed.notices


def test_brackets_that_close_nothing_are_dropped_alone() -> None:
    stray = compile_query("мигрант) OR беженец")
    assert stray.query == compile_query("мигрант OR беженец").query and stray.notices
    balanced = compile_query("(мигрант OR беженец) Ашхабад")
    assert isinstance(balanced.query, wq.And) and balanced.notices == ()


def test_very_long_query_keeps_its_first_words_with_a_notice() -> None:
    words = [f"w{i}x" for i in range(200)]
    compiled = compile_query(" ".join(words))
    assert compiled.notices and compiled.query is not None
    kept = {t for _, t in compiled.query.iter_all_terms()}
    assert {"w0x", "w1x"} <= kept and "w199x" not in kept
    assert compile_query(" ".join(words[:5])).notices == ()


def test_query_of_punctuation_only_says_so() -> None:
    compiled = compile_query('"" ((( ')
    assert compiled.empty and compiled.notices


@pytest.mark.parametrize("text", ["-", "+", ":", "^", "~", "\\"])
def test_lone_signs_are_no_words_with_a_notice(text: str) -> None:
    compiled = compile_query(text)
    assert compiled.empty and compiled.notices, compiled


@pytest.mark.parametrize("text", ["AND", "OR", "NOT", "AND OR NOT", "(OR)"])
def test_an_operator_alone_browses_with_a_notice_as_a_field_alone_does(text: str) -> None:
    compiled = compile_query(text)
    assert compiled.browse, compiled
    assert compiled.notices == (Notice(NoticeKind.DANGLING_OPERATOR),)


@pytest.mark.parametrize(
    ("typed", "meant", "word"),
    [("нефть or газ", "нефть OR газ", "or"), ("нефть или газ", "нефть OR газ", "или"),
     ("нефть ИЛИ газ", "нефть OR газ", "ИЛИ"), ("oil and gas", "oil AND gas", "and"),
     ("нефть и газ", "нефть AND газ", "и"), ("(a or b) c", "(a OR b) c", "or"),
     ('"red cross" Or "red crescent"', '"red cross" OR "red crescent"', "Or")],
)
def test_a_connector_between_words_is_read_as_its_operator(
    typed: str, meant: str, word: str
) -> None:
    compiled = compile_query(typed)
    assert compiled.query == compile_query(meant).query
    # An OR is said (it widens the search); an AND is what the words are anyway.
    assert compiled.notices == ((Notice(NoticeKind.WORD_AS_OPERATOR, (word, "OR")),)
                                if word.lower() in ("or", "или") else ())


@pytest.mark.parametrize("typed", ['"to be or not"', "or", "oil not gas", "не виновен",
                                   '"or" gas', "title:or"])
def test_a_connector_in_quotes_alone_or_not_is_a_word(typed: str) -> None:
    compiled = compile_query(typed)
    assert compiled.notices == ()
    words = {t for _, t in compiled.query.iter_all_terms()}
    assert ("or" in words) == ("or" in typed) and ("not" in words) == ("not" in typed)


def test_connectors_alone_browse_with_their_notices() -> None:
    compiled = compile_query("or и")
    assert compiled.browse
    assert compiled.notices == (Notice(NoticeKind.WORD_AS_OPERATOR, ("or", "OR")),
                                Notice(NoticeKind.DANGLING_OPERATOR))


def test_a_question_keeps_its_connectors_as_words() -> None:
    compiled = compile_query("Did Russia and China sign or not?", question=True)
    assert compiled.notices == ()


def test_a_connector_at_an_end_is_left_out_as_an_operator() -> None:
    compiled = compile_query("нефть or")
    assert compiled.query == compile_query("нефть").query
    assert compiled.notices == (Notice(NoticeKind.WORD_AS_OPERATOR, ("or", "OR")),
                                Notice(NoticeKind.DANGLING_OPERATOR))


@pytest.mark.parametrize(
    ("typed", "meant", "notices"),
    [("oil AND (", "oil", (NoticeKind.UNBALANCED_BRACKETS, NoticeKind.DANGLING_OPERATOR)),
     ("(oil AND) gas", "oil gas", (NoticeKind.DANGLING_OPERATOR,)),
     ("oil (OR gas)", "oil gas", (NoticeKind.DANGLING_OPERATOR,)),
     ("oil AND OR gas", "oil AND gas", (NoticeKind.DANGLING_OPERATOR,)),
     ("oil () gas", "oil gas", ()),
     ('"x AND" OR', '"x AND"', (NoticeKind.DANGLING_OPERATOR,))],
)
def test_an_operator_by_a_bracket_is_left_out_with_a_notice(
    typed: str, meant: str, notices: tuple[NoticeKind, ...]
) -> None:
    compiled = compile_query(typed)
    assert compiled.query == compile_query(meant).query
    assert tuple(n.kind for n in compiled.notices) == notices


@pytest.mark.parametrize(("typed", "searched"), [("*ефть", "ефть"), ("title:**oil", "title:oil"),
                                                 ("*мигра*", "мигра*")])
def test_a_leading_wildcard_is_left_out_with_a_notice(typed: str, searched: str) -> None:
    compiled = compile_query(typed)
    assert compiled.query == compile_query(searched).query
    (notice,) = compiled.notices
    assert notice.kind is NoticeKind.LEADING_WILDCARD
    assert notice.args == (typed.removeprefix("title:"), searched.removeprefix("title:"))


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("нефть +газ", "нефть газ"), ("+газ", "газ"), ("нефть + газ", "нефть газ"),
     ("(+нефть OR газ)", "нефть OR газ"), ("+-газ", "-газ"), ("2+2", '"2 2"'),
     ("source:N+1", 'source:"N 1"'), ("C++", "C"), ("title:+нефть", "title:нефть")],
)
def test_a_plus_is_no_operator(typed: str, meant: str) -> None:
    """Inside a word «+» parts it as the index does; starting one it is left out."""
    compiled = compile_query(typed)
    assert compiled.query == compile_query(meant).query
    assert compiled.notices == ()


@pytest.mark.parametrize(("typed", "meant"), [("[а TO я]", "а TO я"), ("{a TO z}", "a TO z"),
                                              ("title:[а TO я]", "title:а TO я")])
def test_brackets_are_no_range(typed: str, meant: str) -> None:
    compiled = compile_query(typed)
    assert compiled.query == compile_query(meant).query and compiled.notices == ()
    assert not any(isinstance(q, wq.TermRange) for q in compiled.query.leaves())


@pytest.mark.parametrize(
    ("typed", "meant", "mark"),
    [("нефть^2", "нефть", "^2"), ("нефть^2.5 газ", "нефть газ", "^2.5"),
     ("нефть~2", "нефть", "~2"), ('"нефть газ"^3', '"нефть газ"', "^3"),
     ('"нефть газ"~3', '"нефть газ"', "~3"), ("(нефть OR газ)^2", "нефть OR газ", "^2")],
)
def test_a_weight_or_distance_is_left_out_with_a_notice(typed: str, meant: str,
                                                         mark: str) -> None:
    compiled = compile_query(typed)
    assert compiled.query == compile_query(meant).query
    assert compiled.notices == (Notice(NoticeKind.MARK_LEFT_OUT, (mark,)),)


@pytest.mark.parametrize(("typed", "meant"), [('"нефть^2 газ"', '"нефть 2 газ"'),
                                              ("a^b", '"a b"'), ("нефть^", "нефть")])
def test_a_caret_elsewhere_parts_words_as_the_index_does(typed: str, meant: str) -> None:
    compiled = compile_query(typed)
    assert compiled.query == compile_query(meant).query and compiled.notices == ()


@pytest.mark.parametrize("text", ["газ AND", "газ OR", "газ NOT", "AND газ", "OR газ"])
def test_dangling_operator_is_dropped_with_a_notice(text: str) -> None:
    compiled = compile_query(text)
    assert compiled.query == compile_query("газ").query
    assert compiled.notices == (Notice(NoticeKind.DANGLING_OPERATOR),)


def test_unknown_language_gets_a_notice() -> None:
    assert compile_query("lang:xx").notices == (Notice(NoticeKind.UNKNOWN_LANG),)
    assert compile_query("lang:EN").notices == ()


QUERY_ALPHABET = st.sampled_from(
    list(string.printable) + list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБЁЯ«»“”„—–-‐\u0301\u200b")
    + ["AND ", "OR ", "NOT ", "title:", "source:", "lang:", "body:", "foo:", '"', "(", ")", "*"]
)


@example("-(-)")  # a minus Whoosh made no query of: NotImplementedError
@settings(max_examples=600, deadline=None)
@given(st.lists(QUERY_ALPHABET, max_size=60).map("".join) | st.text(max_size=200))
def test_any_input_compiles_without_exception(text: str) -> None:
    compiled = compile_query(text)
    assert compiled.browse or compiled.query is not None
    assert len(text) <= MAX_QUERY_CHARS or compiled.notices


def _keys(q: wq.Query) -> set[str]:
    return {t for _, t in q.iter_all_terms() if t.startswith(("~", "^"))}


def test_question_mark_ending_a_word_is_punctuation() -> None:
    q = compile_query("Who authored the Liber servitoris?").query
    assert not any(isinstance(x, wq.Wildcard) for x in q.leaves())
    assert ("body", "servitori") in set(q.iter_all_terms())
    assert compile_query("Мередов?").query == compile_query("Мередов").query
    # Inside a word it is still a wildcard, and «*» after letters a prefix.
    assert any(isinstance(x, wq.Wildcard) for x in compile_query("wom?n").query.leaves())
    assert any(isinstance(x, wq.Prefix) for x in compile_query("мигра*").query.leaves())


@pytest.mark.parametrize("text", ["???", "!!!...,,,???", "...", "? * ?"])
def test_punctuation_only_gets_the_no_words_notice(text: str) -> None:
    compiled = compile_query(text)
    assert compiled.empty
    assert compiled.notices == (Notice(NoticeKind.NO_WORDS),)


def test_capital_of_a_question_word_is_not_a_name() -> None:
    # An index where every word is common and rarely capitalised (3 %),
    # except «tokayev», which it does not have.
    def df(term: str) -> int:
        if "tokayev" in term or "tokaev" in term:
            return 0
        return 30 if term.startswith(("~", "^")) else 1000

    def keys(text: str) -> set[str]:
        return _keys(compile_query(text, doc_frequency=df).query)

    assert not keys("Who said it")  # first word of a question: judged by the index
    assert not keys("what did OIL say")  # capitals: judged by the index
    assert keys("Said")  # one word typed with a capital: the user means the name
    assert keys("why did Said go")  # a capital inside the query is evidence
    assert keys("Tokayev met whom")  # the index does not know it: a name


@pytest.mark.parametrize(("word", "own", "other"), [
    ("Путин", {"путин", "_путин", "~putin"}, {"^putin"}),
    ("Putin", {"putin", "^putin"}, {"~putin"}),
    ("Москва", {"москва", "~moskva"}, {"moscow", "^moskva"}),  # its names.toml form too
])
def test_a_names_terms_in_the_other_script_weigh_less(word: str, own: set[str],
                                                      other: set[str]) -> None:
    """The other script's terms (rarer there, so of a higher idf) weigh at
    most CROSS_SCRIPT_WEIGHT of the typed word's idf; the typed script's count in full."""
    df = {"путин": 500, "_путин": 500, "~putin": 500, "putin": 10, "^putin": 10,
          "москва": 500, "~moskva": 500, "moscow": 10}
    compiled = compile_query(word, doc_frequency=lambda t: df.get(t, 0), doc_count=5000)
    assert compiled.query is not None
    boosts = {t.text: t.boost for t in compiled.query.leaves() if t.fieldname == "body"}
    assert set(boosts) == own | other
    assert all(boosts[t] == 1.0 for t in own)
    assert all(0 < boosts[t] <= CROSS_SCRIPT_WEIGHT for t in other)
    # here the typed script is the common one: idf ≈ 3.3 against ≈ 7.1
    if word != "Putin":
        assert all(boosts[t] < 0.5 * CROSS_SCRIPT_WEIGHT for t in other)


def test_a_query_in_nfd_is_the_query_in_nfc() -> None:
    """«ёлка» typed (or pasted) as е + a combining diaeresis found nothing: articles are
    read in NFC."""
    nfd = unicodedata.normalize("NFD", "ёлка йод")
    assert nfd != "ёлка йод"
    assert compile_query(nfd).query == compile_query("ёлка йод").query
    assert terms(nfd) >= {("body", "елка"), ("body", "йод")}
