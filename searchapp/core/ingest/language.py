"""Language of an article: Russian or English, by script."""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]+")
_LATIN = re.compile(r"[a-zA-Z]+")
_SAMPLE = 5000


def detect_language(text: str) -> str:
    """``"ru"`` when Cyrillic letters outnumber Latin ones, else ``"en"``."""
    sample = text[:_SAMPLE]
    return "ru" if _letters(_CYRILLIC, sample) > _letters(_LATIN, sample) else "en"


def _letters(script: re.Pattern[str], text: str) -> int:
    """How many letters of ``script`` ``text`` has (counted a run at a time)."""
    return sum(map(len, script.findall(text)))
