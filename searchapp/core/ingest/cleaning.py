"""Scraped text → headline and body without site chrome.

Pages saved from news sites carry navigation ("Latest news", "Read also:"),
view counters ("16k+"), image file names, promos, the dateline, a repeated
headline and byline, and sometimes a list of teasers of *other* articles
glued after the text (time, counter, headline, first lines ending in "...").
All of that is removed; the article's own paragraphs stay as they are.

Every format's text first goes through :func:`normalize_text`: NFC, and no
invisible characters inside words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from searchapp.core.ingest import dates

TITLE_CHARS = 100
DATELINE_CHARS = 120  # a longer line with a date is text
MAX_HEADLINE = 250

_CHROME = re.compile(
    r"""^(?:
        latest(?:\ news)? | read\ (?:more|also):? | see\ also:? | related(?:\ news)?:? |
        share | print | advertisement | реклама | читайте\ также:? | смотрите\ также:? |
        поделиться | последние\ новости | (?:\.{3}|…) |
        (?:tags?|теги|метки):.* | (?:read\ also|see\ also|читайте\ также|смотрите\ также):.* |
        stay\ up-to-date\ with\ more\ news\ on\ .* | follow\ us\ on\ .* |
        подписывайтесь\ на\ .* |
        skip\ to\ (?:main\ )?content | menu | search | sign\ in | log\ in | главная |
        меню | поиск(?:\ по\ сайту)? | войти | регистрация |
        ©.* | (?:\(c\)|copyright)\ *(?:©|(?:19|20)\d\d).* |
        .*(?:©|(?:19|20)\d\d).*(?:все\ права\ защищены|all\ rights\ reserved)\.?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A line of a site's own buttons: sign-in, share and comment links («Войти  Регистрация»,
# "Sign in | Register", «Поделиться: ВКонтакте Telegram WhatsApp», «Комментарии (0)»): only
# such words, separators and counts, with a button's word or two networks' names. A comment
# word alone is a heading (the observers' «Комментарии» in a report): it takes a count.
_TOOL = (r"войти|вход|регистрация|зарегистрироваться|авторизация|личный\ кабинет|"
         r"поделиться|версия\ для\ печати|распечатать|"
         r"sign\ (?:in|up|out)|log\ ?(?:in|out)|register|registration|my\ account|"
         r"share(?:\ (?:this|on|article))?|tweet|print(?:\ this)?|email\ this")
_COMMENTS = (r"комментари[йияев]{1,2}|комментировать|(?:оставить|написать)\ комментарий|"
             r"comments?|(?:leave|add|post)\ a\ comment")
_NETWORK = (r"вконтакте|vk|одноклассники|telegram|телеграм|whatsapp|viber|facebook|twitter|"
            r"linkedin|reddit|pinterest|instagram|youtube|e-?mail|мой\ мир|livejournal|жж|дзен")
_TOOL_SEP = r"[\s|•·/:,()\[\]\d+–—-]"
_TOOL_LINE = re.compile(
    rf"^{_TOOL_SEP}*(?:(?:{_TOOL}|{_COMMENTS}|{_NETWORK})(?!\w){_TOOL_SEP}*)+$", re.IGNORECASE)
_TOOL_WORD = re.compile(rf"(?<!\w)(?:{_TOOL})(?!\w)", re.IGNORECASE)
_COMMENT_WORD = re.compile(rf"(?<!\w)(?:{_COMMENTS})(?!\w)", re.IGNORECASE)
_NETWORK_WORD = re.compile(rf"(?<!\w)(?:{_NETWORK})(?!\w)", re.IGNORECASE)
_CLOCK = re.compile(r"\d[:.]\d")
TOOL_LINE_CHARS = 100
_COUNTER = re.compile(r"^[•·\s]*\d+(?:[.,]\d+)?\s*[kKкКmM]?\+?$")
_IMAGE = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|tiff?)$", re.IGNORECASE)
_TIME_LINE = re.compile(
    r"^[•·\s]*(?:(?:вчера|сегодня|yesterday|today)[,\s]*)?"
    r"(?:\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?[,\s|]*)?\d{1,2}:\d{2}[\s|]*$",
    re.IGNORECASE,
)
_DATE_MARK = re.compile(r"^\s*date\s+\d{4}-\d{1,2}-\d{1,2}\s*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"“A-ZА-ЯЁ0-9])")
_WORD_SENTENCE_END = re.compile(r"[^\W\d_]{2}[.!?…]+(?:\s|$)")
_TEASER_END = re.compile(r"(?:\.\.\.|…)\s*$")
# A menu: capitalised items of one or two words ("Новости", "World news"),
# four or more on lines of their own at the top (or three of the site words
# of _CHROME: "Skip to main content", "Menu", "Search"), or three or more on
# one line between bars ("Главная | Новости | Политика").
_NAV_ITEM = re.compile(r"^[^\W\d_][\w'’&-]*(?: [\w'’&-]+)?$")
_NAV_BAR = re.compile(r"\s+[|•·]\s+")
NAV_RUN = 3
NAV_LINES = 4
# After a line that is only "Read more" / «Читайте также»: headlines of other
# articles, one per line, up to a blank line or a sentence.
_MORE = re.compile(r"^(?:read (?:more|also)|see also|related(?: news)?|читайте также|"
                   r"смотрите также|последние новости|latest(?: news)?):?$", re.IGNORECASE)
