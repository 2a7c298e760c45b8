"""The body terms of a cluster, for "did you mean" (:mod:`searchapp.core.spelling`)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import xapian

from searchapp.core.cluster.documents import FIELD_PREFIX, stored_record

BODY = FIELD_PREFIX["body"]


class XapianVocabulary:
    """The body terms of the shards opened as ``db``, with global frequencies."""

    def __init__(self, db: xapian.Database) -> None:
        self.db = db

    def doc_frequency(self, term: str) -> int:
        return int(self.db.get_termfreq(BODY + term))

    def terms_near(self, term: str, distance: int, prefix: int) -> Iterator[str]:
        """Body terms sharing ``term``'s first ``prefix`` letters whose length
        is within ``distance`` of its own (the edits are counted by the caller)."""
        start = BODY + term[:prefix]
        for item in self.db.allterms(start):
            candidate = item.term.decode("utf-8", "replace")[len(BODY):]
            if abs(len(candidate) - len(term)) <= distance:
                yield candidate

    def bodies(self, term: str) -> Iterator[str]:
        for item in itertools.islice(self.db.postlist(BODY + term), 3):
            yield str(stored_record(self.db.get_document(item.docid)).get("body", ""))
