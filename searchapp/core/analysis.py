"""The one analysis used for indexing, querying and highlighting.

Text is split into words (letters and digits; an apostrophe inside a word
keeps it whole, so «today's» is one word).  **Hyphens split**: «онлайн-режим»
is indexed as two consecutive words, and a hyphenated query word becomes a
phrase of its parts, so «Кассым-Жомарт» finds both «Кассым-Жомарт» and
«Кассым Жомарт».  Each word is then normalised by
:mod:`searchapp.core.morphology`: at index time all its terms sit at the same
position (so phrase queries work over lemmas), at query time one position
stands for a set of alternatives.

Token offsets are those of the original text (nothing rewrites the text
before tokenising), so highlights show the surface form: the snippet for
«миграция» marks «миграции».
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass

from whoosh.analysis import Filter, RegexTokenizer, Token, Tokenizer

from searchapp.core import morphology
from searchapp.core.translit import FROM_CYRILLIC, FROM_LATIN, is_key

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
SOURCE_WORD_RE = re.compile(r"[^\W_]+")
"""A word of a source's name, for ``source:`` («Газета.uz» is «газета uz»)."""
# What may stand between a sentence end and the next sentence's first word.
_OPENERS = frozenset(" \t\"'«„“(—–-*•")
_SENTENCE_END = frozenset(".!?…\n")
# Two words in capitals in a row: the text may have a headline in capitals.
_SHOUT = re.compile(r"\b[^\W\d_a-zа-яё]{2,}\W+[^\W\d_a-zа-яё]{2,}\b")


@dataclass(frozen=True, slots=True)
class WordToken:
    """A word of the text with its offsets and the terms indexed for it."""

    start: int
    end: int
    terms: tuple[str, ...]


def iter_words(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, surface)`` for every word of ``text``."""
    for m in WORD_RE.finditer(text):
        yield m.start(), m.end(), m.group()


def _starts_sentence(text: str, start: int) -> bool:
    """Does the word at ``start`` open the text, a line or a sentence?"""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _shouted_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines written (mostly) in capitals, like Reuters headlines."""
    if not _SHOUT.search(text):
        return []
    spans, pos = [], 0
    for line in text.split("\n"):
        words = [w for w in WORD_RE.findall(line) if not w.isdigit()]
        if len(words) >= 2 and sum(w.isupper() for w in words) * 2 > len(words):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def words_in_context(text: str) -> Iterator[tuple[re.Match[str], bool]]:
    """Every word of ``text`` and whether its capital says nothing about it
    being a name: the first word of a sentence, a word of a line in capitals."""
    shouted = _shouted_lines(text)
    for m in WORD_RE.finditer(text):
        start = m.start()
        initial = any(a <= start < b for a, b in shouted) if shouted else False
        yield m, initial or (m.group()[:1].isupper() and _starts_sentence(text, start))


def index_tokens(text: str) -> Iterator[WordToken]:
    """Every word of ``text`` with its index terms (used for highlighting)."""
    terms_of = morphology.surface_terms
    for m, initial in words_in_context(text):
        yield WordToken(m.start(), m.end(), terms_of(m.group(), initial))


# A word, with the sentence end (or line break) before it when only openers
# stand between them: what :func:`words_in_context` finds, without offsets.
_WORD_AFTER = re.compile(r"(?:([.!?…\n])[ \t\"'«„“(—–\-*•]*)?(" + WORD_RE.pattern + ")")


class ShapedTerms:
    """Each word's index terms with ``shape`` applied (a Xapian field's prefix,
    say), cached by the word as written: :func:`word_terms` with one dict
    lookup per word for a caller that would otherwise reshape every word's
    terms itself."""

    def __init__(self, shape: Callable[[tuple[str, ...]], tuple[str, ...]]) -> None:
        self.shape = shape
        self.plain: dict[str, tuple[str, ...]] = {}
        self.initials: dict[str, tuple[str, ...]] = {}

    def __call__(self, surface: str, initial: bool = False) -> tuple[str, ...]:
        cache = self.initials if initial else self.plain
        terms = cache.get(surface)
        if terms is None:
            if len(cache) >= morphology.CACHE_SIZE:
                cache.clear()
            terms = cache[surface] = self.shape(morphology.surface_terms(surface, initial))
        return terms


