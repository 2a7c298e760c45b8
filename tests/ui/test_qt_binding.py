"""The installed Qt binding keeps the window alive over a long session.

PySide6 6.12.0 drops a reference to ``None`` each time a method that returns
nothing is called. Before Python 3.12, ``None`` is not immortal: after some
tens of thousands of such calls (a long article's highlights are three each)
the process aborts with "Fatal Python error: none_dealloc".
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel

CALLS = 200


def test_calls_that_return_nothing_leave_none_referenced(qtbot) -> None:
    document = QTextDocument("a line about zebra crossings " * 20)
    cursor = QTextCursor(document)
    label = QLabel()
    qtbot.addWidget(label)
    mark = QTextCharFormat()
    before = sys.getrefcount(None)
    for i in range(CALLS):
        cursor.setPosition(i % 100)
        cursor.mergeCharFormat(mark)
        label.setText("x")
    lost = before - sys.getrefcount(None)
    # A few references may come and go with the interpreter's own work; one
    # lost per call is the binding's defect.
    assert lost < CALLS // 2, f"{lost} references to None lost in {3 * CALLS} calls"
