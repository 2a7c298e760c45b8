"""The core never imports Qt; the window never imports Whoosh or pymorphy3."""

from __future__ import annotations

import ast
import subprocess
import sys

from searchapp.core.paths import PROJECT_ROOT

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


def test_ui_does_not_reach_into_whoosh_or_pymorphy() -> None:
    offenders = []
    for path in (PROJECT_ROOT / "searchapp" / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}" for n in names
                if n.split(".")[0] in {"whoosh", "pymorphy3", "Stemmer"}
            ]
    assert offenders == []
