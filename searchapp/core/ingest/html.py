"""Saved HTML pages: main text and the page's own metadata (trafilatura).

Besides what trafilatura reads, the page's JSON-LD (``application/ld+json``: a
NewsArticle's ``headline``, ``datePublished``, ``publisher.name``) gives the
title, date and source when it has them, and a ``<title>`` ending in a site and
a date («Мигрантам упростят… - РИА Новости, 12.03.2024») gives the site as the
source and the date; the title shown is without its site.  The text does not
begin with the title or a dateline, as a .txt file's does not.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from typing import Any

from searchapp.core.ingest import dates
from searchapp.core.ingest.cleaning import chrome_line, dateline_only
from searchapp.core.ingest.extracted import Extracted

_BLOCKS = ("p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
           "section", "article", "header", "footer", "blockquote", "pre", "table", "ul", "ol",
           "title", "nav", "main", "aside", "figure", "figcaption", "dl", "dt", "dd")
# schema.org types of an article (JSON-LD ``@type``, lower case); a WebPage's name is
# the page's <title>, site and all
_ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "blogposting",
    "liveblogposting", "report",
})
# Between a headline and its site in a <title>: "Headline | Site", «Заголовок - Сайт»
_TITLE_SEPARATOR = re.compile(r"\s+[-–—|•·]\s+")
LEADING_LINES = 3  # the title, a dateline: what a page's text may begin with
_MENU_BAR = re.compile(r"\s*[|•·/]\s*")


@dataclass(frozen=True, slots=True)
class _LinkedData:
    """What a page's JSON-LD says of its article."""

    headline: str = ""
    date: dt.date | None = None
    publisher: str = ""


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
    tree = _tree(markup)
    linked = _linked_data(tree)
    page_title = _page_title(tree)
    suffix, suffix_site, suffix_date = _title_suffix(page_title)
    sitename = _plain(getattr(doc, "sitename", None) if doc else None)
    site, sitename_date = _site_and_date(sitename)  # «РИА Новости, 12.03.2024», from the title
    source = linked.publisher or site or suffix_site
    body = (getattr(doc, "text", None) or "").strip() if doc else ""
    title = linked.headline or ((getattr(doc, "title", None) or "").strip() if doc else "")
    if not body:
        title, body = title or page_title, page_text(markup)
    elif "\n" not in body:
        body = _with_lines(body, markup)
    title = _without_site(title, (source, sitename, suffix))
    body, dateline = _without_heading(body, title, _nav_items(tree))
    return Extracted(
        title=title,
        body=body,
        date=(linked.date or (dates.parse_value(getattr(doc, "date", None)) if doc else None)
              or suffix_date or sitename_date or dateline),
        source=source,
        url=(getattr(doc, "url", None) or "").strip() if doc else "",
    )


def _tree(markup: str) -> Any:
    import lxml.html

    try:
        return lxml.html.fromstring(markup)
    except Exception:  # empty, or an XML declaration lxml refuses in a str
        return None


def _plain(text: object) -> str:
    """A metadata string on one line, its HTML entities («&quot;») read."""
    return " ".join(html.unescape(text).split()) if isinstance(text, str) else ""


def _page_title(tree: Any) -> str:
    return _plain(tree.findtext(".//title")) if tree is not None else ""


def _linked_data(tree: Any) -> _LinkedData:
    """Headline, publication day and publisher of the first article in the page's JSON-LD."""
    if tree is None:
        return _LinkedData()
    items: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            items.extend(_objects(json.loads(script.text_content(), strict=False)))
        except (ValueError, RecursionError):
            continue
    for item in items:
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
            ids = {i["@id"]: i for i in items if isinstance(i.get("@id"), str)}
            return _LinkedData(
                headline=_plain(item.get("headline")),
                date=dates.parse_value(item.get("datePublished") or item.get("dateCreated")),
                publisher=_name(item.get("publisher"), ids),
            )
    return _LinkedData()


def _objects(data: Any) -> list[dict[str, Any]]:
    """The objects of a JSON-LD block: itself, the items of a list, of its ``@graph``."""
    if isinstance(data, list):
        return [item for part in data for item in _objects(part)]
    if isinstance(data, dict):
        return [data, *_objects(data.get("@graph", []))]
    return []


def _name(publisher: Any, ids: dict[str, dict[str, Any]]) -> str:
    """A publisher's name: given in place, or in the object its ``@id`` refers to."""
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    if isinstance(publisher, dict):
        if "name" not in publisher and isinstance(publisher.get("@id"), str):
            publisher = ids.get(publisher["@id"], {})
        publisher = publisher.get("name")
    return _plain(publisher)


