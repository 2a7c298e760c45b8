"""Errors raised by the searchapp core.

Hierarchy::

    SearchappError
    ├── IndexStateError
    │   ├── IndexBusyError      another process is writing the index
    │   ├── IndexMissingError   no index at the given location yet
    │   ├── IndexLocationError  the index folder cannot be made or written
    │   └── IndexDamagedError   the index exists but cannot be read
    │       └── IndexOutdatedError  made by another version: a run makes it anew
    ├── UsageError              asked for something that cannot be (a missing folder)
    └── ReadError               one article file could not be read or decoded
"""

from __future__ import annotations


class SearchappError(Exception):
    """Base of every error the core raises on purpose."""


class IndexStateError(SearchappError):
    """Something is wrong with the on-disk index."""


class IndexBusyError(IndexStateError):
    """Another writer holds the index lock."""


class IndexMissingError(IndexStateError):
    """There is no index at the location."""


class IndexLocationError(IndexStateError):
    """The index folder is a file, cannot be created or cannot be written."""


class UsageError(SearchappError):
    """A request that cannot be done as asked: a folder that does not exist,
    a folder the index does not have; the message says which."""


class IndexDamagedError(IndexStateError):
    """The index exists but a part of it cannot be read; rebuild it."""


class IndexOutdatedError(IndexDamagedError):
    """The index was made by another version of searchapp (another schema):
    nothing is wrong with it, but it cannot be searched until the next run
    reads its folders into a new one."""


class ReadError(SearchappError):
    """An article file could not be read; ``reason`` is for the ingest report."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
