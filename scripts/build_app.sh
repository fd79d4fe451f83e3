#!/usr/bin/env bash
# Build the one-folder app with the project's venv: build/dist/selfcheck/ (selfcheck + selfcheck-cli + _internal/).
#   bash scripts/build_app.sh            (after bash scripts/setup.sh, which installs PyInstaller with the dev extras)
# On Windows, run the same PyInstaller command from the README instead.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/pyinstaller ]; then
  echo "no .venv/bin/pyinstaller: run 'bash scripts/setup.sh test' first (it installs the lock, dev tools included)" >&2
  exit 1
fi
# The same lock as the tests: build.spec refuses an environment that differs from requirements.txt.
.venv/bin/python scripts/lockcheck.py
# The icon is committed; draw it again only if it is missing.
if [ ! -f resources/icons/selfcheck.ico ]; then
  QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py
fi

start=$(date +%s)
.venv/bin/pyinstaller build.spec --noconfirm --clean --log-level WARN --distpath build/dist --workpath build/work
app=build/dist/selfcheck
bytes=$(du -sb "$app" | cut -f1)
printf 'built %s in %ss: %s bytes (%s MB; limit 170 MB)\n' "$app" "$(( $(date +%s) - start ))" "$bytes" "$(( bytes / 1000000 ))"
