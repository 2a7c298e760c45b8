"""The window words every notice kind through Qt's translations."""

from __future__ import annotations

import re

import pytest

from searchapp.core.notices import Notice, NoticeKind, english
from searchapp.ui import i18n
from searchapp.ui.notices import notice_text

pytestmark = pytest.mark.gui
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
ARGS: dict[NoticeKind, tuple[str | int, ...]] = {
    NoticeKind.QUERY_CUT: (1000,),
    NoticeKind.UNKNOWN_FIELD: ("foo",),
    NoticeKind.EMPTY_FIELD: ("title",),
    NoticeKind.PREFIX_TOO_SHORT: ("м*",),
    NoticeKind.WORD_AS_OPERATOR: ("или", "OR"),
    NoticeKind.LEADING_WILDCARD: ("*ефть", "ефть"),
    NoticeKind.MARK_LEFT_OUT: ("^2",),
    NoticeKind.TOO_MANY_WORDS: (70,),
    NoticeKind.UNKNOWN_SOURCE: ("Nowhere",),
    NoticeKind.SHARDS_MISSING: ("s2", 1, 2, 3),
}
EVERY_KIND = {kind: Notice(kind, ARGS.get(kind, ())) for kind in NoticeKind}


@pytest.mark.usefixtures("russian")
@pytest.mark.parametrize("kind", list(NoticeKind))
def test_every_kind_has_russian_words(kind: NoticeKind) -> None:
    text = notice_text(EVERY_KIND[kind])
    assert CYRILLIC.search(text), text
    assert "%" not in text and "(s)" not in text, text
    for arg in EVERY_KIND[kind].args:  # counts: in the plural forms' test below
        assert not isinstance(arg, str) or arg in text


@pytest.mark.usefixtures("russian")
@pytest.mark.parametrize(
    ("notice", "text"),
    [
        (Notice(NoticeKind.QUERY_CUT, (1000,)), "Запрос обрезан до первых 1000 символов."),
        (Notice(NoticeKind.TOO_MANY_WORDS, (66,)),
         "В запросе 66 слов: учитываются только первые."),
        (Notice(NoticeKind.TOO_MANY_WORDS, (72,)),
         "В запросе 72 слова: учитываются только первые."),
        (Notice(NoticeKind.TOO_MANY_WORDS, (81,)),
         "В запросе 81 слово: учитываются только первые."),
        (Notice(NoticeKind.SHARDS_MISSING, ("s2", 1, 2, 3)),
         "Шард s2 не ответил: результаты — от остальных шардов (2 из 3)."),
        (Notice(NoticeKind.SHARDS_MISSING, ("s1, s3", 2, 2, 4)),
         "Шарды s1, s3 не ответили: результаты — от остальных шардов (2 из 4)."),
        (Notice(NoticeKind.WORD_AS_OPERATOR, ("or", "OR")),
         "«or» между словами прочитано как OR: чтобы искать это слово, "
         "возьмите его в кавычки (\"or\")."),
        (Notice(NoticeKind.LEADING_WILDCARD, ("*ефть", "ефть")),
         "Слово не может начинаться с шаблона: вместо «*ефть» искали «ефть»."),
        (Notice(NoticeKind.MARK_LEFT_OUT, ("~3",)),
         "«~3» после слова или фразы не поддерживается: пропущено."),
        (Notice(NoticeKind.UNKNOWN_SOURCE, ("%2 News",)),
         "Ни у одной статьи индекса нет источника «%2 News»."),
    ],
)
def test_russian_plural_forms_and_arguments(notice: Notice, text: str) -> None:
    assert notice_text(notice) == text


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_english_window_words_them_like_the_cli(qapp, kind: NoticeKind) -> None:
    i18n.install("en")
    assert notice_text(EVERY_KIND[kind]) == english(EVERY_KIND[kind])