def _site_and_date(text: str) -> tuple[str, dt.date | None]:
    """«РИА Новости, 12.03.2024» → the site and the day; a text not ending with a date
    is all site."""
    found = dates.find_dates(text)
    if not found or found[-1][1] != len(text):
        return text, None
    return text[: found[-1][0]].rstrip(" ,|-–—"), found[-1][2]


def _title_suffix(title: str) -> tuple[str, str, dt.date | None]:
    """The suffix of a <title> that ends in a site and a day, the site and the day:
    «Заголовок - РИА Новости, 12.03.2024».  A suffix without a day is not taken for a
    site ("Tokayev visits | Politics")."""
    last = next(reversed(list(_TITLE_SEPARATOR.finditer(title))), None)
    if last is None or last.start() == 0:
        return "", "", None
    suffix = title[last.end() :]
    site, day = _site_and_date(suffix)
    return (suffix, site, day) if day else ("", "", None)


def _without_site(title: str, sites: tuple[str, ...]) -> str:
    """``title`` without a site's name after a separator at its end: "Tokayev visits |
    The Astana Times" → "Tokayev visits"."""
    for site in sorted({s for s in sites if s}, key=len, reverse=True):
        m = re.search(rf"{_TITLE_SEPARATOR.pattern}{re.escape(site)}\s*$", title)
        if m and m.start() > 0:
            return title[: m.start()]
    return title


def _with_lines(body: str, markup: str) -> str:
    """A text given as one line (trafilatura's fallback joins a short page's blocks) with
    its blocks on lines of their own again, when the page's lines make up exactly it."""
    lines = page_text(markup).split("\n")
    for i, line in enumerate(lines):
        if not body.startswith(line):
            continue
        size = -1
        for j in range(i, len(lines)):
            size += len(lines[j]) + 1
            if size >= len(body):
                if size == len(body) and " ".join(lines[i : j + 1]) == body:
                    return "\n".join(lines[i : j + 1])
                break
    return body


def _nav_items(tree: Any) -> frozenset[str]:
    """The items of the page's menus (``<nav>``, ``role="navigation"``): their lines,
    and the parts of a line between bars («Главная | Новости»)."""
    if tree is None:
        return frozenset()
    import lxml.html

    items: set[str] = set()
    for nav in tree.xpath('//nav|//*[@role="navigation"]'):
        for line in page_text(lxml.html.tostring(nav, encoding="unicode")).split("\n"):
            items.update(_menu_parts(line))
    return frozenset(items)


def _menu_parts(line: str) -> list[str]:
    """A line's parts between the bars of a menu, spaces collapsed: «Главная | Новости»."""
    return [part for part in _MENU_BAR.split(" ".join(line.split())) if part]


def _is_menu(line: str, items: frozenset[str], *, chrome: bool = True) -> bool:
    """A line of the page's menus (its ``items``, or only bars between them), or with
    ``chrome`` a line of a site's chrome («Главная | Новости | Политика»)."""
    line = " ".join(line.split())
    if not line:
        return False
    in_menu = bool(items) and all(part in items for part in _menu_parts(line))
    return in_menu or (chrome and chrome_line(line))


def _without_heading(
    body: str, title: str, menus: frozenset[str] = frozenset()
) -> tuple[str, dt.date | None]:
    """``body`` without the lines it begins with that repeat the title or are a dateline
    (a line that only begins like the title stays: «Ростов-на-Дону» under «Рост»), nor the
    lines of the page's menus (of their items ``menus``; before the title also chrome,
    «Главная | Новости | Политика») before them or at its end, where trafilatura's fallback
    for a short page leaves them; and the day of that dateline."""
    lines = body.split("\n")
    day = None
    dropped = heading = 0
    for line in lines:
        line = " ".join(line.split())
        if _is_menu(line, menus):
            pass
        elif heading == LEADING_LINES:
            break
        elif line and line == title:
            heading += 1
        elif line and dateline_only(line):
            day = day or dates.find_dateline(line)
            heading += 1
        else:
            break
        dropped += 1
    end = len(lines)
    while end > dropped and (not lines[end - 1].strip()
                             or _is_menu(lines[end - 1], menus, chrome=False)):
        end -= 1
    rest = "\n".join(lines[dropped:end]).strip()
    return (rest, day) if rest else (body, None)


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
        before = block.getprevious()  # (minified: «World NewsHome | World» was one line)
        if before is not None:
            before.tail = (before.tail or "") + "\n"
        elif block.getparent() is not None:
            block.getparent().text = (block.getparent().text or "") + "\n"
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)
