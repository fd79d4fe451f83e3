"""Fuzzing the checklist reader, and the round trip of a valid Template through JSON and YAML.

Property of the reader: parse_checklist returns a Template or raises TemplateError with at least one located,
bilingual problem; nothing else ever escapes, whatever the bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, assume, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from selfcheck.core.checklist import Checklist, canonical_json, from_stored
from selfcheck.core.checklist_file import cross_field_rules, parse_checklist
from selfcheck.errors import ChecklistError, Located

MINI = Path(__file__).resolve().parent.parent / "data" / "mini.yaml"
MINI_TEXT = MINI.read_text(encoding="utf-8")
MINI_CHECKLIST = parse_checklist(MINI_TEXT.encode(), "mini.yaml")
MINI_JSON: dict[str, Any] = MINI_CHECKLIST.model_dump(mode="json")

NAME = "fuzz.yaml"
STR_LINE = re.compile(r"^.+:\d+:\d+: .+: .+ / .+$")
LINE_BREAKS = re.compile(rb"\r\n|\r|\n|\xc2\x85|\xe2\x80\xa8|\xe2\x80\xa9")

# No "explain" phase: it traces coverage and makes a failing run take minutes.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink]
FUZZ = settings(max_examples=500, deadline=None, phases=PHASES, suppress_health_check=[HealthCheck.too_slow])
# A failing round trip costs several dumps and parses per shrink step, and shrinking a whole template took
# minutes: report the first failure as found, unshrunk (its message names the field and line). The
# deterministic tests below name each known kind of round-trip failure on its own.
ROUND_TRIP = settings(
    max_examples=300,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def check_outcome(raw: bytes) -> Checklist | None:
    """The reader's contract: a Template, or a TemplateError whose every problem is located in this file."""
    try:
        result = parse_checklist(raw, NAME)
    except ChecklistError as err:
        assert err.problems, "TemplateError without any problem"
        last_line = len(LINE_BREAKS.findall(raw)) + 1  # an error at the end of the file is on the line after the last break
        for p in err.problems:
            assert isinstance(p, Located)
            assert p.file == NAME
            assert 1 <= p.line <= last_line, f"line {p.line} is outside the file ({last_line} lines): {p}"
            assert p.column >= 1, p
            assert p.zh.strip() and p.en.strip(), p
        lines = str(err).split("\n")
        assert len(lines) == len(err.problems), f"a message spans several lines:\n{err}"
        check_named_character(raw, err.problems)
        assert all(STR_LINE.match(line) for line in lines), str(err)
        return None
    assert isinstance(result, Checklist)
    return result


