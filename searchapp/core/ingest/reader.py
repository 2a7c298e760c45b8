"""One file → one :class:`~searchapp.core.article.Article`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from searchapp.core.article import UNKNOWN_SOURCE, Article
from searchapp.core.errors import ReadError
from searchapp.core.ingest import dates, frontmatter
from searchapp.core.ingest.cleaning import clean_scraped, first_sentence
from searchapp.core.ingest.encoding import DecodeError, decode
from searchapp.core.ingest.html import extract_html
from searchapp.core.ingest.language import detect_language
from searchapp.core.ingest.sources import find_source

MAX_BYTES = 16 * 1024 * 1024  # an article is far smaller: larger files are dumps
_HTML_SUFFIXES = (".html", ".htm")


def _read_bytes(path: Path) -> bytes:
    key = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(
                key, f"too large for an article ({size // 2**20} MB; the limit is "
                f"{MAX_BYTES // 2**20} MB)"
            )
        with path.open("rb") as f:
            return f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ReadError(key, "file vanished before it could be read") from None
    except PermissionError:
        raise ReadError(key, "permission denied") from None
    except IsADirectoryError:
        raise ReadError(key, "is a folder, not a file") from None
    except OSError as exc:
        raise ReadError(key, exc.strerror or str(exc)) from None


def _text(meta: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = meta.get(key)
        if value is not None and not isinstance(value, dict | list):
            return " ".join(str(value).split())
    return ""


def read_article(path: Path) -> Article:
    """Read, decode, clean and describe one article; :class:`ReadError` if impossible."""
    key = str(path)
    data = _read_bytes(path)
    if not data.strip():
        raise ReadError(key, "file is empty")
    try:
        text = decode(data)
    except DecodeError as exc:
        raise ReadError(key, str(exc)) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")

    if path.suffix.lower() in _HTML_SUFFIXES:
        page = extract_html(text)
        title, body, date = page.title, page.body, page.date
        source, url = page.source, page.url
        if not body.strip():
            raise ReadError(key, "no text found in the page")
        if not date:
            date = dates.find_dateline(body)
        return Article(
            path=key,
            title=title or first_sentence(body),
            body=body,
            date=date,  # type: ignore[arg-type]
            source=source or find_source(body) or UNKNOWN_SOURCE,
            lang=detect_language(title + " " + body),
            url=url,
        )

    meta, rest = frontmatter.split(text)
    if meta is not None:
        body = rest.strip()
        title = _text(meta, "title", "headline") or first_sentence(body)
        date = dates.parse_value(meta.get("date") or meta.get("published"))
        if date is None:  # a dateline at the top, not any date the text mentions
            date = dates.find_dateline(body, fallback=False)
        source = _text(meta, "source", "publisher", "site") or find_source(body)
        lang = _text(meta, "lang", "language").lower()[:2]
        return Article(
            path=key,
            title=title,
            body=body,
            date=date,
            source=source or UNKNOWN_SOURCE,
            lang=lang if lang in ("ru", "en") else detect_language(title + " " + body),
            url=_text(meta, "url", "link"),
        )

    cleaned = clean_scraped(text)
    if not cleaned.body.strip() and not cleaned.title:
        raise ReadError(key, "no text in the file")
    return Article(
        path=key,
        title=cleaned.title or os.path.splitext(path.name)[0],
        body=cleaned.body,
        date=dates.find_dateline(text),
        source=find_source(text) or UNKNOWN_SOURCE,
        lang=detect_language(cleaned.title + " " + cleaned.body),
    )
