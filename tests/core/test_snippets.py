"""Snippet fragments: surface forms marked, about 200 characters, at most three."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.core.analysis import index_tokens
from searchapp.core.results import Hit
from searchapp.core.snippets import FRAGMENT_CHARS, best_fragments, match_spans, spans_only

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
         "елки", "онлайн-режим", "Мередовым", "x"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.sampled_from([" ", ", ", "\n", "-", "«"]))
def test_match_spans_agrees_with_the_tokenizer(words: list[str], sep: str) -> None:
    text = sep.join(words)
    wanted = frozenset({"миграция", "мигрант", "today", "елка", "режим", "_мередов"})
    expected = [(t.start, t.end) for t in index_tokens(text) if wanted & set(t.terms)]
    assert [span for span, _ in match_spans(text, wanted)] == expected
