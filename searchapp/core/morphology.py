"""Word normalisation: Russian lemmas (pymorphy3), English stems (Snowball).

Decisions (their cost is measured in ``bench/morph_eval.py``):

* **Ambiguity.** pymorphy3's top parse is often wrong for news words
  («стали» is стать or сталь, «больших» is больший or большой).  At *index*
  time every distinct normal form of every parse is indexed at the same
  position (+~18 % postings, −~10 % indexing speed), so no real match is
  lost.  At *query* time a word stands for the lemmas that carry most of its
  parse probability (each lemma whose summed score is at least a quarter of
  the best one): «стали» asks for стать only, «больших» for both readings.
  The cost is precision on rare readings: «сталь» also finds «они стали».
* **Surnames.** Names missing from the dictionary get guessed lemmas that
  differ between case forms (Мередов → мередова, Мередовым → мередов).  A
  capitalised word that is unknown or parsed as a surname/first name and
  ends like a Russian surname also gets a *name key* (``_мередов``), the
  masculine base with the case ending removed.  A query word that looks like
  a name asks for its lemmas *or* its key, so every case form is found.
* **Folding.** Case is folded, «ё» becomes «е» (also in lemmas: ещё → еще).
* **English.** Snowball (PyStemmer, C) rather than Whoosh's Porter, which
  mangles news words (news → new).  Possessive «'s» is dropped.

Everything is cached per lower-cased word: news vocabulary is Zipfian, so a
large cache answers >95 % of lookups.  The analyser objects live at module
level so that nothing heavy is pickled into the Whoosh schema.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pymorphy3
import Stemmer

NAME_KEY_PREFIX = "_"
CACHE_SIZE = 300_000

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_NAME_TAGS = frozenset({"Surn", "Name", "Patr"})
# Masculine base + case ending of Russian surnames: Мередов|ым, Ачилов|ой,
# Гаджиев|а, Путин|у, Достоевск|ого.
_SURNAME = re.compile(
    r"^(?P<base>.{2,}?(?:ов|ев|ин|ын))(?:а|у|ым|ом|е|ой|ою|ы|ых|ыми|им|их|ими)?$"
    r"|^(?P<sk>.{2,}?[сц]к)(?:ий|ого|ому|им|ом|ая|ой|ую|ие|их|ими)$"
)
_QUERY_SHARE = 0.25


@cache
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@cache
def _english() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def fold(word: str) -> str:
    """Lower-case and replace «ё» with «е»."""
    return word.lower().replace("ё", "е")


def _surname_base(word: str) -> str | None:
    m = _SURNAME.match(word)
    if not m:
        return None
    return m.group("base") or m.group("sk") + "ий"


@lru_cache(maxsize=CACHE_SIZE)
def analyse_cyrillic(word: str) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """Return ``(index_lemmas, query_lemmas, name_key)`` for a folded word.

    ``index_lemmas`` starts with the most probable lemma.
    """
    parses = _morph().parse(word)
    scores: dict[str, float] = {}
    name_like = False
    for p in parses:
        lemma = fold(p.normal_form)
        scores[lemma] = scores.get(lemma, 0.0) + p.score
        if _NAME_TAGS & p.tag.grammemes:
            name_like = True
    if not scores:
        return (word,), (word,), None
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    best = scores[ranked[0]]
    query = tuple(lem for lem in ranked if scores[lem] >= best * _QUERY_SHARE)
    if not name_like:
        name_like = not _morph().word_is_known(word)
    base = _surname_base(word) if name_like else None
    key = NAME_KEY_PREFIX + base if base else None
    return tuple(ranked), query, key


@lru_cache(maxsize=CACHE_SIZE)
def stem_english(word: str) -> str:
    """Snowball stem of a folded Latin word (possessive «'s» dropped)."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return _english().stemWord(word.replace("’", "'"))


def is_cyrillic(word: str) -> bool:
    return _CYRILLIC.search(word) is not None and _LATIN.search(word) is None


def is_latin(word: str) -> bool:
    return _LATIN.search(word) is not None and _CYRILLIC.search(word) is None


def _index_terms(word: str, capitalised: bool) -> tuple[str, ...]:
    if is_cyrillic(word):
        lemmas, _, key = analyse_cyrillic(word)
        return (*lemmas, key) if key and capitalised else lemmas
    if is_latin(word) and not word.isdigit():
        return (stem_english(word),)
    return (word,)


_SURFACE_CACHE: dict[str, tuple[str, ...]] = {}


def surface_terms(surface: str) -> tuple[str, ...]:
    """Every term indexed at one position for a word as written in the text.

    The hot path of indexing and highlighting: one dict lookup per word once
    the word has been seen (the cache is emptied when it grows past
    :data:`CACHE_SIZE` entries).
    """
    terms = _SURFACE_CACHE.get(surface)
    if terms is None:
        if len(_SURFACE_CACHE) >= CACHE_SIZE:
            _SURFACE_CACHE.clear()
        terms = _index_terms(fold(surface), surface[:1].isupper())
        _SURFACE_CACHE[surface] = terms
    return terms


def index_terms(word: str, capitalised: bool) -> tuple[str, ...]:
    """Every term indexed at one position for the folded ``word``."""
    return _index_terms(word, capitalised)


def query_terms(word: str) -> tuple[str, ...]:
    """The alternatives a query word stands for (any of them matches)."""
    if is_cyrillic(word):
        _, lemmas, key = analyse_cyrillic(word)
        return (*lemmas, key) if key else lemmas
    if is_latin(word) and not word.isdigit():
        return (stem_english(word),)
    return (word,)


def cache_info() -> str:
    """Hit rates of the caches, for the benchmark."""
    return f"ru {analyse_cyrillic.cache_info()}; en {stem_english.cache_info()}"
