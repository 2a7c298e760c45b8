"""The window words in its language every reason a file was skipped for, and
every reason a run or a search could not go on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from searchapp.core.ingest.walker import iter_article_files
from searchapp.core.reasons import Reason, ReasonKind
from searchapp.ui import i18n
from searchapp.ui.reasons import reason_text

pytestmark = pytest.mark.gui
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
LATIN_WORD = re.compile(r"\b[a-z]{4,}\b")
ARGS: dict[ReasonKind, tuple[str, ...]] = {
    ReasonKind.TOO_LARGE: ("17", "16", "SEARCHAPP_MAX_FILE_MB"),  # bytes: "17 байт"
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
    ReasonKind.FRONT_MATTER_BAD_DATE: ("TBD",),
    ReasonKind.SHARD_DOWN: ("Connection refused",),
    ReasonKind.SHARD_LOST: ("Broken pipe", "120"),
    ReasonKind.NO_SUCH_PATH: ("/data/news",),
    ReasonKind.NO_INDEX: ("/data/index",),
    ReasonKind.INDEX_DAMAGED: ("/data/index", "EOFError: read past the end"),
    ReasonKind.INDEX_OUTDATED: ("/data/index",),
    ReasonKind.INDEX_IS_FILE: ("/data/index",),
    ReasonKind.INDEX_NOT_CREATED: ("/data/index", "Read-only file system"),
    ReasonKind.INDEX_NOT_WRITABLE: ("/data/index",),
    ReasonKind.INDEX_READ_ONLY: ("/data/index",),
    ReasonKind.NOT_AN_ARTICLE_FILE: ("/data/pic.svg", ".svg"),
    ReasonKind.IN_INDEX_FOLDER: ("/data/index/new", "/data/index"),
    ReasonKind.CLUSTER_DOWN: ("/data/cluster.toml", "s1 (10.0.0.5:33301), s2 (10.0.0.6:33301)"),
    ReasonKind.CLUSTER_FAILING: ("/data/cluster.toml",),
    ReasonKind.FORGET_SHARD_DOWN: ("s1 (10.0.0.5:33301)",),
    ReasonKind.FORGET_SHARD_LOST: ("Broken pipe",),
    ReasonKind.WORKER_FAILED: ("MemoryError",),
    ReasonKind.WORKER_ENDED: ("-9",),
}
# What to do next, said in the window's terms instead of the command line's.
WINDOW_ADVICE = {ReasonKind.NO_INDEX: "File ▸ Add folder", ReasonKind.FORGET_SHARD_DOWN: "removing",
                 ReasonKind.FORGET_SHARD_LOST: "remove it again",
                 ReasonKind.INDEX_DAMAGED: "File ▸ Rebuild index",
                 ReasonKind.INDEX_OUTDATED: "read anew"}
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
@pytest.mark.parametrize(("size", "limit", "words"), [
    (round(4.58 * 2**20), 2**20, "4,58 МБ; предел — 1 МБ"),
    (300, 104, "300 байт; предел — 104 байта"),  # it was "0,000286 МБ; предел — 9,92e-05 МБ"
    (20_000, 10_485, "19,5 КБ; предел — 10,2 КБ"),
    (16 * 2**20 + 5000, 16 * 2**20, "16,005 МБ; предел — 16 МБ"),
])
def test_sizes_are_written_as_russian_writes_them(size: int, limit: int, words: str) -> None:
    reason = Reason(ReasonKind.TOO_LARGE, size, limit, "SEARCHAPP_MAX_FILE_MB")
    assert reason_text(reason) == (
        f"слишком большой для статьи ({words}, его поднимает SEARCHAPP_MAX_FILE_MB)")


def test_sizes_in_an_english_window_are_the_command_lines() -> None:
    for size, limit in [(300, 104), (1, 0), (20_000, 10_485), (3 * 2**30, 2**30)]:
        reason = Reason(ReasonKind.TOO_LARGE, size, limit, "SEARCHAPP_MAX_FILE_MB")
        assert reason_text(reason) == reason


@pytest.mark.usefixtures("russian")
def test_a_file_without_an_extension_is_worded_apart() -> None:
    assert reason_text(Reason(ReasonKind.NOT_ARTICLE_FORMAT, "")) == (
        "файлы без расширения не читаются (не формат статей)")


@pytest.mark.usefixtures("russian")
def test_a_reason_nobody_foresaw_is_shown_as_it_is() -> None:
    assert reason_text("the library's own words") == "the library's own words"


@pytest.mark.parametrize("kind", [k for k in ReasonKind if k not in WINDOW_ADVICE])
def test_english_window_words_them_like_the_cli(qapp, kind: ReasonKind) -> None:
    i18n.install("en")
    assert reason_text(EVERY_KIND[kind]) == str(EVERY_KIND[kind])


@pytest.mark.parametrize("kind", list(WINDOW_ADVICE))
def test_the_window_gives_its_own_advice(qapp, kind: ReasonKind) -> None:
    i18n.install("en")
    text, cli = reason_text(EVERY_KIND[kind]), str(EVERY_KIND[kind])
    assert WINDOW_ADVICE[kind] in text and WINDOW_ADVICE[kind] not in cli, text
    assert "searchapp" not in text and "'forget'" not in text, text


def test_an_error_raised_with_a_reason_is_worded_in_the_window_language(russian) -> None:
    from searchapp.core.errors import UsageError
    from searchapp.ui.reasons import error_text

    assert error_text(UsageError(Reason(ReasonKind.NO_SUCH_PATH, "/data/news"))) == (
        "/data/news: нет такого файла или папки")
    assert error_text(UsageError("a message of its own")) == "a message of its own"


@pytest.mark.usefixtures("russian")
def test_a_link_to_itself_is_said_in_russian(tmp_path) -> None:
    """The skipped-files dialog read «ссылка никуда не ведёт (Too many levels of
    symbolic links)»: the system's English inside the Russian."""
    (tmp_path / "self").symlink_to(tmp_path / "self")
    (tmp_path / "dangling.md").symlink_to(tmp_path / "gone.md")
    problems: list[tuple[str, str]] = []
    list(iter_article_files([tmp_path], problems=problems))
    said = {Path(path).name: reason_text(why) for path, why in problems}
    assert said == {
        "self": "ссылка никуда не ведёт (слишком много ссылок подряд: ссылка на саму себя "
                "или ссылки по кругу)",
        "dangling.md": "ссылка никуда не ведёт (нет такого файла или папки)"}
    # The command line still gives the system's message.
    assert [why for _path, why in sorted(problems)][1] == (
        "link leads nowhere (Too many levels of symbolic links)")


@pytest.mark.usefixtures("russian")
def test_an_errno_the_window_does_not_word_is_shown_as_the_system_says() -> None:
    assert reason_text(Reason(ReasonKind.OS_ERROR, "Stale file handle", "ESTALE")) == (
        "не удалось прочитать (Stale file handle)")
