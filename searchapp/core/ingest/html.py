"""Saved HTML pages: main text and the page's own metadata (trafilatura).

trafilatura is imported on the first HTML file only: it takes ~0.4 s to import.
Pages it cannot make sense of (broken markup, no main text) fall back to
the ``<title>`` and all visible text, without scripts and styles.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from searchapp.core.ingest import dates

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """What a page says about itself; empty strings where it says nothing."""

    title: str
    body: str
    date: dt.date | None
    source: str
    url: str
    lang: str


def _attr(doc: object, name: str) -> str:
    value = getattr(doc, name, None)
    return " ".join(value.split()) if isinstance(value, str) else ""


def extract_html(markup: str) -> HtmlArticle:
    """Main text, title, date, site name, URL and declared language of a page;
    best effort on broken HTML, never an exception."""
    import trafilatura  # slow to import: only when an HTML file shows up

    try:
        doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False)
    except Exception:  # trafilatura and lxml raise many kinds on hostile markup
        doc = None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = _attr(doc, "title")
    if not body:
        body = _fallback_text(markup)
    title = title or _fallback_title(markup)
    if title and body.startswith(title):
        body = body[len(title) :].lstrip()
    lang = _HTML_LANG.search(markup[:4096])
    return HtmlArticle(
        title=title,
        body=body,
        date=dates.parse_value(getattr(doc, "date", None)),
        source=_attr(doc, "sitename"),
        url=_attr(doc, "url"),
        lang=lang.group(1).lower() if lang else "",
    )


def _tree(markup: str) -> Any:
    import lxml.html

    try:
        return lxml.html.fromstring(markup)
    except Exception:  # empty document, unparsable markup
        return None


def _fallback_title(markup: str) -> str:
    tree = _tree(markup)
    if tree is None:
        return ""
    return " ".join((tree.findtext(".//title") or "").split())


def _fallback_text(markup: str) -> str:
    tree = _tree(markup)
    if tree is None:
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    lines = (" ".join(line.split()) for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)
