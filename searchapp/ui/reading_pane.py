"""The reading pane: an article's title, source, date, a link to its file,
and its full text with every match highlighted; next/previous hit."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QGuiApplication,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from searchapp.core import ArticleView, Hit, citation, mark_html
from searchapp.ui.elided_label import ElidedLabel
from searchapp.ui.facets import date_label, source_label
from searchapp.ui.theme import current_mark_colors, mark_colors

EARLY_KEPT = 8  # similar lists kept for articles still on their way
TITLE_LINES = 3  # a longer title is cut with "…" (whole in its tooltip)


class SafeBrowser(QTextBrowser):
    """Shows text only: it loads no resource (no images, no network) and
    follows no link."""

    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.requested: list[QUrl] = []

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        self.requested.append(QUrl(url))
        return None


class TitleLabel(QLabel):
    """An article's title in large bold type, its matches marked, on at most
    :data:`TITLE_LINES` lines: a longer one is cut with "…" and is whole in the
    tooltip.  It keeps the height of the lines it shows (a small window sliced
    a long title through a line)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        # An article's own text: "<b>" in it is no markup (the title is escaped
        # by mark_html, which marks its matches).
        self.setTextFormat(Qt.TextFormat.RichText)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.setFont(font)
        self._probe = QLabel()  # lays out candidate texts at this label's width
        self._probe.setWordWrap(True)
        self._probe.setTextFormat(Qt.TextFormat.RichText)
        self._probe.setFont(font)
        self._title = ""
        self._spans: tuple[tuple[int, int], ...] = ()
        self._fitted_at = -1

    def set_placeholder(self, text: str) -> None:
        self._title, self._spans = text, ()
        self._fit()

    def set_title(self, title: str, spans: Sequence[tuple[int, int]]) -> None:
        self._title, self._spans = title, tuple(spans)
        self._fit()

    def title(self) -> str:
        """The whole title (or placeholder), as plain text."""
        return self._title

    def _html(self, cut: int | None = None) -> str:
        """The title's first ``cut`` characters (all: None) as HTML, its matches marked."""
        text = self._title if cut is None else self._title[:cut].rstrip()
        spans = [(a, min(b, len(text))) for a, b in self._spans if a < len(text)]
        bg, fg = mark_colors(self.palette())
        marked = mark_html(text, spans)
        # Escaped text holds no "<mark>": these are the marks mark_html added.
        marked = marked.replace("<mark>", f"<span style='background-color:{bg};color:{fg}'>") \
            .replace("</mark>", "</span>")
        return marked if cut is None else marked + "…"

    def _height(self, html: str, width: int) -> int:
        self._probe.setText(html)
        return self._probe.heightForWidth(width)

    def _fit(self) -> None:
        """Show as much of the title as :data:`TITLE_LINES` lines hold at this width."""
        width = self.width()
        self._fitted_at = width
        full = self._html()
        room = self._height("<br>".join(["X"] * TITLE_LINES), width)
        shown, cut = full, False
        if self._height(full, width) > room:
            lo, hi = 0, len(self._title)  # the longest start that fits, with its "…"
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if self._height(self._html(mid), width) <= room:
                    lo = mid
                else:
                    hi = mid - 1
            # Cut between words when one ends near: "…" after a whole word.
            space = self._title.rfind(" ", 0, lo + 1)
            shown, cut = self._html(space if space > lo * 3 // 4 else lo), True
        super().setText(shown)
        self.setToolTip(self._title if cut else "")
        self.setMinimumHeight(self._height(shown, width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._fitted_at:
            self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._fit()  # the marks' colours follow the scheme


class ReadingPane(QWidget):
    """Signals: ``hitChanged(int, int)`` (current 1-based, total)."""

    hitChanged = Signal(int, int)
    similarOpened = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.article: ArticleView | None = None  # the article shown
        self.title = TitleLabel()
        self.meta = QLabel()
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        # A long source name wraps instead of widening the window (a wrapped
        # label would still ask for room of its own: the row gives it the pane's).
        self.meta.setWordWrap(True)
        self.meta.setMinimumWidth(1)
        self.link = QLabel()
        self.link.setTextFormat(self.link.textFormat().RichText)
        # A long file name is cut at the pane's edge (the tooltip has the path).
        self.link.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.link.linkActivated.connect(self._open_file)
        self.browser = SafeBrowser()
        self.prev_button, self.next_button = QToolButton(), QToolButton()
        self.prev_button.setText("▲")
        self.next_button.setText("▼")
        # «совпадение 1 из 3» is cut with "…" rather than widen a small window.
        self.counter = ElidedLabel()
        self.cite_button = QToolButton()
        self.cite_button.clicked.connect(self.copy_citation)
        self.prev_button.clicked.connect(self.previous_hit)
        self.next_button.clicked.connect(self.next_hit)

        bar = QHBoxLayout()
        bar.addWidget(self.counter, 1)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.cite_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addLayout(bar)
        layout.addWidget(self.link)
        layout.addWidget(self.browser, 1)
        self.similar_label = QLabel()
        self._similar_for: str | None = None  # the article the list is for
        self._similar_hits: list[Hit] = []  # what it lists, worded again in a new language
        # Lists that came back before their article (both are looked up at once).
        self._similar_early: dict[str, Sequence[Hit]] = {}
        self.similar_list = QListWidget()
        self.similar_list.setMaximumHeight(130)
        self.similar_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.similar_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.similar_list.itemActivated.connect(self._open_similar)
        self.similar_list.itemClicked.connect(self._open_similar)
        layout.addWidget(self.similar_label)
        layout.addWidget(self.similar_list)
        self._hits: list[tuple[int, int]] = []
        self._more_hits = False  # the text has more hits than are marked
        self._current = -1
        self.retranslate()

    def retranslate(self) -> None:
        self.prev_button.setToolTip(self.tr("Previous hit (Shift+F3)"))
        self.next_button.setToolTip(self.tr("Next hit (F3)"))
        self.cite_button.setText(self.tr("Copy citation"))
        self.cite_button.setToolTip(self.tr("Copy title, source, date and path"))
        if self.article is None:
            self.show_placeholder()
        else:  # the words only: the marks and the hit the pane is on stay
            self._show_meta(self.article)
            self._update_counter()
            self._show_similar(self._similar_for, self._similar_hits)  # "Unknown", "no date"
        self._label_similar()

    def show_placeholder(self) -> None:
        self.article = None
        self.title.set_placeholder(self.tr("No article open"))
        self.meta.setText(self.tr("Pick a result to read it here."))
        self.link.clear()
        self.browser.clear()
        self.cite_button.setEnabled(False)
        self._show_similar(None, ())
        self._set_hits([])

    def show_article(self, article: ArticleView) -> None:
        self.article = article
        if article.path != self._similar_for:  # not a repaint of the same article
            early = self._similar_early.pop(article.path, None)
            self._show_similar(article.path if early is not None else None, early or ())
        self.cite_button.setEnabled(True)
        self.title.set_title(article.title, article.title_spans)
        self._show_meta(article)
        self._show_link(article)
        # Plain text: markup inside an article is shown as written, never rendered.
        self.browser.setPlainText(article.body)
        self._mark_body(article)
        self._set_hits(list(article.body_spans), article.more_body_hits)
        if self._hits:
            self.go_to_hit(0)
        else:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)

    def _show_meta(self, article: ArticleView) -> None:
        self.meta.setText(
            f"{source_label(article.source)} · {date_label(article.date)} · {article.lang}")

    def _show_link(self, article: ArticleView) -> None:
        """A link to the article's file, in the scheme's link colour.  The target
        is the file's URL encoded ("#", "%", "'" and all) in a quoted attribute:
        a single-quoted raw URL ended at a name's apostrophe."""
        url = QUrl.fromLocalFile(article.path).toString(QUrl.ComponentFormattingOption.FullyEncoded)
        name = mark_html(Path(article.path).name, ())
        color = self.palette().color(QPalette.ColorRole.Link).name()
        style = f"color:{color}; white-space:pre"  # two spaces of a name stay two
        self.link.setText(f'<a href="{html.escape(url, quote=True)}" style="{style}">{name}</a>')
        self.link.setToolTip(article.path)

    def _mark_body(self, article: ArticleView) -> None:
        """Mark every match of the body in the scheme's colours (and nothing else:
        the text took the format of the cursor's place in the text it replaced,
        a match's, so a new language made the whole article yellow)."""
        plain = QTextCharFormat()
        fmt = QTextCharFormat()
        bg, fg = mark_colors(self.palette())
        fmt.setBackground(QColor(bg))
        fmt.setForeground(QColor(fg))
        cursor = QTextCursor(self.browser.document())
        # One edit: the document lays its text out once, not once per match
        # (3,000 matches on one long line took a minute and a half).
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(plain)
        for start, end in article.body_spans:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()

    def _set_hits(self, spans: list[tuple[int, int]], more: bool = False) -> None:
        # The document holds the body verbatim, so its offsets are the spans'.
        self._hits = spans
        self._more_hits = more
        self._current = -1
        self.prev_button.setEnabled(bool(spans))
        self.next_button.setEnabled(bool(spans))
        self._update_counter()

    def _update_counter(self) -> None:
        total = len(self._hits)
        if self.article is None:
            self.counter.clear()
            self.hitChanged.emit(0, 0)
            return
        # Past the marked hits the count is a lower bound: "hit 1 of 10000+".
        shown = f"{total}+" if self._more_hits else str(total)
        self.counter.setText(
            self.tr("hit %1 of %2").replace("%1", str(self._current + 1)).replace(
                "%2", shown) if total else self.tr("no hits")
        )
        self.counter.set_short(f"{self._current + 1} / {shown}" if total else "")
        self.counter.set_note(self.tr("Only the first %n hit(s) are marked", "", total)
                              if self._more_hits else "")
        self.hitChanged.emit(self._current + 1, total)

    def go_to_hit(self, i: int) -> None:
        if not self._hits:
            return
        self._current = i % len(self._hits)
        cursor = self._select_current()
        self.browser.setTextCursor(cursor)
        self._bring_into_view(cursor)
        self._update_counter()

    def _select_current(self) -> QTextCursor:
        """Give the hit the pane is on its own mark; its cursor."""
        start, end = self._hits[self._current]
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        bg, fg = current_mark_colors(self.palette())
        fmt.setBackground(QColor(bg))
        fmt.setForeground(QColor(fg))
        selection.format = fmt
        self.browser.setExtraSelections([selection])
        return cursor

    def _bring_into_view(self, hit: QTextCursor) -> None:
        """Scroll so that the hit's line stands a third of the way down the pane,
        with the lines before it for context (a hit at the end of a long paragraph
        used to stay below the pane's edge)."""
        start = QTextCursor(hit)
        start.setPosition(hit.selectionStart())
        line = self.browser.cursorRect(start)
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + line.top() - self.browser.viewport().height() // 3)

    def next_hit(self) -> None:
        self.go_to_hit(self._current + 1)

    def previous_hit(self) -> None:
        self.go_to_hit(self._current - 1 if self._current > 0 else len(self._hits) - 1)

    @property
    def current_hit(self) -> int:
        return self._current + 1

    @property
    def hit_count(self) -> int:
        return len(self._hits)

    def show_similar(self, found: tuple[str, tuple[Hit, ...]]) -> None:
        path, hits = found
        if self.article is None or self.article.path != path:
            if len(self._similar_early) >= EARLY_KEPT:
                self._similar_early.pop(next(iter(self._similar_early)))
            self._similar_early[path] = hits  # its article may still be on the way
            return
        self._show_similar(path, hits)

    def _show_similar(self, path: str | None, hits: Sequence[Hit]) -> None:
        """List ``hits`` as the articles similar to ``path`` (None: not known yet)."""
        self._similar_for, self._similar_hits = path, list(hits)
        self.similar_list.clear()
        for hit in hits:
            item = QListWidgetItem(
                f"{hit.title}  ·  {source_label(hit.source)} · {date_label(hit.date)}")
            item.setData(Qt.ItemDataRole.UserRole, hit.path)
            item.setToolTip(hit.path)
            self.similar_list.addItem(item)
        self._label_similar()

    @property
    def similar_pending(self) -> bool:
        """An article is open and its similar articles are still being looked up."""
        return self.article is not None and self._similar_for != self.article.path

    def _label_similar(self) -> None:
        if self.similar_pending:
            text = self.tr("Similar articles: looking…")
        elif self.article is not None and not self.similar_list.count():
            text = self.tr("Similar articles: none found")
        else:
            text = self.tr("Similar articles")
        self.similar_label.setText(text)

    def _open_similar(self, item: QListWidgetItem) -> None:
        self.similarOpened.emit(item.data(Qt.ItemDataRole.UserRole))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.article is not None:
            # The link and the marks follow the scheme (they kept the light
            # one's colours: a dark blue link on a dark pane).
            self._show_link(self.article)
            self._mark_body(self.article)
            if self._current >= 0:
                self._select_current()

    def copy_citation(self) -> None:
        if self.article is not None:
            article = self.article
            QGuiApplication.clipboard().setText(citation(
                article, source=source_label(article.source), no_date=self.tr("n.d.")))

    def _open_file(self, url: str) -> None:
        QDesktopServices.openUrl(QUrl(url))
