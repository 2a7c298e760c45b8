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

    def matches(self, text: str) -> bool:
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
        if not all(isinstance(x, str) for x in [*phrases, *regexes]):
            raise SourceRulesError(f"{path}: rule {entry['name']!r}: phrases/regex must be strings")
        try:
            patterns = tuple(re.compile(r) for r in regexes)
        except re.error as exc:
            raise SourceRulesError(f"{path}: rule {entry['name']!r}: bad regex: {exc}") from None
        rules.append(SourceRule(entry["name"], tuple(phrases), patterns))
    return tuple(rules)


def find_source(text: str) -> str | None:
    """The first outlet whose signature appears in ``text``."""
    for rule in load_rules():
        if rule.matches(text):
            return rule.name
    return None
