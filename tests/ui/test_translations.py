"""Every text the window shows through Qt's translations has its Russian words,
and the compiled catalogue is the one the sources make."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from searchapp.ui.i18n import I18N_DIR

UI_DIR = Path(__file__).resolve().parents[2] / "searchapp" / "ui"
TOOLS = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = TOOLS / name
    if not path.exists():
        pytest.skip(f"{name} is not installed with PySide6 here")
    return str(path)


def test_every_text_of_the_window_is_translated_into_russian(tmp_path: Path) -> None:
    catalogue = tmp_path / "searchapp_ru.ts"
    shutil.copy(I18N_DIR / "searchapp_ru.ts", catalogue)  # lupdate keeps what it has
    subprocess.run([_tool("pyside6-lupdate"), "-silent", "-no-obsolete",
                    *map(str, sorted(UI_DIR.glob("*.py"))), "-ts", str(catalogue)], check=True)
    missing = [m.findtext("source") for m in ET.parse(catalogue).iter("message")
               if (t := m.find("translation")) is None or t.get("type") == "unfinished"
               or not ("".join(t.itertext()).strip())]
    assert missing == [], "run pyside6-lupdate and tools/fill_translations.py"


def test_the_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    compiled = tmp_path / "searchapp_ru.qm"
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(I18N_DIR / "searchapp_ru.ts"),
                    "-qm", str(compiled)], check=True)
    assert compiled.read_bytes() == (I18N_DIR / "searchapp_ru.qm").read_bytes()
