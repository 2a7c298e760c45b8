""""Did you mean": corrections from the index's own vocabulary.

A word of the query whose term is rare or missing in the index, and that is
no dictionary word (English by the english-words package, Russian by
pymorphy3: «wheat» is not a typo of «what»), is replaced by the closest more
frequent term within edit distance 1 (2 from seven letters on, for a word no
article has);
a swap of two letters counts as one edit (optimal string alignment, by
rapidfuzz), and among the closest the most frequent wins, so «migartion» is
«migration», not the commoner «might».  Terms are lemmas and stems, so the
correction is shown as a word found in an article («Ашхабат» → «Ашхабад»).

The index is seen through :class:`Vocabulary` (its body terms, their
document frequencies and a word of an article for a term), so the Whoosh index
and a Xapian cluster correct alike.
"""

from __future__ import annotations

import itertools
import re
import threading
import weakref
from collections.abc import Callable, Iterable
from typing import Protocol

from rapidfuzz.distance import OSA
from whoosh.query import Term
from whoosh.searching import Searcher

from searchapp.core import morphology
from searchapp.core.analysis import WORD_RE
from searchapp.core.query import cut_query
from searchapp.core.schema import BODY
from searchapp.core.snippets import match_spans

FIELD = BODY
RARE = 1  # a term in at most this many articles may be a typo
MIN_WORD = 4  # shorter words are not corrected
LONG_WORD = 7  # a word no article has is taken for a slip of two letters from this length on
PREFIX = 2  # letters a correction keeps from the word (typos there are rare; much faster)
_SYNTAX = re.compile(r'[":*?()]|\b(?:AND|OR|NOT)\b|\w+:')


class Vocabulary(Protocol):
    """The body terms of an index, as spelling correction needs them."""

    def doc_frequency(self, term: str) -> int:
        """How many articles hold ``term`` in their body."""
        ...

    def terms_near(self, term: str, distance: int, prefix: int) -> Iterable[str]:
        """Body terms within ``distance`` edits of ``term`` (more may come:
        they are judged again) that share its first ``prefix`` letters."""
        ...

    def bodies(self, term: str) -> Iterable[str]:
        """The bodies of some articles holding ``term``."""
        ...


# A searcher's body terms by first letters (a searcher is one state of the index).
_LISTS: weakref.WeakKeyDictionary[Searcher, dict[str, list[str]]] = weakref.WeakKeyDictionary()
_LISTS_LOCK = threading.Lock()


class WhooshVocabulary:
    """The body terms of a Whoosh index, listed once per first letters: while
    a word is typed, each keystroke asks again for the same letters."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        with _LISTS_LOCK:  # kept as long as the searcher is
            self._by_prefix = _LISTS.setdefault(searcher, {})

    def doc_frequency(self, term: str) -> int:
        return int(self.reader.doc_frequency(FIELD, term))

    def terms_near(self, term: str, distance: int, prefix: int) -> Iterable[str]:
        """Terms with ``term``'s first ``prefix`` letters and a length within
        ``distance`` of its own (the caller counts the edits)."""
        start = term[:prefix]
        listed = self._by_prefix.get(start)
        if listed is None:  # two threads may both list it: the same list
            listed = [
                t.decode("utf-8") if isinstance(t, bytes) else t
                for t in self.reader.expand_prefix(FIELD, start)
            ]
            self._by_prefix[start] = listed
        return [c for c in listed if abs(len(c) - len(term)) <= distance]

    def bodies(self, term: str) -> Iterable[str]:
        for docnum in self.searcher.docs_for_query(Term(FIELD, term)):
            yield self.searcher.stored_fields(docnum).get(FIELD, "")


def _surface(vocabulary: Vocabulary, term: str, fallback: str) -> str:
    """A word of some article indexed under ``term`` (stems are not words)."""
    for body in itertools.islice(vocabulary.bodies(term), 3):
        spans = match_spans(body, {term}, limit=1)
        if spans:
            (start, end), _ = spans[0]
            return body[start:end].lower()
    return fallback


def _is_word(folded: str) -> bool:
    """Is the folded ``folded`` a word of the Russian or English dictionary?"""
    if morphology.is_cyrillic(folded):
        return morphology.is_dictionary_word(folded)
    return morphology.is_latin(folded) and morphology.is_common_english(folded)


def _correct(vocabulary: Vocabulary, word: str) -> str | None:
    folded = morphology.fold(word)
    term = morphology.query_terms(folded)[0]
    own = vocabulary.doc_frequency(term)
    if len(term) < MIN_WORD or term.isdigit() or own > RARE:
        return None
    # A real word is what the user meant, found or not: «wheat» is no typo of
    # «what», «конференция» none of the «конференц» of «конференц-зале».
    if _is_word(folded):
        return None
    # An unknown Russian word gets a guessed lemma («президнет» → «президнуть»)
    # that may be further from the intended word than the word itself: try both.
    sources = {term, folded} if morphology.is_cyrillic(folded) else {term}
    sources = {w for w in sources if len(w) >= MIN_WORD}
    candidates: dict[str, tuple[int, int]] = {}
    for source in sources:
        # A word some article has, or a short one, is only taken for a slip of
        # one letter: «cottn» → «cotton», not «cottn» → «common».
        allowed = 1 if len(folded) < LONG_WORD or own else 2
        # Candidates up to two edits long: judged by OSA (a swap is one edit).
        for c in vocabulary.terms_near(source, 2, PREFIX):
            if c in sources or morphology.is_key_term(c):
                continue
            distance = OSA.distance(source, c, score_cutoff=allowed)
            if distance > allowed:
                continue
            df = vocabulary.doc_frequency(c)
            if df > own:
                rank = (distance, -df)
                candidates[c] = min(candidates.get(c, rank), rank)
    if not candidates:
        return None
    best = min(candidates, key=lambda c: (candidates[c], c))
    # Russian terms are lemmas, real words; English terms are stems: show a word.
    surface = best if morphology.is_cyrillic(best) else _surface(vocabulary, best, best)
    return surface[:1].upper() + surface[1:] if word[:1].isupper() else surface


def suggest_query(index: Searcher | Vocabulary, query: str) -> str | None:
    """The query with likely typos corrected, or None.  Plain-word queries only."""
    vocabulary = WhooshVocabulary(index) if isinstance(index, Searcher) else index
    if _SYNTAX.search(query):
        return None
    out, changed, pos = [], False, 0
    for m in WORD_RE.finditer(query):
        fixed = _correct(vocabulary, m.group())
        out.append(query[pos : m.start()])
        out.append(fixed or m.group())
        changed |= fixed is not None
        pos = m.end()
    out.append(query[pos:])
    return "".join(out) if changed else None


def offer(
    index: Searcher | Vocabulary, query: str, found: int, count: Callable[[str], int]
) -> str | None:
    """The correction of ``query`` as searched (cut to its first
    MAX_QUERY_CHARS characters), offered only when the query as typed finds
    no article with all its words (``found``, and ``count`` of it: a question
    is found with any of its words) and the correction finds some.  A word
    found as typed, or in another of its forms, is no typo to the user («carpets»
    of one article is not «capital» of many)."""
    text = cut_query(query.strip())
    suggestion = suggest_query(index, text) if text else None
    if suggestion is None or found > 0 or count(text) > 0:
        return None
    return suggestion if count(suggestion) > 0 else None
