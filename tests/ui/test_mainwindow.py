"""The window, driven like a user: type, click, read — over the real seeds."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, QModelIndex, QPoint, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QPalette,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleOptionViewItem

from searchapp.core.errors import IndexDamagedError
from searchapp.core.notices import Notice, NoticeKind
from searchapp.core.query import MAX_WORDS
from searchapp.core.results import SearchRequest
from searchapp.core.snippets import MAX_SPANS
from searchapp.ui import controller, mainwindow, reading_pane, screenshot
from searchapp.ui.facet_model import ValueRole
from searchapp.ui.mainwindow import MainWindow
from searchapp.ui.notices import notices_text
from searchapp.ui.results_model import PathRole, SnippetHtmlRole
from searchapp.ui.theme import current_mark_colors, is_dark, mark_colors

pytestmark = pytest.mark.gui
SEED_002 = "002_13e197d8ebd46593.txt"
WAIT_MS = 20_000


def listed(window: MainWindow) -> list[str]:
    return [Path(window.model.index(r, 0).data(PathRole)).name
            for r in range(window.model.rowCount())]


def type_text(widget, text: str) -> None:
    """Type like a keyboard would, Cyrillic included (QTest only types ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def type_query(qtbot, window: MainWindow, text: str) -> None:
    window.search.clear()
    type_text(window.search, text)
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.request.query == text, timeout=WAIT_MS)


def test_typing_a_word_lists_its_article_with_the_form_highlighted(qtbot, window) -> None:
    type_query(qtbot, window, "миграция")
    assert listed(window) == [SEED_002]
    snippet = window.model.index(0, 0).data(SnippetHtmlRole)
    assert "<b>миграции</b>" in snippet
    assert window.count_label.text().startswith("1 article ·")


def count_searches(window: MainWindow) -> list[str]:
    """The queries the controller's engine is asked, as they start (any thread)."""
    engine, asked = window.controller.engine, []
    real_search = engine.search

    def search(req):
        asked.append(req.query)
        return real_search(req)

    engine.search = search
    return asked


def test_typing_searches_once_after_a_pause(qtbot, window) -> None:
    asked = count_searches(window)
    window.search.clear()
    qtbot.keyClicks(window.search, "Ashgabat")  # eight keystrokes, no pause between them
    qtbot.waitUntil(lambda: window.last_response.request.query == "Ashgabat"
                    and not window.controller.busy, timeout=WAIT_MS)
    assert asked == ["Ashgabat"]  # one search for eight keystrokes, after the pause
    assert window.last_response.total == 3


def test_stale_results_are_dropped(qtbot, window) -> None:
    engine = window.controller.engine
    real_search = engine.search
    slow_done = threading.Event()
    release = threading.Event()

    def search(req):  # the first query is slow: its answer comes after the second's
        if req.query == "Ashgabat":
            release.wait(10)
            try:
                return real_search(req)
            finally:
                slow_done.set()
        return real_search(req)

    engine.search = search
    seen: list[str] = []
    window.controller.results.connect(lambda resp: seen.append(resp.request.query))
    window.search.setText("Ashgabat")
    window.search_now()
    window.search.setText("Ашхабад")
    window.search_now()
    qtbot.waitUntil(lambda: seen == ["Ашхабад"], timeout=WAIT_MS)
    release.set()
    qtbot.waitUntil(slow_done.is_set, timeout=WAIT_MS)
    # Not busy once the stale answer has come back to the GUI thread (and been dropped).
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=WAIT_MS)
    assert seen == ["Ашхабад"]
    assert window.last_response.request.query == "Ашхабад"


def test_ticking_a_source_filters_and_updates_counts(qtbot, window) -> None:
    type_query(qtbot, window, "")
    assert window.last_response.total == 5
    sources = window.facets.sources
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        tick(sources, "Trend")
    assert listed(window) == ["003_fa466dea4ea43802.txt"]
    langs = window.facets.langs.model()
    assert {langs.index(i).data(ValueRole): langs.index(i).data()
            for i in range(langs.rowCount())} == {"en": "English  (1)"}
    assert sources.model().rowCount() >= 4  # the other sources stay listed to add a second
    chip = window.chips.itemAt(0).widget()
    assert "Trend" in chip.text()
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        chip.click()  # removing the filter brings everything back
    assert window.last_response.total == 5


def test_date_range_filters(qtbot, window) -> None:
    type_query(qtbot, window, "")
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        window.facets.since.setDate(QDate(2024, 12, 1))
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        window.facets.until.setDate(QDate(2024, 12, 31))
    assert sorted(listed(window)) == ["000_c7124042683675e3.txt", "001_091d53cfd8a73ce3.txt"]


def click_bar(qtbot, window: MainWindow, label: str) -> None:
    """Click the histogram's bar of ``label`` (a month or a year)."""
    histogram = window.facets.histogram
    bars = [b for b, _ in histogram.bars()]  # left to right
    qtbot.waitUntil(lambda: histogram.isVisible() and histogram.width() > 0, timeout=WAIT_MS)
    width = histogram.width() / len(bars)
    where = QPoint(int(width * (bars.index(label) + 0.5)), histogram.height() // 2)
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        qtbot.mouseClick(histogram, Qt.MouseButton.LeftButton, pos=where)


def test_clicking_a_histogram_bar_keeps_that_year(qtbot, window) -> None:
    type_query(qtbot, window, "")
    facets = window.last_response.facets
    assert min(facets.month) <= "2021-03" and max(facets.month) >= "2024-12"  # 4 years: per year
    click_bar(qtbot, window, "2021")
    assert listed(window) == [SEED_002]
    assert window.facets.date_range() == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def test_the_histogram_is_a_time_axis_and_a_bar_keeps_its_month(qtbot, make_window, tmp_path,
                                                                 write_articles) -> None:
    """Months without articles have their place: a bar for May after January
    stood next to it, as if they were one month apart."""
    root = write_articles({"jan.md": "---\ntitle: A\ndate: 2024-01-10\n---\nПро газ.\n",
                           "may.md": "---\ntitle: B\ndate: 2024-05-20\n---\nПро газ.\n"})
    window = make_window(tmp_path / "ix", folders=[root], query="")
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 2, timeout=WAIT_MS)
    assert window.facets.histogram.bars() == [
        ("2024-01", 1), ("2024-02", 0), ("2024-03", 0), ("2024-04", 0), ("2024-05", 1)]
    click_bar(qtbot, window, "2024-05")
    assert [Path(p).name for p in listed(window)] == ["may.md"]
    assert window.facets.date_range() == (dt.date(2024, 5, 1), dt.date(2024, 5, 31))
    assert window.facets.histogram.axis_labels() == ["2024-01", "2024-05"]


