"""YAML front matter (``---`` blocks at the top of Markdown articles).

The usual block, ``key: "text"`` and ``key: 2024-11-05`` lines, is read
without YAML (:func:`_simple`: what YAML makes of it, in a fifth of PyYAML's
time); anything else goes to PyYAML.
A block that is not valid YAML (an unquoted colon in a title, an unclosed
bracket) or has no closing fence is read line by line: its top-level
``key: value`` lines are kept, the block stays out of the body, and
:func:`parse` says what was wrong so that the run can warn about the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from searchapp.core.reasons import Reason, ReasonKind

_BLOCK = re.compile(r"\A---[ \t]*\r?\n(?:(.*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                    re.DOTALL)  # an empty block too: "---\n---\n"
# An opening fence followed by key: value lines and no closing fence.
_UNCLOSED = re.compile(r"\A---[ \t]*\r?\n((?:[A-Za-z_][\w-]*[ \t]*:.*(?:\r?\n|\Z))+)")
_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
# A line YAML reads as a string key and a double-quoted string of printable
# characters without line breaks (YAML 1.1's: NEL, LS, PS) nor escapes other
# than \" and \\, or a date.
_SIMPLE_LINE = re.compile(
    r'([A-Za-z_][A-Za-z0-9_-]*): (?:"((?:[\t\x20\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff'
    r'\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|\\["\\])*)"'
    r'|([0-9]{4})-([0-9]{2})-([0-9]{2}))')
_ESCAPED = re.compile(r'\\(["\\])')
_NOT_STRING_KEYS = frozenset({"yes", "no", "true", "false", "on", "off", "null"})
_KNOWN_KEYS = frozenset({"title", "headline", "date", "published", "source", "url", "lang"})


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """``meta`` is None when the text has no front matter; ``warning`` says what was broken."""

    meta: dict[str, Any] | None
    body: str
    warning: str = ""


def split(text: str) -> tuple[dict[str, Any] | None, str]:
    """``(metadata, body)``; ``(None, text)`` when there is no front matter."""
    fm = parse(text)
    return fm.meta, fm.body


def parse(text: str) -> FrontMatter:
    """Front matter and body; a broken block is read line by line with a warning."""
    m = _BLOCK.match(text)
    if not m:
        return _unclosed(text)
    if not (m.group(1) or "").strip():
        return FrontMatter({}, text[m.end() :])
    simple = _simple(m.group(1))
    if simple is not None:
        return FrontMatter(simple, text[m.end() :])
    try:
        meta = yaml.load(m.group(1), Loader=_Loader)
    except ValueError as exc:  # valid YAML, a day that does not exist (2024-02-30)
        return _tolerant(m.group(1), text[m.end() :], Reason(ReasonKind.FRONT_MATTER_BAD_DAY, exc))
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or "syntax error"
        return _tolerant(m.group(1), text[m.end() :],
                         Reason(ReasonKind.FRONT_MATTER_NOT_YAML, problem))
    if isinstance(meta, dict):
        return FrontMatter({str(k).lower(): v for k, v in meta.items()}, text[m.end() :])
    return _tolerant(m.group(1), text[m.end() :], Reason(ReasonKind.FRONT_MATTER_NOT_KEYS))


def _simple(block: str) -> dict[str, Any] | None:
    """The block's ``key: "text"`` and ``key: YYYY-MM-DD`` lines as YAML reads
    them, or None when a line is anything else (YAML then reads the block)."""
    meta: dict[str, Any] = {}
    for line in block.split("\n"):
        m = _SIMPLE_LINE.fullmatch(line)
        if m is None:
            return None
        key, text, year, month, day = m.groups()
        if key.lower() in _NOT_STRING_KEYS:
            return None  # YAML reads «yes:» as True, «null:» as None
        if text is None:
            try:
                meta[key.lower()] = dt.date(int(year), int(month), int(day))
            except ValueError:
                return None
        else:
            meta[key.lower()] = _ESCAPED.sub(r"\1", text) if "\\" in text else text
    return meta


def _unclosed(text: str) -> FrontMatter:
    m = _UNCLOSED.match(text)
    if not m or not _KNOWN_KEYS & set(_lines(m.group(1))):
        return FrontMatter(None, text)
    return _tolerant(m.group(1), text[m.end() :], Reason(ReasonKind.FRONT_MATTER_UNCLOSED))


def _tolerant(block: str, body: str, warning: str) -> FrontMatter:
    meta = _lines(block)
    if not meta:  # text between two rules, not metadata: keep it, drop the fences
        return FrontMatter(None, block + "\n" + body)
    return FrontMatter(meta, body, warning)


def _lines(block: str) -> dict[str, str]:
    return {key.lower(): _unquote(value) for key, value in _LINE.findall(block) if value}


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """The C safe loader when PyYAML has it (several times faster)."""
