"""Language of an article: Russian or English, by script."""

from __future__ import annotations

import string

_SAMPLE = 5000
# Bytes that are not an ASCII letter: deleted, what is left is the Latin letters.
_NOT_LATIN = bytes(b for b in range(256) if chr(b) not in string.ascii_letters)


def detect_language(text: str) -> str:
    """``"ru"`` when Cyrillic letters outnumber Latin ones, else ``"en"``.

    Counted on the UTF-8 bytes of the first :data:`_SAMPLE` characters: a
    letter of the basic Cyrillic block (U+0400–U+047F) starts with 0xD0 or
    0xD1, a Latin letter is one ASCII byte (ten times faster than a regular
    expression over the text, which was 4 % of indexing)."""
    sample = text[:_SAMPLE].encode("utf-8", "surrogatepass")
    cyrillic = sample.count(b"\xd0") + sample.count(b"\xd1")
    latin = len(sample.translate(None, _NOT_LATIN))
    return "ru" if cyrillic > latin else "en"