def test_a_large_window_gives_the_facets_room_for_every_source(
        qtbot, make_window, tmp_path, write_articles) -> None:
    """At 1920×1080 the facet column stayed 230 px wide with eight sources shown
    and the rest of its height empty."""
    root = write_articles({
        f"a{i:02}.md": f"---\ntitle: T{i}\nsource: Source number {i:02}\n---\nПро газ.\n"
        for i in range(20)})
    window = make_window(tmp_path / "ix", folders=[root], query="")
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 20, timeout=WAIT_MS)
    sources = window.facets.sources
    column = window.splitter.widget(0)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    narrow = column.width()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920 and column.width() > narrow * 1.2)
    qtbot.waitUntil(lambda: sources.height() >= sources.maximumHeight())
    assert not sources.verticalScrollBar().isVisible()  # all 20 shown
    assert sources.visualRect(sources.model().index(19, 0)).bottom() <= sources.viewport().height()
    window.resize(1280, 600)  # short: eight rows at least, and a scroll bar
    qtbot.waitUntil(lambda: window.height() == 600 and sources.height() < sources.maximumHeight())
    assert sources.height() >= sources.minimumHeight() > 8 * sources.sizeHintForRow(0)


def test_a_histogram_of_one_month_names_it_once(qtbot, make_window, tmp_path,
                                                write_articles) -> None:
    """One bar was labelled «2024-03 … 2024-03»: the same month at both ends."""
    root = write_articles({"a.md": "---\ntitle: A\ndate: 2024-03-10\n---\nПро газ.\n",
                           "b.md": "---\ntitle: B\ndate: 2024-03-20\n---\nПро газ.\n"})
    window = make_window(tmp_path / "ix", folders=[root], query="")
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 2, timeout=WAIT_MS)
    assert window.facets.histogram.bars() == [("2024-03", 2)]
    assert window.facets.histogram.axis_labels() == ["2024-03"]


def open_first_result(qtbot, window: MainWindow):
    """Open the first listed article with the keyboard; its reading pane once shown."""
    window.results.setFocus()
    window.results.setCurrentIndex(window.model.index(0, 0))
    qtbot.keyClick(window.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.reading_pane.article is not None, timeout=WAIT_MS)
    return window.reading_pane


def marked_background(pane, position: int) -> str | None:
    """The background colour the document gives the character at ``position``
    (None when it has none)."""
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(position + 1)  # the format of the character before the cursor
    fmt = cursor.charFormat()
    return fmt.background().color().name() if fmt.hasProperty(
        QTextFormat.Property.BackgroundBrush) else None


def current_mark(pane) -> tuple[str, str]:
    """The text and background of the reading pane's one extra selection."""
    selections = pane.browser.extraSelections()
    assert len(selections) == 1
    (selection,) = selections
    return selection.cursor.selectedText(), selection.format.background().color().name()


def test_opening_an_article_highlights_hits_and_f3_moves(qtbot, window) -> None:
    type_query(qtbot, window, "миграция")
    pane = open_first_result(qtbot, window)
    assert pane.hit_count == 4 and pane.current_hit == 1
    assert pane.counter.text() == "hit 1 of 4"
    selected = pane.browser.textCursor().selectedText()
    assert selected == "миграции"
    # Every hit word is marked in the document itself, and only the hit words.
    mark, _ = mark_colors(pane.palette())
    current, _ = current_mark_colors(pane.palette())
    spans = list(pane.article.body_spans)
    assert len(spans) == 4
    for start, end in spans:
        assert all(marked_background(pane, i) == QColor(mark).name()
                   for i in range(start, end))
        if start > 0:
            assert marked_background(pane, start - 1) is None
        assert marked_background(pane, end) is None
    body = pane.article.body
    # The hit the pane is on has its own mark on top.
    assert current_mark(pane) == (body[spans[0][0]:spans[0][1]], QColor(current).name())
    assert pane.browser.extraSelections()[0].cursor.selectionStart() == spans[0][0]
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert pane.counter.text() == "hit 2 of 4"
    assert current_mark(pane) == (body[spans[1][0]:spans[1][1]], QColor(current).name())
    assert pane.browser.extraSelections()[0].cursor.selectionStart() == spans[1][0]
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert pane.counter.text() == "hit 4 of 4"
    assert pane.browser.extraSelections()[0].cursor.selectionStart() == spans[3][0]


def test_each_hit_is_scrolled_into_view_in_a_small_window(qtbot, window) -> None:
    """The hit of «Tokayev» in seed 003 stands at the end of a long paragraph: it is
    brought fully into the reading pane, not left below its lower edge."""
    window.resize(900, 640)
    type_query(qtbot, window, "Tokayev")
    pane = open_first_result(qtbot, window)
    assert pane.hit_count >= 1
    view = pane.browser.viewport().rect()
    for _ in range(pane.hit_count):
        cursor = pane.browser.textCursor()
        assert cursor.selectedText().lower().startswith("tokay")
        end = pane.browser.cursorRect(cursor)  # the cursor stands at the hit's end
        cursor.setPosition(cursor.selectionStart())
        assert view.contains(pane.browser.cursorRect(cursor)) and view.contains(end)
        pane.next_hit()


