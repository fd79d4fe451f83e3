#!/usr/bin/env bash
# One command to set everything up on a fresh Debian/Ubuntu machine, then either start the app or run the tests.
#   bash scripts/setup.sh app     set up and start selfcheck
#   bash scripts/setup.sh test    set up and run the whole test suite (lint, types, tests)
#   bash scripts/setup.sh test-newest   the whole suite on the newest versions allowed, in a throwaway venv
#   bash scripts/setup.sh test-future   the whole suite with the system clock years ahead (faketime)
# Python packages come from requirements.txt with hash checking (refresh it with scripts/lock.sh).
# Safe to run again: installs only what is missing.
set -euo pipefail
mode="${1:-app}"
shift || true
cd "$(dirname "$0")/.."

say() { printf '\033[1m[selfcheck]\033[0m %s\n' "$*" >&2; }

# System packages: Python with venv, the libraries Qt needs offscreen and in a real window under Xvfb,
# a CJK font so Chinese text renders, and poppler to read PDFs back in tests.
SYSTEM_PACKAGES=(
  python3 python3-venv python3-pip
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
  xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1
  fonts-wqy-microhei poppler-utils
)
# For the tests only: LibreOffice Calc (no GUI), which prints the workbooks to PDF as a clerk's office PC would, so
# the tests can read the pages back (tests/printing.py).
TEST_PACKAGES=(libreoffice-calc-nogui)

install_system_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    say "not a Debian/Ubuntu system: install the packages listed in scripts/setup.sh yourself"
    return 0
  fi
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing system packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      say "need root to install: ${missing[*]} (run as root or install sudo)"; exit 1
    fi
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pick_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  say "Python 3.11 or newer is required"; exit 1
}

setup_venv() {
  # Exactly the versions in requirements.txt, each file checked against its hash, then the project itself
  # without dependencies and without build isolation (its build tools come from the lock too): nothing is
  # fetched unpinned. Reinstalls only when the lock or pyproject.toml changed.
  local venv=$1 python; python=$(pick_python)
  if [ ! -x "$venv/bin/python" ]; then
    say "creating $venv with $python"
    "$python" -m venv "$venv"
  fi
  local stamp=$venv/.selfcheck-installed want
  want=$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing Python packages from requirements.txt (hashes checked)"
    "$venv/bin/python" -m pip install -q --require-hashes -r requirements.txt
    "$venv/bin/python" -m pip install -q --no-deps --no-build-isolation -e .
    echo "$want" > "$stamp"
  fi
}

run_checks() {
  local venv=$1; shift
  say "ruff"
  "$venv/bin/ruff" check selfcheck tests bench scripts
  say "mypy"
  "$venv/bin/mypy"
  say "pytest"
  export QT_QPA_PLATFORM=offscreen
  "$venv/bin/python" -m pytest "$@"
}

case "$mode" in
  test*) SYSTEM_PACKAGES+=("${TEST_PACKAGES[@]}") ;;
esac
install_system_packages

case "$mode" in
  app)
    setup_venv .venv
    exec .venv/bin/selfcheck start "$@"
    ;;
  test)
    setup_venv .venv
    run_checks .venv "$@"
    ;;
  test-newest)
    # The whole suite against the newest versions pyproject.toml's ranges allow, in a throwaway venv: what an
    # upgrade (bash scripts/lock.sh --upgrade) would bring, tried before it is decided. The lock is not touched.
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    say "creating a throwaway venv in $tmp with the newest allowed versions"
    "$(pick_python)" -m venv "$tmp/venv"
    "$tmp/venv/bin/python" -m pip install -q --upgrade pip
    "$tmp/venv/bin/python" -m pip install -q --upgrade -e ".[dev]"
    say "versions that differ from requirements.txt:"
    "$tmp/venv/bin/python" scripts/lockcheck.py --diff || true
    # the tests that hold the environment to the lock, and the frozen build's lock check, know this is on purpose
    export SELFCHECK_UNLOCKED=1 SELFCHECK_BUILD_UNLOCKED=1
    run_checks "$tmp/venv" "$@"
    ;;
  test-future)
    # The whole test suite with the system clock moved years ahead (libfaketime; default 2031-06-01, or
    # SELFCHECK_FUTURE=YYYY-MM-DD): no test may depend on the calendar on the wall. (FAKETIME_DONT_FAKE_MONOTONIC
    # is not used: with it, libfaketime 0.9.10 makes Python's time.sleep fail with EINVAL.)
    setup_venv .venv
    if ! command -v faketime >/dev/null 2>&1; then
      say "installing faketime"
      SYSTEM_PACKAGES=(faketime); install_system_packages
    fi
    future="${SELFCHECK_FUTURE:-2031-06-01}"
    say "pytest with the system clock at $future"
    export QT_QPA_PLATFORM=offscreen
    faketime -f "@$future 10:00:00" date
    faketime -f "@$future 10:00:00" .venv/bin/python -m pytest -p no:cacheprovider "$@"
    ;;
  *)
    say "usage: bash scripts/setup.sh [app|test|test-newest|test-future]"; exit 2
    ;;
esac