_SENTENCE_ENDS = (".", "!", "?", "…", '"', "»", "”", ":")


# Invisible characters that split a word for the index («ми\u00adгра\u00adции» was not
# found by «миграция»): the soft hyphen, the zero-width space, the word joiner, a byte-order
# mark inside the text, the marks of text direction (nothing in Russian or English text)...
_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
                        # ... and the zero-width (non-)joiner beside a letter or digit (between
                        # two emoji the joiner makes one picture of them: 👨‍👩‍👧 stays)
                        "|(?<=\\w)[\u200c\u200d]+|[\u200c\u200d]+(?=\\w)")
_ANY_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def normalize_text(text: str) -> str:
    """``text`` in NFC (ё and й written as a letter and a combining mark, as macOS
    and some PDFs write them, were found by no query) and without the invisible
    characters of :data:`_INVISIBLE`."""
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _INVISIBLE.sub("", text) if _ANY_INVISIBLE.search(text) else text


@dataclass(frozen=True, slots=True)
class Cleaned:
    title: str
    body: str


def chrome_line(line: str) -> bool:
    """A line (spaces collapsed) of a site's chrome: a menu, a button, a counter,
    a copyright line, an image's file name."""
    return bool(_CHROME.match(line) or _COUNTER.match(line) or _IMAGE.search(line)
                or _is_menu_line(line) or _is_tool_line(line))


def _is_tool_line(line: str) -> bool:
    """«Войти Регистрация», "Share this: Facebook Twitter", «Комментарии (0)»: a site's
    buttons (see :data:`_TOOL_LINE`), not a sentence."""
    if len(line) > TOOL_LINE_CHARS or _CLOCK.search(line) or not _TOOL_LINE.match(line):
        return False  # «Регистрация: 9:00» is a programme's line
    return bool(
        _TOOL_WORD.search(line)
        or (_COMMENT_WORD.search(line) and any(c.isdigit() for c in line))
        or len(_NETWORK_WORD.findall(line)) >= 2
    )


def _is_menu_line(line: str) -> bool:
    """«Главная | Новости | Политика»: a menu on one line."""
    items = _NAV_BAR.split(line)
    return len(items) >= NAV_RUN and all(_is_nav_item(item) for item in items)


def _is_nav_item(line: str) -> bool:
    return bool(_NAV_ITEM.match(line)) and line[0].isupper()


def _leading_menu(lines: list[str]) -> int:
    """How many lines at the top are a menu (see :data:`_NAV_ITEM`), with text
    after it: a headline, a byline and a place (three short lines) are not."""
    end = items = site_words = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        if _CHROME.match(line):
            site_words += 1
        elif not _is_nav_item(line):
            break
        end, items = i + 1, items + 1
    else:
        return 0  # nothing after it: the text itself, a list
    return end if items >= NAV_LINES or site_words >= NAV_RUN else 0


