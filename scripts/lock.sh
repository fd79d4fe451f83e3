#!/usr/bin/env bash
# Refresh requirements.txt, the lock every install uses (setup.sh, CI, the frozen build), from the
# compatible ranges in pyproject.toml. Upgrading is a deliberate step, never a side effect of installing:
#   bash scripts/lock.sh                          add or drop what pyproject.toml changed; keep every other pin
#   bash scripts/lock.sh --upgrade                every package to the newest version its range allows
#   bash scripts/lock.sh --upgrade-package NAME   one package (and what it needs)
# Then run the whole suite on the new lock (bash scripts/setup.sh test) and commit the lock with the change.
# The lock is universal: one file for Linux, Windows and macOS, Python 3.11 and newer, every file with its
# sha256 hash. It is made by uv (a pinned release, installed into .venv-tools the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
tools=.venv-tools
if [ ! -x "$tools/bin/uv" ] || [ "$("$tools/bin/uv" --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  python3 -m venv "$tools"
  "$tools/bin/python" -m pip install -q "uv==$UV_VERSION"
fi
exec "$tools/bin/uv" pip compile pyproject.toml requirements-build.in --extra dev \
  --universal --python-version 3.11 --generate-hashes --quiet -o requirements.txt "$@"
