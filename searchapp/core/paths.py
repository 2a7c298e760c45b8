"""Where searchapp finds its bundled data and keeps its index.

Two layouts. In a source checkout, ``resources/``, ``seeds/`` and ``index/`` sit at the
top of the repository. In an installed package (a wheel, pipx) the build has copied
``resources/`` and ``seeds/`` into the package as ``searchapp/resources`` and
``searchapp/seeds`` (pyproject.toml maps them), found with ``importlib.resources``, and
the app's own index lives in the user's data directory (``~/.local/share/searchapp/index``
on Linux).  ``$SEARCHAPP_INDEX`` overrides the index in both.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

# The directory holding the package: the repository in a source checkout.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _is_source_checkout(root: Path) -> bool:
    return all((root / name).exists() for name in ("pyproject.toml", "resources", "seeds"))


SOURCE_CHECKOUT = _is_source_checkout(PROJECT_ROOT)


def _bundled(name: str) -> Path:
    """The folder ``name`` of the checkout, or the installed package's copy."""
    if SOURCE_CHECKOUT:
        return PROJECT_ROOT / name
    folder = files("searchapp") / name
    if not isinstance(folder, Path):  # a zipped package: the app needs real files
        raise RuntimeError(f"searchapp must be installed unzipped (found {folder})")
    return folder


RESOURCES_DIR = _bundled("resources")
SEEDS_DIR = _bundled("seeds")


def app_index_dir() -> Path:
    """The app's own index: ``index/`` of the source checkout, else (installed) the
    user's data directory."""
    if SOURCE_CHECKOUT:
        return PROJECT_ROOT / "index"
    return platformdirs.user_data_path("searchapp", appauthor=False) / "index"


def default_index_dir() -> Path:
    """``$SEARCHAPP_INDEX`` if set, else the app's own index."""
    env = os.environ.get("SEARCHAPP_INDEX")
    return Path(env).expanduser() if env else app_index_dir()


def is_default_index(index_dir: Path) -> bool:
    """True for the app's own index (not one chosen with ``--index`` or
    ``$SEARCHAPP_INDEX``): the only one the bundled seeds go into."""
    return Path(index_dir).expanduser().resolve() == app_index_dir().resolve()