def _is_dateline_only(line: str, *, sentences: bool = False) -> bool:
    """A line that holds a date/time and little else ("Politics Materials 15 June 2024 …");
    with ``sentences``, not one whose other words end a sentence ("Мигрантам помогают.
    12.03.2024"): the body keeps such a line, short as it is."""
    if _TIME_LINE.match(line) or dates.short_year_dateline(line):
        return True
    found = dates.find_dates(line)
    if not found:
        return False
    rest = line
    for s, e, _ in reversed(found):
        rest = rest[:s] + rest[e:]
    if sentences and _WORD_SENTENCE_END.search(rest):
        return False
    rest = re.sub(r"\d{1,2}:\d{2}|\(UTC[^)]*\)|[|•·,()+\-:]", " ", rest)
    return len(re.findall(r"[^\W\d_]", rest)) <= 25


def dateline_only(line: str) -> bool:
    """A short line of a date or a time and little else, which a text leaves out."""
    return len(line) < DATELINE_CHARS and _is_dateline_only(line, sentences=True)


def _teaser_start(lines: list[str]) -> int | None:
    """Index of the first line of a run of teasers of other articles, if any.

    A teaser is a time line ("вчера 15:14"), an optional counter ("3.2k+"),
    a headline and a paragraph ending with "...".
    """
    content = [i for i, line in enumerate(lines) if line]
    for n, i in enumerate(content):
        if n == 0 or not _TIME_LINE.match(lines[i]):
            continue
        rest = content[n + 1 : n + 4]
        if rest and _COUNTER.match(lines[rest[0]]):
            rest = rest[1:]
        if len(rest) >= 2 and len(lines[rest[0]]) <= MAX_HEADLINE and _TEASER_END.search(
            lines[rest[1]]
        ):
            return i
    return None


def _headline(lines: list[str]) -> tuple[int, str] | None:
    """The first line that reads like a headline, before the first paragraph."""
    for i, line in enumerate(lines):
        if not line or chrome_line(line) or _is_dateline_only(line):
            continue
        if len(line) <= MAX_HEADLINE and not line.endswith((".", ":", ";", ",")):
            return i, line
        return None
    return None


def first_sentence(text: str, limit: int = TITLE_CHARS) -> str:
    """The first sentence of ``text``, cut on a word boundary at ``limit``."""
    text = " ".join(text.split())
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence.rstrip(".")
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—- ") + "…"


def clean_scraped(text: str, *, title: str = "") -> Cleaned:
    """Headline and body of a scraped page; with ``title`` (a Markdown heading
    already taken off the text) no headline is looked for, a line repeating it
    is dropped."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [_DATE_MARK.sub("", line) for line in lines]
    cut = _teaser_start(lines)
    if cut is not None:
        lines = lines[:cut]
    menu = _leading_menu(lines)
    lines = [""] * menu + lines[menu:]
    head = None if title else _headline(lines)
    title = title or (head[1] if head else "")
    body_lines: list[str] = []
    previous = ""
    teasers = False  # after "Read more": the lines that follow are other articles' headlines
    for i, line in enumerate(lines):
        if head and i == head[0]:
            continue
        if teasers and line and len(line) <= MAX_HEADLINE and not line.endswith(_SENTENCE_ENDS):
            continue
        teasers = bool(line and _MORE.match(line))  # a blank line or a sentence ends them
        if line and (
            chrome_line(line)
            or dateline_only(line)
            or line in (title, previous)
        ):
            continue
        if line or (body_lines and body_lines[-1]):
            body_lines.append(line)
        previous = line or previous
    body = "\n".join(_paragraphs(body_lines)).strip()
    if not body:  # a file of one line has it as its title and its text
        only = [line for line in lines if line and not chrome_line(line)]
        if len(only) == 1:
            body = only[0]
        elif not only:  # a Markdown file of its heading alone
            body = title
    if not title:
        title = first_sentence(body)
    return Cleaned(title, body)


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines with single blank lines between paragraphs."""
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1]:
            out.append("")
    return out
