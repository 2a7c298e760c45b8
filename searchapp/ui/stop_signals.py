"""Ctrl+C and SIGTERM close the window as its close button does.

Python runs a signal handler only between bytecodes, and Qt's event loop
runs none while it waits: a Ctrl+C in the terminal went unnoticed until the
next event.  The C-level handler writes the signal to a socket
(:func:`signal.set_wakeup_fd`) that Qt watches, so the loop wakes at once and
Python runs the handler, which closes the window (its state is saved and an
indexing run keeps what it did, as when the window is closed by hand).
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QWidget

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def close_on_stop_signals(window: QWidget) -> Callable[[], None]:
    """Close ``window`` on SIGINT or SIGTERM; returns what undoes it."""
    wake, woken = socket.socketpair()
    for sock in (wake, woken):
        sock.setblocking(False)
    previous_fd = signal.set_wakeup_fd(wake.fileno())
    previous = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    notifier = QSocketNotifier(woken.fileno(), QSocketNotifier.Type.Read, window)
    notifier.activated.connect(lambda *_: _drain(woken))  # Python then runs the handler
    for sig in STOP_SIGNALS:
        signal.signal(sig, lambda *_: window.close())

    def undo() -> None:
        notifier.setEnabled(False)
        signal.set_wakeup_fd(previous_fd)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        wake.close()
        woken.close()

    return undo


def _drain(sock: socket.socket) -> None:
    try:
        while sock.recv(64):
            pass
    except BlockingIOError:
        pass
