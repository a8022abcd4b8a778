#!/usr/bin/env bash
# The README's set-up as a new user meets it: a minimal Debian 12 (debootstrap --variant=minbase)
# with only python3, make, git and ca-certificates, a fresh clone of the current commit, then
# `make demo` and `make test`, each timed. Not part of `make test`: it needs root, a Debian mirror,
# PyPI and several minutes.
#
#   scripts/fresh-debian-check.sh             # as root: the two commands
#   scripts/fresh-debian-check.sh --non-root  # as a user without root: `make demo` must stop with the
#                                             # apt-get line and no venv; root runs that line; then
#                                             # the user runs the two commands
#
# FRESH_DEBIAN_CACHE   keeps the bootstrapped root between runs (default /var/cache/maturity-fresh-debian)
# FRESH_DEBIAN_MIRROR  Debian mirror (default: the first one this host's apt uses)
# PIP_CERT             a CA bundle file handed to pip inside the root, for hosts whose HTTPS passes
#                      through an inspecting proxy; nothing else of the host's environment goes in
set -euo pipefail

SUITE=bookworm
BASE_PACKAGES=python3,make,git,ca-certificates
CACHE=${FRESH_DEBIAN_CACHE:-/var/cache/maturity-fresh-debian}
TARBALL=$CACHE/$SUITE-minbase-${BASE_PACKAGES//,/-}.tar
USER_ID=1500
ROOT=""
TIMES=()

die() {
  echo "fresh-debian-check: $*" >&2
  exit 1
}
step() { printf '\n==> %s\n' "$*"; }

# Every mount under $ROOT, deepest first: ours and any debootstrap left behind.
mounts_under_root() { awk -v r="$ROOT/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r; }

cleanup() {
  [ -n "$ROOT" ] || return 0
  local m
  for m in $(mounts_under_root); do umount "$m" 2>/dev/null || umount -l "$m"; done
  # Never delete a tree something is still mounted in.
  if [ -n "$(mounts_under_root)" ]; then
    echo "fresh-debian-check: still mounted under $ROOT; left in place" >&2
  else
    rm -rf "$ROOT"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

host_mirror() {
  # The first Debian archive (not -security) in this host's apt sources, one-line or deb822.
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -E '^(deb|URIs:) ' | grep -oE 'https?://[^ ]*/debian/?( |$)' | head -n 1 | tr -d ' ' || true
}

build_cache() {
  local mirror=${FRESH_DEBIAN_MIRROR:-$(host_mirror)}
  mirror=${mirror:-http://deb.debian.org/debian}
  step "debootstrap --variant=minbase --include=$BASE_PACKAGES $SUITE from $mirror (cached as $TARBALL)"
  mkdir -p "$CACHE"
  ROOT=$(mktemp -d /var/tmp/maturity-debootstrap.XXXXXX)
  chmod 755 "$ROOT" # it becomes /: mktemp's 700 would lock every user but root out of everything
  local start=$SECONDS
  if ! debootstrap --variant=minbase --include="$BASE_PACKAGES" "$SUITE" "$ROOT" "$mirror" >"$CACHE/debootstrap.log" 2>&1; then
    tail -n 20 "$CACHE/debootstrap.log" >&2
    die "debootstrap failed (log: $CACHE/debootstrap.log)"
  fi
  tar -C "$ROOT" -cf "$TARBALL.part" . && mv "$TARBALL.part" "$TARBALL"
  cleanup
  ROOT=""
  TIMES+=("debootstrap (cache was empty): $((SECONDS - start)) s")
}

make_dev() {
  # A private /dev (tmpfs with the few nodes needed), not a bind of the host's: nothing in the
  # root reaches host devices, and a failed clean-up cannot delete them.
  local dev=$ROOT/dev node
  mount -t tmpfs -o mode=755,nosuid dev "$dev"
  for node in "null 1 3" "zero 1 5" "full 1 7" "random 1 8" "urandom 1 9" "tty 5 0"; do
    set -- $node
    mknod -m 666 "$dev/$1" c "$2" "$3"
  done
  mkdir "$dev/pts" "$dev/shm"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 devpts "$dev/pts" # the pexpect tests need ptys
  ln -s pts/ptmx "$dev/ptmx"
  mount -t tmpfs -o mode=1777,nosuid,nodev shm "$dev/shm" # multiprocessing (batch --jobs) needs POSIX semaphores
  ln -s /proc/self/fd "$dev/fd"
  ln -s /proc/self/fd/0 "$dev/stdin"
  ln -s /proc/self/fd/1 "$dev/stdout"
  ln -s /proc/self/fd/2 "$dev/stderr"
}

prepare_root() {
  ROOT=$(mktemp -d /var/tmp/maturity-fresh.XXXXXX)
  step "fresh root in $ROOT from the cache; commit $COMMIT"
  tar -C "$ROOT" -xf "$TARBALL"
  chmod 755 "$ROOT"
  mount -t proc proc "$ROOT/proc"
  make_dev
  cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
  if [ -n "${PIP_CERT:-}" ]; then
    [ -f "$PIP_CERT" ] || die "PIP_CERT=$PIP_CERT is not a file"
    cp "$PIP_CERT" "$ROOT/etc/ssl/host-ca.crt"
  fi
  git -C "$REPO" bundle create -q "$ROOT/tmp/maturity.bundle" HEAD
  chmod 644 "$ROOT/tmp/maturity.bundle"
}

# in_root root|user COMMAND: run a shell command in the root, in the user's home, with a clean
# environment (nothing of the host's: its PIP_FIND_LINKS, proxies and so on would make it less fresh).
in_root() {
  local who=$1 home=/root path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  local spec=()
  shift
  if [ "$who" = user ]; then
    home=/home/user path=/usr/local/bin:/usr/bin:/bin spec=(--userspec="$USER_ID:$USER_ID" --groups="$USER_ID")
  fi
  local env=(HOME="$home" USER="$who" LOGNAME="$who" PATH="$path" TERM=xterm)
  [ -z "${PIP_CERT:-}" ] || env+=(PIP_CERT=/etc/ssl/host-ca.crt)
  chroot "${spec[@]}" "$ROOT" /usr/bin/env -i "${env[@]}" /bin/sh -c "cd && $*"
}

# timed LABEL root|user COMMAND: in_root, output shown and kept in $LOG, time recorded.
timed() {
  local label=$1 start=$SECONDS status=0
  shift
  step "$label"
  in_root "$@" 2>&1 | tee -a "$LOG" || status=$?
  TIMES+=("$label: $((SECONDS - start)) s, exit $status")
  return "$status"
}

summary() {
  step "summary ($MODE, commit $COMMIT)"
  printf '%s\n' "${TIMES[@]}"
  local tests
  tests=$(grep -aE '[0-9]+ (passed|failed)' "$LOG" | tail -n 1 || true)
  echo "pytest: ${tests:-no pytest summary line}"
}

fail() {
  summary
  die "$*"
}

clone() {
  in_root "$1" "git -c advice.detachedHead=false clone -q /tmp/maturity.bundle maturity"
}

root_flow() {
  clone root
  timed "make demo (root)" root "cd maturity && make demo" || fail "make demo failed as root"
  timed "make test (root)" root "cd maturity && make test" || fail "make test failed as root"
}

user_flow() {
  in_root root "groupadd --gid $USER_ID user && useradd --create-home --uid $USER_ID --gid $USER_ID --shell /bin/bash user"
  clone user
  step "a half-made .venv, as an earlier failed set-up leaves it (python3 -m venv without python3-venv)"
  in_root user "cd maturity && ! python3 -m venv .venv >/dev/null 2>&1 && test -x .venv/bin/python && ! test -e .venv/bin/pip" ||
    fail "could not reproduce the half-made .venv"
  echo "ok: .venv/bin/python exists, .venv/bin/pip does not"
  if timed "make demo (user, packages missing)" user "cd maturity && make demo"; then
    fail "make demo succeeded without root: the check expected it to stop with the apt-get line"
  fi
  local line
  line=$(grep -aE '^ +apt-get ' "$LOG" | sed 's/^ *//')
  [ "$(printf '%s\n' "$line" | grep -c .)" -eq 1 ] || fail "expected exactly one apt-get line, got: ${line:-none}"
  in_root user "cd maturity && ! test -e .venv/bin/pip" || fail "make demo went on after the missing packages"
  echo "ok: stopped before the venv; the line to run as root: $line"
  timed "the printed line (root)" root "$line" || fail "the printed apt-get line failed"
  timed "make demo (user)" user "cd maturity && make demo" || fail "make demo failed as the user"
  grep -q 'unfinished.*rebuilding' "$LOG" || fail "the half-made .venv was not rebuilt"
  timed "make test (user)" user "cd maturity && make test" || fail "make test failed as the user"
}

MODE=root
case "${1:-}" in
  "") ;;
  --non-root) MODE=user ;;
  *)
    echo "usage: $0 [--non-root]" >&2
    exit 2
    ;;
esac
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mount)"
command -v debootstrap >/dev/null || die "needs debootstrap: apt-get install -y debootstrap"
REPO=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
COMMIT=$(git -C "$REPO" rev-parse --short HEAD)
[ -z "$(git -C "$REPO" status --porcelain --untracked-files=no)" ] ||
  echo "fresh-debian-check: note: uncommitted changes are not checked, only commit $COMMIT" >&2
[ -f "$TARBALL" ] || build_cache
prepare_root
LOG=$CACHE/last-$MODE.log
: >"$LOG"
"${MODE}_flow"
summary
echo "fresh-debian-check: OK"
