"""Outlet signatures: user-editable rules in ``resources/sources.toml``."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from searchapp.core.errors import SearchappError
from searchapp.core.paths import RESOURCES_DIR


class SourceRulesError(SearchappError):
    """The rules file cannot be read; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class SourceRule:
    name: str
    phrases: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    addresses: tuple[str, ...] = ()  # in lower case, found in any case

    def matches(self, text: str, lowered: str | None = None) -> bool:
        """``lowered``: ``text.lower()``, made once for all the rules."""
        if self.addresses:
            lowered = text.lower() if lowered is None else lowered
            if any(a in lowered for a in self.addresses):
                return True
        return any(p in text for p in self.phrases) or any(p.search(text) for p in self.patterns)


def rules_path() -> Path:
    """``$SEARCHAPP_SOURCES`` if set, else ``resources/sources.toml``."""
    env = os.environ.get("SEARCHAPP_SOURCES")
    return Path(env) if env else RESOURCES_DIR / "sources.toml"


@cache
def load_rules(path: Path | None = None) -> tuple[SourceRule, ...]:
    """Read and check the rules file (cached; a missing file means no rules)."""
    path = path or rules_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SourceRulesError(f"cannot read source rules {path}: {exc}") from None
    rules = []
    for i, entry in enumerate(data.get("source", []), 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise SourceRulesError(f"{path}: source rule {i} needs a name = \"…\"")
        phrases = entry.get("phrases", [])
        regexes = entry.get("regex", [])
        addresses = entry.get("addresses", [])
        if not all(isinstance(x, str) for x in [*phrases, *regexes, *addresses]):
            raise SourceRulesError(
                f"{path}: rule {entry['name']!r}: phrases/regex/addresses must be strings")
        try:
            patterns = tuple(re.compile(r) for r in regexes)
        except re.error as exc:
            raise SourceRulesError(f"{path}: rule {entry['name']!r}: bad regex: {exc}") from None
        rules.append(SourceRule(entry["name"], tuple(phrases), patterns,
                                tuple(a.lower() for a in addresses)))
    return tuple(rules)


def find_source(text: str) -> str | None:
    """The first outlet whose signature appears in ``text``, else the outlet a
    line of its own signs with (:func:`signed_source`)."""
    lowered = text.lower()
    for rule in load_rules():
        if rule.matches(text, lowered):
            return rule.name
    return signed_source(text)


_COPYRIGHT = re.compile(r"^(?:©|\(c\)|Copyright\b)\s*", re.I)
_SOURCE_LINE = re.compile(r"^(?:Источник|Source)\s*:\s*", re.I)
_YEARS = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–—]\s*(?:19|20)\d\d)?\b")
_RESERVED = re.compile(r"\b(?:all rights reserved|все права защищены)\b.*$", re.I)
_URL = re.compile(r"^(?:https?://)?(?:www\.)?([\w.-]+\.[a-zа-я]{2,})(?:/\S*)?$", re.I)
_SIGNS = ("©", "(c)", "(C)", "opyright", "COPYRIGHT", "сточник", "ИСТОЧНИК", "ource", "OURCE")
SIGNED_LINES = 40  # the lines at a page's end (and start) where a signature stands
MAX_NAME_WORDS = 5


def signed_source(text: str) -> str | None:
    """The outlet a line signs the page with: «© 2024 Kazinform», «© Tengrinews.kz,
    2024. Все права защищены», «Источник: Газета.uz» (a copyright line first), as
    written, without years and rights; None when no such line names one in a
    few words (a sentence is no outlet's name)."""
    if not any(mark in text for mark in _SIGNS):
        return None
    lines = [line.strip() for line in text.splitlines()]
    lines = [*lines[-SIGNED_LINES:], *lines[:SIGNED_LINES]] if len(lines) > 2 * SIGNED_LINES \
        else lines
    for marker in (_COPYRIGHT, _SOURCE_LINE):
        for line in reversed(lines):
            m = marker.match(line)
            if m and (name := _outlet_name(line[m.end():])):
                return name
    return None


def _outlet_name(text: str) -> str | None:
    name = _RESERVED.sub("", _YEARS.sub("", text)).strip(" \t,.;:|-–—«»\"'")
    url = _URL.match(name)
    if url:
        name = url.group(1)
    if not name or not any(c.isalpha() for c in name) or len(name) > 60:
        return None
    return name if len(name.split()) <= MAX_NAME_WORDS else None
