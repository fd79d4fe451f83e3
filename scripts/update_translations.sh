#!/usr/bin/env bash
# Refresh the English translation of the desktop app from the Chinese source strings in selfcheck/gui.
#   bash scripts/update_translations.sh
# 1. pyside6-lupdate collects every tr()/translate() string of selfcheck/gui/*.py into resources/i18n/selfcheck_en.ts
#    (source zh_CN, target en); translations already in the file are kept, strings no longer in the code are dropped.
# 2. scripts/translations_en.py fills the translations from its dictionary (the committed source of truth) and
#    lists any string it has no English for; lupdate runs again to write the file back in its own layout.
# 3. pyside6-lrelease compiles the .ts to resources/i18n/selfcheck_en.qm, which the app loads (selfcheck/gui/i18n.py).
# Both the .ts and the .qm are shipped: commit them together. Exits 1 when a string still needs an English text.
set -euo pipefail
cd "$(dirname "$0")/.."

TS=resources/i18n/selfcheck_en.ts
QM=resources/i18n/selfcheck_en.qm
for tool in .venv/bin/pyside6-lupdate .venv/bin/pyside6-lrelease; do
  if [ ! -x "$tool" ]; then
    echo "no $tool: run 'bash scripts/setup.sh test' first (PySide6 brings the Linguist tools)" >&2
    exit 1
  fi
done
mkdir -p resources/i18n

# Relative locations: Qt Linguist can still show the code around a string, and moving code shifts fewer lines in the .ts.
lupdate() {
  .venv/bin/pyside6-lupdate selfcheck/gui/*.py -source-language zh_CN -target-language en -no-obsolete \
    -locations relative -silent -ts "$TS"
}

lupdate
status=0
.venv/bin/python scripts/translations_en.py "$TS" || status=$?
lupdate
.venv/bin/pyside6-lrelease -silent "$TS" -qm "$QM"
echo "$TS: $(grep -c '<message' "$TS") messages; $QM: $(wc -c <"$QM") bytes"
exit "$status"
