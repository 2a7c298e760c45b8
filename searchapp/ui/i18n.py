"""The window's language: English or Russian (Qt translations in
``resources/ui/i18n``), following the system locale unless chosen."""

from __future__ import annotations

import re

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from searchapp.core import RESOURCES_DIR

I18N_DIR = RESOURCES_DIR / "ui" / "i18n"
LANGUAGES = ("en", "ru")
_installed: list[QTranslator] = []
_current = "en"

# Messages of the core, translated for the window (the core speaks English).
_NOTICES = [
    QT_TRANSLATE_NOOP("Notices", "No article has all words — showing closest matches."),
    QT_TRANSLATE_NOOP("Notices", "A quote was not closed: it was ignored."),
    QT_TRANSLATE_NOOP("Notices", "Unbalanced brackets were ignored."),
    QT_TRANSLATE_NOOP("Notices", "The query could not be parsed: its words were searched."),
    QT_TRANSLATE_NOOP("Notices", "The query has no words to search for."),
    QT_TRANSLATE_NOOP(
        "Notices", "An operator (AND, OR, NOT) with no word on one side was left out."
    ),
    QT_TRANSLATE_NOOP(
        "Notices", "Unknown language in lang: (the languages are lang:ru and lang:en)."
    ),
]
_UNKNOWN_FIELD = QT_TRANSLATE_NOOP(
    "Notices", "Unknown field '%1' was searched as a word (fields: title:, source:, lang:)."
)

_UNKNOWN_SOURCE = QT_TRANSLATE_NOOP("Notices", "No article of the index has the source '%1'.")


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


def translate_notice(text: str) -> str:
    """The core's notice in the window's language (known sentences only)."""
    for sentence in map(str, _NOTICES):  # QT_TRANSLATE_NOOP returns its text
        if sentence in text:
            text = text.replace(sentence, QCoreApplication.translate("Notices", sentence))
    m = re.search(r"Unknown field '([^']*)' was searched as a word \(fields: [^)]*\)\.", text)
    if m:
        translated = QCoreApplication.translate("Notices", str(_UNKNOWN_FIELD))
        text = text.replace(m.group(0), translated.replace("%1", m.group(1)))
    m = re.search(r"No article of the index has the source '(.*?)'\.", text)
    if m:
        translated = QCoreApplication.translate("Notices", str(_UNKNOWN_SOURCE))
        text = text.replace(m.group(0), translated.replace("%1", m.group(1)))
    return text
