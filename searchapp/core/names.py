"""Name groups across scripts and spellings, from ``resources/names.toml``.

A query word that is a form of a group also stands for the other forms
(IOM ↔ МОМ, Ashgabat ↔ Ашхабад): each form is analysed like any query word,
so Russian forms match in every case («Ашхабаде», «Мередовым»).
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path

from searchapp.core.analysis import query_positions
from searchapp.core.errors import SearchappError
from searchapp.core.paths import RESOURCES_DIR

Positions = list[tuple[str, ...]]


class NamesFileError(SearchappError):
    """The names file cannot be read; the message names the file."""


def names_path() -> Path:
    env = os.environ.get("SEARCHAPP_NAMES")
    return Path(env) if env else RESOURCES_DIR / "names.toml"


@cache
def _groups(path: Path) -> dict[object, tuple[Positions, ...]]:
    """Lookup table: a term of a one-word form, or the positions of a longer
    form → the analysed forms of its group."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise NamesFileError(f"cannot read the names file {path}: {exc}") from None
    table: dict[object, tuple[Positions, ...]] = {}
    for i, group in enumerate(data.get("group", []), 1):
        forms = group.get("forms") if isinstance(group, dict) else None
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise NamesFileError(f"{path}: group {i} needs forms = [\"…\", \"…\"]")
        analysed = tuple(p for p in (query_positions(f) for f in forms) if p)
        for positions in analysed:
            if len(positions) == 1:  # any of its terms: «Мередовым» meets «Мередов»
                for term in positions[0]:
                    table[term] = analysed
            else:
                table[tuple(positions)] = analysed
    return table


def variants(word: str) -> tuple[Positions, ...]:
    """The forms of ``word``'s name group (analysed) other than ``word``, or ()."""
    positions = query_positions(word)
    if not positions:
        return ()
    table = _groups(names_path())
    keys = list(positions[0]) if len(positions) == 1 else [tuple(positions)]
    group = next((table[k] for k in keys if k in table), ())
    own = set(keys)
    return tuple(
        p for p in group
        if not (own & (set(p[0]) if len(p) == 1 else {tuple(p)}))
    )


@cache
def longest_form() -> int:
    """The most words a form of any group has (1 when all are single words)."""
    return max(
        (len(k) for k in _groups(names_path()) if isinstance(k, tuple)), default=1
    )


def clear_cache() -> None:
    longest_form.cache_clear()
    _groups.cache_clear()
