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
* **Names across scripts.** A name-like word (tagged as a name, surname,
  patronymic, place or organisation, unknown to the dictionary, or shaped
  like a surname) also gets the *sound keys* of :mod:`searchapp.core.translit`
  for its lemmas (``~meredov`` for «Мередовым»), and a capitalised Latin word
  other than a stop word gets the key of its spelling (``^meredov`` for
  «Meredow»).  Only capitalised words get keys in the index; a query word
  asks for its keys from both scripts when :mod:`query` takes it for a name.
* **Folding.** Case is folded, «ё» becomes «е» (also in lemmas: ещё → еще).
  A word of one script with a few look-alike letters of the other, as
  scraped or typed text has them («Mосква» with a Latin M, «нeфть» with a
  Latin e, «сovid» with a Cyrillic с), is written in its main script; a word
  of one script («Moskva») and a word whose other letters look like nothing
  of its script («brentзавяли») stay as they are.
* **English.** Snowball (PyStemmer, C) rather than Whoosh's Porter, which
  mangles news words (news → new).  Possessive «'s» is dropped.

Everything is cached per lower-cased word: news vocabulary is Zipfian, so a
large cache answers >95 % of lookups.  The analyser objects live at module
level so that nothing heavy is pickled into the Whoosh schema.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

import pymorphy3
import Stemmer
from whoosh.analysis import STOP_WORDS

from searchapp.core.translit import (
    FROM_CYRILLIC,
    FROM_LATIN,
    cyrillic_keys,
    is_key,
    latin_key,
)

NAME_KEY_PREFIX = "_"
CACHE_SIZE = 300_000

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_NAME_TAGS = frozenset({"Surn", "Name", "Patr"})
_PROPER_TAGS = _NAME_TAGS | {"Geox", "Orgn", "Trad"}
_MAX_KEYED_LEMMAS = 4
# Masculine base + case ending of Russian surnames: Мередов|ым, Ачилов|ой,
# Гаджиев|а, Путин|у, Пашинян|ом, Достоевск|ого.
_SURNAME = re.compile(
    r"^(?P<base>.{2,}?(?:ов|ев|ин|ын|ян))(?:а|у|ым|ом|е|ой|ою|ы|ых|ыми|им|их|ими)?$"
    r"|^(?P<sk>.{2,}?[сц]к)(?:ий|ого|ому|им|ом|ая|ой|ую|ие|их|ими)$"
)
_FEMININE = ("а", "у", "ой", "ою")  # Набиуллиной also meets «Nabiullina»
_QUERY_SHARE = 0.25
# Lower-case letters that look alike (or whose capitals do: B/В, H/Н, T/Т) in
# the two scripts.
_LOOK_ALIKE_LATIN = "abcehkmoptxy"
_LOOK_ALIKE_CYRILLIC = "авсенкмортху"
_TO_CYRILLIC = str.maketrans(_LOOK_ALIKE_LATIN, _LOOK_ALIKE_CYRILLIC)
_TO_LATIN = str.maketrans(_LOOK_ALIKE_CYRILLIC, _LOOK_ALIKE_LATIN)


@cache
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@cache
def _english() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def fold(word: str) -> str:
    """Lower-case, replace «ё» with «е», and write look-alike letters of the
    other script in the word's main one (:func:`one_script`)."""
    folded = word.lower().replace("ё", "е")
    if folded.isascii() or not _LATIN.search(folded):  # one script: most words
        return folded
    return one_script(folded)


def one_script(word: str) -> str:
    """The lower-case ``word`` with the letters of its lesser script in its
    main one, when they all look like letters of it: «mосква» → «москва»,
    «сovid» → «covid»; a word with as many letters of each script, or with a
    letter of the lesser one that looks like none of the main one, as it is."""
    cyrillic, latin = _CYRILLIC.findall(word), _LATIN.findall(word)
    if not cyrillic or not latin or len(cyrillic) == len(latin):
        return word
    if len(cyrillic) > len(latin):
        fits, table = all(c in _LOOK_ALIKE_LATIN for c in latin), _TO_CYRILLIC
    else:
        fits, table = all(c in _LOOK_ALIKE_CYRILLIC for c in cyrillic), _TO_LATIN
    return word.translate(table) if fits else word


