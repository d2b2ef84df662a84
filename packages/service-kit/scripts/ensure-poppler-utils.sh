#!/usr/bin/env bash
# The printable documents' tests read the PDFs back with poppler's pdftotext and pdftoppm (Debian
# package `poppler-utils`), which a fresh machine does not have. Installs it once, as root, and
# does nothing when it is already there.
set -euo pipefail
if command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "[documents] pdftotext is missing; install it with: sudo apt-get install -y poppler-utils" >&2
  exit 1
fi
echo "[documents] installing Debian's poppler-utils for the PDF tests (once)" >&2
export DEBIAN_FRONTEND=noninteractive
# Another apt run on the machine holds the lock for a while: wait for it rather than fail.
apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends poppler-utils >&2
command -v pdftotext >/dev/null
