"""The core never imports Qt; the window never imports Whoosh or pymorphy3,
and it reaches the core only through ``searchapp.core``'s curated names."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import searchapp.core
from searchapp.core.paths import PROJECT_ROOT

UI_DIR = PROJECT_ROOT / "searchapp" / "ui"

CORE_MODULES = [
    "searchapp.core." + p.stem
    for p in (PROJECT_ROOT / "searchapp" / "core").glob("*.py")
    if p.stem != "__init__"
] + ["searchapp.core.ingest", "searchapp.cli"]


def test_core_imports_no_qt() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE_MODULES)
        + "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        + "print(bad)\nsys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _imports(path: Path) -> Iterator[tuple[str, list[str]]]:
    """``(module, names)`` of every import in ``path``, at any depth
    (``import a.b`` gives ``("a.b", [])``)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((a.name, []) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module, [a.name for a in node.names]


def test_ui_does_not_reach_into_whoosh_or_pymorphy() -> None:
    offenders = [
        f"{path.name}: {module}"
        for path in UI_DIR.rglob("*.py")
        for module, _ in _imports(path)
        if module.split(".")[0] in {"whoosh", "pymorphy3", "Stemmer"}
    ]
    assert offenders == []


def test_ui_imports_the_core_only_through_its_api() -> None:
    offenders = []
    for path in UI_DIR.rglob("*.py"):
        for module, names in _imports(path):
            if module.startswith("searchapp.core."):
                offenders.append(f"{path.name}: {module}")
            elif module == "searchapp.core":
                offenders += [
                    f"{path.name}: searchapp.core.{n}" for n in names
                    if n not in searchapp.core.__all__
                ]
    assert offenders == []


def test_importing_the_core_package_loads_none_of_its_modules() -> None:
    code = (
        "import sys, searchapp.core\n"
        "print(sorted(m for m in sys.modules\n"
        "             if m.startswith(('searchapp.core.', 'whoosh', 'pymorphy3', 'PySide6'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr


def test_every_name_of_the_core_api_is_the_one_of_its_module() -> None:
    code = (
        "import importlib, sys, searchapp.core as core\n"
        "wrong = [n for n in core.__all__\n"
        "         if getattr(core, n) is not getattr(\n"
        "             importlib.import_module('searchapp.core.' + core._MODULE_OF[n]), n)]\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(wrong, qt)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "[] []"), done.stderr
    assert sorted(searchapp.core.__all__) == sorted(searchapp.core._MODULE_OF)
