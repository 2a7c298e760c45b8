""""Did you mean": corrections from the index's own vocabulary.

A word of the query whose term is rare or missing in the index is replaced by
the most frequent term within edit distance 1 (2 from five letters on).  Terms are
lemmas and stems, so the correction is shown as a word found in an article
(«migartion» → «migration», «Ашхабат» → «Ашхабад»).
"""

from __future__ import annotations

import itertools
import re

from whoosh.query import Term
from whoosh.searching import Searcher

from searchapp.core import morphology
from searchapp.core.analysis import WORD_RE
from searchapp.core.snippets import match_spans

FIELD = "body"
RARE = 1  # a term in at most this many articles may be a typo
_SYNTAX = re.compile(r'[":*?()]|\b(?:AND|OR|NOT)\b|\w+:')


def _surface(searcher: Searcher, term: str, fallback: str) -> str:
    """A word of some article indexed under ``term`` (stems are not words)."""
    for docnum in itertools.islice(searcher.docs_for_query(Term(FIELD, term)), 3):
        body = searcher.stored_fields(docnum).get(FIELD, "")
        spans = match_spans(body, {term}, limit=1)
        if spans:
            (start, end), _ = spans[0]
            return body[start:end].lower()
    return fallback


def _correct(searcher: Searcher, word: str) -> str | None:
    term = morphology.query_terms(morphology.fold(word))[0]
    reader = searcher.reader()
    if len(term) < 4 or term.isdigit() or reader.doc_frequency(FIELD, term) > RARE:
        return None
    maxdist = 1 if len(term) < 5 else 2
    candidates = [
        c for c in reader.terms_within(FIELD, term, maxdist, prefix=1)
        if c != term and not c.startswith(morphology.NAME_KEY_PREFIX)
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda c: reader.doc_frequency(FIELD, c))
    if reader.doc_frequency(FIELD, best) <= reader.doc_frequency(FIELD, term):
        return None
    # Russian terms are lemmas, real words; English terms are stems: show a word.
    surface = best if morphology.is_cyrillic(best) else _surface(searcher, best, best)
    return surface[:1].upper() + surface[1:] if word[:1].isupper() else surface


def suggest_query(searcher: Searcher, query: str) -> str | None:
    """The query with likely typos corrected, or None.  Plain-word queries only."""
    if _SYNTAX.search(query):
        return None
    out, changed, pos = [], False, 0
    for m in WORD_RE.finditer(query):
        fixed = _correct(searcher, m.group())
        out.append(query[pos : m.start()])
        out.append(fixed or m.group())
        changed |= fixed is not None
        pos = m.end()
    out.append(query[pos:])
    return "".join(out) if changed else None