def word_terms(text: str, shaped: ShapedTerms | None = None) -> list[tuple[str, ...]]:
    """The index terms of each word of ``text``, in order (word ``i`` stands
    at position ``i``): what :class:`MorphTokenizer` yields, without offsets
    (reshaped by ``shaped``, if given).
    The hot loop of indexing: one dict lookup per word once it has been seen."""
    if shaped is None:
        terms_of = morphology.surface_terms
        plain, initials = morphology.surface_caches()
    else:
        terms_of, plain, initials = shaped, shaped.plain, shaped.initials
    words: list[tuple[str, ...]] = []
    append = words.append
    start = 0
    for shout_start, shout_end in [*_shouted_lines(text), (len(text), len(text))]:
        # The text up to a line in capitals.  It starts the text or a line,
        # so a sentence: the line break before it is the sentence end of its
        # first word.
        for end, word in _WORD_AFTER.findall("\n" + text[start:shout_start]):
            if end and word[:1].isupper():
                append(initials.get(word) or terms_of(word, True))
            else:
                append(plain.get(word) or terms_of(word, False))
        # The line in capitals: no capital of it tells a name.
        for word in WORD_RE.findall(text, shout_start, shout_end):
            append(initials.get(word) or terms_of(word, True))
        start = shout_end
    return words


def name_groups(text: str) -> dict[str, str]:
    """The terms of each name of ``text`` as one group: every term of a word
    with sound keys (its lemmas, surname key and keys: «Казахстана» is
    ``казахстан`` and ``~kazahstan``), and a key in either script
    (``~kazahstan``, ``^kazahstan``) → one label that stands for the name, so a
    caller can count a name once however many of its terms it picked."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def node(term: str) -> str:  # a key is one node for both scripts
        return term[1:] + "\0" if is_key(term) else term

    for terms in word_terms(text):
        keys = [t for t in terms if is_key(t)]
        if keys:
            top = root(node(keys[0]))
            for term in terms:
                parent[root(node(term))] = top
    groups: dict[str, str] = {}
    for n in list(parent):
        if n.endswith("\0"):
            groups[FROM_CYRILLIC + n[:-1]] = groups[FROM_LATIN + n[:-1]] = root(n)
        else:
            groups[n] = root(n)
    return groups


def term_positions(text: str) -> tuple[dict[str, list[int]], int]:
    """Every index term of ``text`` with its word positions, and how many
    terms were indexed in all (the field's length): :func:`word_terms`
    gathered per term for :mod:`searchapp.core.segment_writer`."""
    at: defaultdict[str, list[int]] = defaultdict(list)
    count = 0
    for pos, terms in enumerate(word_terms(text)):
        count += len(terms)
        for term in terms:
            at[term].append(pos)
    return at, count


def phrase_runs(places: Sequence[Collection[int]], slop: int = 1) -> list[tuple[int, ...]]:
    """Every run of word positions where a phrase stands: one position from
    each of ``places`` (the positions of its first word, its second, …), each
    1 to ``slop`` after the one before (Whoosh's ordered ``SpanNear2``)."""
    if not places:
        return []
    runs: list[tuple[int, ...]] = [(p,) for p in sorted(places[0])]
    for later in places[1:]:
        runs = [(*run, p) for run in runs
                for p in range(run[-1] + 1, run[-1] + slop + 1) if p in later]
        if not runs:
            break
    return runs


def query_positions(
    text: str, *, scripts: bool | Callable[[str], bool] = False
) -> list[tuple[str, ...]]:
    """The alternatives for each word position of a query fragment.

    ``"Красного Полумесяца"`` → ``[("красный",), ("полумесяц",)]``.  With
    ``scripts`` (or for the words it accepts, when it is a test of the
    surface word) names also stand for their sound keys (``~meredov``).
    """
    return [
        morphology.query_terms(
            morphology.fold(surface), scripts=scripts(surface) if callable(scripts) else scripts
        )
        for _, _, surface in iter_words(text)
    ]


class MorphTokenizer(Tokenizer):  # type: ignore[misc]  # Whoosh is checked as Any
    """A Whoosh tokenizer that yields normalised terms with positions and offsets.

    It holds no state, so it pickles into the schema as a bare class
    reference; the analysers and caches stay in :mod:`morphology`.
    """

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        # Every term of every word, in any mode: queries are built by
        # searchapp.core.query from query_positions, never through this.
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        terms_of = morphology.surface_terms
        for m, initial in words_in_context(value):
            surface = m.group()
            for term in terms_of(surface, initial):
                t.text = term
                t.boost = 1.0
                t.stopped = False
                if keeporiginal:
                    t.original = surface
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar = start_char + m.start()
                    t.endchar = start_char + m.end()
                yield t
            pos += 1


def make_analyzer() -> MorphTokenizer:
    """The analyser of the title and body fields."""
    return MorphTokenizer()


class FoldFilter(Filter):  # type: ignore[misc]  # Whoosh is checked as Any
    """Words folded as :func:`morphology.fold` folds them (lower case, «ё» as «е»)."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = morphology.fold(t.text)
            yield t


def make_source_analyzer() -> Filter:
    """The analyser of the source's words (``source:``): each run of letters
    and digits, folded — as the query and the cluster's documents split them."""
    return RegexTokenizer(SOURCE_WORD_RE) | FoldFilter()


def source_words(source: str) -> list[str]:
    """The folded words of a source's name, as :func:`make_source_analyzer` indexes them."""
    return [morphology.fold(w) for w in SOURCE_WORD_RE.findall(source)]
