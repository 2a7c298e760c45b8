"""Markdown articles (.md, .markdown): the heading at the top is the title, without its marks.

Only what a title needs is read: an ATX heading (``# Title``, ``## Title ##``)
or a setext heading (a line underlined with ``===`` or ``---``) before any
other text, and the inline marks (``**bold**``, ``__bold__``, ``*em*``,
``_em_``, ``~~struck~~``, ```code```, ``[link](url)``) that should not show in a
title.  The body is left as it is: the analyser skips the marks.
"""

from __future__ import annotations

import re

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})

_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_SETEXT_RULE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_STRONG = re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def leading_heading(text: str) -> tuple[str, str] | None:
    """``(title, rest)`` when ``text`` opens with a heading (blank lines before it
    aside), the title without the heading's or inline marks; None otherwise."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    line = lines[first]
    atx = _ATX.fullmatch(line)
    if atx is not None:
        title, rest = atx.group(1) or "", lines[first + 1 :]
    elif first + 1 < len(lines) and _SETEXT_RULE.fullmatch(lines[first + 1]) \
            and not line.startswith("    "):
        title, rest = line, lines[first + 2 :]
    else:
        return None
    title = plain_inline(title)
    return (title, "\n".join(rest)) if title else None


def plain_inline(text: str) -> str:
    """``text`` without Markdown's inline marks, on one line."""
    text = _IMAGE_OR_LINK.sub(r"\1", text).replace("`", "")
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\2", text)
    return " ".join(text.split())
