"""Snippet fragments: surface forms marked, about 200 characters, at most three."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.core.analysis import index_tokens
from searchapp.core.engine import SearchEngine
from searchapp.core.query import highlight_terms
from searchapp.core.results import Fragment, Hit, SearchRequest
from searchapp.core.schema import to_hit
from searchapp.core.snippets import (
    FRAGMENT_CHARS,
    best_fragments,
    match_spans,
    matches_at,
    spans_only,
)

TEXT = (
    "Вступление без совпадений. " * 20
    + "Обсуждены вопросы трудовой миграции и помощи мигрантам. "
    + "Середина текста без совпадений. " * 20
    + "Глобальный договор о безопасной миграции подписан. "
    + "Конец. " * 30
)


def test_spans_mark_surface_forms() -> None:
    spans = spans_only(TEXT, frozenset({"миграция"}))
    assert [TEXT[s:e] for s, e in spans] == ["миграции", "миграции"]


def test_fragments_are_short_and_contain_the_matches() -> None:
    frags = best_fragments(TEXT, frozenset({"миграция", "мигрант"}))
    assert 1 <= len(frags) <= 3
    marked = [f.text[s:e] for f in frags for s, e in f.spans]
    assert marked == ["миграции", "мигрантам", "миграции"]
    for f in frags:
        assert len(f.text) <= FRAGMENT_CHARS + 40
        assert f.leading


def test_no_match_gives_the_opening() -> None:
    (frag,) = best_fragments(TEXT, frozenset({"отсутствует"}))
    assert frag.text.startswith("Вступление") and not frag.spans


def test_snippet_html_escapes_text_and_marks_matches() -> None:
    text = "<script>alert(1)</script> помощь мигрантам & беженцам"
    hit = Hit("p", "t", "s", None, "ru", 1.0, best_fragments(text, frozenset({"мигрант"})))
    html = hit.snippet_html()
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<mark>мигрантам</mark>" in html and "&amp;" in html


WORDS = ["миграции", "Мигрант", "мигрантам", "today's", "today", "news", "2024", "ёлка",
         "елки", "онлайн-режим", "Мередовым", "x",
         "эмиграции", "эмигрантам", "xtoday"]  # a matched word inside a longer one


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.sampled_from([" ", ", ", "\n", "-", "«"]))
def test_match_spans_agrees_with_the_tokenizer(words: list[str], sep: str) -> None:
    text = sep.join(words)
    wanted = frozenset({"миграция", "мигрант", "today", "елка", "режим", "_мередов"})
    expected = [(t.start, t.end) for t in index_tokens(text) if wanted & set(t.terms)]
    assert [span for span, _ in match_spans(text, wanted)] == expected


FILLER = "Текст без совпадений. " * 25  # about 550 characters between the clusters
MIGR = frozenset({"миграция", "мигрант", "беженец"})


def marked(frags: tuple[Fragment, ...]) -> list[list[str]]:
    return [[f.text[s:e] for s, e in f.spans] for f in frags]


def test_every_distant_cluster_gets_its_fragment_in_text_order() -> None:
    text = (FILLER + "Вопросы трудовой миграции. " + FILLER
            + "О миграции, мигрантам и беженцам. " + FILLER
            + "Помощь беженцам и мигрантам. " + FILLER)
    frags = best_fragments(text, MIGR)
    assert marked(frags) == [["миграции"], ["миграции", "мигрантам", "беженцам"],
                             ["беженцам", "мигрантам"]]
    assert all(f.leading and f.trailing for f in frags)


def test_one_fragment_shows_the_most_distinct_words_then_the_most_matches() -> None:
    def only(text: str) -> list[str]:
        (frag,) = best_fragments(text, MIGR, count=1)
        return [frag.text[s:e] for s, e in frag.spans]

    repeats = "Миграции, миграции и снова миграции."
    assert only(FILLER + repeats + FILLER + "О миграции и мигрантам." + FILLER) == [
        "миграции", "мигрантам"]
    assert only(FILLER + "Одна миграции." + FILLER + repeats + FILLER) == ["Миграции",
                                                                          "миграции",
                                                                          "миграции"]
    tie = FILLER + "Первая миграции." + FILLER + "Вторая миграции." + FILLER
    (frag,) = best_fragments(tie, MIGR, count=1)
    assert "Первая" in frag.text  # a tie: the first one


def test_fragments_begin_and_end_on_whole_words() -> None:
    words = [f"слово{i}" + "я" * (i * 7 % 11) for i in range(120)]
    for at in range(40, 80, 3):  # the match at many places: edges fall anywhere in a word
        text = " ".join([*words[:at], "миграции", *words[at:]])
        (frag,) = best_fragments(text, MIGR)
        first = text.index(frag.text)
        last = first + len(frag.text)
        assert text[first - 1] == " " and text[last] == " ", frag.text
        assert frag.leading and frag.trailing
        assert FRAGMENT_CHARS - 20 <= len(frag.text) <= FRAGMENT_CHARS + 20


def test_a_long_unbroken_token_at_an_edge_is_cut_not_followed() -> None:
    token = "ж" * 80  # a link or a run of symbols: no space to snap to nearby
    head = "слово " * 30 + token + " "
    at = len(head)  # where «миграции» starts; the fragment starts 40 before, in the token
    middle = " миграции " + "слово " * 30
    text = head.rstrip() + middle[: 160 - 10] + token + " слово" * 30
    (frag,) = best_fragments(text, MIGR)
    assert "миграции" in [frag.text[s:e] for s, e in frag.spans]
    assert text.index(frag.text) == at - 40 and len(frag.text) == FRAGMENT_CHARS


def test_a_match_just_past_a_fragment_does_not_get_an_overlapping_one() -> None:
    text = FILLER + "О миграции " + "слово " * 28 + "мигрантам. " + FILLER
    frags = best_fragments(text, MIGR)
    assert marked(frags) == [["миграции"]]  # the next window would overlap this one


def test_a_match_at_the_very_start_or_end_is_marked_and_not_cut() -> None:
    (first,) = best_fragments("Миграция населения.", MIGR)
    assert marked((first,)) == [["Миграция"]] and not first.leading and not first.trailing
    (last,) = best_fragments("Говорили о трудовой миграции", MIGR)
    assert marked((last,)) == [["миграции"]] and not last.leading and not last.trailing


def test_a_short_text_is_shown_whole_wherever_its_match_stands() -> None:
    """A one-line article's snippet began mid-sentence («… headline line about…»)
    though the whole line fitted: the window started a fixed lead before the match."""
    text = "Короткая строка о положении на границе и о трудовой миграции в регионе"
    (frag,) = best_fragments(text, MIGR)
    assert marked((frag,)) == [["миграции"]]
    assert frag.text == text and not frag.leading and not frag.trailing
    # In a long text, a match near its end gets the words before it, up to the size.
    long_text = FILLER + " Говорили о трудовой миграции"
    (last,) = best_fragments(long_text, MIGR)
    assert last.text.endswith("Говорили о трудовой миграции") and not last.trailing
    assert len(last.text) > FRAGMENT_CHARS - 20


def test_whitespace_in_a_fragment_is_collapsed_and_marks_stay_on_their_words() -> None:
    (frag,) = best_fragments("\n\n  Вопросы\n\n\tтрудовой   миграции\n", MIGR)
    assert frag.text == "Вопросы трудовой миграции"
    assert marked((frag,)) == [["миграции"]]


def test_blank_text_has_no_fragment_and_the_span_limit_holds() -> None:
    assert best_fragments("  \n\t ", MIGR) == ()
    assert spans_only(TEXT, frozenset({"миграция"}), limit=1) == spans_only(
        TEXT, frozenset({"миграция"}))[:1]
    assert len(match_spans(TEXT, frozenset({"миграция", "мигрант"}), limit=2)) == 2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.sampled_from([" ", ", ", "\n", "-", "«"]))
def test_matches_at_index_positions_are_the_tokenizers_words(words: list[str], sep: str) -> None:
    """Marks found from the word positions the index keeps fall on the words
    the tokenizer indexed there, with the terms it indexed."""
    text = sep.join(words)
    wanted = frozenset({"миграция", "мигрант", "today", "елка", "режим", "_мередов"})
    tokens = list(index_tokens(text))
    at = {n: frozenset(t.terms) for n, t in enumerate(tokens) if wanted & set(t.terms)}
    expected = [((t.start, t.end), wanted & frozenset(t.terms))
                for t in tokens if wanted & set(t.terms)]
    assert matches_at(text, at, wanted) == expected
    assert matches_at(text, at, wanted, limit=2) == expected[:2]
    assert spans_only(text, wanted, at=at) == tuple(span for span, _ in expected)


@pytest.mark.parametrize("query", ["миграция", "Мередов", "IOM", "мигра*", "Туркменистан",
                                   '"международной организации"', "migration OR миграции"])
def test_the_engines_snippets_from_positions_are_the_analysed_ones(
    seed_index: Path, query: str
) -> None:
    """The engine marks the words the index says matched; on the seeds that is
    what analysing every word of the article marks."""
    engine = SearchEngine(seed_index)
    try:
        resp = engine.search(SearchRequest(query=query))
        assert resp.hits
        snap = engine._current()
        terms = highlight_terms(engine._compile(snap, query).query, snap.searcher.reader())
        for hit in resp.hits:
            docnum = snap.searcher.document_number(path=hit.path)
            analysed = to_hit(engine._record(snap, docnum), hit.score, terms)
            assert hit.fragments == analysed.fragments
            assert hit.title_spans == analysed.title_spans
            assert any(f.spans for f in hit.fragments) or hit.title_spans
            view = engine.article(hit.path, query)
            assert view is not None
            assert view.body_spans == spans_only(view.body, frozenset().union(*terms.values()))
    finally:
        engine.close()


def test_a_fragment_near_the_edges_starts_and_ends_on_whole_words() -> None:
    """A window reaching back into the text's first word (or on into its
    last) takes the whole word, not its tail («Сегодняшним», not «дняшним»)."""
    text = "Сегодняшним утром красный автобус выехал на миграции. " + "слово " * 40
    (frag,) = best_fragments(text, MIGR)
    assert frag.text.startswith("Сегодняшним") and not frag.leading
    text = "миграции " + "слово " * 31 + "Окончательнейшее"
    (frag,) = best_fragments(text, MIGR)
    assert frag.text.endswith("Окончательнейшее") and not frag.trailing
