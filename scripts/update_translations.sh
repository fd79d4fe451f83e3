#!/usr/bin/env bash
# Refresh the English translation of the desktop app from the Chinese source strings in selfcheck/gui.
#   bash scripts/update_translations.sh
# resources/i18n/selfcheck_en.ts is the one source of the English text (see resources/i18n/README.md):
# 1. pyside6-lupdate collects every tr()/translate() string of the Python files under selfcheck/gui (subfolders
#    included) into the .ts (source zh_CN, target en). Translations already in the file are kept, new strings are
#    added as "unfinished", strings no longer in the code are dropped. Nothing else writes the translations.
# 2. pyside6-lrelease compiles the .ts to resources/i18n/selfcheck_en.qm, which the app loads (selfcheck/gui/i18n.py).
# 3. The unfinished messages, if any, are listed and the script exits 1: translate them in Qt Linguist
#    (.venv/bin/pyside6-linguist resources/i18n/selfcheck_en.ts) or in the .ts itself, then run this script again.
# Both the .ts and the .qm are shipped: commit them together.
set -euo pipefail
cd "$(dirname "$0")/.."

TS=resources/i18n/selfcheck_en.ts
QM=resources/i18n/selfcheck_en.qm
for tool in .venv/bin/pyside6-lupdate .venv/bin/pyside6-lrelease .venv/bin/python; do
  if [ ! -x "$tool" ]; then
    echo "no $tool: run 'bash scripts/setup.sh test' first (PySide6 brings the Linguist tools)" >&2
    exit 1
  fi
done
mkdir -p resources/i18n

# Every GUI source file, in subfolders too, in a fixed order.
sources=()
while IFS= read -r -d '' file; do
  sources+=("$file")
done < <(find selfcheck/gui -name '*.py' -type f -print0 | LC_ALL=C sort -z)
if [ "${#sources[@]}" -eq 0 ]; then
  echo "no Python files under selfcheck/gui" >&2
  exit 1
fi

# Relative locations: Qt Linguist can still show the code around a string, and moving code shifts fewer lines in the .ts.
.venv/bin/pyside6-lupdate "${sources[@]}" -source-language zh_CN -target-language en -no-obsolete \
  -locations relative -silent -ts "$TS"
.venv/bin/pyside6-lrelease -silent "$TS" -qm "$QM"
echo "$TS: $(grep -c '<message' "$TS") messages; $QM: $(wc -c <"$QM") bytes"

# List what still needs English (lupdate marks new strings type="unfinished"; so does Linguist until "Done").
.venv/bin/python - "$TS" <<'EOF'
import sys
import xml.etree.ElementTree as ET

unfinished = []
for context in ET.parse(sys.argv[1]).getroot().iter("context"):
    name = context.findtext("name") or ""
    for message in context.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished" or not (translation.text or "").strip():
            unfinished.append(f"  {name}: {message.findtext('source')!r}")
if unfinished:
    print(f"{len(unfinished)} unfinished (untranslated) messages in {sys.argv[1]}:", file=sys.stderr)
    print("\n".join(unfinished), file=sys.stderr)
    print("Translate them (pyside6-linguist, or edit the .ts), then run scripts/update_translations.sh again.", file=sys.stderr)
    sys.exit(1)
EOF
