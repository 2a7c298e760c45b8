"""Front matter read without YAML gives what YAML gives, and only then."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from searchapp.core.ingest import frontmatter

USUAL = ('title: "Мигранты: \\"новые\\" правила ⚡️"\ndate: 2024-11-05\n'
         'source: "Telegram: КиберТопор"\ncategory: "personal"')


def _yaml(block: str) -> dict[str, object]:
    meta = yaml.load(block, Loader=frontmatter._Loader)
    return {str(k).lower(): v for k, v in meta.items()}


def test_the_usual_block_is_read_without_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpora's shape (quoted strings with escaped quotes, a date) never
    reaches PyYAML, and reads as PyYAML reads it."""
    expected = _yaml(USUAL)

    def no_yaml(*args: object, **kwargs: object) -> object:
        raise AssertionError("PyYAML was called")

    monkeypatch.setattr(yaml, "load", no_yaml)
    fm = frontmatter.parse(f"---\n{USUAL}\n---\nТекст статьи.\n")
    assert fm.meta == expected == {
        "title": 'Мигранты: "новые" правила ⚡️', "date": dt.date(2024, 11, 5),
        "source": "Telegram: КиберТопор", "category": "personal"}
    assert (fm.body, fm.warning) == ("Текст статьи.\n", "")


@pytest.mark.parametrize("line", [
    'yes: "a"',  # a bool key
    'Null: "a"',
    'title: "a\x85b"',  # NEL: a line break for YAML 1.1
    'title: "a\u2028b"',
    'title: "a\\nb"',  # an escape other than \" and \\
    'title: "a\x07b"',  # not printable
    'title: "a" # comment',
    "title: 'single'",
    "date: 2024-13-01",  # no such day: YAML raises, as it did before
    "date: 2024-1-05",
    "title: plain",
    'title:  "two spaces"',
    "",
])
def test_anything_else_goes_to_yaml(line: str) -> None:
    assert frontmatter._simple(f'title: "x"\n{line}') is None


LINE_KEYS = st.sampled_from(["title", "Date", "source", "yes", "On", "NULL", "x-id", "_k", "a1"])
TEXT = st.text(st.sampled_from(list('aя Z9:#"\'\\\t\x85\x7f\x9f\xa0\u2028\u2029\ufeff\ud7ff'
                                    '\ue000\ufffd\U0001f600-{}[]&*!|>%@`')), max_size=12)
DATES = st.tuples(st.integers(0, 9999), st.integers(0, 19), st.integers(0, 39)).map(
    lambda d: f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}")


@st.composite
def _lines(draw: st.DrawFn) -> str:
    key = draw(LINE_KEYS)
    if draw(st.booleans()):
        return f"{key}: {draw(DATES)}"
    return f'{key}: "{draw(TEXT)}"'


@settings(max_examples=400, deadline=None)
@given(st.lists(_lines(), min_size=1, max_size=4))
@example(['title: "a \\" b \\\\ c"', "date: 2024-02-29", 'title: "again"'])
def test_a_block_read_without_yaml_is_what_yaml_reads(lines: list[str]) -> None:
    block = "\n".join(lines)
    simple = frontmatter._simple(block)
    if simple is not None:
        assert simple == _yaml(block)
