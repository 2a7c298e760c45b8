"""Scraped text → headline and body without site chrome.

Pages saved from news sites carry navigation ("Latest news", "Read also:"),
view counters ("16k+"), image file names, promos, the dateline, a repeated
headline and byline, and sometimes a list of teasers of *other* articles
glued after the text (time, counter, headline, first lines ending in "...").
All of that is removed; the article's own paragraphs stay as they are, with
whitespace inside lines normalised.

The page is read as lines.  The *header* runs from the top to the first
line of prose; there the headline is the first line that is not chrome,
a dateline or a byline, and everything else except a subtitle is dropped.
Below, chrome lines are dropped wherever they stand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from searchapp.core.ingest import dates

TITLE_CHARS = 100
MAX_HEADLINE = 250  # longer lines are paragraphs
SHORT_LINE = 120  # a dateline-only line in the body is at most this long
MAX_GLUED_WORDS = 3
GLUED_AFTER = 100  # a glued link follows at least this much of its paragraph

_CHROME = re.compile(
    r"""(?:
        latest(?:\ news)? | (?:read|see)\ (?:more|also)(?:\ on\ .*)?:? | more\ news:? |
        tags?: | related(?:\ (?:news|articles|stories))?:? | share(?:\ this)?:? | print |
        advertisement | comments?:? | photo\ gallery | top\ stories |
        (?:stay\ up-to-date|follow\ us|subscribe|join\ us)\b.* |
        реклама | читайте\ (?:также|ещё|еще)(?:\ по\ теме)?:? | смотрите\ также:? |
        подробнее | теги: | поделиться:? | последние\ новости | главные\ новости |
        новости\ по\ теме:? | комментарии:? | (?:подписывайтесь|следите\ за)\b.*
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_SEPARATOR = re.compile(r"[\W_]+")  # "...", "***", "•", "|": no letter or digit
_COUNTER = re.compile(
    r"[•·|\s]*(?:\d[\d\s.,]*\s*(?:[kKкКmMмМ]\+?|\+)|"
    r"(?:views?|просмотр\w*)\s*:?\s*\d[\d\s.,]*[kKкК]?|\d[\d\s.,]*\s*(?:views?|просмотр\w*))",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"[•·|\s]*\d[\d\s.,]*")
_IMAGE = re.compile(r"\S.{0,150}\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg|heic)", re.IGNORECASE)
_BYLINE = re.compile(
    r"(?:(?:by|author|автор|текст|фото|photo)\s*:?\s+)?"
    r"[A-ZА-ЯЁ][\w'’.-]*(?:\s+[A-ZА-ЯЁ][\w'’.-]*){1,3}",
)
_BYLINE_MARK = re.compile(r"(?:by|author|автор|текст|фото|photo)\s*:?\s+\S", re.IGNORECASE)
_STAMP = re.compile(
    rf"""[•·|\s]*(?:
        (?:вчера|сегодня|позавчера|yesterday|today)(?:[,\s]+(?:в\s+|at\s+)?\d{{1,2}}:\d{{2}})? |
        \d+\s+(?:сек\w*|мин\w*|час\w*|дн\w*|день|недел\w*|
               seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+(?:назад|ago) |
        (?:\d{{1,2}}[./]\d{{1,2}}(?:[./]\d{{2,4}})?[,\s|]*)?\d{{1,2}}:\d{{2}} |
        \d{{1,2}}\s+(?:{dates.MONTH_RE})\.?(?:\s+\d{{4}})?
            (?:[,\s|]+(?:в\s+|at\s+)?\d{{1,2}}:\d{{2}})? |
        (?:{dates.MONTH_RE})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?(?:[,\s|]+(?:at\s+)?\d{{1,2}}:\d{{2}})?
    )[\s|]*""",
    re.IGNORECASE | re.VERBOSE,
)
_DATE_MARK = re.compile(r"^date:?\s+\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}\S*)?\s*", re.I)
# An outlet's signature closing the text: "…speeches.///nCa, 11 December 2024 (…)".
_SIGNATURE = re.compile(r"\s*(?<!:)///\s*[\w.-]+\b[^\n]{0,100}$")
_DATE_NOISE = re.compile(r"\d{1,2}:\d{2}|\(UTC[^)]*\)|\b(?:года?|г\.)")
_LETTER = re.compile(r"[^\W\d_]")
# A sentence ends after a word of two lower-case letters or digits (not "U.S.", "Dr.", "г.").
_SENTENCE_END = re.compile(r"(?<=[a-zа-яё0-9»\"”)]{2}[.!?…])\s+(?=[«\"“A-ZА-ЯЁ0-9])")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)[»\"”]?$")
_PROSE_END = re.compile(r"[.:;,]$")
_CLOSERS = "»\"”’')]"
# A link's text glued after the last sentence of a paragraph: "…современности». Туризм".
_GLUED = re.compile(r"(?<=[.!?…»\"”])\s+[A-ZА-ЯЁ][^\W\d_]*(?:[ -][^\W\d_]+){0,2}$")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The headline, the body, and the page text without appended teasers (for
    finding the date and the source)."""

    title: str
    body: str
    text: str


def is_chrome(line: str) -> bool:
    """Navigation, counters, separators, promos and image file names."""
    return bool(
        _CHROME.fullmatch(line)
        or _SEPARATOR.fullmatch(line)
        or _COUNTER.fullmatch(line)
        or _IMAGE.fullmatch(line)
    )


def is_stamp(line: str) -> bool:
    """A time or date line: "вчера 15:14", "2 hours ago", "03.03.2021 20:32", "11 декабря"."""
    return bool(_STAMP.fullmatch(line)) or is_dateline_only(line)


def is_dateline_only(line: str) -> bool:
    """A line holding a date and little else ("Politics Materials 15 June 2024 12:24")."""
    if len(line) > SHORT_LINE:
        return False
    found = dates.find_dates(line)
    if not found:
        return False
    rest = line
    for s, e, _ in reversed(found):
        rest = rest[:s] + rest[e:]
    return len(_LETTER.findall(_DATE_NOISE.sub(" ", rest))) <= dates.MAX_LABEL_LETTERS


def _is_prose(line: str) -> bool:
    """A line of running text rather than a headline."""
    return len(line) > MAX_HEADLINE or bool(_PROSE_END.search(line.rstrip(_CLOSERS)))


def _is_byline(line: str, title: str) -> bool:
    if len(line) > 60 or line == title:
        return False
    return bool(_BYLINE.fullmatch(line)) or bool(_BYLINE_MARK.match(line))


def _teaser_block(lines: list[str], content: list[int], n: int) -> tuple[int, bool] | None:
    """Parse one teaser at ``content[n]``: stamp, optional counter, headline, optional
    text.  Returns the position after it and whether its text ends with an ellipsis."""
    if not is_stamp(lines[content[n]]):
        return None
    n += 1
    if n < len(content) and (
        _COUNTER.fullmatch(lines[content[n]]) or _NUMBER.fullmatch(lines[content[n]])
    ):
        n += 1
    if n >= len(content):
        return None
    head = lines[content[n]]
    if len(head) > MAX_HEADLINE or is_stamp(head) or is_chrome(head):
        return None
    n += 1
    if n < len(content) and not (is_stamp(lines[content[n]]) or is_chrome(lines[content[n]])):
        return n + 1, bool(_ELLIPSIS_END.search(lines[content[n]]))
    return n, False


def teaser_start(lines: list[str]) -> int | None:
    """Index of the first line of the teasers of other articles appended to a page.

    Teasers are a run of blocks — a time or date line, an optional view
    counter, a headline and usually the start of the text — that lasts to the
    end of the page (chrome aside), follows at least one line of prose, and
    either has two blocks or more, or text cut off with "...".
    """
    content = [i for i, line in enumerate(lines) if line]
    seen_prose = False
    for n, i in enumerate(content):
        if not seen_prose:
            seen_prose = _is_prose(lines[i]) and not is_chrome(lines[i])
            continue
        blocks, cut_off, k = 0, False, n
        while k < len(content):
            block = _teaser_block(lines, content, k)
            if block is None:
                break
            k, ellipsis = block
            blocks += 1
            cut_off = cut_off or ellipsis
        if blocks and (blocks >= 2 or cut_off) and all(is_chrome(lines[j]) for j in content[k:]):
            return i
    return None


def first_sentence(text: str, limit: int = TITLE_CHARS) -> str:
    """The first sentence of ``text``, cut on a word boundary near ``limit`` with "…"."""
    text = " ".join(text.split())
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence.rstrip(".")
    cut = sentence[: limit + 1].rsplit(" ", 1)[0] if " " in sentence[:limit] else sentence[:limit]
    return cut.rstrip(",;:—–- ") + "…"


def _headline(lines: list[str]) -> tuple[int, str] | None:
    """The first line that reads like a headline, before the first paragraph."""
    for i, line in enumerate(lines):
        if not line or is_chrome(line) or is_dateline_only(line) or is_stamp(line):
            continue
        if _is_prose(line):
            return None
        return i, line
    return None


def _drop_glued(line: str) -> str:
    """A paragraph without a short link text glued after its last sentence."""
    m = _GLUED.search(line)
    if m and len(m.group().split()) <= MAX_GLUED_WORDS and m.start() >= GLUED_AFTER:
        return line[: m.start()]
    return line


def clean_scraped(text: str) -> Cleaned:
    """Headline, body and article text of a scraped page."""
    raw = text.splitlines()
    lines = [" ".join(line.split()) for line in raw]
    cut = teaser_start(lines)
    if cut is not None:
        raw, lines = raw[:cut], lines[:cut]
    lines = [_SIGNATURE.sub("", _DATE_MARK.sub("", line, count=1)) for line in lines]

    head = _headline(lines)
    title = head[1] if head else ""
    in_header = True
    body: list[str] = []
    previous = ""
    for i, line in enumerate(lines):
        if not line:
            if body and body[-1]:
                body.append("")
            continue
        if head and i == head[0]:
            continue
        if in_header and _is_prose(line) and not is_chrome(line):
            in_header = False
        if (
            is_chrome(line)
            or is_dateline_only(line)
            or line in (title, previous)
            or (in_header and (is_stamp(line) or _is_byline(line, title)
                               or _NUMBER.fullmatch(line)))
        ):
            continue
        previous = line
        body.append(_drop_glued(line))

    while body and (not body[-1] or (body[-1].endswith(":") and len(body[-1]) < 200)):
        body.pop()  # "Here are some photos:" introducing what was not saved
    body_text = "\n".join(body).strip()
    if not title:
        title = first_sentence(body_text)
    elif not body_text:  # a page that is only a headline: its text must stay searchable
        body_text = title
    return Cleaned(title, body_text, "\n".join(raw))