def check_named_character(raw: bytes, problems: list[Located]) -> None:
    """A problem that names a character (U+0007) must point at that character."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return
    lines = text.split("\n")
    for p in problems:
        named = re.search(r"U\+([0-9A-F]{4,6})\b", p.en)
        if named:
            char = chr(int(named[1], 16))
            line = lines[p.line - 1] if p.line <= len(lines) else ""
            found = line[p.column - 1] if p.column <= len(line) else None
            assert found == char, f"{p} names {char!r} but line {p.line} column {p.column} holds {found!r}"


# ---- (a) random bytes ---------------------------------------------------------------------------------------------

YAMLISH = st.lists(
    st.sampled_from(list("abc019 :-#\n\t\"'{}[],&*!|>?%@`~.\\") + ["\r\n", "- ", ": ", "  ", "是", "\ufeff"]),
    max_size=200,
).map("".join)


@FUZZ
@given(st.binary(max_size=2048))
@example(b"{")  # unclosed, and no final line break: libyaml puts the end of the file on the line after it
@example(b"\xc3\x80\x01")  # a control character after a two-byte character
@example(b"\xff\xfe" + "id: mini\n".encode("utf-16-le"))
def test_random_bytes(raw: bytes) -> None:
    check_outcome(raw)


@FUZZ
@given(YAMLISH)
def test_random_yamlish_text(text: str) -> None:
    check_outcome(text.encode("utf-8"))


# ---- (b) random mutations of mini.yaml's text -----------------------------------------------------------------

CHARS = st.sampled_from(
    list(" \t\n:-#{}[],&*!|>?'\"\\%@`~.0x") + ["是", "\x00", "\x07", "\x85", "\u2028", "\ufeff"]
) | st.characters(exclude_categories=("Cs",))


@st.composite
def mutated_mini(draw: st.DrawFn) -> str:
    text = MINI_TEXT
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "insert", "replace", "swap_lines", "duplicate_line", "delete_line"]))
        if op in ("delete", "insert", "replace"):
            at = draw(st.integers(0, len(text)))
            if op == "insert":
                text = text[:at] + draw(st.text(CHARS, min_size=1, max_size=4)) + text[at:]
            elif op == "delete":
                text = text[:at] + text[at + draw(st.integers(1, 8)) :]
            else:
                text = text[:at] + draw(CHARS) + text[at + 1 :]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            if op == "swap_lines":
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            elif op == "duplicate_line":
                lines.insert(i, lines[i])
            else:
                del lines[i]
            text = "\n".join(lines)
    return text


@FUZZ
@given(mutated_mini())
@example(MINI_TEXT.replace("points: 10", "points: " + "9" * 5000, 1))  # more digits than int() takes
@example(MINI_TEXT.replace("max: 90}", "max: 90", 1))
@example(MINI_TEXT.replace("学习", "学\x07习", 1))
def test_mutated_mini(text: str) -> None:
    check_outcome(text.encode("utf-8"))


# ---- (c) random structures from mini's data model --------------------------------------------------------------

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["", "yes", "no", "null", "~", "1.0", "08", "1e5", ".nan", "2026-09-01", "s1.study", "yesno"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=10,
)


def all_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += all_paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += all_paths(v, (*path, i))
    return out


def resolve(root: Any, path: tuple[Any, ...]) -> Any:
    node = root
    for part in path:
        node = node[part]
    return node


@st.composite
def mutated_model(draw: st.DrawFn) -> Any:
    data: Any = copy.deepcopy(MINI_JSON)
    paths = all_paths(data)
    for _ in range(draw(st.integers(1, 6))):
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "replace", "delete", "add_key", "append"]))
        try:
            if not path:
                if action == "replace":
                    data = draw(VALUES)
                continue
            parent = resolve(data, path[:-1])
            key = path[-1]
            if action == "replace":
                parent[key] = draw(VALUES)
            elif action == "delete":
                del parent[key]
            elif action == "add_key" and isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=12))] = draw(VALUES)
            elif action == "append" and isinstance(parent, list):
                parent.append(draw(VALUES) if draw(st.booleans()) else copy.deepcopy(parent[0]) if parent else None)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or replaced this part of the tree
    return data


def dump_json(data: Any, **kw: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, **kw).encode("utf-8")


def dump_yaml(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@FUZZ
@given(mutated_model(), st.sampled_from(["json", "json-indent", "yaml"]))
def test_mutated_model(data: Any, form: str) -> None:
    raw = dump_yaml(data) if form == "yaml" else dump_json(data, indent=2 if form == "json-indent" else None)
    check_outcome(raw)


# ---- round trip: a valid Template dumps to JSON and YAML and reads back the same ---------------------------------


def read_back(template: Checklist, form: str, raw: bytes) -> str | None:
    """None if `raw` reads back as `template` with the same content hash, else what went wrong."""
    try:
        back = parse_checklist(raw, f"roundtrip.{form}")
    except ChecklistError as err:
        return f"{form} dump of a valid template does not read back:\n{err}\n--- dump ---\n{raw.decode()}"
    if back != template:
        return f"{form}: read back differs:\n{back!r}\n!=\n{template!r}"
    if back.content_hash() != template.content_hash():
        return f"{form}: content_hash differs"
    return None


def check_round_trip(template: Checklist, *, exclude_none: bool = False) -> None:
    """JSON (as written for people, and ASCII-escaped, as json.dumps does by default) and YAML dumps all read back
    equal, with the same hash. One assert per form, so that hypothesis reports each kind of failure on its own."""
    data = template.model_dump(mode="json", exclude_none=exclude_none)
    yaml_failure = read_back(template, "yaml", dump_yaml(data))
    json_failure = read_back(template, "json", dump_json(data, indent=2))
    ascii_failure = read_back(template, "json-ascii", json.dumps(data).encode())
    assert yaml_failure is None, yaml_failure
    assert json_failure is None, json_failure
    assert ascii_failure is None, ascii_failure
    stored = from_stored(canonical_json(template))  # as the store rebuilds it, without validating again
    assert stored == template
    assert stored.content_hash() == template.content_hash()


def test_round_trip_mini() -> None:
    check_round_trip(MINI_CHECKLIST)


def test_round_trip_mini_without_nulls() -> None:
    check_round_trip(MINI_CHECKLIST, exclude_none=True)


def test_null_means_absent() -> None:
    """YAML `null`/`~`/empty and JSON `null` are the absent value, as in the YAML 1.2 core schema and JSON."""
    text = (
        MINI_TEXT.replace("    - {name: 优秀, min: 90}", "    - {name: 优秀, min: 90, max: null}")
        .replace("        evidence: 学习记录本、签到表", "        evidence: ~")
        .replace("        rule: 每缺一次扣 1 分", "        rule:")
    )
    t = parse_checklist(text.encode(), "nulls.yaml")
    item = t.sections[0].items[0]
    assert (item.evidence, item.rule, t.grading.bands[0].max) == (None, None, None)


def test_json_escaped_non_bmp_character() -> None:
    """Python's json.dumps writes 𠮷 (U+20BB7, a CJK character found in names) as the escape pair \\ud842\\udfb7."""
    data = MINI_CHECKLIST.model_dump(mode="json", exclude_none=True)
    data["title"] = "𠮷祥小学自查表"
    raw = json.dumps(data).encode()
    assert b"\\ud842\\udfb7" in raw
    assert parse_checklist(raw, "ascii.json").title == "𠮷祥小学自查表"


