"""Plain data passed between the search core and its callers (CLI, window).

Nothing here touches Whoosh: a caller builds a :class:`SearchRequest`, the
engine answers with a :class:`SearchResponse`.  Highlights are character
spans, so every front end renders them its own way (``<mark>`` for the CLI's
JSON, a text format in the window).
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from dataclasses import dataclass, field

from searchapp.core.notices import Notice, english_line

Span = tuple[int, int]
"""A ``(start, end)`` character range into some text, end exclusive."""


class Sort(enum.StrEnum):
    """Result order."""

    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"


PAGE_SIZE = 30
"""Results the window asks for at a time: its first page, then one more per scroll
(the benchmarks ask for the same)."""


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """What to search for: the query text, the filters, the order and the page.

    An empty ``query`` browses all articles (newest first unless ``sort`` says
    otherwise).  Empty filter sets mean "no restriction".
    """

    query: str = ""
    sources: frozenset[str] = frozenset()
    langs: frozenset[str] = frozenset()
    since: dt.date | None = None
    until: dt.date | None = None
    sort: Sort = Sort.RELEVANCE
    offset: int = 0
    limit: int = 20
    with_facets: bool = True
    names: bool = True  # names across scripts, spellings and the names list


def mark_html(text: str, spans: tuple[Span, ...] | list[Span], tag: str = "mark") -> str:
    """Return ``text`` HTML-escaped, with each span wrapped in ``<tag>``."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(html.escape(text[pos:start], quote=False))
        out.append(f"<{tag}>{html.escape(text[start:end], quote=False)}</{tag}>")
        pos = end
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of an article's text with the matched words as spans into it.

    ``leading``/``trailing`` say whether text was cut before/after it.
    """

    text: str
    spans: tuple[Span, ...] = ()
    leading: bool = False
    trailing: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    """One article in a result list."""

    path: str
    title: str
    source: str
    date: dt.date | None
    lang: str
    score: float
    fragments: tuple[Fragment, ...] = ()
    title_spans: tuple[Span, ...] = ()

    def snippet_html(self, tag: str = "mark") -> str:
        """The fragments as one HTML string, matched words wrapped in ``<tag>``."""
        return _join(self.fragments, [mark_html(f.text, f.spans, tag) for f in self.fragments])

    def snippet_text(self) -> str:
        return _join(self.fragments, [f.text for f in self.fragments])


def _join(fragments: tuple[Fragment, ...], parts: list[str]) -> str:
    """Fragments separated by one ellipsis, with ellipses where text was cut."""
    if not parts:
        return ""
    head = "… " if fragments[0].leading else ""
    tail = " …" if fragments[-1].trailing else ""
    return head + " … ".join(parts) + tail


@dataclass(frozen=True, slots=True)
class Facets:
    """Counts per facet value over the current query and the *other* filters."""

    source: dict[str, int] = field(default_factory=dict)
    year: dict[str, int] = field(default_factory=dict)
    month: dict[str, int] = field(default_factory=dict)
    lang: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SearchResponse:
    """The answer to a :class:`SearchRequest`.

    ``notices`` tell the user how the query was changed to get results
    (closest matches, a malformed query searched as words); ``notice`` is
    them in English on one line.  ``total`` counts every matching article,
    ``hits`` only the requested page.
    """

    request: SearchRequest
    total: int
    hits: tuple[Hit, ...]
    facets: Facets
    notices: tuple[Notice, ...] = ()
    elapsed_ms: float = 0.0
    suggestion: str | None = None  # "did you mean": a corrected query, when few hits

    @property
    def notice(self) -> str | None:
        """The notices as one English line (the CLI's), or None."""
        return english_line(self.notices)


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article for the reading pane: full cleaned text and every hit in it."""

    path: str
    title: str
    source: str
    date: dt.date | None
    lang: str
    url: str
    body: str
    body_spans: tuple[Span, ...] = ()
    title_spans: tuple[Span, ...] = ()
    more_body_hits: bool = False
    """The body has more matches than ``body_spans`` holds (it stops at the first
    :data:`~searchapp.core.snippets.MAX_SPANS`)."""


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What the status bar shows about the index."""

    articles: int
    sources: int
    shards: tuple[int, int] | None = None
    """A cluster's shards that answered and its shards, when some did not: the
    counts are theirs (the status bar said 341 of a cluster of 536 as if whole)."""
