""""Did you mean": corrections from the index's own vocabulary.

A word of the query whose term is rare or missing in the index is replaced by
the closest more frequent term within edit distance 1 (2 from five letters on);
a swap of two letters counts as one edit (optimal string alignment, by
rapidfuzz), and among the closest the most frequent wins, so «migartion» is
«migration», not the commoner «might».  Terms are lemmas and stems, so the
correction is shown as a word found in an article («Ашхабат» → «Ашхабад»).
"""

from __future__ import annotations

import itertools
import re

from rapidfuzz.distance import OSA
from whoosh.query import Term
from whoosh.searching import Searcher

from searchapp.core import morphology
from searchapp.core.analysis import WORD_RE
from searchapp.core.schema import BODY
from searchapp.core.snippets import match_spans

FIELD = BODY
RARE = 1  # a term in at most this many articles may be a typo
MIN_WORD = 4  # shorter words are not corrected
PREFIX = 2  # letters a correction keeps from the word (typos there are rare; much faster)
_SYNTAX = re.compile(r'[":*?()]|\b(?:AND|OR|NOT)\b|\w+:')


def _surface(searcher: Searcher, term: str, fallback: str) -> str:
    """A word of some article indexed under ``term`` (stems are not words)."""
    for docnum in itertools.islice(searcher.docs_for_query(Term(FIELD, term)), 3):
        body: str = searcher.stored_fields(docnum).get(FIELD, "")
        spans = match_spans(body, {term}, limit=1)
        if spans:
            (start, end), _ = spans[0]
            return body[start:end].lower()
    return fallback


def _correct(searcher: Searcher, word: str) -> str | None:
    folded = morphology.fold(word)
    term = morphology.query_terms(folded)[0]
    reader = searcher.reader()
    own = reader.doc_frequency(FIELD, term)
    if len(term) < MIN_WORD or term.isdigit() or own > RARE:
        return None
    # An unknown Russian word gets a guessed lemma («президнет» → «президнуть»)
    # that may be further from the intended word than the word itself: try both.
    sources = {term, folded} if morphology.is_cyrillic(folded) else {term}
    sources = {w for w in sources if len(w) >= MIN_WORD}
    candidates: dict[str, tuple[int, int]] = {}
    for source in sources:
        allowed = 1 if len(source) < 5 else 2
        # Whoosh counts a swap as two edits: look that far, then judge by OSA.
        for c in reader.terms_within(FIELD, source, 2, prefix=PREFIX):
            if c in sources or morphology.is_key_term(c):
                continue
            distance = OSA.distance(source, c)
            df = reader.doc_frequency(FIELD, c)
            if distance <= allowed and df > own:
                rank = (distance, -df)
                candidates[c] = min(candidates.get(c, rank), rank)
    if not candidates:
        return None
    best = min(candidates, key=lambda c: (candidates[c], c))
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
