"""Outlet signatures: user-editable rules in ``resources/sources.toml``.

Each rule has a ``name`` and literal ``phrases`` and/or ``regex`` patterns;
the first rule that matches an article's text names its source.  The file is
read once per path; a malformed file raises :class:`SourceRulesError`, whose
message names the file and the problem.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from searchapp.core.errors import SearchappError
from searchapp.core.paths import RESOURCES_DIR

ENV_VAR = "SEARCHAPP_SOURCES"
_KEYS = frozenset({"name", "phrases", "regex"})


class SourceRulesError(SearchappError):
    """The rules file cannot be used; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class SourceRule:
    """One outlet: its name and the signatures that identify it."""

    name: str
    phrases: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()

    def matches(self, text: str) -> bool:
        return any(p in text for p in self.phrases) or any(p.search(text) for p in self.patterns)


def rules_path() -> Path:
    """``$SEARCHAPP_SOURCES`` if set, else ``resources/sources.toml``."""
    env = os.environ.get(ENV_VAR)
    return Path(env).expanduser() if env else RESOURCES_DIR / "sources.toml"


def _strings(path: Path, name: str, entry: dict[str, object], key: str) -> list[str]:
    value = entry.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
        raise SourceRulesError(f"{path}: rule {name!r}: {key} must be a list of strings")
    return value


@cache
def _load(path: Path) -> tuple[SourceRule, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ()  # no rules file: every source is found in metadata or is "Unknown"
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SourceRulesError(f"cannot read source rules {path}: {exc}") from None
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise SourceRulesError(f"{path}: write each rule as a [[source]] block")
    rules = []
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise SourceRulesError(f'{path}: source rule {i} needs a name = "…"')
        name = entry["name"]
        unknown = sorted(set(entry) - _KEYS)
        if unknown:
            raise SourceRulesError(
                f"{path}: rule {name!r}: unknown key {unknown[0]!r} (use name, phrases, regex)"
            )
        phrases = _strings(path, name, entry, "phrases")
        regexes = _strings(path, name, entry, "regex")
        if not phrases and not regexes:
            raise SourceRulesError(f"{path}: rule {name!r} has no phrases and no regex")
        try:
            patterns = tuple(re.compile(r) for r in regexes)
        except re.error as exc:
            raise SourceRulesError(f"{path}: rule {name!r}: bad regex: {exc}") from None
        rules.append(SourceRule(name, tuple(phrases), patterns))
    return tuple(rules)


def load_rules(path: Path | None = None) -> tuple[SourceRule, ...]:
    """The rules of ``path`` (default :func:`rules_path`), read once and cached."""
    return _load(path or rules_path())


def clear_rules_cache() -> None:
    """Forget the rules read so far (after the user edited the file)."""
    _load.cache_clear()


def find_source(text: str) -> str | None:
    """The first outlet whose signature appears in ``text``, if any."""
    for rule in load_rules():
        if rule.matches(text):
            return rule.name
    return None
