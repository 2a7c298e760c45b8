"""The index's fields in one place: their names, the Whoosh schema, its
version, and the mapping between an article, what an index stores of it and
the result types (:class:`~searchapp.core.results.Hit`,
:class:`~searchapp.core.results.ArticleView`).

Both engines keep the same *record* of an article (:func:`record`): its path,
title, body, source, language, URL and date as a day ordinal (0 = unknown).
The Whoosh index stores all but the date, which it keeps in a column
(:func:`whoosh_fields` adds the columns and the searched source words); the
Xapian cluster stores the record as the document data.  Either way the engine
hands the record to :func:`to_hit` or :func:`to_article_view`, so the two map
an article to equal values.

The schema (with its analyser) is pickled by Whoosh into the index, so the
analyser class must stay importable at :mod:`searchapp.core.analysis`; any
change of fields or analysis bumps :data:`SCHEMA_VERSION`, and an index of
another version is rebuilt, never misread.  A change in how files are read
bumps :data:`READER_VERSION` instead: the index stays, and its next full run
reads every file again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache

from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema

from searchapp.core.analysis import make_analyzer, make_source_analyzer
from searchapp.core.article import Article
from searchapp.core.results import ArticleView, Hit
from searchapp.core.snippets import MAX_SPANS, Positions, best_fragments, spans_only

# 3: sound keys of names (~meredov); 4: no keys for a capital that only
# starts a sentence or a line in capitals; 5: a source's words split at dots
# and folded («Газета.uz»: газета, uz), as ``source:`` asks for them; 6: a
# word of one script with look-alike letters of the other is written in its
# main script («Mосква» with a Latin M is москва); 7: a Latin word opening a
# sentence gets its key unless it is a common English word ("Tokayev sent…"
# is ^tokaev; "Officials met…" none).  Bump whenever the analysis changes.
SCHEMA_VERSION = 7
# 2: a short line of a sentence and a date stays in the body; 3: a stray byte
# inside a character is taken out, a day that does not exist or a year alone
# is no date, a mail part without a charset is decoded from its bytes, a
# page's copyright footer gives no date, a scraped page's menu is no title; 4: a
# Markdown heading is the title without its marks, a dateline opening a PDF's,
# .docx's or .odt's text beats the file's creation date, .odt spaces and tabs
# part words, a file of one line is read, an encoded From gives its name; 5: a
# message forwarded as an attachment is read with its letter, a PDF's first line
# broken at the page's edge is no title, a PDF titled by its file's name takes
# its heading, front matter without a date takes an opening dateline; 6: a text
# file of one headline (or a Markdown file of its heading alone) has it as its
# text too (its text was empty: no snippet, an empty reading pane); 7: a saved
# page's text keeps its opening words when they begin like its title; 8: a
# photo's caption («Дэвид Рокфеллер 24 октября 1953 года») is no dateline; 9: text
# in NFC and without soft hyphens or zero-width characters inside words; dates
# written 2023/02/03, 12-08-2019, August 12th, 2019 and a dateline 15.06.24; a
# page's JSON-LD and a <title> «… - Site, 12.03.2024» give title, date and source, its
# text does not begin with its title and dateline; 10: twenty outlets of Central Asia
# known by their signatures, and a page's own «© 2024 Outlet» or «Источник: Outlet»
# line names its source; 11: junk bytes in a UTF-8
# line are dropped however many in a row (three made it code-page gibberish), a
# line of junk bytes alone is left out, a scraped page's line of sign-in, share
# or comment buttons («Войти Регистрация», «Комментарии (0)») is chrome, a
# short saved page's text has no menu (its <nav>) nor its headline again.  Bump
# whenever reading a file gives another article (title, body, date…) than
# before: an index made with an older reader has its files read again by its
# next run.
READER_VERSION = 11

PATH = "path"  # the article's key: its absolute file path
TITLE = "title"
BODY = "body"
SOURCE = "source"  # the source as written, for facets and filters
SOURCE_TEXT = "source_text"  # the source's words, searched by ``source:``
LANG = "lang"
DATE = "date"  # a day ordinal, 0 = unknown
MTIME = "mtime"  # the file's modification time (ns) and size: an
SIZE = "size"  # unchanged file is skipped by the next indexing run
URL = "url"
NO_VALUE = -1
"""The default of the date, mtime and size columns, which no article has (an
undated one has 0): Whoosh writes no default value at a column's end, so each
article's value is written, and a column shorter than its segment is cut short
(:func:`searchapp.core.store.check_searcher`)."""

TITLE_BOOST = 2.0  # a title word weighs twice a body word
TEXT_FIELDS = (TITLE, BODY)
"""The fields plain query words are searched in."""
QUERY_FIELDS: Mapping[str, str] = {TITLE: TITLE, BODY: BODY, SOURCE: SOURCE_TEXT, LANG: LANG}
"""A field a user may type (``source:``) → the field it searches."""
KNOWN_FIELDS = frozenset(QUERY_FIELDS)

Fingerprint = tuple[int, int]
"""A file's ``(mtime_ns, size)``."""
Record = Mapping[str, object]
"""What an index keeps of an article for showing it (see :func:`record`)."""


