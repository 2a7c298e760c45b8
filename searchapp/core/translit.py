"""Sound keys that let a name meet itself across scripts and spellings.

«Мередовым», «Meredov» and «Meredow» all get the key ``meredov``;
«Токаев», «Tokayev» and «Tokaev» get ``tokaev``.  A key is built in two
steps:

1. **Romanise** (Cyrillic only) with two real schemes from *iuliia*:
   Wikipedia's (what English-language news uses: Tokayev, Yerevan,
   Mirziyoev) and ICAO Doc 9303 (passports: Tokaev, Erevan, Iurii).  Letters
   of Kazakh, Kyrgyz, Uzbek, Tajik and Turkmen Cyrillic that Russian schemes
   lack are mapped first (қ→k, ғ→g, ҷ→j…).
2. **Normalise** the Latin spelling so that the usual variants coincide:
   diacritics of Turkmen, Uzbek, Azerbaijani or Czech-style spellings are
   spelt out (ş→sh, ž→zh), then sh/sch/shch, kh/h/x, zh/j/dzh/dj, w/v, y/i,
   the glide «y» of ye/yu/ya, «yo» for ё, ii/iy at the end, doubled
   letters, German -off/-eff and English -er for -р are folded.

Both sides of a match use the same :func:`latin_key`, so the rules only need
to agree with each other, not with any standard.  The cost is precision:
sounds that the rules fold together (Ivanov/Iwanow is wanted; Mari/Mary is
not) match; ``bench/names_eval.py`` measures it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import iuliia
from anyascii import anyascii

# A key is indexed with the script of the word it came from, so that the
# query side can tell how often a word is written as a name in each script.
FROM_CYRILLIC = "~"
FROM_LATIN = "^"
MIN_KEY_LENGTH = 3

_SCHEMES = (iuliia.WIKIPEDIA, iuliia.ICAO_DOC_9303)

# Non-Russian Cyrillic letters, mapped to the Russian letter they sound like.
_CENTRAL_ASIAN = str.maketrans({
    "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у",
    "һ": "х", "і": "и", "ў": "у", "ҳ": "х", "ҷ": "дж", "ӣ": "и", "ӯ": "у",
    "җ": "дж", "ҫ": "с", "ӑ": "а", "ӗ": "е",
})
# Latin letters whose ASCII fallback would lose a sound.
_LATIN_SPELLED = str.maketrans({
    "š": "sh", "ş": "sh", "ș": "sh", "ž": "zh", "č": "ch", "ç": "ch", "ć": "ch",
    "ŝ": "sh", "ĉ": "ch", "ǧ": "g", "ğ": "g", "ı": "i", "ə": "a", "ä": "a",
    "ö": "o", "ü": "u", "ň": "n", "ñ": "n", "ý": "y", "ŭ": "u", "ĭ": "i",
    "ʻ": "", "ʼ": "", "'": "", "’": "", "‘": "", "`": "",
})
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"[^a-z]", ""),
        (r"shch|sch|shh", "sh"),
        (r"tsch|tch", "ch"),
        (r"dzh|dj|zh", "j"),
        (r"kh", "h"),
        (r"x", "ks"),
        (r"gh", "g"),
        (r"ph", "f"),
        (r"ck|q", "k"),
        (r"c(?![h])", "k"),
        (r"tz", "ts"),
        (r"w", "v"),
        (r"ou", "u"),
        (r"(?<=[a-z])yo", "e"),  # ё inside a word: Fyodor/Федор, Mirziyoyev/Мирзиеев
        (r"y", "i"),
        (r"^i(?=[aeou])", ""),  # Yerevan/Erevan, Yuri/Iurii
        (r"(?<=[aeou])i(?=[aeou])", ""),  # Tokayev/Tokaev
        (r"([a-z])\1+", r"\1"),
        (r"(?<=[eo])f$", "v"),  # Smirnoff
        (r"(?<=[^aeiou])er$", "r"),  # Alexander/Александр, Peter/Петр
    )
)


def is_key(term: str) -> bool:
    """Is this index term a sound key?"""
    return term[:1] in (FROM_CYRILLIC, FROM_LATIN)


def counterparts(term: str) -> tuple[str, ...]:
    """An index term, and for a key also the same key from the other script."""
    if term[:1] == FROM_CYRILLIC:
        return term, FROM_LATIN + term[1:]
    if term[:1] == FROM_LATIN:
        return term, FROM_CYRILLIC + term[1:]
    return (term,)


def latin_key(word: str) -> str | None:
    """The key (without prefix) of a word in Latin script, any case, any
    diacritics; None when it is too short to be told from other words."""
    word = word.lower()
    if word.endswith(("'s", "’s")):  # Gorbachev's
        word = word[:-2]
    text = anyascii(word.translate(_LATIN_SPELLED)).lower()
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    return text if len(text) >= MIN_KEY_LENGTH else None


@lru_cache(maxsize=100_000)
def cyrillic_keys(word: str) -> tuple[str, ...]:
    """The keys (without prefix) of a lower-case Cyrillic word, one per
    distinct romanisation."""
    word = word.translate(_CENTRAL_ASIAN)
    keys = (latin_key(scheme.translate(word)) for scheme in _SCHEMES)
    return tuple(dict.fromkeys(k for k in keys if k))
