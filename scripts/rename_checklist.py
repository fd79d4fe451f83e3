"""One word for one thing: "checklist" (检查表) in the code's names, as in the UI. A one-off rename, kept for the record.

    python scripts/rename_checklist.py [--dry-run]

Renames identifiers (Python NAME tokens only: never text in strings or comments, so stored data, JSON keys and
SQL are untouched), the modules named after templates, and the Qt translation contexts named after classes: the
types (`Template` → `Checklist`, `TemplateError`, `TemplateInfo`, `TemplateDiff`), the functions and the store's
methods (`read_checklist`, `store.checklist()`, `store.checklists()`, `install_checklist`, ...). Local variables and
fields named plainly `template` keep their name: the report data's `template` field is a key of the signed JSON.

Kept on purpose, being formats and not names: `template_id` and `template_version` (database columns, record
fields, JSON keys of the CLI and the report), the `templates` table, the CLI's `template` command group (what
users type; its handler functions `template_*` keep the command's name), reportlab's `SimpleDocTemplate`, and
argparse destinations (`args.template`).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MODULES = {  # old path → new path (git mv)
    "selfcheck/core/template.py": "selfcheck/core/checklist.py",
    "selfcheck/core/template_file.py": "selfcheck/core/checklist_file.py",
    "selfcheck/core/template_schema.py": "selfcheck/core/checklist_schema.py",
    "selfcheck/core/template_diff.py": "selfcheck/core/checklist_diff.py",
    "selfcheck/exchange/signed_template.py": "selfcheck/exchange/signed_checklist.py",
    "tests/core/test_template_diff.py": "tests/core/test_checklist_diff.py",
    "tests/core/test_template_fuzz.py": "tests/core/test_checklist_fuzz.py",
    "tests/core/test_template_malformed.py": "tests/core/test_checklist_malformed.py",
    "tests/exchange/test_signed_templates.py": "tests/exchange/test_signed_checklists.py",
}
PAGES = ("selfcheck/gui", "tests/gui")  # templates_page.py wherever the GUI keeps it

KEEP = {
    "template_id",
    "template_version",
    "template_provenance",
    "SimpleDocTemplate",
    "template_validate",
    "template_import",
    "template_remove",
    "template_list",
    "template_show",
    "template_schema",
    "template_convert",
    "template_sign",
    "template_diff",  # the CLI handler of `template diff`; the module is renamed by path below
    "template_export",
}
# Whole dotted module names and class names that strings carry (lazy imports, Qt contexts, the build spec).
STRING_NAMES = {
    "selfcheck.core.template": "selfcheck.core.checklist",
    "selfcheck.core.template_file": "selfcheck.core.checklist_file",
    "selfcheck.core.template_schema": "selfcheck.core.checklist_schema",
    "selfcheck.core.template_diff": "selfcheck.core.checklist_diff",
    "selfcheck.exchange.signed_template": "selfcheck.exchange.signed_checklist",
    "templates_page": "checklists_page",
    "TemplatesPage": "ChecklistsPage",
    "TemplatesModel": "ChecklistsModel",
    "template_to_yaml": "checklist_to_yaml",  # in an __all__
    "install_template": "install_checklist",  # method names the tests hold as strings (monkeypatch, name sets)
    "remove_template": "remove_checklist",
    "parse_template": "parse_checklist",
    "read_template": "read_checklist",
}
SKIP = {"rename_checklist.py", "test_private_imports.py"}  # this script; a test whose synthetic trees name modules freely
MODULE_PARENTS = {"core", "exchange", "gui", "pages", "dialogs", "models", "widgets"}  # `x.template_diff`: a module
FSTRING = re.compile(r"^[rRbBuU]*[fF][rRbB]*['\"]")
FIELD = re.compile(r"\{[^{}]*\}")
IDENT = re.compile(r"(?<![\w.'\"])[A-Za-z_]\w*")
BARE = {"template": "checklist", "templates": "checklists"}
WORD = re.compile(r"template|Template|TEMPLATE")
CASES = {"template": "checklist", "Template": "Checklist", "TEMPLATE": "CHECKLIST"}


def new_name(name: str) -> str:
    if name in KEEP or "template" not in name.lower():
        return name
    return WORD.sub(lambda m: CASES[m.group(0)], name)


def _in_field(name: str) -> str:
    return name if name in BARE else new_name(name)


def rename_source(text: str) -> str:
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    lines = text.splitlines(keepends=True)
    edits: list[tuple[int, int, int, str]] = []  # (row, col start, col end, new)
    # Modules imported by their bare name (`from selfcheck.core import template_schema`): every use is the module.
    aliases = {
        name
        for m in re.finditer(r"^\s*from selfcheck\.(?:core|exchange) import ([\w, ]+)$", text, re.M)
        for name in (x.strip() for x in m.group(1).split(","))
        if name in KEEP or name in BARE
    }
    line_start = 0  # index of the first token of the current logical line
    for n, tok in enumerate(tokens):
        if tok.type in (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT):
            line_start = n + 1
            continue
        head = " ".join(t.string for t in tokens[line_start : line_start + 4])
        in_import = re.fullmatch(r"from selfcheck \. (core|exchange)", head) and n > line_start + 4
        if (
            tok.type == tokenize.NAME
            and in_import
            and tokens[n - 1].string in ("import", ",", "(")
            and (tok.string in KEEP or tok.string in BARE)
        ):
            # `from selfcheck.core import template_schema, template`: module names after the import
            new = WORD.sub(lambda m: CASES[m.group(0)], tok.string)
            if new != tok.string:
                edits.append((tok.start[0], tok.start[1], tok.end[1], new))
            continue
        if tok.type == tokenize.NAME and tok.string in aliases and tokens[n - 1].string != ".":
            edits.append((tok.start[0], tok.start[1], tok.end[1], WORD.sub(lambda m: CASES[m.group(0)], tok.string)))
            continue
        if tok.type == tokenize.NAME:
            prev = tokens[n - 2].string if n >= 2 and tokens[n - 1].string == "." else None
            if prev == "args":  # an argparse destination: named by the parser's strings
                continue
            after = tokens[n + 1].string if n + 1 < len(tokens) else ""
            before = tokens[n - 1].string if n else ""
            if prev in MODULE_PARENTS and (tok.string in KEEP or tok.string in BARE) and tok.string != "template_id":
                new = WORD.sub(lambda m: CASES[m.group(0)], tok.string)  # a module path, not a kept name
            elif tok.string in BARE:
                # The bare words stay where they name a value (a variable, a field of the report's data, a JSON key
                # read as an attribute); the store's methods `template()` / `templates()` are renamed.
                called = (before == "." and after == "(") or before == "def"
                new = BARE[tok.string] if called else tok.string
            else:
                new = new_name(tok.string)
        elif tok.type == tokenize.STRING:
            new = tok.string
            for old, repl in STRING_NAMES.items():
                new = re.sub(rf"(?<![\w.]){re.escape(old)}(?![\w])", repl, new)
            if FSTRING.match(new):  # Python 3.11: an f-string is one token; the names in its fields are code
                new = FIELD.sub(lambda f: IDENT.sub(lambda m: _in_field(m.group(0)), f.group(0)), new)
        else:
            continue
        if new != tok.string:
            (row, col), (erow, ecol) = tok.start, tok.end
            if row != erow:  # a multi-line string: replace it line by line below
                edits.append((row, col, -1, new))
            else:
                edits.append((row, col, ecol, new))
    for row, col, ecol, new in sorted(edits, reverse=True):
        if ecol == -1:
            continue
        line = lines[row - 1]
        lines[row - 1] = line[:col] + new + line[ecol:]
    out = "".join(lines)
    for _row, _col, ecol, _new in edits:  # multi-line strings: only module names, safe as plain text
        if ecol == -1:
            for old, repl in STRING_NAMES.items():
                out = re.sub(rf"(?<![\w.]){re.escape(old)}(?![\w])", repl, out)
    return out


def main(argv: list[str]) -> int:
    dry = "--dry-run" in argv
    moves = dict(MODULES)
    for folder in PAGES:
        for path in (ROOT / folder).rglob("*templates_page*.py"):
            rel = path.relative_to(ROOT).as_posix()
            moves[rel] = rel.replace("templates_page", "checklists_page")
    for old, new in moves.items():
        if (ROOT / old).exists() and not dry:
            subprocess.run(["git", "mv", old, new], cwd=ROOT, check=True)
    files = [p for d in ("selfcheck", "tests", "bench", "scripts") for p in (ROOT / d).rglob("*.py")]
    files.append(ROOT / "build.spec")
    changed = 0
    for path in files:
        if path.name in SKIP:
            continue
        text = path.read_text(encoding="utf-8")
        new = rename_source(text)
        if new != text:
            changed += 1
            if not dry:
                path.write_text(new, encoding="utf-8")
    ts = ROOT / "resources" / "i18n" / "selfcheck_en.ts"
    text = ts.read_text(encoding="utf-8")
    new = re.sub(r"<name>(\w+)</name>", lambda m: f"<name>{new_name(m.group(1))}</name>", text)
    new = re.sub(r'filename="([^"]*)templates_page', r'filename="\1checklists_page', new)
    if new != text and not dry:
        ts.write_text(new, encoding="utf-8")
    for doc in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        text = doc.read_text(encoding="utf-8")
        new = text
        for old, repl in {**{Path(k).name: Path(v).name for k, v in moves.items()}, **STRING_NAMES}.items():
            new = re.sub(rf"(?<![\w.]){re.escape(old)}(?![\w])", repl, new)
        for old in ("Template", "TemplateInfo", "TemplateError", "TemplateDiff", "read_template", "parse_template"):
            new = re.sub(rf"`{old}`", f"`{new_name(old)}`", new)
        if new != text and not dry:
            doc.write_text(new, encoding="utf-8")
    if not dry:  # the Qt contexts changed: compile the .qm again
        subprocess.run(["bash", "scripts/update_translations.sh"], cwd=ROOT, check=True)
    if not dry:  # the published JSON Schema is titled after the class
        schema = subprocess.run(
            [sys.executable, "-m", "selfcheck", "template", "schema"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        (ROOT / "docs" / "checklist.schema.json").write_bytes(schema)
    print(f"{len(moves)} files moved, {changed} Python files renamed in")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
