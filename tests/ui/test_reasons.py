"""The window words every reason a file was skipped for in its language."""

from __future__ import annotations

import re

import pytest

from searchapp.core.reasons import Reason, ReasonKind
from searchapp.ui import i18n
from searchapp.ui.reasons import reason_text

pytestmark = pytest.mark.gui
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
LATIN_WORD = re.compile(r"\b[a-z]{4,}\b")
ARGS: dict[ReasonKind, tuple[str, ...]] = {
    ReasonKind.TOO_LARGE: ("17", "16", "SEARCHAPP_MAX_FILE_MB"),  # 17.5: "17,5" in Russian
    ReasonKind.OS_ERROR: ("Input/output error",),
    ReasonKind.NOT_ARTICLE_FORMAT: (".xlsx",),
    ReasonKind.BROKEN_TEXT: ("utf-16",),
    ReasonKind.PDF_UNREADABLE: ("Failed to load document (PDFium: Data format error).",),
    ReasonKind.PDF_DAMAGED: ("Failed to load page.",),
    ReasonKind.WORD_UNREADABLE: ("File is not a zip file",),
    ReasonKind.ODT_UNREADABLE: ("File is not a zip file",),
    ReasonKind.READER_FAILED: ("ValueError", "bad table"),
    ReasonKind.FOLDER_UNREADABLE: ("Permission denied",),
    ReasonKind.DEAD_LINK: ("No such file or directory",),
    ReasonKind.FRONT_MATTER_NOT_YAML: ("found unexpected end of stream",),
    ReasonKind.FRONT_MATTER_BAD_DAY: ("day is out of range for month",),
    ReasonKind.SHARD_DOWN: ("Connection refused",),
    ReasonKind.SHARD_LOST: ("Broken pipe", "120"),
}
EVERY_KIND = {kind: Reason(kind, *ARGS.get(kind, ())) for kind in ReasonKind}


@pytest.mark.usefixtures("russian")
@pytest.mark.parametrize("kind", list(ReasonKind))
def test_every_kind_has_russian_words(kind: ReasonKind) -> None:
    reason = EVERY_KIND[kind]
    text = reason_text(reason)
    assert CYRILLIC.search(text), text
    assert "%" not in text, text
    rest = text
    for arg in reason.args:  # each argument shown as given, and no English around it
        assert arg in rest, text
        rest = rest.replace(arg, "")
    assert not LATIN_WORD.search(rest.replace("YAML", "").replace("PDF", "")), text


@pytest.mark.usefixtures("russian")
def test_sizes_are_written_as_russian_writes_numbers() -> None:
    assert reason_text(Reason(ReasonKind.TOO_LARGE, "4.58", "1", "SEARCHAPP_MAX_FILE_MB")) == (
        "слишком большой для статьи (4,58 МБ; предел — 1 МБ, его поднимает SEARCHAPP_MAX_FILE_MB)")


@pytest.mark.usefixtures("russian")
def test_a_file_without_an_extension_is_worded_apart() -> None:
    assert reason_text(Reason(ReasonKind.NOT_ARTICLE_FORMAT, "")) == (
        "файлы без расширения не читаются (не формат статей)")


@pytest.mark.usefixtures("russian")
def test_a_reason_nobody_foresaw_is_shown_as_it_is() -> None:
    assert reason_text("the library's own words") == "the library's own words"


@pytest.mark.parametrize("kind", list(ReasonKind))
def test_english_window_words_them_like_the_cli(qapp, kind: ReasonKind) -> None:
    i18n.install("en")
    assert reason_text(EVERY_KIND[kind]) == str(EVERY_KIND[kind])
