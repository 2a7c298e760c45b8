"""The fast fragment cutter gives what the character-by-character walk gives."""

from __future__ import annotations

import random

from searchapp.core.results import Fragment
from searchapp.core.snippets import _fragment


def _plain_fragment(text: str, begin: int, end: int, spans: list[tuple[int, int]]) -> Fragment:
    """The character-by-character version the fast ``_fragment`` must equal."""
    out: list[str] = []
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    space = False
    for i in range(begin, end):
        ch = text[i]
        if ch.isspace():
            space = bool(out)
            continue
        if space:
            out.append(" ")
            space = False
        starts[i] = len(out)
        out.append(ch)
        ends[i + 1] = len(out)
    inside = tuple(
        (starts[s], ends[e]) for s, e in spans if begin <= s and e <= end and s in starts
        and e in ends
    )
    return Fragment("".join(out), inside, begin > 0, end < len(text))


def test_fast_fragment_equals_the_plain_walk() -> None:
    """Random texts full of odd whitespace (tabs, NBSP, U+2028, U+001F…) and
    spans that start or end on spaces or cross the window's edges."""
    rng = random.Random(13)
    alphabet = "ab мир\t\n\u00a0\u2028\u001f\u3000.,«»"
    for _ in range(3000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 60)))
        begin = rng.randint(0, len(text))
        end = rng.randint(begin, len(text))
        spans = sorted(
            (s, s + rng.randint(1, 6)) for s in rng.sample(range(len(text) + 1),
                                                           min(len(text), rng.randint(0, 8)))
        )
        assert _fragment(text, begin, end, spans) == _plain_fragment(text, begin, end, spans)
