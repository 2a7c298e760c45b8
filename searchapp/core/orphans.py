"""Worker processes end with the run that started them.

A worker of an indexing run (Whoosh's or a cluster's analysers) waits on a
queue whose pipe it holds both ends of, so it never sees its parent go: a
run killed with SIGKILL (or by the out-of-memory killer), or one stopped at
once before it ended its workers, left them waiting for ever, holding the
terminal's output open.  :func:`end_with_parent` is called first thing in a
worker: a thread waits on the parent's sentinel (readable once the parent is
gone) and ends the worker then.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading

ORPHAN_EXIT = 70
"""A worker's exit status when its run went away (no one reads it: the run is gone)."""


def end_with_parent() -> None:
    """In a worker process: end it as soon as the process that started it is gone."""
    parent = multiprocessing.parent_process()
    if parent is None:  # not a multiprocessing child
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(ORPHAN_EXIT)

    threading.Thread(target=watch, name="end with parent", daemon=True).start()