def test_malformed_query_shows_a_message_not_a_dialog(qtbot, window) -> None:
    type_query(qtbot, window, '"unbalanced (')
    assert window.notice.isVisible()
    assert window.notice.text() == (
        "A quote was not closed: it was ignored. Unbalanced brackets were ignored.")
    assert QApplication.activeModalWidget() is None


def test_closest_matches_are_announced(qtbot, window) -> None:
    type_query(qtbot, window, "Мередов Шуша")
    assert window.notice.text() == "No article has all words — showing closest matches."


def test_keyboard(qtbot, window) -> None:
    type_query(qtbot, window, "Ashgabat")
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.results.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == "" and window.last_response.total == 5


def test_markup_in_an_article_is_shown_literally(qtbot, make_window, tmp_path,
                                                 write_articles) -> None:
    root = write_articles({"hostile.txt": (
        "Разметка в статье\n\nПро миграцию <script>alert(1)</script> и "
        "<img src=http://example.com/x.png> конец.\n")})
    window = make_window(tmp_path / "ix", folders=[root])
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 1, timeout=WAIT_MS)
    type_query(qtbot, window, "миграция")
    window.controller.open_article(window.model.index(0, 0).data(PathRole))
    qtbot.waitUntil(lambda: window.reading_pane.article is not None, timeout=WAIT_MS)
    text = window.reading_pane.browser.toPlainText()
    assert "<script>alert(1)</script>" in text
    assert "<img src=http://example.com/x.png>" in text
    assert window.reading_pane.browser.requested == []  # nothing was fetched


def shown_title(pane) -> str:
    """The reading pane's title as the user reads it (its label holds HTML)."""
    document = QTextDocument()
    document.setHtml(pane.title.text())
    return document.toPlainText()


def test_title_matches_are_marked_in_the_reading_pane(qtbot, make_window, tmp_path,
                                                      write_articles) -> None:
    root = write_articles({"title.txt": (
        "Миграция <b>трудовая</b> в Казахстане\n\nВ тексте про мигрантов и работу.\n")})
    window = make_window(tmp_path / "ix", folders=[root])
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 1, timeout=WAIT_MS)
    type_query(qtbot, window, "миграция")
    pane = open_first_result(qtbot, window)
    assert pane.article.title_spans == ((0, len("Миграция")),)
    mark, text = mark_colors(pane.palette())
    assert pane.title.text().startswith(
        f"<span style='background-color:{mark};color:{text}'>Миграция</span> ")
    # The title's own markup is shown as written, never rendered.
    assert shown_title(pane) == "Миграция <b>трудовая</b> в Казахстане"


LONG_TITLE = ("Москва: очень длинный заголовок статьи о том, как правительство Москвы приняло "
              "решение о строительстве новой линии метро с двадцатью станциями и тремя "
              "пересадками к 2030 году, и что об этом думают жители")


@pytest.mark.parametrize("size", [(700, 450), (1280, 800), (700, 300)])
def test_a_long_title_is_cut_with_an_ellipsis_not_sliced(qtbot, make_window, tmp_path,
                                                         write_articles, size) -> None:
    """At 700x450 the pane's title was squeezed to four and a half lines: the
    fifth was cut through the middle of its letters."""
    root = write_articles({"long.md": f'---\ntitle: "{LONG_TITLE}"\n---\n\nМосква строит метро.'})
    window = make_window(tmp_path / "ix", folders=[root], lang="ru")
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == max(size[0], window.minimumSizeHint().width()))
    type_query(qtbot, window, "Москва")
    pane = open_first_result(qtbot, window)
    title = pane.title
    qtbot.waitUntil(lambda: title.toolTip() == LONG_TITLE)  # whole on hover
    shown = shown_title(pane)
    assert shown.endswith("…") and LONG_TITLE.startswith(shown.removesuffix("…"))
    assert shown.startswith("Москва: очень длинный")
    lines = title.heightForWidth(title.width()) / title.fontMetrics().lineSpacing()
    assert 1 < lines < 4  # three lines at most
    assert title.height() >= title.heightForWidth(title.width())  # none of them sliced
    pane.show_placeholder()
    assert shown_title(pane) == "Статья не открыта" and title.toolTip() == ""


def test_a_long_line_with_many_hits_is_laid_out_once(qtbot, make_window, tmp_path,
                                                     write_articles) -> None:
    """Marking 400 hits on one line used to redo the line's layout for each
    (3,000 hits: a minute and a half of a frozen window)."""
    hits = 400
    root = write_articles({"long.txt": "Зебры\n\n" + "a line about zebra crossings " * hits})
    window = make_window(tmp_path / "ix", folders=[root])
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 1, timeout=WAIT_MS)
    type_query(qtbot, window, "zebra")
    pane = window.reading_pane
    changes: list[int] = []
    pane.browser.document().contentsChange.connect(lambda *_: changes.append(1))
    pane = open_first_result(qtbot, window)
    assert pane.hit_count == hits
    assert marked_background(pane, pane.article.body_spans[-1][0]) is not None
    # Setting the text is one change; marking every hit, one more.
    assert len(changes) <= 3, f"{len(changes)} changes to the document"


@pytest.mark.parametrize(("lang", "counter", "tooltip"), [
    ("en", "hit 1 of 10000+", "Only the first 10000 hits are marked"),
    ("ru", "совпадение 1 из 10000+", "Отмечены только первые 10000 совпадений")])
