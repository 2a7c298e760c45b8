"""Ctrl+C and SIGTERM during an indexing run started from the command line.

The first signal cancels the run: it commits what it has and ends, and the
caller reports what was kept.  A second one stops it at once.  For a Whoosh
index that is a :class:`KeyboardInterrupt` on the main thread, which abandons
the uncommitted writer on its way out.  A cluster run is not left to its main
thread for that: it may be waiting on a shard that hangs, or unwinding through
code that waits on the analysing processes, and a signal handler only runs
when the main thread runs Python.  There a thread of its own acts on both
signals, woken by the byte Python writes for each one to the fd given to
:func:`signal.set_wakeup_fd`, whatever the main thread is doing: the first
cancels the run (which ends once the main thread returns from its call), the
second ends the process; each shard server commits what it had received when
its connection drops, and the analysing processes end with their parent.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from types import FrameType

from searchapp.core.progress import Progress

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
STOPPING = "searchapp: stopping, keeping what was indexed… (again to stop at once)"
STOPPING_REBUILD = ("searchapp: stopping: the rebuild is abandoned, the index stays as it was… "
                    "(again to stop at once)")
STOPPED_AT_ONCE = "searchapp: stopped at once; the index keeps what was committed before"


class Interrupts:
    """Context manager for a run: handles :data:`STOP_SIGNALS` while it lasts.

    ``exit_at_once``: a second signal ends the process (status 128 + the first
    signal's number) instead of raising :class:`KeyboardInterrupt`; ``stopping``
    is said at the first."""

    def __init__(self, progress: Progress, *, exit_at_once: bool = False,
                 stopping: str = STOPPING) -> None:
        self.progress = progress
        self.exit_at_once = exit_at_once
        self.stopping = stopping
        """What the first signal is answered with."""
        self.signum: int | None = None
        """The first signal received, if any."""
        self._saved: dict[int, object] = {}
        self._wakeup: tuple[int, int] | None = None  # the pipe's read and write ends
        self._previous_wakeup_fd = -1
        self._watcher: threading.Thread | None = None

    @property
    def exit_code(self) -> int:
        """The exit status of a run that a signal stopped: 130 for SIGINT, 143 for SIGTERM."""
        return 128 + (self.signum or signal.SIGINT)

    def __enter__(self) -> Interrupts:
        for sig in STOP_SIGNALS:
            self._saved[sig] = signal.signal(sig, self._handle)
        if self.exit_at_once:
            read_end, write_end = os.pipe()
            os.set_blocking(write_end, False)  # as set_wakeup_fd requires
            self._wakeup = read_end, write_end
            self._previous_wakeup_fd = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
            self._watcher = threading.Thread(target=self._watch, args=(read_end,),
                                             name="stop at once", daemon=True)
            self._watcher.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._saved.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
        if self._wakeup is not None:
            read_end, write_end = self._wakeup
            signal.set_wakeup_fd(self._previous_wakeup_fd)
            os.close(write_end)  # the watcher reads the end of the pipe and returns
            if self._watcher is not None:
                self._watcher.join()
            os.close(read_end)

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        if self.exit_at_once:
            return  # the watcher acts on it, even while this thread is held in a call
        if self.signum is None:
            self.signum = signum
            print(f"\n{self.stopping}", file=sys.stderr, flush=True)
            self.progress.cancel()
        else:
            raise KeyboardInterrupt

    def _watch(self, read_end: int) -> None:
        """The watcher's thread: cancel the run at the first stop signal, end
        the process at the second."""
        while data := os.read(read_end, 64):  # b"" once __exit__ closes the pipe
            for signum in data:
                if signum not in STOP_SIGNALS:
                    continue
                if self.signum is None:
                    self.signum = signum
                    _write_stderr(f"\n{self.stopping}\n")
                    self.progress.cancel()
                else:
                    _write_stderr(f"\n{STOPPED_AT_ONCE}\n")  # not on a progress bar's line
                    os._exit(128 + self.signum)


def _write_stderr(text: str) -> None:
    """Write to stderr's fd itself: the main thread may hold sys.stderr's lock."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        fd = 2
    os.write(fd, text.encode())
