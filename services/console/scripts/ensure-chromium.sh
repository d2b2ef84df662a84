#!/usr/bin/env bash
# The browser tests drive the machine's Chromium (Debian package `chromium`), which a fresh machine
# does not have. Installs it once, as root, and does nothing when it is already there.
# KELISIM_CHROMIUM overrides the path (a developer's own browser).
set -euo pipefail
browser="${KELISIM_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "[console] $browser is missing; install it with: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "[console] installing Debian's chromium for the browser tests (once)" >&2
export DEBIAN_FRONTEND=noninteractive
# Another apt run on the machine holds the lock for a while: wait for it rather than fail.
apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
test -x "$browser"
