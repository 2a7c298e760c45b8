"""Where searchapp finds its bundled data and keeps its index."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RESOURCES_DIR = PROJECT_ROOT / "resources"
SEEDS_DIR = PROJECT_ROOT / "seeds"


def default_index_dir() -> Path:
    """``$SEARCHAPP_INDEX`` if set, else ``index/`` at the top of the project."""
    env = os.environ.get("SEARCHAPP_INDEX")
    return Path(env).expanduser() if env else PROJECT_ROOT / "index"
