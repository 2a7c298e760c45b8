"""Saved HTML pages: main text and the page's own metadata (trafilatura)."""

from __future__ import annotations

from searchapp.core.ingest import dates
from searchapp.core.ingest.extracted import Extracted

_BLOCKS = ("p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
           "section", "article", "header", "footer", "blockquote", "pre", "table", "ul", "ol")


def extract_html(markup: str) -> Extracted:
    """Main text, title, date, site name and URL of a page; best effort on broken HTML."""
    import trafilatura  # slow to import: only when an HTML file shows up
    from trafilatura.settings import set_date_params

    doc = None
    try:  # dates from the page's metadata, its <time> tags and its URL only: an
        # extensive search took a copyright footer (© 2005–2019) for the day; a
        # dateline in the text is found afterwards as in any article
        doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                          date_extraction_params=set_date_params(False))
    except Exception:
        doc = None
    body = (getattr(doc, "text", None) or "").strip() if doc else ""
    title = (getattr(doc, "title", None) or "").strip() if doc else ""
    if not body:
        title, body = title or _fallback_title(markup), page_text(markup)
    first, _, rest = body.partition("\n")
    if title and first.strip() == title:  # the heading repeated as the text's first line,
        body = rest.lstrip()  # never a sentence or a word that begins like the title
    return Extracted(
        title=title,
        body=body,
        date=dates.parse_value(getattr(doc, "date", None)) if doc else None,
        source=(getattr(doc, "sitename", None) or "").strip() if doc else "",
        url=(getattr(doc, "url", None) or "").strip() if doc else "",
    )


def _fallback_title(markup: str) -> str:
    import lxml.html

    try:
        return (lxml.html.fromstring(markup).findtext(".//title") or "").strip()
    except Exception:
        return ""


def page_text(markup: str) -> str:
    """All the text of a page, scripts and styles dropped, one line per block."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(markup)
    except Exception:
        return ""
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for block in tree.iter(*_BLOCKS):  # a line per block, not words glued across blocks
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)
