"""The folders an index is made of.

An index owns its list of folders (and single files), kept in
``folders.json`` inside the index directory and written atomically, so the
command line and the window bring the same set up to date.  An index made
before the list existed learns it from the paths of the articles it holds
(:func:`learn`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from searchapp.core.errors import UsageError
from searchapp.core.fsutil import write_atomic
from searchapp.core.reasons import Reason, ReasonKind

FOLDERS_FILE = "folders.json"


def normalise(path: Path) -> Path:
    """The form a folder is stored in: absolute, ``~`` expanded, no ``..``."""
    return Path(os.path.abspath(path.expanduser()))


def stored(index_dir: Path) -> list[Path] | None:
    """The saved list, or ``None`` when the index has none yet."""
    try:
        data = json.loads((index_dir / FOLDERS_FILE).read_text(encoding="utf-8"))
        return [Path(p) for p in data["folders"]]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return None  # unreadable: learnt again from the index's paths


def save(index_dir: Path, folders: Sequence[Path]) -> None:
    """Write the list (atomically: a crash leaves the old or the new one)."""
    data = {"folders": [str(p) for p in folders]}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    write_atomic(index_dir / FOLDERS_FILE, text.encode("utf-8"))


def merged(folders: Sequence[Path], new: Iterable[Path]) -> list[Path]:
    """``folders`` followed by those of ``new`` it does not have yet."""
    out = list(folders)
    for path in new:
        if path not in out:
            out.append(path)
    return out


def covers(folder: Path, path: str) -> bool:
    """True when the article at ``path`` belongs to ``folder`` (or is it)."""
    root = str(folder)
    return path == root or path.startswith(os.path.join(root, ""))


def unread_files(new: Sequence[Path], known: Sequence[Path],
                 failed: Iterable[tuple[str, str]]) -> list[Path]:
    """The files named in ``new`` (a run's roots) that were no roots before
    (``known``) and that the run could not read (``failed``): they are not
    kept in the list (one kept before stays, as an article that cannot be
    read again keeps its last version)."""
    unread = {path for path, _ in failed}
    return [r for r in new if r not in known and str(r) in unread and not r.is_dir()]


MISSING_KEPT = Reason(ReasonKind.FOLDER_MISSING_KEPT)
MISSING_FRESH = Reason(ReasonKind.FOLDER_MISSING_FRESH)


def looked_into(path: str, live: Sequence[Path], blind: Sequence[Path]) -> bool:
    """True when a run saw the folder of the article at ``path``: it is under a
    folder that is there (``live``) and not under one it could not list
    (``blind``), so a file missing there is gone."""
    return any(covers(r, path) for r in live) and not any(covers(b, path) for b in blind)


def without(folders: Sequence[Path], folder: Path, owner: str) -> list[Path]:
    """``folders`` less ``folder``; :class:`UsageError` listing them when
    ``folder`` is not one of them (``owner``: "index", "cluster")."""
    if folder not in folders:
        listed = ", ".join(str(f) for f in folders) or "none"
        raise UsageError(f"{folder} is not a folder of the {owner} (its folders: {listed})")
    return [f for f in folders if f != folder]


def only_in(folder: Path, others: Sequence[Path], path: str) -> bool:
    """True when the article at ``path`` belongs to ``folder`` and to none of ``others``."""
    return covers(folder, path) and not any(covers(f, path) for f in others)


def learn(paths: Iterable[str]) -> list[Path]:
    """Folders that hold ``paths``: their parent folders, without the ones
    inside another of them (an index made before the list was kept)."""
    parents = sorted({os.path.dirname(p) for p in paths})
    out: list[str] = []
    for parent in parents:
        if not any(covers(Path(top), parent) for top in out):
            out.append(parent)
    return [Path(p) for p in out]
