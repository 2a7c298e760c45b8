#!/usr/bin/env bash
# Qt's wheels bundle Qt itself but load a few system libraries (OpenGL/EGL,
# fontconfig, xkbcommon, and the xcb ones for a real X display).  Desktop
# installs have them; minimal or headless Debian/Ubuntu machines may not.
# Installs what is missing when run as root; otherwise says what to install.
set -euo pipefail
pkgs=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libglib2.0-0
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
      libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "install-qt-libs: not a Debian/Ubuntu system; make sure Qt 6's runtime libraries are present" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-qt-libs: missing system packages: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi
apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
  || echo "install-qt-libs: could not install ${missing[*]}" >&2
