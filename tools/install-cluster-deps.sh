#!/usr/bin/env bash
# The cluster's shard server, xapian-tcpsrv, from Debian's xapian-tools (the
# Python bindings come from the [cluster] extra).  Installs it when missing and
# run as root; otherwise says what to install.
set -euo pipefail
command -v xapian-tcpsrv >/dev/null && exit 0
if ! command -v apt-get >/dev/null; then
  echo "install-cluster-deps: not a Debian/Ubuntu system; install Xapian's tools (xapian-tcpsrv)" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-cluster-deps: missing: sudo apt-get install xapian-tools" >&2
  exit 0
fi
apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xapian-tools >/dev/null \
  || echo "install-cluster-deps: could not install xapian-tools" >&2
