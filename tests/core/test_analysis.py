"""The Whoosh analyser: positions, offsets, hyphens, query mode."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from searchapp.core.analysis import (
    index_tokens,
    make_analyzer,
    name_groups,
    query_positions,
    term_positions,
)


def test_offsets_point_at_surface_forms() -> None:
    text = "по миграции, и мигрантам"
    tokens = list(index_tokens(text))
    assert [text[t.start : t.end] for t in tokens] == ["по", "миграции", "и", "мигрантам"]
    assert "миграция" in tokens[1].terms


def test_all_readings_share_one_position_at_index_time() -> None:
    by_pos: dict[int, set[str]] = {}
    for t in make_analyzer()("производство стали", positions=True, mode="index"):
        by_pos.setdefault(t.pos, set()).add(t.text)
    assert by_pos[1] >= {"стать", "сталь"}
    assert len(by_pos) == 2


def test_hyphenated_word_is_a_phrase_of_its_parts() -> None:
    assert query_positions("онлайн-режим") == [("онлайн",), ("режим",)]
    positions = {
        t.pos: (t.startchar, t.endchar)
        for t in make_analyzer()("Кассым-Жомарт", positions=True, chars=True, mode="index")
    }
    assert positions == {0: (0, 6), 1: (7, 13)}


def test_case_and_yo_are_folded() -> None:
    assert query_positions("ЁЛКА") == query_positions("елка")


def test_analyser_pickles_without_state() -> None:
    import pickle

    analyzer = make_analyzer()
    assert pickle.loads(pickle.dumps(analyzer)) == analyzer
    assert len(pickle.dumps(analyzer)) < 200


def _keyed(text: str) -> list[str]:
    """The words of ``text`` indexed with a name key."""
    return [
        text[t.start : t.end] for t in index_tokens(text)
        if any(term.startswith(("~", "^", "_")) for term in t.terms)
    ]


def test_a_capital_that_only_starts_a_sentence_is_not_a_name() -> None:
    assert _keyed("Вера в успех крепла. Oil prices rose.") == []
    assert _keyed("Татьяна пришла. Мередов сказал: — Вера Павловна, Oil!") == [
        "Татьяна", "Мередов", "Вера", "Павловна", "Oil",
    ]


def test_a_latin_word_opening_a_sentence_is_a_name_unless_a_common_word() -> None:
    """A dictionary's lower-case words stand for English, with their inflected
    forms («Officials», «Shares», «Asked»)."""
    text = ("Officials met on Monday. Tokayev sent a message.\nPutin replied. However, Shares "
            "fell. Asked about it, Nazarbayev smiled.")
    # «Shares» after a comma is capitalised inside a sentence: taken for a name
    assert _keyed(text) == ["Monday", "Tokayev", "Putin", "Shares", "Nazarbayev"]
    assert _keyed("KAZAKH OIL TALKS\n\nTokayev spoke.") == ["Tokayev"]


def test_a_headline_in_capitals_is_not_a_name() -> None:
    assert _keyed("KELLEY OIL BUYING OIL PROPERTIES\n\nThe oil firm said so.") == []
    assert _keyed("Prices rose, NATO and OPEC said.") == ["NATO", "OPEC"]


def test_phrase_runs_follow_the_words_in_order_within_the_slop() -> None:
    from searchapp.core.analysis import phrase_runs

    assert phrase_runs([{0, 5}, {1, 7}]) == [(0, 1)]  # 5 → 7 is two apart
    assert phrase_runs([{0, 5}, {1, 7}], slop=2) == [(0, 1), (5, 7)]
    assert phrase_runs([{3}, {2}]) == []  # out of order
    assert phrase_runs([{4, 5}, {4, 5}]) == [(4, 5)]  # «oil oil»: two occurrences
    assert phrase_runs([{1}, {2}, {3, 4}], slop=2) == [(1, 2, 3), (1, 2, 4)]
    assert phrase_runs([]) == []


# Pieces that exercise what makes a word's capital say nothing: sentence ends,
# the openers between them and a word, line breaks, lines in capitals.
PIECES = ("Вера", "вера", "Татьяна", "Мередов", "Oil", "oil", "OIL PRICES", "ГАЗ", "The",
          "IOM", "it's", ".", "...", "…", "!", "?", ",", " ", " ", "\n", "«", "»", "—", "-",
          "*", "•", "(", "\"", "'", "’", "\t", "2024", "_", "é")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
@example("Конец... «Вера» — Вера.Начало\n- Татьяна")
@example("ВЛАСТИ СООБЩИЛИ О РОСТЕ\nВера в успех. Oil")
def test_term_positions_are_what_the_tokenizer_indexes(text: str) -> None:
    """The bulk writer's analysis (:func:`term_positions`) gives each term the
    positions the Whoosh tokenizer gives it, and the same field length."""
    expected: dict[str, list[int]] = {}
    count = 0
    for token in make_analyzer()(text, positions=True, mode="index"):
        expected.setdefault(token.text, []).append(token.pos)
        count += 1
    assert term_positions(text) == (expected, count)


def test_the_terms_of_a_name_are_one_group() -> None:
    """Lemma, surname key and sound key of one name go together; other words, and a
    word spelt like the name in lower case, stand alone."""
    groups = name_groups("Президент Токаев посетил Казахстан. В Казахстане и Tokayev.")
    assert groups["токай"] == groups["_токаев"] == groups["~tokaev"] == groups["^tokaev"]
    assert groups["казахстан"] == groups["~kazahstan"] != groups["~tokaev"]
    assert "посетить" not in groups and "президент" not in groups
