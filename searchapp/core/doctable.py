"""Source, language and date of every document, for filters, facets and date order.

They are read once per searcher from the index columns.  Each text value is
kept as a small integer code in a numpy array, so filtering a set of matches
is a few array comparisons and a facet is one ``bincount``, whatever the
number of matches (a browse of 100,000 articles, a word in half of them).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterable, Set
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray
from whoosh.searching import Searcher

from searchapp.core.results import Facets, SearchRequest
from searchapp.core.schema import DATE, LANG, SOURCE, source_key, source_names


def _date(ordinal: int) -> dt.date | None:
    return dt.date.fromordinal(ordinal) if ordinal > 0 else None


class Coded(NamedTuple):
    """A column of text values as codes: ``names[codes[doc]]`` is the value."""

    names: list[str]
    codes: NDArray[np.int32]

    @classmethod
    def of(cls, values: list[str]) -> Coded:
        names = sorted(set(values))
        index = {name: i for i, name in enumerate(names)}
        return cls(names, np.fromiter(map(index.__getitem__, values), np.int32, len(values)))

    def merged(self, names: dict[str, str]) -> Coded:
        """The column with each value as ``names`` gives it (several values as one)."""
        shown = sorted(set(names.values()))
        index = {name: i for i, name in enumerate(shown)}
        remap = np.array([index[names[name]] for name in self.names], np.int32)
        return Coded(shown, remap[self.codes])

    def codes_of(self, wanted: Set[str]) -> NDArray[np.int32]:
        return np.array([i for i, name in enumerate(self.names) if name in wanted], np.int32)

    def tally(self, docs: NDArray[np.int64]) -> dict[str, int]:
        """How many of ``docs`` have each value, most first."""
        counts = np.bincount(self.codes[docs], minlength=len(self.names))
        found = [(int(n), self.names[i]) for i, n in enumerate(counts.tolist()) if n]
        return {name: n for n, name in sorted(found, key=lambda t: (-t[0], t[1]))}


class DocTable:
    """Source, language and date of every document of one searcher."""

    def __init__(self, searcher: Searcher) -> None:
        reader = searcher.reader()
        self.live: frozenset[int] = frozenset(reader.all_doc_ids())
        if self.live:
            self.source: list[str] = list(reader.column_reader(SOURCE))
            self.lang: list[str] = list(reader.column_reader(LANG))
            self.date: list[int] = list(reader.column_reader(DATE))
        else:
            self.source, self.lang, self.date = [], [], []
        month = [f"{d.year:04d}-{d.month:02d}" if (d := _date(o)) else "" for o in self.date]
        written = Coded.of(self.source)
        live = np.fromiter(self.live, np.int64, len(self.live))
        counts = np.bincount(written.codes[live], minlength=len(written.names))
        # One value per source however its articles write it (its facet counts what
        # its filter finds): «Lenta.ru» and «lenta.ru» were two values of one count each.
        self.source_names = source_names(dict(zip(written.names, counts.tolist(), strict=True)))
        self._source = written.merged(self.source_names)
        self._lang, self._month = Coded.of(self.lang), Coded.of(month)
        self._dates = np.array(self.date, dtype=np.int64)

    # -- date order ----------------------------------------------------------

    def _date_key(self, newest: bool) -> Callable[[int], tuple[bool, int, int]]:
        dates = self.date
        # Undated articles go last in both orders.
        if newest:
            return lambda d: (dates[d] == 0, -dates[d], d)
        return lambda d: (dates[d] == 0, dates[d], d)

    @functools.cached_property
    def _newest_first(self) -> list[int]:
        return sorted(self.live, key=self._date_key(True))

    @functools.cached_property
    def _oldest_first(self) -> list[int]:
        return sorted(self.live, key=self._date_key(False))

    def by_date(self, docs: frozenset[int], *, newest: bool, end: int) -> list[int]:
        """The first ``end`` of ``docs`` by date.  A big set (a browse, a broad
        word) is read off the whole index sorted once; a small one is sorted."""
        if len(docs) * 16 < len(self.live):
            return sorted(docs, key=self._date_key(newest))[:end]
        order = self._newest_first if newest else self._oldest_first
        return list(itertools.islice((d for d in order if d in docs), end))

    # -- sources ---------------------------------------------------------------

    @functools.cached_property
    def distinct_sources(self) -> dict[str, frozenset[str]]:
        """Each source as folded → the names it is written as."""
        out: dict[str, set[str]] = {}
        for name in set(self.source):
            out.setdefault(source_key(name), set()).add(name)
        return {k: frozenset(v) for k, v in out.items()}

    def sources_like(self, names: Iterable[str]) -> frozenset[str]:
        """The sources of the index written like ``names`` (any case or spacing)."""
        table = self.distinct_sources
        return frozenset().union(*(table.get(source_key(n), ()) for n in names))

    # -- filters and facets ----------------------------------------------------

    def _keep(
        self, docs: NDArray[np.int64], req: SearchRequest, skip: str = ""
    ) -> NDArray[np.int64]:
        """Those of ``docs`` that pass the request's filters, but the facet ``skip``."""
        keep: NDArray[np.bool_] | None = None

        def also(test: NDArray[np.bool_]) -> None:
            nonlocal keep
            keep = test if keep is None else keep & test

        if req.sources and skip != "source":
            # Like the query field ``source:``: case and spacing do not matter.
            names = self.source_names
            wanted = self._source.codes_of({names[n] for n in self.sources_like(req.sources)})
            also(np.isin(self._source.codes[docs], wanted))
        if req.langs and skip != "lang":
            also(np.isin(self._lang.codes[docs], self._lang.codes_of(req.langs)))
        if (req.since or req.until) and skip != "date":
            lo = req.since.toordinal() if req.since else 1
            hi = req.until.toordinal() if req.until else dt.date.max.toordinal()
            dates = self._dates[docs]
            also((lo <= dates) & (dates <= hi))
        return docs if keep is None else docs[keep]

    def filtered(
        self, matched: frozenset[int], req: SearchRequest
    ) -> tuple[frozenset[int], Facets]:
        """The matches that pass the request's filters, and the facet counts
        of the matches (each facet ignoring its own selection)."""
        docs = np.fromiter(matched, dtype=np.int64, count=len(matched))
        filters = req.sources or req.langs or req.since or req.until
        selected = frozenset(self._keep(docs, req).tolist()) if filters else matched
        return selected, self.facets(docs, req) if req.with_facets else Facets()

    def facets(self, docs: NDArray[np.int64], req: SearchRequest) -> Facets:
        """Counts per facet of ``docs``; each facet ignores its own selection."""
        months = self._month.tally(self._keep(docs, req, "date"))
        months.pop("", None)
        years: dict[str, int] = {}
        for month, n in sorted(months.items()):
            years[month[:4]] = years.get(month[:4], 0) + n
        return Facets(
            source=self._source.tally(self._keep(docs, req, "source")),
            year=years,
            month=dict(sorted(months.items())),
            lang=self._lang.tally(self._keep(docs, req, "lang")),
        )