def test_the_hit_counter_says_when_it_stops_counting(qtbot, make_window, tmp_path,
                                                     write_articles, lang, counter,
                                                     tooltip) -> None:
    """Past the 10,000 hits it marks, the counter said "of 10000" as if that were all."""
    root = write_articles({"many.txt": "Зебры\n\n" + "zebra crossing " * (MAX_SPANS + 50),
                           "few.txt": "Зебры\n\n" + "zebra crossing " * 3})
    window = make_window(tmp_path / "ix", folders=[root], lang=lang)
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 2, timeout=WAIT_MS)
    type_query(qtbot, window, "zebra")
    pane = open_first_result(qtbot, window)
    assert pane.article.path.endswith("many.txt") and pane.hit_count == MAX_SPANS
    assert pane.counter.text() == counter
    assert pane.counter.toolTip() == tooltip
    window.results.setCurrentIndex(window.model.index(1, 0))  # all its hits are marked
    window.open_current()
    qtbot.waitUntil(lambda: pane.article.path.endswith("few.txt"), timeout=WAIT_MS)
    assert pane.counter.text() == counter.replace("10000+", "3")
    assert pane.counter.toolTip() == ""


def test_results_model_is_a_valid_qt_model(qtbot, qtmodeltester, window) -> None:
    type_query(qtbot, window, "")
    qtmodeltester.check(window.model)


def test_russian_interface(qtbot, make_window, seed_copy) -> None:
    window = make_window(seed_copy, lang="ru")
    assert window.file_menu.title() == "&Файл"
    type_query(qtbot, window, "миграция")
    assert re.fullmatch(r"1 статья · \d+ мс", window.count_label.text())
    # "Copy citation" was «Копировать ссылку», "copy link".
    assert window.reading_pane.cite_button.text() == "Цитировать"
    assert window.reading_pane.cite_button.toolTip().startswith("Скопировать для цитирования")
    assert window.sort.toolTip() == "Порядок сортировки"
    window.set_language("en")  # switched live from the View menu
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File", timeout=WAIT_MS)
    assert re.fullmatch(r"1 article · \d+ ms", window.count_label.text())


def test_names_the_app_gives_follow_the_window_language(qtbot, make_window, seed_copy) -> None:
    """The language facet said «Русский» in English, the source «Unknown» in Russian."""
    window = make_window(seed_copy, lang="ru")
    type_query(qtbot, window, "миграция")  # the IOM article: no source found, in Russian

    def rows(view) -> list[str]:
        model = view.facet_model
        return [model.index(i, 0).data() for i in range(model.rowCount())]

    assert (rows(window.facets.sources), rows(window.facets.langs)) == (
        ["Не указан  (1)"], ["Русский  (1)"])
    window.controller.open_article(window.model.index(0, 0).data(PathRole))
    qtbot.waitUntil(lambda: window.reading_pane.article is not None, timeout=WAIT_MS)
    assert window.reading_pane.meta.text().startswith("Не указан · 2021-03-03")
    window.set_language("en")
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File", timeout=WAIT_MS)
    assert (rows(window.facets.sources), rows(window.facets.langs)) == (
        ["Unknown  (1)"], ["Russian  (1)"])


def test_did_you_mean_is_one_click_away(qtbot, window) -> None:
    type_query(qtbot, window, "Ашхабат")
    assert window.suggestion.isVisible() and "Ашхабад" in window.suggestion.text()
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        window.suggestion.linkActivated.emit("#")
    assert window.search.text() == "Ашхабад"
    assert window.last_response.total == 3 and not window.suggestion.isVisible()


def test_an_empty_result_list_says_why(qtbot, window) -> None:
    type_query(qtbot, window, "Ашхабат")
    assert window.model.rowCount() == 0
    assert window.results.empty_text.splitlines()[0] == "No article matches this search."
    assert "suggestion" in window.results.empty_text
    type_query(qtbot, window, "Turkmenistan")
    assert window.results.empty_text == ""
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        window.facets.since.setDate(QDate(2030, 1, 1))  # a filter that leaves nothing
    assert window.model.rowCount() == 0 and "Filters are on" in window.results.empty_text
    image = window.results.viewport().grab().toImage()  # the message is painted
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3)
               for y in range(0, min(image.height(), 120), 3)}
    assert len(colours) > 2


@pytest.mark.parametrize("text", ["???", "*"])
def test_a_query_with_no_words_gets_no_advice_on_words(qtbot, window, text: str) -> None:
    # «???» said "The query has no words to search for." and, in the list,
    # "Try fewer words, another form, or a prefix: migra*."; «*» listed every article.
    type_query(qtbot, window, text)
    assert window.model.rowCount() == 0
    assert window.notice.isVisible()
    assert window.notice.text() == "The query has no words to search for."
    assert window.results.empty_text == ""


def test_similar_articles_in_the_reading_pane(qtbot, window) -> None:
    type_query(qtbot, window, "Trust Between Nations")
    window.controller.open_article(window.model.index(0, 0).data(PathRole))
    qtbot.waitUntil(lambda: window.reading_pane.similar_list.count() > 0, timeout=WAIT_MS)
    assert window.reading_pane.similar_label.text() == "Similar articles"
    first = window.reading_pane.similar_list.item(0)
    assert first.data(Qt.ItemDataRole.UserRole).endswith("001_091d53cfd8a73ce3.txt")
    with qtbot.waitSignal(window.controller.article, timeout=WAIT_MS):
        window.reading_pane.similar_list.itemClicked.emit(first)
    assert window.reading_pane.article.path.endswith("001_091d53cfd8a73ce3.txt")


