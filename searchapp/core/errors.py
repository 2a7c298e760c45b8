"""Errors raised by the searchapp core.

Hierarchy::

    SearchappError
    ├── IndexError_
    │   ├── IndexBusyError      another process is writing the index
    │   ├── IndexMissingError   no index at the given location yet
    │   └── IndexDamagedError   the index exists but cannot be read
    ├── QueryError              a query that cannot be run even best-effort
    └── ReadError               one article file could not be read or decoded
"""

from __future__ import annotations


class SearchappError(Exception):
    """Base of every error the core raises on purpose."""


class IndexError_(SearchappError):  # noqa: N801 - avoid shadowing builtins.IndexError
    """Something is wrong with the on-disk index."""


class IndexBusyError(IndexError_):
    """Another writer holds the index lock."""


class IndexMissingError(IndexError_):
    """There is no index at the location."""


class IndexDamagedError(IndexError_):
    """The index exists but a part of it cannot be read; rebuild it."""


class QueryError(SearchappError):
    """The query cannot be run; the message says why in one line."""


class ReadError(SearchappError):
    """An article file could not be read; ``reason`` is for the ingest report."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