@pytest.mark.parametrize(
    "char",
    ["\x85", "\u2028", "\x7f", "\x9f", "\x1b", "\x00", "\ufeff", "😀", "𠮷"],
    ids=["NEL", "LS", "DEL", "C1", "ESC", "NUL", "BOM", "emoji", "ext-b"],
)
def test_text_character_round_trips_or_is_refused(char: str) -> None:
    """A character in a text either makes the template invalid, or survives JSON and YAML unchanged."""
    data = MINI_CHECKLIST.model_dump(mode="json")
    data["title"] = f"前{char}后"
    try:
        template = Checklist.model_validate(data)
    except ValidationError:
        return  # refused by the model: fine, no file can carry it
    check_round_trip(template)
    check_round_trip(template, exclude_none=True)


# Valid text has no surrogates and no control or separator characters (the model refuses those).
NO_SURROGATES = st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"))
REALISTIC = st.sampled_from(list("学校检查记录是否 0123456789abcXYZ.,:-#'\"[]{}&*!%@`|>（），、：；"))


def line_text(max_size: int = 200) -> st.SearchStrategy[str]:
    text = st.text(REALISTIC | NO_SURROGATES, min_size=1, max_size=min(max_size, 60))
    return text.filter(lambda s: s.strip() != "")


IDENTS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,20}", fullmatch=True) | st.sampled_from(
    ["08", "09", "1e5", "1.5e3", "0x1F", "true", "null", "NO", "1_000", "2026-09-01"]
)
KEYS = st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True) | st.sampled_from(["08", "1e5", "yes", "no", "y", "n", "on"])
POINTS = st.floats(min_value=0.5, max_value=1000, allow_nan=False) | st.integers(1, 1000).map(float)


