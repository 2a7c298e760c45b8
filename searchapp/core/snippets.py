"""Highlight spans and snippet fragments.

Matches are found by running the index analysis over the text and keeping
the words that share a term with the query, so the spans cover surface forms
(«миграции» for the query «миграция»).  Fragments are windows of about
:data:`FRAGMENT_CHARS` characters chosen to show the most distinct matched
words; they carry spans, not markup.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection, Iterator, Mapping

from searchapp.core.analysis import WORD_RE, phrase_runs
from searchapp.core.morphology import surface_caches, surface_terms
from searchapp.core.results import Fragment, Span

FRAGMENT_CHARS = 200
MAX_FRAGMENTS = 3
MAX_SPANS = 10_000
_FRAGMENT_MATCHES = 2_000  # matches considered when choosing fragments
_WORD_CHAR = re.compile(r"[^\W_]")
_LEAD = 40  # characters of context kept before the first match of a fragment
_MAX_STARTS = 200  # fragment starts tried: enough for any real article


def match_spans(
    text: str, terms: Collection[str], limit: int | None = None
) -> list[tuple[Span, frozenset[str]]]:
    """Every word of ``text`` indexed under one of ``terms``, with the terms it matched.

    Each distinct word of the text is analysed once (a cached lookup); the
    matching words are then found with one regular expression, so the cost
    grows with the vocabulary of the article rather than its length.
    """
    wanted = frozenset(terms)
    if not wanted or not text:
        return []
    hits: dict[str, frozenset[str]] = {}
    seen = surface_caches()[0]  # looked up first: most words were analysed before
    for word in set(WORD_RE.findall(text)):
        there = seen.get(word) or surface_terms(word)
        if not wanted.isdisjoint(there):
            hits[word] = wanted.intersection(there)
    if not hits:
        return []
    alternatives = "|".join(re.escape(w) for w in sorted(hits, key=len, reverse=True))
    # The words first, a word character before them ruled out afterwards: a
    # pattern that opens with that look-behind is tried at every character
    # of the text (four times slower on the pages of bench/cluster_bench.py).
    pattern = re.compile(rf"(?:{alternatives})(?![^\W_]|['’][^\W_])")
    inside_word = _WORD_CHAR.match
    found: Iterator[re.Match[str]] = (
        m for m in pattern.finditer(text) if not (m.start() and inside_word(text, m.start() - 1))
    )
    if limit is not None:
        found = itertools.islice(found, limit)
    return [((m.start(), m.end()), hits[m.group()]) for m in found]


Positions = Mapping[int, frozenset[str]]
"""Word position (the n-th word, as the index numbers them) → the terms there."""


def matches_at(
    text: str, at: Positions, terms: Collection[str], limit: int | None = None
) -> list[tuple[Span, frozenset[str]]]:
    """Like :func:`match_spans`, from the positions the index keeps of the
    words: the text is split into words, none of them is analysed."""
    wanted = frozenset(terms)
    keep = sorted(p for p, there in at.items() if not wanted.isdisjoint(there))
    if limit is not None:
        keep = keep[:limit]
    out: list[tuple[Span, frozenset[str]]] = []
    if not keep:
        return out
    targets = iter(keep)
    target = next(targets)
    for n, m in enumerate(WORD_RE.finditer(text)):
        if n == target:
            out.append((m.span(), wanted & at[n]))
            target = next(targets, -1)
            if target < 0:
                break
    return out


def where_phrases_stand(
    at: Positions, phrases: Collection[tuple[tuple[str, ...], int]], loose: Collection[str]
) -> Positions:
    """``at`` keeping a word that matched only as part of a phrase where the
    phrase stands: its words one after another, each at most ``slop`` after
    the last.  Words the query also has on their own (``loose``) stay."""
    if not phrases:
        return at
    alone = frozenset(loose)
    keep: dict[int, set[str]] = {p: set(there & alone) for p, there in at.items()
                                 if not alone.isdisjoint(there)}
    for words, slop in phrases:
        places = [{p for p, there in at.items() if word in there} for word in words]
        for run in phrase_runs(places, slop):
            for p, word in zip(run, words, strict=True):
                keep.setdefault(p, set()).add(word)
    return {p: frozenset(there) for p, there in keep.items()}


def spans_only(
    text: str, terms: Collection[str], limit: int = MAX_SPANS, at: Positions | None = None
) -> tuple[Span, ...]:
    """The first ``limit`` matches (a reading pane cannot show a million marks);
    found from the word positions ``at`` when the index gave them."""
    found = match_spans(text, terms, limit) if at is None else matches_at(text, at, terms, limit)
    return tuple(span for span, _ in found)


_SNAP = 20  # how far a fragment's edge moves to fall between words


def _snap_start(text: str, pos: int) -> int:
    if pos <= 0:
        return 0
    lo = max(0, pos - _SNAP)
    space = max(text.rfind(" ", lo, pos), text.rfind("\n", lo, pos))
    if space >= 0:
        return space + 1
    return 0 if lo == 0 else pos  # within the text's first word: from its start


def _snap_end(text: str, pos: int) -> int:
    if pos >= len(text):
        return len(text)
    hi = min(len(text), pos + _SNAP)
    ends = [i for i in (text.find(" ", pos, hi), text.find("\n", pos, hi)) if i >= 0]
    if ends:
        return min(ends)
    return len(text) if hi == len(text) else pos  # within its last word: to its end


def _window(text: str, start: int, size: int) -> tuple[int, int]:
    begin = _snap_start(text, start)
    end = _snap_end(text, min(len(text), begin + size))
    return begin, end


def _fragment(text: str, begin: int, end: int, spans: list[Span]) -> Fragment:
    """``text[begin:end]`` with runs of whitespace collapsed, spans (sorted)
    moved along.  A span is kept when it starts and ends on a non-space
    character inside the window.  The window is collapsed by ``str.split``
    and a span's place counted the same way on the text before it: a few
    calls in C per span rather than a step in Python per word.
    """
    inside = []
    for s, e in spans[bisect.bisect_left(spans, (begin, begin)):]:
        if s >= end:
            break
        if s < e <= end and not text[s].isspace() and not text[e - 1].isspace():
            inside.append((_collapsed(text, begin, s), _collapsed(text, begin, e - 1) + 1))
    joined = " ".join(text[begin:end].split())
    return Fragment(joined, tuple(inside), begin > 0, end < len(text))


def _collapsed(text: str, begin: int, pos: int) -> int:
    """Where the non-space character at ``pos`` stands in ``text[begin:]``
    with its whitespace collapsed (runs to one space, none in front)."""
    before = text[begin:pos]
    n = len(" ".join(before.split()))
    return n + 1 if n and before[-1].isspace() else n


def best_fragments(
    text: str,
    terms: frozenset[str],
    size: int = FRAGMENT_CHARS,
    count: int = MAX_FRAGMENTS,
    at: Positions | None = None,
) -> tuple[Fragment, ...]:
    """Up to ``count`` fragments of ``text`` showing the most distinct matches
    (found from the word positions ``at`` when the index gave them).

    Without matches (e.g. a browse or a match in the title only), the opening
    of the text.
    """
    matches = (
        match_spans(text, terms, _FRAGMENT_MATCHES) if at is None
        else matches_at(text, at, terms, _FRAGMENT_MATCHES)
    )
    starts = [s for (s, _e), _t in matches]
    if not matches:
        begin, end = _window(text, 0, size)
        return (_fragment(text, begin, end, []),) if text.strip() else ()
    # A window for each of the first matches, scored once: its distinct
    # matched terms first, then its number of matches.
    windows: list[tuple[float, int, int, int]] = []
    for i, ((s, _e), _t) in enumerate(matches[:_MAX_STARTS]):
        # Near the end of the text the window slides back to fill its size with
        # what comes before: a short text is shown whole.
        begin, end = _window(text, max(0, min(s - _LEAD, len(text) - size)), size)
        lo, hi = bisect.bisect_left(starts, begin), bisect.bisect_left(starts, end)
        inside = [m for m in matches[lo:hi] if m[0][1] <= end]
        distinct = len(frozenset().union(*(t for _, t in inside)))
        windows.append((distinct + 0.1 * len(inside), begin, end, i))
    chosen: list[tuple[int, int]] = []
    covered: set[int] = set()
    for _ in range(count):
        best: tuple[float, int, int] | None = None
        for score, begin, end, i in windows:
            if i in covered or (best is not None and score <= best[0]):
                continue
            if any(begin < ce and cb < end for cb, ce in chosen):
                continue
            best = (score, begin, end)
        if best is None:
            break
        _, begin, end = best
        chosen.append((begin, end))
        lo, hi = bisect.bisect_left(starts, begin), bisect.bisect_left(starts, end)
        covered.update(i for i in range(lo, hi) if matches[i][0][1] <= end)
        if len(covered) == len(matches):
            break
    spans = [span for span, _ in matches]
    return tuple(_fragment(text, b, e, spans) for b, e in sorted(chosen))
