"""Language of an article: Russian or English, by script."""

from __future__ import annotations

import string

_SAMPLE = 5000
_ASCII_LETTERS = string.ascii_letters.encode("ascii")
# In UTF-8 every Cyrillic letter (U+0400..U+047F) starts with byte 0xD0 or 0xD1, and no
# other character does: counting those bytes counts Cyrillic letters at C speed.
_CYRILLIC_LEADS = (b"\xd0", b"\xd1")


def detect_language(text: str) -> str:
    """``"ru"`` when Cyrillic letters outnumber Latin ones, else ``"en"``."""
    data = text[:_SAMPLE].encode("utf-8", "ignore")
    cyrillic = sum(data.count(lead) for lead in _CYRILLIC_LEADS)
    latin = len(data) - len(data.translate(None, _ASCII_LETTERS))
    return "ru" if cyrillic > latin else "en"
