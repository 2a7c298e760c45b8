"""From what a user types to a Whoosh query.

Syntax: plain words (all must match; ranked by relevance), ``"phrases"``
(also «guillemets»), ``OR``, ``NOT``/``-word``, ``prefix*``, fields
``title:``, ``source:``, ``lang:``, and brackets.  Words are in Russian,
English or both.  Whoosh's other syntax is none here: ``+`` parts words as
any punctuation (``N+1``; ``+word`` is the word), ``[a TO b]`` is words, and
a weight or distance (``word^2``, ``"…"~3``) is left out with a notice.

Parsing happens in two steps.  Whoosh's query parser reads the structure
against a *raw* schema whose text fields only split on whitespace; then every
word, phrase and prefix is rewritten with the real analysis
(:func:`searchapp.core.analysis.query_positions`), so a word stands for the
set of its lemmas, a hyphenated word for a phrase of its parts.

Nothing here raises on bad input: unbalanced quotes or brackets, unknown
fields, lone operators and very long input are repaired and reported in
``CompiledQuery.notices``; a query that cannot be parsed at all is searched
as plain words.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from whoosh import qparser
from whoosh import query as wq
from whoosh.analysis import STOP_WORDS, RegexTokenizer
from whoosh.fields import TEXT, Schema
from whoosh.qparser import syntax

from searchapp.core import morphology, names
from searchapp.core.analysis import iter_words, query_positions, source_words
from searchapp.core.notices import Notice, NoticeKind
from searchapp.core.schema import (
    BODY,
    KNOWN_FIELDS,
    LANG,
    QUERY_FIELDS,
    SOURCE_TEXT,
    TEXT_FIELDS,
    TITLE,
    has_positions,
)
from searchapp.core.scoring import OneWord, TitleOrBody
from searchapp.core.translit import FROM_CYRILLIC, FROM_LATIN

MAX_QUERY_CHARS = 1000
MAX_WORDS = 32  # typed words searched; more are left out, with a notice
MIN_PREFIX = 2
# A lower-case query word is taken for a name (and matched across scripts)
# when at least this share of the documents that have it have it
# capitalised: «tokayev» yes, «said» (Саид) or «марта» (Марта) no.  A
# capitalised query word is taken for a name, unless it is in capitals or
# the first word of a query of SENTENCE_WORDS words or more.
NAME_SHARE = 0.3
SENTENCE_WORDS = 3  # from this many words, a query's first capital may be grammar
# A word's alternatives (its readings, its name keys and spellings) score as
# one word: the best of them (DisMax), not their sum.  Title and body too:
# adding a share of the other field (0.3) lost 1-2 points of MRR@10 in
# bench/rank_eval.py, so the better field alone counts.
TITLE_BODY_TIEBREAK = 0.0
# The title clause's weight on top of the schema's field boost (2.0) when a
# word is searched in both fields: a headline shared by many articles should
# not outweigh the body (bench/rank_eval.py: 1 → 0.5 → 0.25 gave MRR@10 en
# 0.808 → 0.858 → 0.863, ru 0.927 → 0.933 → 0.933).
TITLE_WEIGHT = 0.25
# Two neighbouring words of a question of plain words found side by side in
# the body add this share of their scores: a phrase remembered from the
# article.  Matches do not change (the bonus only reorders them).  Keywords
# get none: their order is not the article's.
PAIR_BONUS = 1.0
MAX_PAIRS = 16
# A name's forms in the other script than the one typed (its sound key from
# that script, its names.toml forms written in it) are a weaker signal than
# the typed word: each such term weighs this share of the typed word's idf at
# most (its boost is the share × min(1, idf of the typed word's commonest
# own-script term / its own idf)).  Else a name rare in the other script
# («Путин» in English articles, «London» in Russian ones) outranked its
# articles in the typed script.
CROSS_SCRIPT_WEIGHT = 0.8
# The coordination bonus of a query of any words (a question, the closest
# matches): Whoosh's OrGroup scale, more words found scoring higher.
ANY_WORD_SCALE = 0.9
# The first word of a question that only says it is a question: left out of
# its words when the question keeps at least two others.
DROP_QUESTION_WORD = True
_OPENERS = """what why how when who whom whose where which did does do is are was were can
could will would should что почему как когда кто где какой какая какое какие каков зачем откуда
куда сколько чей чья чьё правда"""
QUESTION_OPENERS = frozenset(_OPENERS.split())

DocFrequency = Callable[[str], int]

_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"'})
_EXACT = "\ue000"  # marks a quoted single word; not a word character, so analysis drops it
_QUOTED_WORD = re.compile(r'"([^\s"]+)"')
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_FIELD_PREFIX = re.compile(r"(?<![\w:])([^\W\d_]\w*):(?=\S)")
# A known field (a space before its colon too), the spaces and minus after it,
# and the next word: «title: миграция» is meant for that word, «title:
# -миграция» without it, «title:» with no word after it (the end, an
# operator, a closing bracket) for none.
_FIELD_THEN = re.compile(
    rf"(?<![\w:])({'|'.join(sorted(KNOWN_FIELDS))})\s*:(\s*)(-*)(?=(\S*))", re.IGNORECASE)
_NOT_A_WORD = frozenset({"", "AND", "OR", "NOT"})
_QUOTED = re.compile(r'"([^"]*)"')
# A minus with a space after it is a dash («Ашхабад - конференция»), not "without".
_LONE_MINUS = re.compile(r"(?<!\S)-+(?!\S)")
# A «+» starting a word, or standing alone: Whoosh's "must have", which a
# news search does not have («нефть +газ» is «нефть газ»).
_LEADING_PLUS = re.compile(r"(?<![^\s(])\++")
_NEVER = r"(?!)"  # a pattern that matches nothing
# A weight or a distance of other search engines ending a word, a phrase or
# brackets: «нефть^2», «"нефть газ"~3».  Left out, with a notice (the digits
# were searched as a word after it).
_MARK = re.compile(r"(?<=[^\s(^~])[\^~]\d+(?:[.,]\d+)?(?=[\s)]|$)")
# An operator that joins nothing: AND/OR with no word before it (the start, an
# opening bracket, another operator), any operator with none after it (the
# end, a closing bracket); and brackets that hold nothing.
_DANGLING = (
    (re.compile(r"\(\s*\)"), " "),
    (re.compile(r"(^|\()\s*(?:AND|OR)(?=\s|\)|$)"), r"\1 "),
    (re.compile(r"(?<!\S)((?:AND|OR|NOT)\s+)(?:AND|OR)(?=\s|\)|$)"), r"\1"),
    (re.compile(r"(^|\s|\()(?:AND|OR|NOT)\s*(?=\)|$)"), r"\1"),
)
# Lower-case (or any-case) words between words that mean an operator: «нефть
# or газ», «нефть или газ» is either word, «oil and gas» all of them.  «not»,
# «не» stay words: «not guilty», «не виновен» are what is searched.
CONNECTORS = {"or": "OR", "или": "OR", "and": "AND", "и": "AND"}
_OPERATOR = re.compile(r"(?<![^\s(])(?:AND|OR|NOT)(?=\s|\)|$)")
_TOKEN = re.compile(r'"[^"]*"|[^\s"]+')
_MASK = "\ue001"  # stands for a quoted text while operators are read
# A «*» starting a word: no index lists words by their ends; the rest is searched.
_LEADING_STAR = re.compile(r"(?<![\w*?])\*+([^\W_][^\s()\"]*)")
LANGS = frozenset({"ru", "en"})
# Wildcards a user plainly means: ``?`` between letters (``wom?n``), ``*``
# after letters (``мигра*``, ``a*b``).  Any other ``?`` or ``*`` is punctuation:
# ``servitoris?`` ends a question, ``???`` and ``*`` alone are no words.
_PUNCT_WILDCARD = re.compile(r"(?<!\w)\*+|\?(?![\w*?])|(?<![\w*?])\?")


@dataclass
class CompiledQuery:
    """A Whoosh query (``None`` browses everything) and notes for the user."""

    query: wq.Query | None
    notices: tuple[Notice, ...] = ()
    words: int = 0  # positive word/phrase clauses: >1 allows a closest-match retry

    @property
    def browse(self) -> bool:
        return self.query is None

    @property
    def empty(self) -> bool:
        return self.query is wq.NullQuery


class _TitleOrBody(syntax.DisMaxGroup):  # type: ignore[misc]  # Whoosh is untyped
    qclass = TitleOrBody

    def __init__(
        self, nodes: list[Any] | None = None, boost: float = 1.0, **kwargs: object
    ) -> None:
        kwargs.setdefault("tiebreak", TITLE_BODY_TIEBREAK)
        super().__init__(nodes, boost, **kwargs)


def _raw_schema() -> Schema:
    """The fields a query may search, as the index has them (phrases where it
    keeps positions), but split on whitespace only, case kept («Газа» is a
    name, «газа» gas)."""
    raw = RegexTokenizer(r"\S+")
    return Schema(**{
        name: TEXT(analyzer=raw, phrase=has_positions(name))
        for name in dict.fromkeys(QUERY_FIELDS.values())
    })


@cache
def _parser(any_word: bool) -> qparser.QueryParser:
    schema = _raw_schema()
    group = qparser.OrGroup.factory(ANY_WORD_SCALE) if any_word else qparser.AndGroup
    parser = qparser.MultifieldParser(list(TEXT_FIELDS), schema, group=group)
    parser.remove_plugin_class(qparser.MultifieldPlugin)
    parser.add_plugin(qparser.MultifieldPlugin(list(TEXT_FIELDS), group=_TitleOrBody))
    # «-word» is NOT; a «+» is no operator (all words are required already):
    # inside a word it parts it as the index does (N+1, 2+2), starting one it is dropped.
    parser.add_plugin(qparser.PlusMinusPlugin(plusexpr=_NEVER))
    aliases: dict[str, list[str]] = {}
    for typed, name in QUERY_FIELDS.items():
        if typed != name:
            aliases.setdefault(name, []).append(typed)
    parser.add_plugin(qparser.FieldAliasPlugin(aliases))
    parser.remove_plugin_class(qparser.BoostPlugin)
    # «[а TO я]» is no range: the words are searched (a range over every
    # word of the index took 11 s at 3,205 articles, and nothing needs one).
    parser.remove_plugin_class(qparser.RangePlugin)
    return parser


def cut_query(text: str) -> str:
    """``text`` cut to its first :data:`MAX_QUERY_CHARS` characters, without
    the piece of a word the limit would cut (a word longer than the limit is cut)."""
    if len(text) <= MAX_QUERY_CHARS:
        return text
    cut = text[:MAX_QUERY_CHARS]
    if text[MAX_QUERY_CHARS].isalnum() and cut[-1].isalnum():
        cut = re.sub(r"[^\W_]+$", "", cut) or cut
    return cut


def _repair(text: str, notices: list[Notice], *, connectors: bool = True) -> str:
    """Fix what the parser would misread, saying what was changed;
    ``connectors``: read «or», «и»… between words as operators."""
    if len(text) > MAX_QUERY_CHARS:
        text = cut_query(text)
        notices.append(Notice(NoticeKind.QUERY_CUT, (MAX_QUERY_CHARS,)))
    text = _drop_leading_wildcards(text.translate(_QUOTES), notices)
    text = _drop_punctuation_wildcards(text)
    if text.count('"') % 2:
        i = text.rfind('"')
        text = text[:i] + " " + text[i + 1 :]
        notices.append(Notice(NoticeKind.QUOTE_NOT_CLOSED))
    text = _QUOTED.sub(lambda m: _unquote_wildcards(m, notices), text)
    text = _drop_marks(text, notices)
    text = _LONE_MINUS.sub(" ", _LEADING_PLUS.sub(" ", text))
    text = _FIELD_THEN.sub(lambda m: _join_field(m, notices), text)
    if connectors:
        text = _read_connectors(text, notices)
    text = _drop_dangling_operators(text, notices)
    balanced = _balance_brackets(text)
    if balanced != text:
        notices.append(Notice(NoticeKind.UNBALANCED_BRACKETS))
        # what was left open may hold nothing or end on an operator: «oil AND (»
        text = _drop_dangling_operators(balanced, notices)
    for name in {m.group(1) for m in _FIELD_PREFIX.finditer(text)}:
        if name.lower() not in KNOWN_FIELDS:
            notices.append(Notice(NoticeKind.UNKNOWN_FIELD, (name,)))
            text = re.sub(rf"(?<![\w:]){re.escape(name)}:", f"{name} ", text)
        elif name != name.lower():  # Title:газ is title:газ (the parser knows lower case only)
            text = re.sub(rf"(?<![\w:]){re.escape(name)}:", f"{name.lower()}:", text)
    # A quoted single word is searched exactly as written: no name variants.
    # Its minus is no operator there («"-миграция"»).
    text = _QUOTED_WORD.sub(lambda m: (m.group(1).lstrip("-") or m.group(1)) + _EXACT, text)
    # A hyphen inside a word joins it (онлайн-режим), it is not "minus".
    return _INNER_HYPHEN.sub("\u2010", text)


def _unquote_wildcards(m: re.Match[str], notices: list[Notice]) -> str:
    """A quoted text with a wildcard, unquoted: «"мигра*"» is the prefix (a
    quoted word only means "no name variants"); the words of a phrase with a
    wildcard are searched apart, which is said (no phrase holds a pattern)."""
    inner = m.group(1)
    if "*" not in inner and "?" not in inner:
        return m.group()
    if len(inner.split()) > 1:
        notices.append(Notice(NoticeKind.WILDCARD_IN_PHRASE))
    return f" {inner} "


def _join_field(m: re.Match[str], notices: list[Notice]) -> str:
    """``title: миграция`` → ``title:миграция``, ``title: -миграция`` →
    ``-title:миграция``; ``title:`` with no word after it is left out, which
    is said."""
    field, _, minus, following = m.groups()
    if following in _NOT_A_WORD or following.startswith(")"):
        notices.append(Notice(NoticeKind.EMPTY_FIELD, (field,)))
        return f" {minus}"
    return f"-{field}:" if minus else f"{field}:"


def _masked(text: str) -> tuple[str, list[str]]:
    """``text`` with each quoted text replaced by a mark, and the quoted texts."""
    quoted: list[str] = []

    def mask(m: re.Match[str]) -> str:
        quoted.append(m.group())
        return _MASK
    return _QUOTED.sub(mask, text), quoted


def _unmasked(text: str, quoted: list[str]) -> str:
    parts = text.split(_MASK)
    return "".join(itertools.chain.from_iterable(zip(parts, [*quoted, ""], strict=True)))


def _drop_dangling_operators(text: str, notices: list[Notice]) -> str:
    """``газ AND`` → ``газ``, ``газ AND ()`` → ``газ``: an operator that joins
    nothing is left out, which is said; so are brackets that hold nothing.
    Quoted text is left as it is."""
    masked, quoted = _masked(text.strip())
    operators = len(_OPERATOR.findall(masked))
    while True:
        cut = masked
        for pattern, by in _DANGLING:
            cut = " ".join(pattern.sub(by, cut).split())
        if cut == masked:
            break
        masked = cut
    if len(_OPERATOR.findall(masked)) < operators:
        notices.append(Notice(NoticeKind.DANGLING_OPERATOR))
    return _unmasked(masked, quoted)


def _read_connectors(text: str, notices: list[Notice]) -> str:
    """``нефть or газ`` → ``нефть OR газ``: a word of :data:`CONNECTORS` in any
    case (not the operator already) in a query of other words too is read as
    its operator (an OR is said: it widens the search; an AND is what the
    words are without it); at either end it joins nothing and is then
    left out as any operator is.  A word in quotes stays a word."""
    tokens = list(_TOKEN.finditer(text))
    if len(tokens) < 2:
        return text
    out, pos = [], 0
    for m in tokens:
        word = m.group()
        operator = CONNECTORS.get(word.lower())
        if operator is None or word == operator:
            continue
        if operator == "OR":  # «и», «and»: all the words, as without them; no news
            notices.append(Notice(NoticeKind.WORD_AS_OPERATOR, (word, operator)))
        out.append(text[pos : m.start()] + operator)
        pos = m.end()
    return "".join(out) + text[pos:]


def _drop_leading_wildcards(text: str, notices: list[Notice]) -> str:
    """``*ефть`` → ``ефть``: the word without the wildcards it begins with, which is said."""

    def drop(m: re.Match[str]) -> str:
        notices.append(Notice(NoticeKind.LEADING_WILDCARD, (m.group(), m.group(1))))
        return m.group(1)
    return _LEADING_STAR.sub(drop, text)


def _drop_marks(text: str, notices: list[Notice]) -> str:
    """``нефть^2`` → ``нефть``: a weight or distance ending a word, a phrase or
    brackets is left out, which is said.  Quoted text is left as it is."""
    masked, quoted = _masked(text)

    def drop(m: re.Match[str]) -> str:
        notices.append(Notice(NoticeKind.MARK_LEFT_OUT, (m.group(),)))
        return ""
    return _unmasked(_MARK.sub(drop, masked), quoted)


def _drop_punctuation_wildcards(text: str) -> str:
    """Remove every ``?``/``*`` that is punctuation, not a wildcard."""
    while True:
        cleaned = _PUNCT_WILDCARD.sub(" ", text)
        if cleaned == text:
            return text
        text = cleaned


def _balance_brackets(text: str) -> str:
    """Drop closing brackets that close nothing and close what stays open."""
    depth, kept = 0, []
    for ch in text:
        if ch == ")" and depth == 0:
            continue
        depth += (ch == "(") - (ch == ")")
        kept.append(ch)
    return "".join(kept) + ")" * depth


def compile_query(
    text: str,
    *,
    any_word: bool = False,
    question: bool = False,
    names: bool = True,
    doc_frequency: DocFrequency | None = None,
    doc_count: int = 0,
) -> CompiledQuery:
    """Compile user input; ``any_word`` asks for articles with any of the words,
    ``question`` (a question typed as is; implies ``any_word``) also leaves
    out its opening question word and scores its neighbouring words found
    side by side higher,
    ``names`` lets a name find its forms in the other script, its other
    spellings and its group of ``resources/names.toml``.  ``doc_frequency``
    (an index's) tells names from common words; without it every word that
    could be a name is taken for one.  With it and ``doc_count`` (the
    index's articles), a name's terms in the other script weigh no more than
    :data:`CROSS_SCRIPT_WEIGHT` of the typed word (without them, that share)."""
    notices: list[Notice] = []
    # NFC, as articles are read: «ёлка» typed as е + a combining diaeresis is «ёлка»
    text = unicodedata.normalize("NFC", text or "").strip()
    if not text:  # nothing typed browses; «*» alone is punctuation, no word
        return CompiledQuery(None)
    # A question's «and», «или» are its grammar: it is ranked on any of its words.
    text = _repair(text, notices, connectors=not question)
    if not text.strip() and notices and all(n.kind in _SYNTAX_ALONE for n in notices):
        # «title:» or «OR» typed, its word not yet: everything, as for an empty query
        return CompiledQuery(None, tuple(dict.fromkeys(notices)))
    any_word = any_word or question
    if question and DROP_QUESTION_WORD:
        text = _drop_question_word(text)
    # The capital of the first word of a sentence-like query says nothing.
    words = [w for _, _, w in iter_words(text)]
    first = words[0] if len(words) >= SENTENCE_WORDS else ""
    rewriter = _Rewriter(notices, names, doc_frequency, first, doc_count)
    searched = _without_function_words(text) if any_word else text
    try:
        q = rewriter.rewrite(_parser(any_word).parse(searched))
    except Exception:
        notices.append(Notice(NoticeKind.UNPARSABLE))
        rewriter = _Rewriter(notices, names, doc_frequency, first, doc_count)
        bare = " ".join(re.findall(r"[^\W_]+", text))
        q = rewriter.rewrite(_parser(any_word).parse(bare))
    q = q.normalize() if q is not None else wq.NullQuery
    if q is wq.NullQuery and _ONLY_NEGATED.fullmatch(text.strip()):
        # «-миграция» alone: Whoosh's parser drops a minus with nothing before
        # it; the words are excluded from everything, as «NOT миграция» is.
        try:
            q = rewriter.rewrite(_parser(any_word).parse(_MINUS.sub(r"\1NOT ", text)))
        except Exception:  # «-(-)»: a minus Whoosh cannot make a query of
            q = None
        q = q.normalize() if q is not None else wq.NullQuery
        if isinstance(q, wq.And) and all(isinstance(s, wq.Not) for s in q.subqueries):
            q = wq.Not(wq.Or([s.query for s in q.subqueries]))
    if rewriter.words > MAX_WORDS:
        notices.append(Notice(NoticeKind.TOO_MANY_WORDS, (rewriter.words,)))
    notices = list(dict.fromkeys(notices))
    if isinstance(q, wq.Not):
        q = wq.AndNot(wq.Every(), q.query)
    elif _matches_everything(q):
        return CompiledQuery(None, tuple(notices))
    if q is wq.NullQuery and not notices:
        notices.append(Notice(NoticeKind.NO_WORDS))
    elif question:
        q = _with_pair_bonus(q, text)
    return CompiledQuery(q, tuple(notices), rewriter.positive)


# What a query of syntax alone (a field, an operator, a bracket, a quote) says
# when it is repaired to nothing: it browses, as an empty query does.
_SYNTAX_ALONE = frozenset({
    NoticeKind.EMPTY_FIELD, NoticeKind.DANGLING_OPERATOR, NoticeKind.UNBALANCED_BRACKETS,
    NoticeKind.QUOTE_NOT_CLOSED, NoticeKind.WORD_AS_OPERATOR,
})
_ONLY_NEGATED = re.compile(r"-[^\s-].*", re.DOTALL)
_MINUS = re.compile(r"(^|\s)-(?=[^\s-])")
_PLAIN_TOKEN = re.compile(r"[^\W_]+(?:['’\u2010][^\W_]+)*[.,;:!…]*")


def _bare_words(text: str) -> list[str] | None:
    """The words of a query of plain words only (no operator, field, quote,
    bracket or wildcard), else None."""
    tokens = text.split()
    if any(t in ("AND", "OR", "NOT") or not _PLAIN_TOKEN.fullmatch(t) for t in tokens):
        return None
    return [w for _, _, w in iter_words(text)]


# Words that any article has: a query of any of its words (a question, the
# closest matches) is not matched on them alone («Who wrote the Liber
# servitoris?» found every article with «the» and marked each «the»).
_RUSSIAN_FUNCTION_WORDS = """и в во не на с со к ко по о об обо от до из за для у же ли бы а но
или да то это как так при про над под без через между"""
FUNCTION_WORDS = STOP_WORDS | frozenset(_RUSSIAN_FUNCTION_WORDS.split())


def _without_function_words(text: str) -> str:
    """A query of plain words without its function words, when others remain."""
    words = _bare_words(text)
    if not words:
        return text
    kept = [w for w in words if w.lower() not in FUNCTION_WORDS]
    return " ".join(kept) if kept and len(kept) < len(words) else text


def _drop_question_word(text: str) -> str:
    words = _bare_words(text)
    if not words or len(words) < 3 or words[0].lower() not in QUESTION_OPENERS:
        return text
    return text.split(None, 1)[1]


def _with_pair_bonus(q: wq.Query, text: str) -> wq.Query:
    """A query of any words (an ``Or``) that also scores neighbouring query
    words standing side by side in the body.  The phrases join the words'
    ``Or`` itself: they only match where the words do, so the matches stay
    the same.  (Whoosh's ``AndMaybe``, or an ``Or`` nested in another, drops
    documents when collecting over such a union.)"""
    words = _bare_words(text) if PAIR_BONUS > 0 and isinstance(q, wq.Or) else None
    if not words or len(words) < 2:
        return q
    pairs = dict.fromkeys(
        _sequence(BODY, query_positions(a) + query_positions(b))
        for a, b in itertools.pairwise(words)
        # «of the» would add the articles the words' Or left out
        if a.lower() not in FUNCTION_WORDS or b.lower() not in FUNCTION_WORDS
    )
    phrases = [p.with_boost(PAIR_BONUS) for p in pairs if p is not None][:MAX_PAIRS]
    if not phrases:
        return q
    return wq.Or([*q.subqueries, *phrases], boost=q.boost, scale=q.scale)


def _matches_everything(q: wq.Query) -> bool:
    if isinstance(q, wq.Or):
        return all(isinstance(s, wq.Every) for s in q.subqueries)
    return isinstance(q, wq.Every)


class _Rewriter:
    """Replace raw words with analysed alternatives, counting the words."""

    def __init__(
        self,
        notices: list[Notice],
        names: bool = True,
        doc_frequency: DocFrequency | None = None,
        first_word: str = "",
        doc_count: int = 0,
    ) -> None:
        self.notices = notices
        self.doc_count = doc_count
        self.names = names
        self.doc_frequency = doc_frequency
        self.words = 0
        self._in_word = False  # inside one word's title-or-body group
        self.first_word = first_word  # as typed: its capital may only start the query
        self._positive: set[object] = set()

    @property
    def positive(self) -> int:
        """How many distinct positive words/phrases the query has."""
        return len(self._positive)

    def _count_word(self) -> bool:
        """Count one more word; False when it is over the limit."""
        self.words += 1
        return self.words <= MAX_WORDS

    def rewrite(self, q: wq.Query, negated: bool = False) -> wq.Query | None:
        if isinstance(q, TitleOrBody) and not self._in_word:
            # One typed word, searched in the title and the body: counted once.
            if not self._count_word():
                return None
            self._in_word = True
            try:
                return self.rewrite(q, negated)
            finally:
                self._in_word = False
        if isinstance(q, wq.Term | wq.Phrase | wq.Prefix | wq.Wildcard):
            if not self._in_word and not self._count_word():
                return None
            out = self._leaf(q)
            if out is not None and not negated and q.fieldname in TEXT_FIELDS:
                self._positive.add(
                    tuple(q.words) if isinstance(q, wq.Phrase) else morphology.fold(q.text)
                )
            return out
        if isinstance(q, wq.Not):
            inner = self.rewrite(q.query, not negated)
            return wq.Not(inner) if inner is not None else None
        if isinstance(q, wq.AndNot):
            pos = self.rewrite(q.a, negated)
            neg = self.rewrite(q.b, not negated)
            if pos is None:
                return None
            return wq.AndNot(pos, neg) if neg is not None else pos
        if isinstance(q, wq.BinaryQuery):  # AndMaybe, Require, Otherwise…
            a, b = self.rewrite(q.a, negated), self.rewrite(q.b, negated)
            if a is None or b is None:
                return a or b
            return type(q)(a, b)
        if isinstance(q, wq.CompoundQuery):
            pairs = [
                (c, self._name_span(c, negated) if isinstance(c, list)
                 else self.rewrite(c, negated))
                for c in self._spans(q)
            ]
            if isinstance(q, TitleOrBody):  # a word of both fields: weigh the title
                pairs = [
                    (c, s.with_boost(TITLE_WEIGHT) if s and c.field() == TITLE else s)
                    for c, s in pairs
                ]
            subs = [s for _, s in pairs if s is not None]
            if not subs:
                return None
            if isinstance(q, wq.DisjunctionMax):
                return type(q)(subs, boost=q.boost, tiebreak=q.tiebreak)
            return type(q)(subs, boost=q.boost)
        if q is wq.NullQuery:
            return None
        return q

    def _spans(self, q: wq.CompoundQuery) -> list[Any]:
        """``q``'s children, with runs of plain words that spell a several-word
        form of a name group («Red Cross», «Красного Креста») as one list."""
        out: list[Any] = []
        kids = list(q.subqueries)
        longest = names.longest_form() if self.names else 1
        i = 0
        while i < len(kids):
            for n in range(min(longest, len(kids) - i), 1, -1):
                words = [_plain_word(k) for k in kids[i:i + n]]
                if all(words) and names.variants(" ".join(map(str, words))):
                    out.append([str(w) for w in words])
                    i += n
                    break
            else:
                out.append(kids[i])
                i += 1
        return out

    def _name_span(self, words: list[str], negated: bool) -> wq.Query | None:
        """Several words that are one form of a name group: that form as a
        phrase or any other form of its group, in the title or the body."""
        self.words += len(words)
        if self.words > MAX_WORDS:
            return None
        text = " ".join(words)
        forms = [query_positions(text), *names.variants(text)]
        by_field = []
        for fname in TEXT_FIELDS:
            alts = [x for x in (_sequence(fname, p) for p in forms) if x is not None]
            one = OneWord(alts) if len(alts) > 1 else alts[0]
            by_field.append(one.with_boost(TITLE_WEIGHT) if fname == "title" else one)
        if not negated:
            self._positive.add(tuple(morphology.fold(w) for w in words))
        return TitleOrBody(by_field, tiebreak=TITLE_BODY_TIEBREAK)

    def _leaf(self, q: wq.Query) -> wq.Query | None:
        fname = q.fieldname
        if fname == LANG:
            if not isinstance(q, wq.Term):
                return None
            if q.text.lower() not in LANGS:
                self.notices.append(Notice(NoticeKind.UNKNOWN_LANG))
            return wq.Term(LANG, q.text.lower())
        if fname == SOURCE_TEXT:
            return _plain_words(q, fname)
        if isinstance(q, wq.Prefix | wq.Wildcard):
            return self._pattern(q)
        if isinstance(q, wq.Phrase):  # quoted: exactly these words, no name variants
            return _sequence(fname, [alts for w in q.words for alts in query_positions(w)])
        exact = q.text.endswith(_EXACT) or not self.names
        positions = query_positions(q.text, scripts=not exact and self._is_name)
        own = _sequence(fname, positions)
        if exact:
            return own
        others = [_sequence(fname, positions) for positions in names.variants(q.text)]
        alternatives = [x for x in (own, *others) if x is not None]
        if len(positions) == 1:
            weigh = self._cross_script(morphology.fold(q.text), positions[0])
            alternatives = [weigh(x) for x in alternatives]
        if len(alternatives) > 1:
            return OneWord(alternatives)
        return alternatives[0] if alternatives else None

    def _cross_script(
        self, word: str, terms: tuple[str, ...]
    ) -> Callable[[wq.Query], wq.Query]:
        """What weighs the alternatives of the folded query ``word`` (whose
        own position stands for ``terms``): those written in the other script
        than ``word`` get the boost of :data:`CROSS_SCRIPT_WEIGHT`."""
        script = _script(word)
        df = self.doc_frequency if self.doc_count > 0 else None
        own_df = max((df(t) for t in terms if _script(t) == script), default=0) if df else 0

        def boost(idf: float) -> float:
            if df is None or idf <= 0:
                return CROSS_SCRIPT_WEIGHT
            return CROSS_SCRIPT_WEIGHT * min(1.0, _idf(self.doc_count, own_df) / idf)

        def weigh(node: wq.Query) -> wq.Query:
            if script is None:
                return node
            if isinstance(node, wq.Term):
                if _script(node.text) in (script, None):
                    return node
                return node.with_boost(boost(_idf(self.doc_count, df(node.text)) if df else 0))
            if isinstance(node, wq.Phrase | wq.Sequence):  # scored as the sum of its words
                words = list(node.iter_all_terms())
                if all(_script(t) in (script, None) for _, t in words):
                    return node
                return node.with_boost(boost(sum(
                    _idf(self.doc_count, df(t)) for _, t in words) if df else 0))
            if isinstance(node, wq.DisjunctionMax):
                subs = [weigh(s) for s in node.subqueries]
                return type(node)(subs, boost=node.boost, tiebreak=node.tiebreak)
            if isinstance(node, wq.Or):
                return type(node)([weigh(s) for s in node.subqueries], boost=node.boost)
            return node

        return weigh

    def _is_name(self, surface: str) -> bool:
        """Should this query word also match as a name across scripts?

        A capital is evidence of a name except on the first word of a query
        of several words (a question's «Who», «Какой») and in a word in
        capitals: those
        are judged by the index, like lower-case words."""
        if self.doc_frequency is None:
            return True
        if surface[:1].isupper() and not surface.isupper() and surface != self.first_word:
            return True
        probe = morphology.name_probe(morphology.fold(surface))
        if probe is None:
            return False
        word_term, key_terms = probe
        df = self.doc_frequency
        everywhere = df(word_term)
        return everywhere == 0 or max(map(df, key_terms)) >= NAME_SHARE * everywhere

    def _pattern(self, q: wq.Prefix | wq.Wildcard) -> wq.Query | None:
        text = morphology.fold(q.text)
        literal = re.sub(r"[*?]", "", text)
        if len(literal) < MIN_PREFIX:
            typed = q.text + "*" if isinstance(q, wq.Prefix) else q.text
            self.notices.append(Notice(NoticeKind.PREFIX_TOO_SHORT, (typed,)))
            return None
        if isinstance(q, wq.Wildcard):
            return wq.Wildcard(q.fieldname, text)
        alts: list[wq.Query] = [wq.Prefix(q.fieldname, text)]
        if morphology.is_latin(text):
            stem = morphology.stem_english(text)
            if stem != text and len(stem) >= MIN_PREFIX:
                alts.append(wq.Prefix(q.fieldname, stem))
        return alts[0] if len(alts) == 1 else wq.Or(alts)


def _script(term: str) -> str | None:
    """``"ru"`` or ``"en"``: the script a query or index term is written in
    (a sound key's prefix says its word's script), None for neither."""
    if term.startswith((morphology.NAME_KEY_PREFIX, FROM_CYRILLIC)):
        return "ru"
    if term.startswith(FROM_LATIN):
        return "en"
    if morphology.is_cyrillic(term):
        return "ru"
    return "en" if morphology.is_latin(term) and not term.isdigit() else None


def _idf(doc_count: int, df: int) -> float:
    """Whoosh's BM25 idf of a term in ``df`` of ``doc_count`` documents."""
    return math.log(doc_count / (df + 1)) + 1 if doc_count else 0.0


def _plain_word(q: wq.Query) -> str | None:
    """The word of a bare query word over title and body (not quoted, no
    wildcard), else None."""
    if not isinstance(q, TitleOrBody) or q.boost != 1.0:
        return None
    texts = {t.text for t in q.subqueries if isinstance(t, wq.Term)}
    if len(texts) != 1 or len(q.subqueries) != len(TEXT_FIELDS):
        return None
    word = str(texts.pop())
    return None if _EXACT in word else word


def _alternatives(fieldname: str, alts: tuple[str, ...], one: bool = False) -> wq.Query:
    """Any of ``alts`` at one position; ``one``: scored as one word (the best)."""
    if len(alts) == 1:
        return wq.Term(fieldname, alts[0])
    terms = [wq.Term(fieldname, a) for a in alts]
    return OneWord(terms) if one else wq.Or(terms)


def _sequence(fieldname: str, positions: list[tuple[str, ...]]) -> wq.Query | None:
    """One position → its alternatives; several → a phrase over them."""
    if not positions:
        return None
    if len(positions) == 1:
        return _alternatives(fieldname, positions[0], one=True)
    if all(len(alts) == 1 for alts in positions):
        return wq.Phrase(fieldname, [alts[0] for alts in positions])
    return wq.Sequence([_alternatives(fieldname, alts) for alts in positions])


def _plain_words(q: wq.Query, fieldname: str) -> wq.Query | None:
    text = " ".join(q.words) if isinstance(q, wq.Phrase) else q.text
    words = source_words(text)
    if not words:
        return None
    if len(words) == 1:
        return wq.Term(fieldname, words[0])
    return wq.Phrase(fieldname, words)


def _positive_leaves(q: wq.Query | None) -> Iterator[wq.Query]:
    """The leaves of ``q`` that make an article match (not under a NOT)."""
    if q is None or isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from _positive_leaves(q.a)
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _positive_leaves(child)


def highlight_terms(
    q: wq.Query | None,
    reader: object,
    expand: Callable[[wq.Query], Iterable[tuple[str, str | bytes]]] | None = None,
    *,
    phrases: bool = True,
) -> dict[str, frozenset[str]]:
    """``field → terms`` to mark in snippets: the positive terms of ``q``,
    with prefixes and wildcards expanded against the index (by ``expand``
    when given: the engine's remembered expansions); without the words of
    phrases when ``phrases`` is false."""
    out: dict[str, set[str]] = {}
    for node in _positive_leaves(q):
        if isinstance(node, wq.Phrase) and not phrases:
            continue
        terms = (
            expand(node) if expand is not None and isinstance(node, wq.Prefix | wq.Wildcard)
            else node.existing_terms(reader, expand=True)
        )
        for fname, text in terms:
            out.setdefault(fname, set()).add(
                text.decode("utf-8") if isinstance(text, bytes) else text
            )
    return {k: frozenset(v) for k, v in out.items()}


def unknown_source_clauses(
    q: wq.Query | None, doc_frequency: Callable[[str], int]
) -> list[Notice]:
    """A notice for each ``source:`` clause that makes an article match and
    names a word no source of the index has (``doc_frequency`` of a word of
    the sources' field): else a misspelt source finds nothing, unexplained."""
    notices = []
    for node in _positive_leaves(q):
        if not isinstance(node, wq.Term | wq.Phrase) or node.fieldname != SOURCE_TEXT:
            continue
        words = list(node.words) if isinstance(node, wq.Phrase) else [node.text]
        if any(doc_frequency(w) == 0 for w in words):
            notices.append(Notice(NoticeKind.UNKNOWN_SOURCE, (" ".join(words),)))
    return notices


def phrases_of(q: wq.Query | None) -> list[tuple[tuple[str, ...], int]]:
    """The words and slop of each phrase that makes an article match."""
    return [(tuple(node.words), node.slop) for node in _positive_leaves(q)
            if isinstance(node, wq.Phrase)]
