"""Language of an article: Russian or English, by script."""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN = re.compile(r"[a-zA-Z]")
_SAMPLE = 5000


def detect_language(text: str) -> str:
    """``"ru"`` when Cyrillic letters outnumber Latin ones, else ``"en"``."""
    sample = text[:_SAMPLE]
    return "ru" if len(_CYRILLIC.findall(sample)) > len(_LATIN.findall(sample)) else "en"