def make_schema() -> Schema:
    """The Whoosh fields of an article.  ``date``, ``mtime`` and ``size`` are
    column-only: filtered and sorted through the columns, never searched as
    terms (a NUMERIC field would index 8–16 terms per value)."""
    analyzer = make_analyzer()
    return Schema(**{
        PATH: ID(stored=True, unique=True, sortable=True),
        TITLE: TEXT(analyzer=analyzer, stored=True, phrase=True, field_boost=TITLE_BOOST),
        BODY: TEXT(analyzer=analyzer, stored=True, phrase=True),
        SOURCE: ID(stored=True, sortable=True),
        SOURCE_TEXT: TEXT(analyzer=make_source_analyzer(), phrase=True),
        LANG: ID(stored=True, sortable=True),
        DATE: COLUMN(NumericColumn("i", default=NO_VALUE)),
        MTIME: COLUMN(NumericColumn("q", default=NO_VALUE)),
        SIZE: COLUMN(NumericColumn("q", default=NO_VALUE)),
        URL: STORED(),
    })


@cache
def shared_schema() -> Schema:
    """One schema made once, for code that reads fields (never to create an index)."""
    return make_schema()


def has_positions(field: str) -> bool:
    """True when the index keeps word positions of ``field`` (phrases work)."""
    return bool(shared_schema()[field].supports("positions"))


def source_key(name: str) -> str:
    """A source's name as a filter compares it: any case, ё as е, any spacing
    (``--source "вести востока"`` is «Вести Востока»)."""
    return " ".join(name.lower().replace("ё", "е").split())


def source_names(counts: Mapping[str, int]) -> dict[str, str]:
    """Each source as written (with its number of articles) → the one name its
    facet shows for all the ways it is written (:func:`source_key`): the way most
    articles write it; on a tie one in mixed case («Lenta.ru» over «lenta.ru» and
    «LENTA.RU»), then the first in sort order.  Chosen over the whole index, so a
    source keeps its name whatever a search finds."""
    best: dict[str, tuple[int, bool, str]] = {}
    for name, n in counts.items():
        rank = (-n, name.islower() or name.isupper(), name)
        key = source_key(name)
        if key not in best or rank < best[key]:
            best[key] = rank
    return {name: best[source_key(name)][2] for name in counts}


def merge_sources(counts: Mapping[str, int], names: Mapping[str, str]) -> dict[str, int]:
    """``counts`` per source as written → per shown name (``names``, from
    :func:`source_names`), most first: one facet value per source, counting
    what a filter on it finds."""
    merged: dict[str, int] = {}
    for name, n in counts.items():
        shown = names.get(name, name)
        merged[shown] = merged.get(shown, 0) + n
    return dict(sorted(merged.items(), key=lambda item: (-item[1], item[0])))


def date_ordinal(date: dt.date | None) -> int:
    return date.toordinal() if date else 0


def record(article: Article) -> dict[str, object]:
    """What both engines keep of ``article`` to show it again."""
    return {
        PATH: article.path,
        TITLE: article.title,
        BODY: article.body,
        SOURCE: article.source,
        LANG: article.lang,
        URL: article.url,
        DATE: date_ordinal(article.date),
    }


def whoosh_fields(article: Article, fingerprint: Fingerprint) -> dict[str, object]:
    """The Whoosh document of ``article``: its record, the source's words and
    the file's fingerprint."""
    return record(article) | {
        SOURCE_TEXT: article.source, MTIME: fingerprint[0], SIZE: fingerprint[1],
    }


def record_date(fields: Record) -> dt.date | None:
    """The date of a record (None: unknown)."""
    value = fields.get(DATE) or 0
    ordinal = value if isinstance(value, int) else int(str(value))
    return dt.date.fromordinal(ordinal) if ordinal > 0 else None


def _text(fields: Record, name: str) -> str:
    return str(fields.get(name) or "")


Terms = Mapping[str, frozenset[str]]
"""``field → terms`` to mark (see :func:`searchapp.core.query.highlight_terms`)."""


def _matched(terms: Terms) -> frozenset[str]:
    """Terms of either text field: a title word is marked in the body too."""
    return terms.get(BODY, frozenset()) | terms.get(TITLE, frozenset())


def to_hit(
    fields: Record, score: float, terms: Terms, at: Mapping[str, Positions] | None = None
) -> Hit:
    """A result list entry from a record, with snippets of the matched ``terms``
    (found from the word positions ``at`` of each field, when the index gave them)."""
    title = _text(fields, TITLE)
    at = at or {}
    return Hit(
        path=str(fields[PATH]),
        title=title,
        source=_text(fields, SOURCE),
        date=record_date(fields),
        lang=_text(fields, LANG),
        score=round(float(score), 4),
        fragments=best_fragments(_text(fields, BODY), _matched(terms), at=at.get(BODY)),
        title_spans=spans_only(title, terms.get(TITLE, frozenset()), at=at.get(TITLE)),
    )


def to_article_view(
    fields: Record, terms: Terms, at: Mapping[str, Positions] | None = None
) -> ArticleView:
    """The reading pane's article from a record, every match of ``terms`` marked."""
    title, body = _text(fields, TITLE), _text(fields, BODY)
    matched = _matched(terms)
    at = at or {}
    # One more than is kept: whether there are more is known without counting them all.
    body_spans = spans_only(body, matched, limit=MAX_SPANS + 1, at=at.get(BODY))
    return ArticleView(
        path=str(fields[PATH]),
        title=title,
        source=_text(fields, SOURCE),
        date=record_date(fields),
        lang=_text(fields, LANG),
        url=_text(fields, URL),
        body=body,
        body_spans=body_spans[:MAX_SPANS],
        title_spans=spans_only(title, matched, at=at.get(TITLE)),
        more_body_hits=len(body_spans) > MAX_SPANS,
    )