def test_similar_articles_that_arrive_before_their_article_are_kept(qtbot, window) -> None:
    # Article and similar list are looked up at once on two threads, so with two
    # articles opened quickly they may come back as: similar X, similar Y,
    # article X, article Y.
    engine, pane = window.controller.engine, window.reading_pane
    x, y = (h.path for h in engine.search(SearchRequest(query="", limit=2)).hits)
    similar_x, similar_y = (x, engine.similar(x)), (y, engine.similar(y))
    pane.show_similar(similar_x)
    pane.show_similar(similar_y)
    pane.show_article(engine.article(x))
    assert pane.similar_list.count() == len(similar_x[1]) > 0
    pane.show_article(engine.article(y))
    assert pane.similar_list.count() == len(similar_y[1]) > 0
    assert not pane.similar_pending and pane.similar_label.text() == "Similar articles"


def test_the_article_being_read_stays_selected_when_results_refresh(qtbot, window) -> None:
    type_query(qtbot, window, "Turkmenistan")
    assert window.model.rowCount() > 2
    second = window.model.index(1, 0)
    with qtbot.waitSignal(window.controller.article, timeout=WAIT_MS):
        qtbot.mouseClick(window.results.viewport(), Qt.MouseButton.LeftButton,
                         pos=window.results.visualRect(second).center())
    path = second.data(PathRole)
    assert window.reading_pane.article.path == path
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        window.controller.search_now(window.controller.request)  # e.g. a file changed
    assert window.results.currentIndex().data(PathRole) == path
    type_query(qtbot, window, "Turkmenistan Ashgabat")  # a new search starts afresh
    assert not window.results.currentIndex().isValid()


def test_an_article_like_no_other_says_so(qtbot, make_window, tmp_path,
                                          write_articles) -> None:
    root = write_articles({
        "weather.txt": "Погода в Бишкеке\n\nВ Бишкеке ожидается снегопад и гололёд.\n",
        "cotton.txt": "Cotton harvest\n\nFarmers in Fergana picked a record crop.\n",
    })
    window = make_window(tmp_path / "ix", folders=[root])
    type_query(qtbot, window, "снегопад")
    pane = window.reading_pane
    window.controller.open_article(window.model.index(0, 0).data(PathRole))
    # The article and its similar list come back from two threads, in either order.
    qtbot.waitUntil(lambda: pane.article is not None and not pane.similar_pending,
                    timeout=WAIT_MS)
    assert pane.similar_list.count() == 0
    assert pane.similar_label.text() == "Similar articles: none found"


def test_names_across_scripts_and_the_switch(qtbot, window) -> None:
    # «Meredow» (the Turkmen spelling) is in no names list: transliteration
    # finds «Мередов» in the Russian seed and marks it.
    type_query(qtbot, window, "Meredow")
    assert SEED_002 in listed(window)
    row = listed(window).index(SEED_002)
    assert "<b>Мередов</b>" in window.model.index(row, 0).data(SnippetHtmlRole)
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        window.names_action.trigger()  # Search ▸ Match names across scripts: off
    assert not window.names_action.isChecked()
    assert SEED_002 not in listed(window)
    assert window.settings.value("names", True, bool) is False
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        window.names_action.trigger()
    assert SEED_002 in listed(window)


def test_recent_queries_drop_down(qtbot, window) -> None:
    searched = ("Ashgabat", "миграция", "Ashgabat")  # the same query twice
    for query in searched:
        window.search.clear()
        type_text(window.search, query)
        with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
            qtbot.keyClick(window.search, Qt.Key.Key_Return)
    # Once each, the most recent first.
    assert window.recent.stringList()[:2] == ["Ashgabat", "миграция"]
    assert window.recent.stringList().count("Ashgabat") == 1
    window.search.clear()
    qtbot.keyClicks(window.search, "Ash")
    popup = window.search.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)
    offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert offered == ["Ashgabat"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert window.search.text() == "Ashgabat"
    window.save_state()  # remembered for the next start, newest first
    assert window.settings.value("recent", [], list)[:2] == ["Ashgabat", "миграция"]


def test_more_results_load_as_the_list_scrolls(qtbot, make_window, tmp_path,
                                               write_articles) -> None:
    root = write_articles({f"a{i:02}.md": f"---\ntitle: Статья {i}\n---\nПро миграцию {i}.\n"
                           for i in range(70)})
    window = make_window(tmp_path / "ix", folders=[root])
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 70, timeout=WAIT_MS)
    assert window.model.rowCount() == 30  # the first page
    bar = window.results.verticalScrollBar()
    for rows in (60, 70):
        qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT_MS)
        bar.setValue(bar.maximum())  # scrolled to the end: the next page comes
        qtbot.waitUntil(lambda n=rows: window.model.rowCount() == n, timeout=WAIT_MS)
    paths = listed(window)
    assert len(set(paths)) == 70  # every article once
    assert not window.model.canFetchMore(QModelIndex())


def tick(box_list, value: str) -> None:
    """Tick ``value`` in a facet list, as its check box does."""
    model = box_list.model()
    index = next(model.index(i) for i in range(model.rowCount())
                 if model.index(i).data(ValueRole) == value)
    assert model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


def test_ticking_a_language_filters(qtbot, window) -> None:
    type_query(qtbot, window, "")
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        tick(window.facets.langs, "ru")
    assert sorted(listed(window)) == [SEED_002, "004_c44cc9d99748644e.txt"]
    assert window.last_response.request.langs == frozenset({"ru"})
    assert "Russian" in window.chips.itemAt(0).widget().text()  # in the window's language


def test_clear_filters_brings_every_article_back(qtbot, window) -> None:
    type_query(qtbot, window, "")
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        tick(window.facets.langs, "en")
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        tick(window.facets.sources, "Trend")
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        window.facets.since.setDate(QDate(2024, 1, 1))
    assert listed(window) == ["003_fa466dea4ea43802.txt"]
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        qtbot.mouseClick(window.facets.clear_button, Qt.MouseButton.LeftButton)
    assert window.last_response.total == 5
    assert not window.facets.sources.checked() and not window.facets.langs.checked()
    assert window.facets.date_range() == (None, None)
    chips = [window.chips.itemAt(i).widget() for i in range(window.chips.count())]
    assert not any(chips)  # only the stretch is left


