"""How soon a change in a watched folder shows up in the window's results.

Opens the real window (offscreen) on an index of FOLDER, then writes three new
articles, rewrites one in place and deletes them, timing each until the
results show it.  The test files are removed at the end.

    QT_QPA_PLATFORM=offscreen python bench/live_folders.py INDEX_DIR FOLDER
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from searchapp.ui.app import build_window, make_settings
from searchapp.ui.screenshot import wait_until

WORD = "зюзякинскийтест"  # in no real article
TIMEOUT_MS = 60_000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("folder", type=Path)
    args = ap.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = make_settings(Path(tempfile.mkdtemp()) / "live.ini")
    settings.setValue("folders", [str(args.folder)])
    window = build_window(args.index, settings, WORD)
    window.show()
    window.start()
    wait_until(lambda: window.last_response is not None and not window.controller.busy
          and not window.controller.indexing, 10 * TIMEOUT_MS)
    files = [args.folder / f"live-test-{i}.md" for i in range(3)]

    def timed(label: str, change: Callable[[], None], total: int) -> None:
        started = time.perf_counter()
        change()
        ok = wait_until(lambda: window.last_response.total == total, TIMEOUT_MS)
        print(f"{label}: {time.perf_counter() - started:.2f} s" + ("" if ok else " (timed out)"))

    try:
        for i, f in enumerate(files):
            timed(f"new file {i + 1}", lambda f=f, i=i: f.write_text(
                f"---\ntitle: {WORD} {i}\n---\n{WORD}\n", encoding="utf-8"), i + 1)

        def rewrite() -> None:
            with files[0].open("w", encoding="utf-8") as fh:  # in place, no rename
                fh.write("---\ntitle: changed\n---\nnothing here\n")

        timed("rewritten in place", rewrite, len(files) - 1)
        timed("deleted", lambda: [f.unlink() for f in files], 0)
    finally:
        for f in files:
            f.unlink(missing_ok=True)
        window.close()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
