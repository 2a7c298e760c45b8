"""Background operations: a callable run on a thread pool, its outcome sent
back to the GUI thread as a signal.  Workers never touch widgets."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, Signal


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class Operation(QRunnable):
    """Run ``fn()`` on a pool thread; ``on_success(result)`` or
    ``on_failure(exception)`` are then called on the GUI thread."""

    def __init__(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the caller keeps it until its outcome arrives
        self._fn = fn
        self.signals = _Signals()  # lives in the GUI thread: queued delivery there
        queued = Qt.ConnectionType.QueuedConnection
        self.signals.succeeded.connect(on_success, queued)
        self.signals.failed.connect(on_failure, queued)

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:
            self._send(self.signals.failed, exc)
        else:
            self._send(self.signals.succeeded, result)

    @staticmethod
    def _send(signal: Any, value: object) -> None:
        # The window may have gone away meanwhile: then there is nobody to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)