def test_the_sort_control_orders_by_date(qtbot, window) -> None:
    type_query(qtbot, window, "Turkmenistan")
    assert window.last_response.total >= 3
    for sort, reverse in (("oldest", False), ("newest", True)):
        with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
            window.sort.setCurrentIndex(window.sort.findData(sort))
        dates = [hit.date for hit in window.last_response.hits]  # the rows listed
        assert dates == sorted(dates, reverse=reverse) and dates[0] != dates[-1]
        assert window.last_response.request.sort.value == sort
    window.save_state()
    assert window.settings.value("sort") == "newest"  # remembered


def test_rebuild_from_the_menu(qtbot, window) -> None:
    type_query(qtbot, window, "")
    with qtbot.waitSignal(window.controller.indexingFinished, timeout=WAIT_MS) as done:
        window.rebuild_action.trigger()  # File ▸ Rebuild index
    report = done.args[0]
    assert report.rebuilt and report.added == 5 and not report.failed
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=WAIT_MS)
    assert window.last_response.total == 5
    assert window.report_label.text().startswith("5 added")


# Whoosh leaves the file object of a segment it failed to read for the GC to close.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_damaged_index_offers_a_rebuild(qtbot, make_window, seed_copy) -> None:
    postings = next(seed_copy.glob("*.pst"))
    with postings.open("r+b") as f:  # the postings of a segment, cut short
        f.truncate(postings.stat().st_size // 3)
    window = make_window(seed_copy, query="миграция")
    qtbot.waitUntil(lambda: window.findChild(QMessageBox) is not None, timeout=WAIT_MS)
    box = window.findChild(QMessageBox)
    assert box.isVisible() and "damaged" in box.informativeText()
    assert "damaged" in window.notice.text()
    rebuild = next(b for b in box.buttons() if b.text() == "Rebuild index")
    with qtbot.waitSignal(window.controller.indexingFinished, timeout=WAIT_MS):
        qtbot.mouseClick(rebuild, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 1, timeout=WAIT_MS)
    assert listed(window) == [SEED_002]


# Whoosh leaves the file object of a segment it failed to read for the GC to close.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_damaged_index_is_said_in_the_windows_language(qtbot, make_window, seed_copy) -> None:
    postings = next(seed_copy.glob("*.pst"))
    with postings.open("r+b") as f:
        f.truncate(postings.stat().st_size // 3)
    window = make_window(seed_copy, query="миграция", lang="ru")
    qtbot.waitUntil(lambda: window.findChild(QMessageBox) is not None, timeout=WAIT_MS)
    assert window.notice.text() == "Индекс повреждён: перестройте его (Файл ▸ Перестроить индекс)."
    box = window.findChild(QMessageBox)
    assert box.text() == "Часть индекса не читается. Перестроить его из его папок?"
    # the details too (they were the command line's English)
    assert box.informativeText().startswith(f"Индекс в {seed_copy} повреждён (")
    assert box.informativeText().endswith("перестройте его (Файл ▸ Перестроить индекс).")


def test_russian_window_shows_the_quote_and_word_count_notices(
    qtbot, make_window, seed_copy: Path
) -> None:
    window = make_window(seed_copy, lang="ru")
    assert MAX_WORDS + 2 == 34  # the count in the sentences below
    words = " ".join(f"title:w{i}" for i in range(MAX_WORDS + 2))
    type_query(qtbot, window, '"' + words)
    assert window.last_response.notices == (
        Notice(NoticeKind.QUOTE_NOT_CLOSED), Notice(NoticeKind.TOO_MANY_WORDS, (MAX_WORDS + 2,)))
    assert window.notice.isVisible()
    assert window.notice.text() == (
        "Кавычка не закрыта и пропущена. В запросе 34 слова: учитываются только первые.")
    window.set_language("en")  # the shown notices follow the language
    english = ("A quote was not closed: it was ignored. "
               "The query has 34 words: only the first ones count.")
    qtbot.waitUntil(lambda: window.notice.text() == english, timeout=WAIT_MS)
    assert notices_text(window.last_response.notices) == english


def _fail_indexing_with(monkeypatch, qtbot, window, exc: Exception) -> None:
    def update_index(*_args, **_kwargs):
        raise exc

    monkeypatch.setattr(controller, "update_index", update_index)
    with qtbot.waitSignal(window.controller.indexingFailed, timeout=WAIT_MS):
        window.rebuild_action.trigger()


def test_a_damaged_index_error_offers_a_rebuild_whatever_its_words(
    qtbot, make_window, seed_copy: Path, monkeypatch
) -> None:
    window = make_window(seed_copy)
    _fail_indexing_with(monkeypatch, qtbot, window, IndexDamagedError("segment _x.seg unread"))
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert box.informativeText() == "segment _x.seg unread"
    assert any(b.text() == "Rebuild index" for b in box.buttons())


def test_another_error_that_says_damaged_offers_no_rebuild(
    qtbot, make_window, seed_copy: Path, monkeypatch
) -> None:
    window = make_window(seed_copy)
    _fail_indexing_with(monkeypatch, qtbot, window, OSError("disk damaged, index damaged"))
    assert window.findChild(QMessageBox) is None


def test_ctrl_f_and_ctrl_q(qtbot, window) -> None:
    type_query(qtbot, window, "Ashgabat")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    window.focus_results()
    assert window.results.hasFocus()
    qtbot.keyClick(window.results, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus() and window.search.selectedText() == "Ashgabat"
    qtbot.keyClick(window.search, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    assert window.settings.value("query") == "Ashgabat"  # closed the normal way: state saved


def test_export_to_json(qtbot, window, tmp_path, monkeypatch) -> None:
    type_query(qtbot, window, "Ashgabat")
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        tick(window.facets.langs, "en")
    target = tmp_path / "out.json"
    monkeypatch.setattr(mainwindow.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "JSON (*.json)"))
    with qtbot.waitSignal(window.controller.exported, timeout=WAIT_MS):
        window.export_action.trigger()  # File ▸ Export results…
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["search"]["query"] == "Ashgabat" and data["search"]["langs"] == ["en"]
    assert data["total"] == 2
    assert sorted(Path(a["path"]).name[:3] for a in data["articles"]) == ["000", "001"]
    assert window.report_label.text() == f"2 articles exported to {target}"
    window.controller.exported.emit(1, str(target))  # as an export of one article ends
    assert window.report_label.text() == f"1 article exported to {target}"  # not "1 articles"


def test_the_first_indexing_ends_with_the_search_in_the_bar(qtbot, make_window, tmp_path,
                                                            write_articles) -> None:
    root = write_articles({"a.md": "---\ntitle: A\n---\nПро миграцию.\n",
                           "b.md": "---\ntitle: B\n---\nПро поезда.\n"})
    window = make_window(tmp_path / "ix", folders=[root], query="миграция")
    qtbot.waitUntil(lambda: window.last_response is not None, timeout=WAIT_MS)
    assert window.search.text() == "миграция"
    assert window.last_response.request.query == "миграция"
    assert [Path(p).name for p in listed(window)] == ["a.md"]


def test_a_long_file_name_or_source_does_not_widen_the_window(qtbot, make_window, tmp_path,
                                                               write_articles) -> None:
    """A long file name and a long source name in the reading pane made it, and
    so the window, wider than a small screen (1,021 px at least)."""
    name = "a-very-long-file-name-of-a-saved-article-" * 4 + ".md"
    root = write_articles({
        "short.md": "---\ntitle: A\nsource: ТАСС\n---\nПро газ.\n",
        name: "---\ntitle: B\nsource: " + "Информационное агентство Центральной Азии " * 3
              + "\n---\nПро газ снова.\n",
    })
    window = make_window(tmp_path / "ix", folders=[root], query="газ")
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 2, timeout=WAIT_MS)
    widths = {}
    for row in range(2):
        window.results.setCurrentIndex(window.model.index(row, 0))
        window.open_current()
        qtbot.waitUntil(lambda r=row: window.reading_pane.article is not None
                        and Path(window.reading_pane.article.path).name == listed(window)[r]
                        and not window.reading_pane.similar_pending,  # its label settled too
                        timeout=WAIT_MS)
        widths[listed(window)[row]] = window.reading_pane.minimumSizeHint().width()
    assert widths[name] == widths["short.md"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_700_px_window_stays_700_px_with_an_article_open(qtbot, make_window, seed_copy,
                                                           lang: str) -> None:
    """In Russian the window came out 762 px wide (704 in English): the pane's
    «совпадение 1 из 3» beside its buttons asked for room of its own."""
    window = make_window(seed_copy, lang=lang, query="миграция")
    window.resize(700, 450)
    pane = open_first_result(qtbot, window)
    qtbot.waitUntil(lambda: pane.counter.text() != "" and not pane.similar_pending,
                    timeout=WAIT_MS)
    assert window.minimumSizeHint().width() <= 700
    qtbot.waitUntil(lambda: window.width() == 700)
    whole = pane.counter.text()  # «совпадение 1 из 4»: where it does not fit, «1 / 4»
    total = len(pane.article.body_spans)
    assert pane.counter.shown_text() in (whole, f"1 / {total}")
    if pane.counter.shown_text() != whole:
        assert pane.counter.toolTip().startswith(whole)


def test_a_new_language_keeps_the_marks_and_the_hit_and_words_every_text(
        qtbot, make_window, seed_copy, tmp_path) -> None:
    """View ▸ Language with an article open made the whole article yellow (its
    text took a match's format), sent the pane back to its first hit, and left
    the status bar and an export's message in the old language."""
    window = make_window(seed_copy, lang="ru")
    assert window.report_label.text() == "Индекс актуален."
    qtbot.waitUntil(lambda: window.stats_label.text().startswith("Статей: 5,"), timeout=WAIT_MS)
    type_query(qtbot, window, "миграция")
    pane = open_first_result(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert pane.counter.text() == "совпадение 3 из 4"
    window.lang_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File", timeout=WAIT_MS)
    assert pane.counter.text() == "hit 3 of 4"
    mark, _ = mark_colors(pane.palette())
    spans = list(pane.article.body_spans)
    marked = {i for start, end in spans for i in range(start, end)}
    assert all(marked_background(pane, i) == (QColor(mark).name() if i in marked else None)
               for i in range(len(pane.article.body)))
    assert pane.browser.extraSelections()[0].cursor.selectionStart() == spans[2][0]
    assert window.stats_label.text().startswith("Articles: 5,")
    assert window.report_label.text() == "The index is up to date."
    window.controller.exported.emit(2, str(tmp_path / "r.csv"))  # as an export ends
    window.lang_actions["ru"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&Файл", timeout=WAIT_MS)
    assert window.report_label.text() == f"2 статьи экспортированы в {tmp_path / 'r.csv'}"
    assert pane.counter.text() == "совпадение 3 из 4"


def link_colours(label) -> set[tuple[int, int, int]]:
    """The colours of the pixels ``label`` draws."""
    image = label.grab().toImage()
    return {QColor(image.pixel(x, y)).getRgb()[:3]
            for x in range(image.width()) for y in range(image.height())}


def near(colours: set[tuple[int, int, int]], colour: QColor) -> bool:
    """Some of ``colours`` is ``colour`` (give or take anti-aliasing)."""
    r, g, b = colour.getRgb()[:3]
    return any(abs(r - x) + abs(g - y) + abs(b - z) < 30 for x, y, z in colours)


def test_the_file_link_and_the_marks_follow_a_new_scheme(qtbot, window) -> None:
    """Switched to a dark scheme, the pane kept the light one's dark blue link."""
    type_query(qtbot, window, "миграция")
    pane = open_first_result(qtbot, window)
    app = QApplication.instance()
    light = app.palette()
    dark = screenshot.dark_palette()
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: is_dark(pane.palette()), timeout=WAIT_MS)
        # The link is drawn in the dark scheme's link colour, not the light one's.
        drawn = link_colours(pane.link)
        assert near(drawn, dark.color(QPalette.ColorRole.Link))
        assert not near(drawn, light.color(QPalette.ColorRole.Link))
        mark, _ = mark_colors(dark)
        start, _end = pane.article.body_spans[1]
        assert marked_background(pane, start) == QColor(mark).name()
        assert current_mark(pane)[1] == QColor(current_mark_colors(dark)[0]).name()
    finally:
        app.setPalette(light)


@pytest.mark.parametrize("name", ["Putin's speech.md", 'a "quoted" name.md', "#1 100% & more.md",
                                  "<b>not bold<b> >.md", "two  spaces.md"])
def test_the_file_link_opens_the_exact_file(qtbot, make_window, tmp_path, write_articles,
                                            monkeypatch, name: str) -> None:
    """`<a href='…/Putin's speech.txt'>` was read by Qt as `…/Putin`."""
    root = write_articles({name: "---\ntitle: Речь\n---\nПро газ.\n"})
    window = make_window(tmp_path / "ix", folders=[root], query="газ")
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 1, timeout=WAIT_MS)
    pane = open_first_result(qtbot, window)
    path = str(root / name)
    doc = QTextDocument()
    doc.setHtml(pane.link.text())
    assert doc.toPlainText() == name
    fragment = doc.begin().begin().fragment()
    href = fragment.charFormat().anchorHref()
    assert QUrl(href).toLocalFile() == path
    opened: list[QUrl] = []
    monkeypatch.setattr(reading_pane.QDesktopServices, "openUrl", opened.append)
    pane.link.linkActivated.emit(href)  # a click on the link
    assert [url.toLocalFile() for url in opened] == [path]


@pytest.mark.parametrize(("lang", "words"), [("en", "Unknown, n.d."), ("ru", "Не указан, б. д.")])
def test_an_undated_articles_citation_in_the_windows_language(
        qtbot, make_window, tmp_path, write_articles, lang: str, words: str) -> None:
    """It was «…». Unknown, n.d.. /path — English words in a Russian window too."""
    root = write_articles({"a.md": "---\ntitle: Без даты\n---\nПро газ.\n"})
    window = make_window(tmp_path / "ix", folders=[root], query="газ", lang=lang)
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 1, timeout=WAIT_MS)
    pane = open_first_result(qtbot, window)
    assert pane.article.date is None
    pane.cite_button.click()
    assert QApplication.clipboard().text() == f"«Без даты». {words} {root / 'a.md'}"


def result_meta(window: MainWindow, row: int) -> str:
    """The "source · date · language" line the results list paints for ``row``."""
    doc = window.results.itemDelegate()._document(
        QStyleOptionViewItem(), window.model.index(row, 0), False)
    return doc.toPlainText().splitlines()[1]


def test_no_date_is_said_alike_in_the_list_the_pane_and_similar_articles(
        qtbot, make_window, tmp_path, write_articles) -> None:
    """The list said "Unknown · — · en" (a dash that read as one more
    separator), the pane "Unknown · no date · en"; and the similar articles
    kept their words after View ▸ Language."""
    body = "Про газ, нефть и трубопровод через Каспий. Газ и нефть."
    root = write_articles({"a.md": f"---\ntitle: A\n---\n{body}\n",
                           "b.md": f"---\ntitle: B\n---\n{body} Ещё.\n"})
    window = make_window(tmp_path / "ix", folders=[root], query="газ")
    qtbot.waitUntil(lambda: window.last_response is not None
                    and window.last_response.total == 2, timeout=WAIT_MS)
    pane = open_first_result(qtbot, window)
    qtbot.waitUntil(lambda: pane.similar_list.count() == 1, timeout=WAIT_MS)
    assert result_meta(window, 0) == "Unknown · no date · ru"
    assert pane.meta.text() == "Unknown · no date · ru"
    assert pane.similar_list.item(0).text().endswith("  ·  Unknown · no date")
    window.lang_actions["ru"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&Файл", timeout=WAIT_MS)
    assert result_meta(window, 0) == "Не указан · без даты · ru"
    assert pane.meta.text() == "Не указан · без даты · ru"
    assert pane.similar_list.item(0).text().endswith("  ·  Не указан · без даты")


def test_a_from_date_after_the_to_date_moves_it(qtbot, window) -> None:
    """From 2022-12-01 and To 2014-01-01 found nothing and said nothing."""
    type_query(qtbot, window, "")
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        window.facets.since.setDate(QDate(2022, 12, 1))
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        window.facets.until.setDate(QDate(2014, 1, 1))  # before From: From moves to it
    assert window.facets.date_range() == (dt.date(2014, 1, 1), dt.date(2014, 1, 1))
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        window.facets.until.setDate(QDate(2024, 12, 31))
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        window.facets.since.setDate(QDate(2025, 1, 1))  # after To: To moves to it
    assert window.facets.date_range() == (dt.date(2025, 1, 1), dt.date(2025, 1, 1))
    assert window.last_response.request.since == window.last_response.request.until
    with qtbot.waitSignal(window.controller.results, timeout=WAIT_MS):
        window.facets.since.setDate(QDate(2024, 12, 1))  # before To: To stays
    assert window.facets.date_range() == (dt.date(2024, 12, 1), dt.date(2025, 1, 1))
    assert sorted(listed(window)) == ["000_c7124042683675e3.txt", "001_091d53cfd8a73ce3.txt"]

