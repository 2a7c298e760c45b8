"""One file → one :class:`~searchapp.core.article.Article`.

Three kinds of files: saved HTML pages (trafilatura), text with YAML front
matter (metadata as given), and scraped plain text (headline, dateline,
source and body found in the text).
"""

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
from searchapp.core.ingest.sources import SourceRulesError, find_source

MAX_BYTES = 16 * 1024 * 1024  # an article is far smaller: larger files are dumps
_HTML_SUFFIXES = (".html", ".htm")
_LANGS = ("ru", "en")


def _read_bytes(path: Path) -> bytes:
    key = str(path)
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_BYTES:
                raise ReadError(
                    key, f"too large for an article ({size // 2**20} MB; the limit is "
                    f"{MAX_BYTES // 2**20} MB)"
                )
            return f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ReadError(key, "file vanished before it could be read") from None
    except PermissionError:
        raise ReadError(key, "permission denied") from None
    except IsADirectoryError:
        raise ReadError(key, "is a folder, not a file") from None
    except OSError as exc:
        raise ReadError(key, (exc.strerror or str(exc)).lower()) from None


def _text(meta: dict[str, Any], *keys: str) -> str:
    """The first of ``keys`` with a scalar value, as one line of text."""
    for key in keys:
        value = meta.get(key)
        if value is not None and not isinstance(value, dict | list):
            text = " ".join(str(value).split())
            if text:
                return text
    return ""


def _language(declared: str, title: str, body: str) -> str:
    declared = declared.lower()[:2]
    return declared if declared in _LANGS else detect_language(f"{title}\n{body}")


def _from_html(key: str, text: str) -> Article:
    page = extract_html(text)
    if not page.body.strip() and not page.title:
        raise ReadError(key, "no text found in the page")
    body = page.body
    return Article(
        path=key,
        title=page.title or first_sentence(body),
        body=body,
        date=page.date or dates.find_dateline(body[: dates.HEAD_CHARS], fallback=False),
        source=page.source or find_source(body) or UNKNOWN_SOURCE,
        lang=_language(page.lang, page.title, body),
        url=page.url,
    )


def _from_front_matter(key: str, meta: dict[str, Any], body: str) -> Article | None:
    body = body.strip()
    title = _text(meta, "title", "headline")
    if not body and not title:
        return None
    date = None
    for field in ("date", "published", "pubdate", "created"):
        if meta.get(field) is not None:
            date = dates.parse_value(meta[field])
            break
    if date is None:  # a dateline at the top; a date the text mentions may be any event's
        date = dates.find_dateline(body[: dates.HEAD_CHARS], fallback=False)
    return Article(
        path=key,
        title=title or first_sentence(body),
        body=body,
        date=date,
        source=_text(meta, "source", "publisher", "site", "sitename") or find_source(body)
        or UNKNOWN_SOURCE,
        lang=_language(_text(meta, "lang", "language"), title, body),
        url=_text(meta, "url", "link", "source_url"),
    )


def _from_scraped(key: str, text: str) -> Article | None:
    cleaned = clean_scraped(text)
    if not cleaned.body and not cleaned.title:
        return None
    return Article(
        path=key,
        title=cleaned.title,
        body=cleaned.body,
        date=dates.find_dateline(cleaned.text),
        source=find_source(cleaned.text) or UNKNOWN_SOURCE,
        lang=detect_language(f"{cleaned.title}\n{cleaned.body}"),
    )


def _read(path: Path) -> Article:
    key = str(path)
    data = _read_bytes(path)
    if not data.strip():
        raise ReadError(key, "file is empty")
    try:
        text = decode(data)
    except DecodeError as exc:
        raise ReadError(key, str(exc)) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "")

    if path.suffix.lower() in _HTML_SUFFIXES:
        return _from_html(key, text)
    meta, rest = frontmatter.split(text)
    article = (
        _from_front_matter(key, meta, rest) if meta is not None else _from_scraped(key, text)
    )
    if article is None:
        raise ReadError(key, "no text in the file")
    return article


def read_article(path: Path) -> Article:
    """Read, decode, clean and describe one article.

    Raises :class:`ReadError` (and nothing else) with a short reason when the
    file cannot be read or holds no text.
    """
    path = Path(path)
    try:
        return _read(path)
    except ReadError:
        raise
    except SourceRulesError as exc:
        raise ReadError(str(path), str(exc)) from None
    except (MemoryError, RecursionError) as exc:
        raise ReadError(str(path), f"too complex to read ({type(exc).__name__})") from None
    except Exception as exc:  # a bug or a library's surprise must not stop an indexing run
        raise ReadError(str(path), f"could not be read ({type(exc).__name__}: {exc})") from exc
