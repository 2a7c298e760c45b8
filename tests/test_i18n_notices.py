"""The window shows the core's query notices in Russian."""

from __future__ import annotations

import pytest

from searchapp.core.query import compile_query
from searchapp.ui import i18n


@pytest.fixture
def russian(qapp):  # pytest-qt's QApplication: a bare QCoreApplication would break GUI tests
    i18n.install("ru")
    yield
    i18n.install("en")


@pytest.mark.usefixtures("russian")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" ".join(compile_query("газ AND").notices), "Оператор (AND, OR, NOT) без слова"),
        (" ".join(compile_query("lang:xx").notices), "Неизвестный язык в lang:"),
        ("No article of the index has the source 'Nowhere'.", "нет источника «Nowhere»"),
    ],
)
def test_new_notices_are_translated(text: str, expected: str) -> None:
    assert text
    assert expected in i18n.translate_notice(text)
