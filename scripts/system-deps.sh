#!/bin/sh
# Install the Debian packages given as arguments, but only those that are missing.
# Uses sudo when not root; when neither works, says exactly what to install and fails.
set -eu
missing=""
for pkg in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $pkg"
  fi
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "maturity needs these system packages (Debian/Ubuntu names):$missing" >&2
  echo "apt-get is not available here: install their equivalents with your package manager." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "maturity needs these system packages:$missing" >&2
  echo "Run as root (or with sudo): apt-get update && apt-get install -y$missing" >&2
  exit 1
fi
echo "Installing system packages:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