class CyrillicWord(NamedTuple):
    """What a folded Cyrillic word stands for."""

    index_lemmas: tuple[str, ...]  # the most probable first
    query_lemmas: tuple[str, ...]
    name_key: str | None  # ``_мередов`` for a surname
    keyed: tuple[str, ...]  # the lemmas a name-like word gets sound keys for
    sure_name: bool = False  # a name even at the start of a sentence (Татьяна, not Вера)

    @property
    def script_keys(self) -> tuple[str, ...]:
        """``meredov`` for a name-like word (no prefix): worked out when first
        asked for, since most words are not written capitalised anywhere."""
        return _keys_of(self.keyed)


@lru_cache(maxsize=CACHE_SIZE)
def _keys_of(lemmas: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(k for lem in lemmas for k in cyrillic_keys(lem)))


@lru_cache(maxsize=CACHE_SIZE)
def analyse_cyrillic(word: str) -> CyrillicWord:
    """Lemmas, surname key and sound keys of a folded Cyrillic word."""
    parses = _morph().parse(word)
    scores: dict[str, float] = {}
    name_like = False
    proper: list[str] = []
    first_names: set[str] = set()
    for p in parses:
        lemma = fold(p.normal_form)
        scores[lemma] = scores.get(lemma, 0.0) + p.score
        if _NAME_TAGS & p.tag.grammemes:
            name_like = True
        if _PROPER_TAGS & p.tag.grammemes and lemma not in proper:
            proper.append(lemma)
        if "Name" in p.tag.grammemes:
            first_names.add(lemma)
    if not scores:
        return CyrillicWord((word,), (word,), None, ())
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    best = scores[ranked[0]]
    query = tuple(lem for lem in ranked if scores[lem] >= best * _QUERY_SHARE)
    unknown = not _morph().word_is_known(word)
    m = _SURNAME.match(word)
    # «Токаев» is in the dictionary as a form of «токай» (a wine): a word
    # shaped like a -ов/-ев/-ин surname counts as a name as well.
    name_like = name_like or unknown or bool(m and m.group("base"))
    base = (m.group("base") or m.group("sk") + "ий") if m and name_like else None
    key = NAME_KEY_PREFIX + base if base else None
    # Keys of lemmas, not of case forms: a key per form would grow the index.
    if base:  # a surname, or a place like Молдова: not «Али» for «Алиев»
        keyed = [base, base + "а"] if word.endswith(_FEMININE) else [base]
        keyed += [lem for lem in proper if lem not in first_names]
    elif proper:
        keyed = [*proper, word] if unknown else proper
    elif name_like:
        keyed = ranked[:1] if word in ranked[:1] else [word, *ranked[:1]]
    else:
        keyed = []
    lemmas = tuple(lem for lem in dict.fromkeys(keyed) if lem)[:_MAX_KEYED_LEMMAS]
    sure = unknown or bool(base) or bool(_PROPER_TAGS & parses[0].tag.grammemes)
    return CyrillicWord(tuple(ranked), query, key, lemmas, sure)


def is_dictionary_word(word: str) -> bool:
    """Is the folded Cyrillic ``word`` a form the Russian dictionary knows?"""
    return bool(_morph().word_is_known(word))


@lru_cache(maxsize=CACHE_SIZE)
def stem_english(word: str) -> str:
    """Snowball stem of a folded Latin word (possessive «'s» dropped)."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return str(_english().stemWord(word.replace("’", "'")))


def is_cyrillic(word: str) -> bool:
    return _CYRILLIC.search(word) is not None and _LATIN.search(word) is None


def is_latin(word: str) -> bool:
    return _LATIN.search(word) is not None and _CYRILLIC.search(word) is None


def _index_terms(word: str, capitalised: bool, initial: bool = False) -> tuple[str, ...]:
    if is_cyrillic(word):
        a = analyse_cyrillic(word)
        if not capitalised or (initial and not a.sure_name):
            return a.index_lemmas
        keys = tuple(FROM_CYRILLIC + k for k in a.script_keys)
        return (*a.index_lemmas, *((a.name_key,) if a.name_key else ()), *keys)
    if is_latin(word) and not word.isdigit():
        named = capitalised and (not initial or not is_common_english(word))
        key = _latin_name_key(word) if named else None
        return (stem_english(word), FROM_LATIN + key) if key else (stem_english(word),)
    return (word,)


@cache
def _english_lower_case() -> frozenset[str]:
    """The words English dictionaries write in lower case (Webster's 2nd and
    GCIDE, by the english-words package): 300,000 or so, loaded in 0.1 s."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2", "gcide"], lower=False, alpha=True)
    return frozenset(w for w in words if w.islower())