@st.composite
def valid_variant(draw: st.DrawFn) -> Checklist:
    d: dict[str, Any] = copy.deepcopy(MINI_JSON)
    d["version"] = draw(st.from_regex(r"[0-9]{1,6}(\.[0-9]{1,6}){0,3}", fullmatch=True))
    d["id"] = draw(IDENTS)
    d["title"] = draw(line_text())
    d["issuer"] = draw(line_text())
    d["effective_date"] = draw(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))).isoformat()
    d["description"] = draw(st.none() | line_text())
    ids = draw(st.lists(IDENTS, min_size=11, max_size=11, unique=True))
    for section in d["sections"]:
        section["id"] = ids.pop()
        section["title"] = draw(line_text())
        for item in section["items"]:
            item["id"] = ids.pop()
            item["text"] = draw(line_text())
            for field in ("method", "evidence", "rule"):
                item[field] = draw(st.none() | line_text())
            if item["points"] > 0:
                item["points"] = draw(POINTS)
    fees = d["sections"][1]["items"][1]
    fees["per_occurrence"] = draw(POINTS)
    firstask = d["sections"][1]["items"][0]
    keys = draw(st.lists(KEYS, min_size=3, max_size=3, unique=True))
    for option, key in zip(firstask["options"], keys, strict=True):
        option["key"] = key
        option["label"] = draw(line_text())
    firstask["options"][1]["share"] = draw(st.floats(0, 1, allow_nan=False))
    for option in d["scales"]["yesno"]:
        option["label"] = draw(line_text())
    for adj in d["adjustments"]:
        adj["id"] = ids.pop()
        adj["text"] = draw(line_text())
        adj["per_occurrence"] = draw(POINTS)
        adj["cap"] = draw(st.none() | st.floats(adj["per_occurrence"], 1000, allow_nan=False))
    names = draw(st.lists(line_text(), min_size=4, max_size=4, unique_by=str.strip))
    for band, name in zip(d["grading"]["bands"], names, strict=True):
        band["name"] = name
    d["grading"]["veto_grade"] = draw(st.none() | st.sampled_from(names))
    template = Checklist.model_validate(d)
    assume(not cross_field_rules(template))
    return template


@ROUND_TRIP
@given(valid_variant(), st.booleans())
def test_round_trip_valid_variants(template: Checklist, exclude_none: bool) -> None:
    check_round_trip(template, exclude_none=exclude_none)


@pytest.mark.parametrize("ident", ["08", "09", "1e5", "1.5e3", "0x1F", "true", "null", "NO", "1_000"])
def test_round_trip_number_like_ids(ident: str) -> None:
    """Ids and option keys that look like numbers: PyYAML's safe_dump quotes what YAML 1.1 reads as a number,
    but writes 08, 09 and 1e5 bare, which the reader's YAML 1.2 core schema reads as numbers."""
    data = MINI_CHECKLIST.model_dump(mode="json")
    data["sections"][0]["id"] = ident
    if "." not in ident:  # option keys take letters, digits, _ and - only
        data["sections"][1]["items"][0]["options"][0]["key"] = ident
    check_round_trip(Checklist.model_validate(data))


def test_hash_ignores_layout() -> None:
    """The control for the round trip: the same content in another layout hashes the same, a change does not."""
    data = MINI_CHECKLIST.model_dump(mode="json", exclude_none=True)
    flow = yaml.safe_dump(dict(reversed(data.items())), allow_unicode=True, default_flow_style=True, width=10_000)
    assert flow.count("\n") == 1
    assert parse_checklist(flow.encode(), "flow.yaml").content_hash() == MINI_CHECKLIST.content_hash()
    changed = MINI_TEXT.replace("text: 档案管理规范", "text: 档案管理规范。")
    assert parse_checklist(changed.encode(), "changed.yaml").content_hash() != MINI_CHECKLIST.content_hash()


def test_a_damaged_stored_checklist_is_validated_and_named() -> None:
    """The store rebuilds installed templates without validation; JSON that does not fit the classes is validated
    in full instead, so the damage is named rather than a half-built template handed out."""
    data = json.loads(canonical_json(MINI_CHECKLIST))
    assert from_stored(json.dumps(data)) == MINI_CHECKLIST
    del data["sections"][0]["items"][0]["id"]
    with pytest.raises(ValidationError, match="id"):
        from_stored(json.dumps(data))
    data = json.loads(canonical_json(MINI_CHECKLIST))
    data["grading"]["bands"][0]["stray"] = 1
    with pytest.raises(ValidationError, match="stray"):
        from_stored(json.dumps(data))
