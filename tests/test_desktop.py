"""``searchapp-desktop-install``: the menu entry and icon under ``$XDG_DATA_HOME``."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from searchapp import desktop


def run_installer(data_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run([sys.executable, "-m", "searchapp.desktop", *args], env=env,
                          capture_output=True, text=True, check=True)


def entry_values(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def validate(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    done = subprocess.run([tool, str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_install_writes_a_valid_entry_that_starts_this_searchapp(tmp_path: Path) -> None:
    run_installer(tmp_path)
    entry = tmp_path / "applications" / "searchapp.desktop"
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "searchapp.svg"
    values = entry_values(entry)
    command = Path(shlex.split(values["Exec"])[0])
    assert command.is_absolute() and os.access(command, os.X_OK)
    assert command.parent == Path(sys.executable).parent  # this installation's searchapp
    assert values["Icon"] == icon.stem and "<svg" in icon.read_text(encoding="utf-8")
    validate(entry)


def test_uninstall_removes_both_files(tmp_path: Path) -> None:
    run_installer(tmp_path)
    done = run_installer(tmp_path, "--uninstall")
    assert done.stdout.count("removed ") == 2
    assert not list(tmp_path.rglob("searchapp.*"))


def test_a_command_path_with_spaces_is_quoted(tmp_path: Path) -> None:
    command = tmp_path / "my apps" / "50% $HOME" / "searchapp"
    entry = tmp_path / "searchapp.desktop"
    entry.write_text(desktop.entry_text(command), encoding="utf-8")
    validate(entry)
    exec_value = entry_values(entry)["Exec"]
    assert exec_value == '"' + str(command).replace("%", "%%").replace("$", "\\\\$") + '"'