# Endings of an inflected form and what its dictionary form ends in instead.
_ENGLISH_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"),
                    ("ing", ""), ("ing", "e"))


def is_common_english(word: str) -> bool:
    """True when the folded Latin ``word`` is a common English word, in a
    dictionary in lower case as written or as its dictionary form («officials»,
    «said», «asked»): a capital opening a sentence then says nothing of it.
    «tokayev», «putin», «monday» (a dictionary capitalises it) are not."""
    common = _english_lower_case()
    if word in common:
        return True
    return any(word.endswith(end) and word[: len(word) - len(end)] + base in common
               for end, base in _ENGLISH_ENDINGS if len(word) > len(end) + 2)


def _capitalised(surface: str) -> bool:
    """Written like a name: «Meredov», «IOM»; not a word of a headline in
    capitals («GOVERNMENT»), which would make common words look like names."""
    return surface[:1].isupper() and (len(surface) <= 5 or not surface.isupper())


def _latin_name_key(word: str) -> str | None:
    """The key of a capitalised Latin word, unless it is a stop word that is
    capitalised only at the start of a sentence («The», «With»)."""
    return None if word in STOP_WORDS else latin_key(word)


_SURFACE_CACHE: dict[str, tuple[str, ...]] = {}
_INITIAL_CACHE: dict[str, tuple[str, ...]] = {}


def surface_terms(surface: str, initial: bool = False) -> tuple[str, ...]:
    """Every term indexed at one position for a word as written in the text.

    ``initial``: the word starts a sentence or stands in a line written in
    capitals, so its capital says nothing: it gets name keys only when it is
    a name whatever its place (Татьяна, Мередов; not «Вера в успех»), or a
    Latin word that is no common English word (Tokayev; not «Officials»).

    The hot path of indexing and highlighting: one dict lookup per word once
    the word has been seen (the cache is emptied when it grows past
    :data:`CACHE_SIZE` entries).
    """
    cache = _INITIAL_CACHE if initial else _SURFACE_CACHE
    terms = cache.get(surface)
    if terms is None:
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        terms = _index_terms(fold(surface), _capitalised(surface), initial)
        cache[surface] = terms
    return terms


def surface_caches() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """What :func:`surface_terms` has answered (word as written → terms), for
    words in the running text and for sentence-initial ones: a hot loop looks
    a word up there first and calls :func:`surface_terms` only on a miss."""
    return _SURFACE_CACHE, _INITIAL_CACHE


def index_terms(word: str, capitalised: bool, initial: bool = False) -> tuple[str, ...]:
    """Every term indexed at one position for the folded ``word``."""
    return _index_terms(word, capitalised, initial)


def query_terms(word: str, *, scripts: bool = False) -> tuple[str, ...]:
    """The alternatives a query word stands for (any of them matches).

    With ``scripts`` a name also stands for its sound keys from either
    script, so it finds its forms in the other script and other spellings.
    """
    if is_cyrillic(word):
        a = analyse_cyrillic(word)
        terms = (*a.query_lemmas, a.name_key) if a.name_key else a.query_lemmas
        keys = a.script_keys if scripts else ()
    elif is_latin(word) and not word.isdigit():
        terms = (stem_english(word),)
        key = latin_key(word) if scripts else None
        keys = (key,) if key else ()
    else:
        return (word,)
    return (*terms, *(p + k for k in keys for p in (FROM_CYRILLIC, FROM_LATIN)))


def is_key_term(term: str) -> bool:
    """An index term that stands for a name, not a word: a surname key
    (``_мередов``) or a sound key (``~meredov``, ``^meredov``)."""
    return term.startswith(NAME_KEY_PREFIX) or is_key(term)


def name_probe(word: str) -> tuple[str, tuple[str, ...]] | None:
    """``(word_term, key_terms)`` to tell from an index whether the folded
    ``word`` is used as a name: how many documents have it at all, and how
    many have it capitalised (keys are indexed for capitalised words only)
    in its own script.  None for a word that has no keys."""
    if is_cyrillic(word):
        a = analyse_cyrillic(word)
        if not a.script_keys:
            return None
        return a.query_lemmas[0], tuple(FROM_CYRILLIC + k for k in a.script_keys)
    if is_latin(word) and not word.isdigit():
        key = latin_key(word)
        return (stem_english(word), (FROM_LATIN + key,)) if key else None
    return None
