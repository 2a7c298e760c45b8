"""A cluster document holds the terms and positions of the Whoosh index's
analysis (:class:`~searchapp.core.analysis.MorphTokenizer`), prefixed per
field, and leaves out a term too long for Xapian instead of failing."""

from __future__ import annotations

import datetime as dt

import pytest
import xapian
from hypothesis import example, given, settings
from hypothesis import strategies as st

from searchapp.core.analysis import make_analyzer
from searchapp.core.article import Article
from searchapp.core.cluster.documents import MAX_TERM_BYTES, make_document

pytestmark = pytest.mark.cluster

LONG_KEPT = "д" * 100  # 200 bytes with its prefix: a term Xapian takes
TOO_LONG = "ж" * 130  # 261 bytes: over Xapian's limit


def _expected(prefix: str, text: str) -> dict[str, list[int]]:
    terms: dict[str, list[int]] = {}
    for token in make_analyzer()(text, positions=True):
        term = prefix + token.text
        if len(term.encode()) <= MAX_TERM_BYTES:
            terms.setdefault(term, []).append(token.pos + 1)
    return terms


def _body_terms(doc: xapian.Document) -> dict[str, list[int]]:
    return {item.term.decode(): list(item.positer) for item in doc.termlist()
            if item.term[:1] == b"B"}


PIECES = ("Вера", "вера", "Татьяна", "Мередов", "Oil", "oil", "OIL PRICES", "ГАЗ", "The",
          "it's", ".", "…", "!", ",", " ", "\n", "«", "—", "-", "(", "2024", "_")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
@example("Вера. Вера вера\nВЕРА ВЕРА Вера")
def test_any_text_gets_the_tokenizers_terms(text: str) -> None:
    """A word is cached per field and per place (opening a sentence or not,
    in a line in capitals or not): each gets its own terms, as the tokenizer
    gives them."""
    article = Article(path="/a.md", title="", body=text, date=None, source="", lang="ru", url="")
    assert _body_terms(make_document(article, (1, 2))) == _expected("B", text)


def test_terms_and_positions_are_the_tokenizers_and_long_terms_are_left_out() -> None:
    title = "ПРЕЗИДЕНТ ТОКАЕВ ПОСЕТИЛ АСТАНУ"  # a line in capitals: no names
    body = (
        "Миграция растёт. Токаев встретился с мигрантами в Астане; "
        f"today's talks on migration went on. {LONG_KEPT} {TOO_LONG} Кассым-Жомарт. "
        "В Астане Токаев снова говорил с мигрантами."  # words seen again: from the caches
    )
    article = Article(path="/a/b.md", title=title, body=body, date=dt.date(2024, 3, 5),
                      source="ТАСС", lang="ru", url="")
    doc = make_document(article, (1, 2))
    got: dict[str, list[int]] = {}
    for item in doc.termlist():
        term = item.term.decode()
        if term[:1] in "TB":
            got[term] = list(item.positer)
    expected = _expected("T", title) | _expected("B", body)
    assert got == expected
    assert "B" + LONG_KEPT in got and "B" + TOO_LONG not in got
    assert any(len(v) > 1 for v in got.values())  # a word seen twice keeps both positions
    assert len(got["B_токаев"]) == 2  # a name's key, its second time too
