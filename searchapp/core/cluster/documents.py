"""An article as a Xapian document, made with the app's own analysis.

Terms (the same the Whoosh index holds, with positions, prefixed per field):
``T`` title and ``B`` body (lemmas, stems, name keys from
:func:`searchapp.core.analysis.word_terms`), ``S`` the words of the
source; boolean terms ``XS`` source, ``XL`` language, ``Q`` the article's
key (its path) and ``F`` its fingerprint (modification time, size, key), so an
indexing run lists what a shard holds with one term scan.  Value slots: the
date for sorting and ranges, source, language and month for facets.  The
document data is the article's record (:func:`searchapp.core.schema.record`)
as JSON, for snippets and the reading pane.
"""

from __future__ import annotations

import hashlib
import json

import xapian

from searchapp.core import schema
from searchapp.core.analysis import ShapedTerms, source_words, word_terms
from searchapp.core.article import Article
from searchapp.core.schema import Fingerprint

FIELD_PREFIX = {schema.TITLE: "T", schema.BODY: "B", schema.SOURCE_TEXT: "S", schema.LANG: "XL"}
SOURCE, LANG, KEY, FINGERPRINT = "XS", "XL", "Q", "F"
SLOT_DATE, SLOT_SOURCE, SLOT_LANG, SLOT_MONTH, SLOT_OLDEST = 0, 1, 2, 3, 4
UNDATED_LAST = "9999999"  # the oldest-first key of an undated article
MAX_TERM_BYTES = 240  # Xapian's limit is 245


def date_key(ordinal: int) -> str:
    """A day as a sortable fixed-width string ("0000000": no date)."""
    return f"{max(ordinal, 0):07d}"


def article_key(path: str) -> str:
    """The article's key in the shard: its path, or a digest of a very long one."""
    if len(path.encode("utf-8", "surrogateescape")) <= MAX_TERM_BYTES - 40:
        return path
    return "#" + hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()


def fingerprint_term(key: str, fingerprint: Fingerprint) -> str:
    return f"{FINGERPRINT}{fingerprint[0]}:{fingerprint[1]}:{key}"


def parse_fingerprint(term: str) -> tuple[str, Fingerprint]:
    """``(key, (mtime_ns, size))`` from an ``F`` term."""
    mtime, size, key = term[len(FINGERPRINT):].split(":", 2)
    return key, (int(mtime), int(size))


def _prefixed(prefix: str) -> ShapedTerms:
    """A field's terms: each word's with the field's prefix, without those too
    long for Xapian (a UTF-8 character is at most 4 bytes: few terms need
    encoding to be told)."""
    def shape(terms: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(term for term in (prefix + t for t in terms)
                     if len(term) * 4 <= MAX_TERM_BYTES or len(term.encode()) <= MAX_TERM_BYTES)
    return ShapedTerms(shape)


_FIELD_TERMS = {field: _prefixed(FIELD_PREFIX[field]) for field in (schema.TITLE, schema.BODY)}


def _add_text(doc: xapian.Document, field: str, text: str) -> None:
    """Every term of every word of ``text``, at the word's position (from 1)."""
    add = doc.add_posting
    for pos, terms in enumerate(word_terms(text, _FIELD_TERMS[field]), 1):
        for term in terms:
            add(term, pos)


def make_document(article: Article, fingerprint: Fingerprint) -> xapian.Document:
    """The Xapian document of ``article``."""
    doc = xapian.Document()
    _add_text(doc, schema.TITLE, article.title)
    _add_text(doc, schema.BODY, article.body)
    for pos, word in enumerate(source_words(article.source), 1):
        doc.add_posting(FIELD_PREFIX[schema.SOURCE_TEXT] + word, pos)
    key = article_key(article.path)
    for term in (SOURCE + article.source, LANG + article.lang, KEY + key,
                 fingerprint_term(key, fingerprint)):
        doc.add_boolean_term(term[: MAX_TERM_BYTES])
    ordinal = schema.date_ordinal(article.date)
    doc.add_value(SLOT_DATE, date_key(ordinal))
    doc.add_value(SLOT_OLDEST, date_key(ordinal) if ordinal else UNDATED_LAST)
    doc.add_value(SLOT_SOURCE, article.source)
    doc.add_value(SLOT_LANG, article.lang)
    if article.date:
        doc.add_value(SLOT_MONTH, f"{article.date.year:04d}-{article.date.month:02d}")
    doc.set_data(json.dumps(schema.record(article), ensure_ascii=False))
    return doc


def stored_record(doc: xapian.Document) -> dict[str, object]:
    """The article's record kept in the document data."""
    return dict(json.loads(doc.get_data()))
