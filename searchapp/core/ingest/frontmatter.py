"""YAML front matter (``---`` blocks at the top of Markdown articles)."""

from __future__ import annotations

import re
from typing import Any

import yaml

_BLOCK = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def split(text: str) -> tuple[dict[str, Any] | None, str]:
    """``(metadata, body)``; ``(None, text)`` when there is no valid front matter."""
    m = _BLOCK.match(text)
    if not m:
        return None, text
    try:
        meta = yaml.load(m.group(1), Loader=_Loader)
    except yaml.YAMLError:
        return None, text
    if not isinstance(meta, dict):
        return None, text
    return {str(k).lower(): v for k, v in meta.items()}, text[m.end() :]


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """The C safe loader when PyYAML has it (several times faster)."""
