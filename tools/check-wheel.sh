#!/usr/bin/env bash
# Build the wheel from the repository's tracked files, install it into a fresh venv
# outside the checkout and use it from there, as an installed app: index and search
# the bundled seeds, open the window offscreen, install the desktop entry.
# Everything it writes is in a temporary folder, removed at the end.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf '== %s\n' "$*"; }

step "wheel from the tracked files"
mkdir "$work/src" "$work/run"
git -C "$repo" ls-files -z | (cd "$repo" && tar --null -T - -cf -) | tar -xf - -C "$work/src"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" wheel -q --no-deps -w "$work/dist" "$work/src"
ls "$work/dist"
"$work/venv/bin/pip" install -q "$work"/dist/searchapp-*.whl

# From here on nothing may come from the checkout: another folder, no PYTHONPATH,
# and the user's data and settings in the temporary folder.
cd "$work/run"
unset PYTHONPATH SEARCHAPP_INDEX SEARCHAPP_SOURCES SEARCHAPP_NAMES
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=offscreen
PATH="$work/venv/bin:$PATH"

step "searchapp index (the bundled seeds, into the user data directory)"
searchapp index --quiet
test -d "$XDG_DATA_HOME/searchapp/index"

step "searchapp search миграция"
searchapp search миграция | tee "$work/search.txt"
grep -q "site-packages/searchapp/seeds/002_13e197d8ebd46593.txt" "$work/search.txt"

step "the window, offscreen, on that index"
timeout 300 python -m searchapp.ui.app --probe-startup --query миграция
timeout 300 python -m searchapp.ui.screenshot "$work/window.png" --query миграция >/dev/null
test -s "$work/window.png"

step "searchapp-desktop-install"
searchapp-desktop-install
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$XDG_DATA_HOME/applications/searchapp.desktop"
fi
step "wheel OK"
