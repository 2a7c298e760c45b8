"""One file → one :class:`~searchapp.core.article.Article`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, BinaryIO

from searchapp.core.article import UNKNOWN_SOURCE, Article
from searchapp.core.errors import ReadError
from searchapp.core.ingest import dates, frontmatter
from searchapp.core.ingest.cleaning import Cleaned, clean_scraped, first_sentence, normalize_text
from searchapp.core.ingest.documents import READERS
from searchapp.core.ingest.encoding import DecodeError, decode
from searchapp.core.ingest.extracted import Extracted, FormatError
from searchapp.core.ingest.html import extract_html
from searchapp.core.ingest.language import detect_language
from searchapp.core.ingest.markdown import MARKDOWN_SUFFIXES, leading_heading, plain_inline
from searchapp.core.ingest.sources import find_source
from searchapp.core.ingest.walker import ARTICLE_SUFFIXES, HTML_SUFFIXES
from searchapp.core.reasons import Reason, ReasonKind, os_error_args

MAX_FILE_MB = 16  # an article is far smaller: larger files are dumps
MAX_FILE_MB_ENV = "SEARCHAPP_MAX_FILE_MB"  # a user's own limit, in MB


def max_file_bytes() -> int:
    """The size limit: $SEARCHAPP_MAX_FILE_MB if it is a positive number, else 16 MB."""
    try:
        mb = float(os.environ.get(MAX_FILE_MB_ENV, MAX_FILE_MB))
    except ValueError:
        mb = MAX_FILE_MB
    return int(min(mb * 2**20, sys.maxsize)) if mb > 0 else MAX_FILE_MB * 2**20  # "inf": none


def _read_bytes(path: Path) -> bytes:
    key = str(path)
    limit = max_file_bytes()
    try:
        size = path.stat().st_size
        if size > limit:
            raise ReadError(key, Reason(ReasonKind.TOO_LARGE, size, limit, MAX_FILE_MB_ENV))
        with path.open("rb") as f:  # in pieces: no buffer of the limit's size, and a file
            return _read_up_to(f, limit + 1)  # whose size says 0 (some mounts) is read whole
    except FileNotFoundError:
        raise ReadError(key, Reason(ReasonKind.VANISHED)) from None
    except PermissionError:
        raise ReadError(key, Reason(ReasonKind.PERMISSION_DENIED)) from None
    except IsADirectoryError:
        raise ReadError(key, Reason(ReasonKind.IS_FOLDER)) from None
    except OSError as exc:
        raise ReadError(key, Reason(ReasonKind.OS_ERROR, *os_error_args(exc))) from None


def _read_up_to(f: BinaryIO, most: int) -> bytes:
    pieces: list[bytes] = []
    while most > 0 and (piece := f.read(min(most, 1 << 20))):
        pieces.append(piece)
        most -= len(piece)
    return b"".join(pieces)


def _text(meta: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = meta.get(key)
        if value is not None and not isinstance(value, dict | list):
            return " ".join(str(value).split())
    return ""


def _shown(value: object, most: int = 40) -> str:
    """A metadata value as a warning quotes it: on one line, cut with '…'."""
    text = " ".join(str(value).split())
    return text if len(text) <= most else text[: most - 1] + "…"


def read_article(path: Path) -> Article:
    """Read, decode, clean and describe one article; :class:`ReadError` if impossible."""
    key = str(path)
    data = _read_bytes(path)
    if not data:
        raise ReadError(key, Reason(ReasonKind.EMPTY_FILE))
    if not data.strip():  # "file is empty" made its user look for what was wrong with it
        raise ReadError(key, Reason(ReasonKind.BLANK_FILE))
    suffix = path.suffix.lower()
    if suffix in READERS:
        try:
            return _from_extracted(key, READERS[suffix](data), Reason(ReasonKind.NO_TEXT))
        except FormatError as exc:
            raise ReadError(key, exc.reason) from None
    text = _decode(key, suffix, data)
    if suffix in HTML_SUFFIXES:
        return _from_extracted(key, extract_html(text), Reason(ReasonKind.NO_PAGE_TEXT))
    fm = frontmatter.parse(text)
    markdown = suffix in MARKDOWN_SUFFIXES
    if fm.meta is not None:
        return _from_front_matter(key, fm, markdown=markdown)
    return _from_plain(path, fm.body, markdown=markdown)


def _decode(key: str, suffix: str, data: bytes) -> str:
    try:
        text = decode(data)
    except DecodeError as exc:
        if suffix not in ARTICLE_SUFFIXES:
            raise ReadError(key, Reason(ReasonKind.NOT_ARTICLE_FORMAT, suffix)) from None
        raise ReadError(key, exc.reason) from None
    return normalize_text(text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", ""))


def _from_front_matter(key: str, fm: frontmatter.FrontMatter, *, markdown: bool) -> Article:
    meta = fm.meta or {}
    body = fm.body.strip()
    title = _text(meta, "title", "headline")
    heading = leading_heading(body) if markdown else None
    if heading and heading[0] == (title or heading[0]):  # the title, not repeated in the body
        title, body = heading[0], heading[1].strip()
    if not title:
        title = plain_inline(first_sentence(body)) if markdown else first_sentence(body)
    value = meta.get("date") or meta.get("published")
    date = dates.parse_value(value)
    warnings = [fm.warning] if fm.warning else []
    if date is None and value is not None and str(value).strip() and not (
            isinstance(fm.warning, Reason) and fm.warning.kind is ReasonKind.FRONT_MATTER_BAD_DAY):
        warnings.append(Reason(ReasonKind.FRONT_MATTER_BAD_DATE, _shown(value)))
    if date is None:  # a dateline at the top, not any date the text mentions
        date = dates.find_dateline(body, fallback=False) or dates.opening_dateline(body)
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
        warnings=tuple(warnings),
    )


def _from_plain(path: Path, text: str, *, markdown: bool = False) -> Article:
    """A scraped or plain text: headline, chrome removal, dateline, source rules;
    a Markdown text's heading at the top is its title."""
    heading = leading_heading(text) if markdown else None
    if heading:
        cleaned = clean_scraped(heading[1], title=heading[0])
    else:
        cleaned = clean_scraped(text)
        if markdown:
            cleaned = Cleaned(plain_inline(cleaned.title), cleaned.body)
    if not cleaned.body.strip() and not cleaned.title:
        raise ReadError(str(path), Reason(ReasonKind.NO_TEXT))
    return Article(
        path=str(path),
        title=cleaned.title or os.path.splitext(path.name)[0],
        body=cleaned.body,
        date=dates.find_dateline(text),
        source=find_source(text) or UNKNOWN_SOURCE,
        lang=detect_language(cleaned.title + " " + cleaned.body),
    )


def _from_extracted(key: str, doc: Extracted, empty_reason: str) -> Article:
    """An Article from what a format reader found; a missing date or title from the text."""
    body = normalize_text(doc.body).strip()
    if not body:
        raise ReadError(key, empty_reason)
    title = normalize_text(doc.title) or first_sentence(body)
    return Article(
        path=key,
        title=title,
        body=body,
        date=doc.date or dates.find_dateline(body),
        source=normalize_text(doc.source or find_source(body) or doc.source_fallback)
        or UNKNOWN_SOURCE,
        lang=detect_language(title + " " + body),
        url=doc.url,
    )
