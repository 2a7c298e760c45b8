"""Paints one result: title, "source · date · language", and the snippet with
the matched words highlighted (rich text laid out by QTextDocument)."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from searchapp.core import Hit
from searchapp.ui.facets import date_label, source_label
from searchapp.ui.results_model import HitRole, SnippetHtmlRole, TitleHtmlRole
from searchapp.ui.theme import highlight_css

PADDING = 8


class ResultDelegate(QStyledItemDelegate):
    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex,
                  selected: bool) -> QTextDocument:
        hit: Hit = index.data(HitRole)
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        palette = option.palette
        text = palette.color(QPalette.ColorRole.HighlightedText if selected
                             else QPalette.ColorRole.Text).name()
        muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        meta = html.escape(" · ".join([source_label(hit.source), date_label(hit.date), hit.lang]))
        doc.setDefaultStyleSheet(highlight_css(palette) + f"body {{ color: {text}; }}")
        doc.setHtml(
            f"<div style='font-size:large; font-weight:600'>{index.data(TitleHtmlRole)}</div>"
            f"<div style='color:{muted}'>{meta}</div>"
            f"<div>{index.data(SnippetHtmlRole)}</div>"
        )
        doc.setTextWidth(max(100, option.rect.width() - 2 * PADDING))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(opt, index, selected)
        painter.save()
        painter.translate(opt.rect.left() + PADDING, opt.rect.top() + PADDING)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
        painter.save()
        painter.setPen(opt.palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(opt.rect.bottomLeft(), opt.rect.bottomRight())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = opt.widget
        width = view.viewport().width() if isinstance(view, QAbstractScrollArea) else 600
        opt.rect.setWidth(width)
        doc = self._document(opt, index, False)
        return QSize(width, int(doc.size().height()) + 2 * PADDING)
