"""The window's language: English or Russian (Qt translations in
``resources/ui/i18n``), following the system locale unless chosen.

The core's notices are worded in :mod:`searchapp.ui.notices`, its reasons
for skipping a file in :mod:`searchapp.ui.reasons`."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from searchapp.core import RESOURCES_DIR

I18N_DIR = RESOURCES_DIR / "ui" / "i18n"
LANGUAGES = ("en", "ru")
_PLACEHOLDER = re.compile(r"%([1-9])")
_installed: list[QTranslator] = []

Words = Callable[[], str]
"""A message kept as what words it (its reason, its counts), not as the
finished string: called again, it says the same in the language installed
since (a message already shown follows View ▸ Language)."""
_current = "en"


def system_language() -> str:
    name = QLocale.system().name()[:2]
    return name if name in LANGUAGES else "en"


def current_language() -> str:
    return _current


def install(code: str | None) -> str:
    """Load the translations for ``code`` (None: the system's) into the app."""
    global _current
    code = code if code in LANGUAGES else system_language()
    app = QCoreApplication.instance()
    assert app is not None, "translations need the application object"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    ours = QTranslator(app)  # English too: it holds the plural forms
    if ours.load(str(I18N_DIR / f"searchapp_{code}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    if code != "en":
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{code}", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
    _current = code
    return code


def fill(text: str, *args: str | int) -> str:
    """``%1``, ``%2``… of a translated text replaced by ``args`` in one pass
    (an argument's own ``%2`` stays as typed)."""
    return _PLACEHOLDER.sub(lambda m: str(args[int(m.group(1)) - 1]), text)
