"""The wheel's package list (written out in pyproject.toml) misses no package."""

from __future__ import annotations

import tomllib

from searchapp.core.paths import PROJECT_ROOT


def test_every_package_of_the_source_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    in_source = {
        ".".join(init.parent.relative_to(PROJECT_ROOT).parts)
        for init in (PROJECT_ROOT / "searchapp").rglob("__init__.py")
    }
    assert set(setuptools["packages"]) == in_source | set(setuptools["package-dir"])
