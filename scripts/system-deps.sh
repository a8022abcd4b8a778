#!/bin/sh
# Install the Debian packages given as arguments (the Makefile's SYSTEM_PACKAGES), only those missing.
# Uses sudo when not root; when neither works, prints the one line to run as root and fails, so that
# make stops before anything else is set up.
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
install="install -y --no-install-recommends$missing"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  cat >&2 <<EOF
maturity needs Debian packages that only root can install:$missing
maturity 需要只有 root 才能安装的 Debian 软件包。请以 root 身份运行下面这一行，然后重新运行 make。
Run this line as root, then run make again:

    apt-get update && apt-get $install

EOF
  exit 1
fi
echo "Installing system packages:$missing"
$SUDO apt-get update -qq
# env: sudo drops DEBIAN_FRONTEND from the environment otherwise.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -qq $install >/dev/null
