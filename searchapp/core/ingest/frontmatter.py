"""YAML front matter (a ``---`` block at the top of Markdown articles)."""

from __future__ import annotations

import re
from typing import Any

import yaml

_BLOCK = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_EMPTY = re.compile(r"\A---[ \t]*\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is ~5x faster


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader (no arbitrary objects) that survives impossible timestamps."""


def _timestamp(loader: yaml.BaseLoader, node: yaml.Node) -> Any:
    # PyYAML raises ValueError for "date: 2024-02-30" or "25:99": keep such a value
    # as text; the date parser then rejects it instead of the whole file failing.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)  # type: ignore[attr-defined]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def split(text: str) -> tuple[dict[str, Any] | None, str]:
    """``(metadata with lower-case keys, body)``; ``(None, text)`` when there is no
    front matter or it is not a valid YAML mapping."""
    if not text.startswith("---"):
        return None, text
    empty = _EMPTY.match(text)
    if empty:
        return {}, text[empty.end() :]
    m = _BLOCK.match(text)
    if not m:
        return None, text
    try:
        meta = yaml.load(m.group(1), Loader=_Loader)
    except Exception:  # YAMLError, but also RecursionError, ValueError… on hostile input
        return None, text
    if meta is None:  # only comments
        meta = {}
    if not isinstance(meta, dict):
        return None, text
    return {str(k).strip().lower(): v for k, v in meta.items()}, text[m.end() :]
