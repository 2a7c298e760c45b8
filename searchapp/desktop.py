"""Put searchapp in the desktop's menu: ``searchapp-desktop-install [--uninstall]``.

Writes the freedesktop entry to ``$XDG_DATA_HOME/applications/searchapp.desktop`` and the
icon to ``$XDG_DATA_HOME/icons/hicolor/scalable/apps/searchapp.svg`` (``XDG_DATA_HOME``
defaults to ``~/.local/share``).  The entry starts the ``searchapp`` of this installation
by its full path, so it works when that folder is not on the desktop session's PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from searchapp.core.paths import RESOURCES_DIR

APP_ID = "searchapp"
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")  # characters that need quoting in Exec


def data_home() -> Path:
    """``$XDG_DATA_HOME`` if set to an absolute path, else ``~/.local/share``."""
    env = os.environ.get("XDG_DATA_HOME", "")
    return Path(env) if os.path.isabs(env) else Path.home() / ".local" / "share"


def targets(base: Path) -> tuple[Path, Path]:
    """Where the entry and the icon go under the data directory ``base``."""
    return (base / "applications" / f"{APP_ID}.desktop",
            base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg")


def launcher() -> Path:
    """The ``searchapp`` command of this installation (next to its Python, or on PATH)."""
    beside = Path(sys.executable).parent / APP_ID
    if beside.is_file():
        return beside
    found = shutil.which(APP_ID)
    if found is None:
        raise SystemExit("searchapp-desktop-install: cannot find the searchapp command")
    return Path(found).resolve()


def exec_quote(arg: str) -> str:
    """One argument of a desktop entry's Exec key, quoted if it needs to be."""
    arg = arg.replace("%", "%%")  # % starts a field code
    if not _RESERVED.intersection(arg):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return '"' + escaped.replace("\\", "\\\\") + '"'  # the string level escapes again


def entry_text(command: Path) -> str:
    """The bundled entry with ``Exec`` pointing at ``command``."""
    lines = (RESOURCES_DIR / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines()
    exec_line = f"Exec={exec_quote(str(command))}"
    return "".join((exec_line if line.startswith("Exec=") else line) + "\n" for line in lines)


def install(base: Path, command: Path) -> list[Path]:
    entry, icon = targets(base)
    entry.parent.mkdir(parents=True, exist_ok=True)
    icon.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(entry_text(command), encoding="utf-8")
    shutil.copyfile(RESOURCES_DIR / f"{APP_ID}.svg", icon)
    return [entry, icon]


def uninstall(base: Path) -> list[Path]:
    removed = []
    for path in targets(base):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="searchapp-desktop-install",
                                     description="Add searchapp to the desktop's menu.")
    parser.add_argument("--uninstall", action="store_true", help="remove the entry and icon")
    args = parser.parse_args(argv)
    base = data_home()
    if args.uninstall:
        paths = uninstall(base)
        verb = "removed"
    else:
        paths = install(base, launcher())
        verb = "wrote"
    for path in paths:
        print(f"{verb} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
