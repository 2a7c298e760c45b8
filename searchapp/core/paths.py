"""Where searchapp finds its bundled data and keeps its index."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RESOURCES_DIR = PROJECT_ROOT / "resources"
SEEDS_DIR = PROJECT_ROOT / "seeds"


BUNDLED_INDEX_DIR = PROJECT_ROOT / "index"


def default_index_dir() -> Path:
    """``$SEARCHAPP_INDEX`` if set, else ``index/`` at the top of the project."""
    env = os.environ.get("SEARCHAPP_INDEX")
    return Path(env).expanduser() if env else BUNDLED_INDEX_DIR


def is_default_index(index_dir: Path) -> bool:
    """True for the app's own index (not one chosen with ``--index`` or
    ``$SEARCHAPP_INDEX``): the only one the bundled seeds go into."""
    return os.path.abspath(index_dir) == os.path.abspath(BUNDLED_INDEX_DIR)
