"""Malformed checklist files: each must give a TemplateError that names the right line, in Chinese and English.

The corpus in tests/data/malformed/ is mini.yaml with one realistic mistake each (plus a few files the reader
must refuse outright). Large or generated cases are built here in tmp_path so the repository stays small.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcheck.core import safeyaml
from selfcheck.core.checklist import Checklist
from selfcheck.core.checklist_file import parse_checklist, read_checklist
from selfcheck.errors import ChecklistError, Located

DATA = Path(__file__).resolve().parent.parent / "data"
MALFORMED = DATA / "malformed"
MINI = DATA / "mini.yaml"

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
STR_LINE = re.compile(r"^.+:\d+:\d+: .+: .+ / .+$")

# file name -> (line the mistake is on, a substring of the problem's field path or of its zh/en message).
# Line numbers are those of the committed file (mini.yaml's, unless lines were deleted or inserted).
CASES: dict[str, tuple[int, str]] = {
    # YAML syntax
    "syntax_unclosed_bracket.yaml": (10, "bracket that opens here is never closed"),  # `{key: "yes", ... share: 1` never closed
    "syntax_unclosed_quote.yaml": (22, "quote that opens here is never closed"),  # text: "每周... with no closing quote
    "syntax_colon_in_text.yaml": (22, "put the whole text in quotes"),  # `text: 注意: ...` (ASCII colon inside plain text)
    "syntax_bad_indentation.yaml": (26, "YAML"),  # `rule:` indented 7 spaces instead of 8
    "tabs_indentation.yaml": (25, "YAML indents with spaces only"),
    "syntax_last_line_no_newline.yaml": (77, "this line has no colon"),  # `deduction_cap 10`, no colon, no final newline
    "control_character.yaml": (22, "0007"),  # a BEL character pasted into an item text
    # encodings and empty files
    "gbk_encoding.yaml": (5, "UTF-8"),  # first non-ASCII character (the title) is on line 5
    "utf16.yaml": (1, "UTF-8"),
    "nul_bytes.yaml": (28, "NUL"),
    "empty_file.yaml": (1, "empty"),
    "comments_only.yaml": (1, "empty"),
    # structures the reader refuses
    "top_level_list.yaml": (1, "top level"),
    "top_level_text.yaml": (1, "top level"),
    "two_documents.yaml": (78, "one YAML document"),
    "alias_bomb.yaml": (5, "aliases"),
    "alias_reuse_options.yaml": (57, "aliases"),
    "anchor.yaml": (9, "&yesno"),
    "python_tag.yaml": (8, "python/object/apply:os.system"),
    "str_tag.yaml": (4, "tags"),
    "complex_key.yaml": (8, "keys must be plain text"),
    "deep_nesting.yaml": (8, "nested too deeply"),
    "duplicate_key.yaml": (27, "sections.0.items.0.points"),
    # JSON (read by the same reader)
    "json_syntax_error.json": (4, "a comma is missing"),  # missing comma at the end of line 3
    "json_duplicate_key.json": (6, "duplicate key 'title'"),
    "json_wrong_type_points.json": (49, "sections.0.items.0.points"),
    # schema
    "unknown_field.yaml": (25, "sections.0.items.0.point"),
    "wrong_type_points.yaml": (25, "sections.0.items.0.points"),
    "negative_points.yaml": (39, "sections.1.items.0.points"),
    "share_over_one.yaml": (42, "sections.1.items.0.options.1.share"),
    "unknown_answer_type.yaml": (29, "sections.0.items.1.type"),
    "bad_item_id.yaml": (21, "sections.0.items.0.id"),
    "bad_version.yaml": (4, "version"),
    "bad_date.yaml": (7, "effective_date"),
    "bad_date_format.yaml": (7, "effective_date"),
    "missing_title.yaml": (2, "title"),  # a missing key is reported at the mapping that lacks it
    "missing_grading.yaml": (2, "grading"),
    "bad_format.yaml": (2, "format"),
    "empty_section.yaml": (20, "sections.0.items"),
    "section_items_blank.yaml": (20, "sections.0.items"),
    "bool_in_chinese.yaml": (31, "sections.0.items.1.required"),
    "empty_title.yaml": (5, "title"),
    "options_not_list.yaml": (40, "sections.1.items.0.options"),
    "option_missing_label.yaml": (42, "sections.1.items.0.options.1.label"),
    "unknown_adjustment_kind.yaml": (67, "adjustments.1.kind"),
    # rules across fields
    "duplicate_item_ids.yaml": (27, "sections.0.items.1.id"),
    "grade_band_gap.yaml": (72, "gap between bands"),
    "grade_band_overlap.yaml": (72, "overlap"),
    "grade_band_not_from_zero.yaml": (74, "start at 0"),
    "grade_band_top_below_100.yaml": (71, "reach 100"),
    "grade_band_max_nan.yaml": (71, "grading.bands.0.max"),  # `max: .nan`: not a number anyone means
    "unknown_scale.yaml": (14, "default_scale"),
    "item_unknown_scale.yaml": (26, "sections.0.items.0.scale"),
    "veto_without_trigger.yaml": (55, "sections.1.items.3.veto"),
    "veto_option_unknown.yaml": (60, "sections.1.items.3.veto_options.0"),
    "score_without_points.yaml": (49, "sections.1.items.2.points"),  # no points line: the item itself
    "deduction_without_per_occurrence.yaml": (44, "per_occurrence"),
    "text_item_with_points.yaml": (64, "sections.1.items.4.points"),
    "per_occurrence_on_choice.yaml": (26, "sections.0.items.0.per_occurrence"),
    "option_key_duplicate.yaml": (42, "sections.1.items.0.options.1.key"),
    "single_option.yaml": (41, "at least 2 answer options"),
    "veto_grade_unknown.yaml": (75, "grading.veto_grade"),
    "scale_and_options.yaml": (40, "sections.1.items.0.scale"),
    "choice_without_options.yaml": (20, "no answer options"),
    "adjustment_cap_below_per_occurrence.yaml": (66, "adjustments.0.cap"),
    "choice_points_no_share.yaml": (39, "every share is 0"),
}

# Files whose one mistake is rightly reported more than once; every other file must give exactly one problem.
PROBLEM_COUNT = {
    "alias_bomb.yaml": 3,  # anchors &a (line 4) and &b (line 5), then the alias that stops the reader
    "alias_reuse_options.yaml": 2,  # the anchor, then the alias
    "python_tag.yaml": 2,  # the tag, and description is not text
}

# Syntax errors noticed after the line with the mistake: naming the line in the message is enough.
LINE_IN_MESSAGE_OK = {"syntax_unclosed_bracket.yaml", "syntax_unclosed_quote.yaml"}

LOADERS = {"libyaml": yaml.CSafeLoader, "pure-python": yaml.SafeLoader}


@pytest.fixture(params=sorted(LOADERS), autouse=False)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run with libyaml (the normal case) and with PyYAML's pure-Python parser (the fallback).

    Set up as safeyaml's import-time fallback would be: the loader, and how its reader errors count positions.
    """
    monkeypatch.setattr(safeyaml, "_Loader", LOADERS[request.param])
    monkeypatch.setattr(safeyaml, "_BYTE_POSITIONS", request.param == "libyaml", raising=False)
    return request.param


def expect_checklist_error(call: Callable[[], object]) -> ChecklistError:
    """The call must raise TemplateError: returning, or raising anything else, fails the test."""
    try:
        result = call()
    except ChecklistError as exc:
        return exc
    except Exception as exc:  # pragma: no cover - a reader bug: report the exception itself
        pytest.fail(f"expected TemplateError, got {type(exc).__name__}: {exc!r}")
    pytest.fail(f"expected TemplateError, the file was accepted: {result!r}")


def check_well_formed(err: ChecklistError, file: str, *, min_line: int = 1) -> list[Located]:
    """Every problem is located in `file`, bilingual, and str(err) is one `FILE:LINE:COL: path: zh / en` line each."""
    problems = err.problems
    assert problems, "TemplateError without any problem"
    for p in problems:
        assert isinstance(p, Located)
        assert p.file == file, p
        assert p.line >= min_line, p
        assert p.column >= min_line, p
        assert CJK.search(p.zh), f"no Chinese in the message: {p}"
        assert p.en.strip() and LATIN_WORD.search(p.en), f"no English message: {p}"
        assert p.zh != p.en, p
    lines = str(err).split("\n")
    assert len(lines) == len(problems), f"str(error) is not one line per problem:\n{err}"
    for line in lines:
        assert STR_LINE.match(line), f"str(error) line not in FILE:LINE:COLUMN: path: zh / en form: {line!r}"
    return problems


def names(p: Located, needle: str) -> bool:
    """The needle is in the field path or the message (either case: U+001B and #x001b both name ESC)."""
    needle = needle.lower()
    return needle in p.path.lower() or needle in p.zh.lower() or needle in p.en.lower()


def check_expected(problems: list[Located], name: str, line: int, needle: str, count: int = 1) -> None:
    listing = "\n".join(str(p) for p in problems)

    def at_line(p: Located) -> bool:
        if p.line == line:
            return True
        return name in LINE_IN_MESSAGE_OK and (f"line {line}" in p.en or f"第 {line} 行" in p.zh)

    assert any(at_line(p) and names(p, needle) for p in problems), (
        f"{name}: expected a problem at line {line} about {needle!r}, got:\n{listing}"
    )
    assert len(problems) == count, f"{name}: expected {count} problem(s), got:\n{listing}"


# ---- the committed corpus --------------------------------------------------------------------------------------


def test_corpus_matches_manifest() -> None:
    on_disk = {p.name for p in MALFORMED.iterdir() if p.is_file()}
    assert on_disk == set(CASES), f"not in CASES: {on_disk - set(CASES)}; missing files: {set(CASES) - on_disk}"
    assert len(on_disk) >= 32
    assert set(PROBLEM_COUNT) <= set(CASES) and set(LINE_IN_MESSAGE_OK) <= set(CASES)


def test_mini_is_valid(loader: str) -> None:
    """The control: the file every case is built from parses, so each case's error comes from its own mistake."""
    t = read_checklist(MINI)
    assert isinstance(t, Checklist)
    assert t.id == "mini" and len(t.items()) == 7


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_file(name: str, loader: str) -> None:
    path = MALFORMED / name
    err = expect_checklist_error(lambda: read_checklist(path))
    problems = check_well_formed(err, str(path))
    line, needle = CASES[name]
    check_expected(problems, name, line, needle, PROBLEM_COUNT.get(name, 1))


@pytest.mark.parametrize("name", sorted(CASES))
def test_bytes_and_path_agree(name: str) -> None:
    """parse_checklist on the bytes reports exactly what read_checklist reports on the file."""
    path = MALFORMED / name
    from_path = expect_checklist_error(lambda: read_checklist(path)).problems
    from_bytes = expect_checklist_error(lambda: parse_checklist(path.read_bytes(), str(path))).problems
    assert from_bytes == from_path


# ---- generated cases (large, binary, or built from the others) ---------------------------------------------------


def mini_lines() -> list[str]:
    return MINI.read_text(encoding="utf-8").splitlines(keepends=True)


def replace_line(n: int, new: str) -> str:
    lines = mini_lines()
    lines[n - 1] = new + "\n"
    return "".join(lines)


def gen_huge_file() -> tuple[bytes, int, str]:
    pad = ("# " + "填充" * 40 + "\n").encode("utf-8")
    raw = MINI.read_bytes() + pad * (safeyaml.MAX_BYTES // len(pad) + 1)
    assert len(raw) > safeyaml.MAX_BYTES
    return raw, 1, "too large"


def gen_deep_block_mapping() -> tuple[bytes, int, str]:
    # container n starts on line n; the reader refuses the one past MAX_DEPTH
    text = "".join("  " * d + f"k{d}:\n" for d in range(100)) + "  " * 100 + "x\n"
    return text.encode(), safeyaml.MAX_DEPTH + 1, "nested too deeply"


def gen_deep_flow_1000() -> tuple[bytes, int, str]:
    lines = mini_lines()
    lines.insert(7, "description: " + "[" * 1000 + "]" * 1000 + "\n")
    return "".join(lines).encode(), 8, "nested too deeply"


def gen_huge_integer() -> tuple[bytes, int, str]:
    # more digits than int() converts by default (sys.get_int_max_str_digits): must not escape as ValueError
    return replace_line(25, "        points: " + "9" * 5000).encode(), 25, "sections.0.items.0.points"


def gen_long_scalar() -> tuple[bytes, int, str]:
    return replace_line(22, "        text: " + "学" * (safeyaml.MAX_SCALAR + 10)).encode(), 22, "too long"


def gen_too_many_nodes() -> tuple[bytes, int, str]:
    lines = mini_lines()
    lines.insert(7, "description: [" + "0," * safeyaml.MAX_NODES + "0]\n")
    return "".join(lines).encode(), 8, "too many nodes"


def gen_crlf() -> tuple[bytes, int, str]:
    return replace_line(25, "        points: 十分").replace("\n", "\r\n").encode(), 25, "sections.0.items.0.points"


def gen_bom() -> tuple[bytes, int, str]:
    return b"\xef\xbb\xbf" + replace_line(25, "        points: 十分").encode(), 25, "sections.0.items.0.points"


def gen_latin1_byte() -> tuple[bytes, int, str]:
    # one word typed in a Latin-1 editor: é is the single byte 0xE9
    return replace_line(30, "        unit: cafe").encode().replace(b"cafe", b"caf\xe9"), 30, "UTF-8"


def gen_gbk_after_crlf() -> tuple[bytes, int, str]:
    return MINI.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gbk"), 5, "UTF-8"


def gen_nul_first_line() -> tuple[bytes, int, str]:
    return b"\x00" + MINI.read_bytes(), 1, "NUL"


def gen_control_after_ascii() -> tuple[bytes, int, str]:
    # the control character comes before any non-ASCII text
    return replace_line(3, "id: mi\x1bni").encode(), 3, "001b"


def gen_control_after_chinese() -> tuple[bytes, int, str]:
    # ... and after a lot of Chinese text (3 bytes per character in UTF-8, 1 in the decoded text)
    return replace_line(73, "    - {name: 合格, min: 60, max: 8\x010}").encode(), 73, "0001"


def gen_c1_control() -> tuple[bytes, int, str]:
    # a C1 control character (U+009F), as pasted from some Windows programs, is not printable YAML
    return replace_line(62, "        text: 最近一次家长会日期\x9f").encode(), 62, "009f"


def gen_key_with_newline() -> tuple[bytes, int, str]:
    # a quoted key with an escaped line break: echoed raw, the field path would break the one-line-per-problem form
    lines = mini_lines()
    lines.insert(7, '"备\\n注": 说明\n')
    return "".join(lines).encode(), 8, "extra inputs"


def gen_veto_grade_with_newline() -> tuple[bytes, int, str]:
    # the same for a value echoed in a message
    return replace_line(75, '  veto_grade: "不\\n及格"').encode(), 75, "grading.veto_grade"


GENERATED: dict[str, tuple[Callable[[], tuple[bytes, int, str]], int]] = {
    "huge_file": (gen_huge_file, 1),
    "deep_block_mapping": (gen_deep_block_mapping, 1),
    "deep_flow_1000": (gen_deep_flow_1000, 1),
    "huge_integer": (gen_huge_integer, 1),
    "long_scalar": (gen_long_scalar, 2),  # over MAX_SCALAR, and over the 4000 characters of an item text
    "too_many_nodes": (gen_too_many_nodes, 1),
    "crlf_line_endings": (gen_crlf, 1),
    "utf8_bom": (gen_bom, 1),
    "latin1_byte": (gen_latin1_byte, 1),
    "gbk_with_crlf": (gen_gbk_after_crlf, 1),
    "nul_first_line": (gen_nul_first_line, 1),
    "control_after_ascii": (gen_control_after_ascii, 1),
    "control_after_chinese": (gen_control_after_chinese, 1),
    "c1_control_character": (gen_c1_control, 1),
    "key_with_newline": (gen_key_with_newline, 1),
    "veto_grade_with_newline": (gen_veto_grade_with_newline, 1),
}


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_generated_case(case: str, tmp_path: Path) -> None:
    make, count = GENERATED[case]
    raw, line, needle = make()
    path = tmp_path / f"{case}.yaml"
    path.write_bytes(raw)
    err = expect_checklist_error(lambda: read_checklist(path))
    check_expected(check_well_formed(err, str(path)), case, line, needle, count)
    err = expect_checklist_error(lambda: parse_checklist(raw, "bytes.yaml"))
    check_expected(check_well_formed(err, "bytes.yaml"), case, line, needle, count)


def test_huge_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:  # sparse: nothing is written but the size
        fh.truncate(safeyaml.MAX_BYTES + 1)
    opened: list[object] = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    err = expect_checklist_error(lambda: read_checklist(path))
    check_expected(check_well_formed(err, str(path)), "huge.yaml", 1, "too large")
    assert opened == []


def test_file_not_found(tmp_path: Path) -> None:
    path = tmp_path / "没有这个文件.yaml"
    err = expect_checklist_error(lambda: read_checklist(path))
    (p,) = check_well_formed(err, str(path), min_line=0)
    assert "not found" in p.en and "不存在" in p.zh


def test_directory(tmp_path: Path) -> None:
    err = expect_checklist_error(lambda: read_checklist(tmp_path))
    (p,) = check_well_formed(err, str(tmp_path), min_line=0)
    assert "folder" in p.en


@pytest.mark.parametrize(
    ("line", "written", "field", "get"),
    [
        (4, "version: 1.10", "version", lambda t: t.version),
        (16, "  - id: 08", "sections.0.id", lambda t: t.sections[0].id),
        (
            41,
            "          - {key: 1, label: 优秀, share: 1}",
            "sections.1.items.0.options.0.key",
            lambda t: t.sections[1].items[0].options[0].key,
        ),
        (
            43,
            "          - {key: bad, label: 0, share: 0, raises_problem: true, note_required: true}",
            "sections.1.items.0.options.2.label",
            lambda t: t.sections[1].items[0].options[2].label,
        ),
    ],
    ids=["version-1.10", "id-08", "key-1", "label-0"],
)
def test_unquoted_number_where_text_is_expected(
    line: int, written: str, field: str, get: Callable[[Checklist], str], loader: str, request: pytest.FixtureRequest
) -> None:
    """`version: 1.10`, `id: 08`, `key: 1`: a very common way to write these fields. The reader must either keep
    the text as written ("1.10", not "1.1"; "08", not "8"), or refuse it at that line saying to put it in quotes."""
    raw = replace_line(line, written).encode()
    expected = {"version-1.10": "1.10", "id-08": "08", "key-1": "1", "label-0": "0"}
    as_written = next(v for k, v in expected.items() if request.node.callspec.id.endswith(k))
    try:
        template = parse_checklist(raw, "unquoted.yaml")
    except ChecklistError as err:
        problems = check_well_formed(err, "unquoted.yaml")
        listing = "\n".join(map(str, problems))
        assert [(p.line, p.path) for p in problems] == [(line, field)], listing
        assert "引号" in problems[0].zh and "quote" in problems[0].en.lower(), f"no hint to add quotes: {listing}"
        return
    assert get(template) == as_written


def test_valid_variants_still_parse() -> None:
    """The controls for the generated cases: CRLF, a BOM and JSON are all accepted when nothing else is wrong."""
    text = MINI.read_text(encoding="utf-8")
    base = parse_checklist(text.encode(), "mini.yaml")
    assert parse_checklist(text.replace("\n", "\r\n").encode(), "crlf.yaml") == base
    assert parse_checklist(b"\xef\xbb\xbf" + text.encode(), "bom.yaml") == base
    js = MALFORMED / "json_wrong_type_points.json"
    fixed = js.read_text(encoding="utf-8").replace('"points": "十分"', '"points": 10')
    assert parse_checklist(fixed.encode(), "mini.json") == base


# ---- several mistakes in one file ---------------------------------------------------------------------------------


def several(*subs: tuple[int, str]) -> bytes:
    lines = mini_lines()
    for n, new in subs:
        lines[n - 1] = new + "\n"
    return "".join(lines).encode()


SCHEMA_MISTAKES = [
    (18, "    cheque: 查思想作风", "sections.0.cheque"),  # unknown field (typo of check)
    (25, "        points: 十分", "sections.0.items.0.points"),  # not a number
    (30, "        type: text", "duplicate key 'type'"),  # duplicate key (found by the YAML reader)
    (42, "          - {key: ok, label: 达标, share: 80}", "sections.1.items.0.options.1.share"),  # share > 1
    (67, "  - {id: d.complaint, kind: penalty, text: 被群众投诉并查实, per_occurrence: 3, cap: 9}", "adjustments.1.kind"),
]
RULE_MISTAKES = [
    (27, "      - id: s1.study", "sections.0.items.1.id"),  # duplicate id
    (42, "          - {key: good, label: 达标, share: 0.8}", "sections.1.items.0.options.1.key"),  # duplicate key
    (60, "        veto_options: [fonud]", "sections.1.items.3.veto_options.0"),
    (72, "    - {name: 良好, min: 85, max: 90}", "gap between bands"),
    (75, "  veto_grade: 不及格", "grading.veto_grade"),
]


def check_all_reported(raw: bytes, mistakes: list[tuple[int, str, str]]) -> None:
    err = expect_checklist_error(lambda: parse_checklist(raw, "several.yaml"))
    problems = check_well_formed(err, "several.yaml")
    listing = "\n".join(str(p) for p in problems)
    for line, _, needle in mistakes:
        assert any(p.line == line and names(p, needle) for p in problems), (
            f"mistake at line {line} ({needle}) not reported; got:\n{listing}"
        )
    assert len(problems) == len(mistakes), listing
    assert [p.line for p in problems] == sorted(p.line for p in problems), "problems are not in file order"


def test_several_schema_mistakes_all_reported() -> None:
    check_all_reported(several(*[(n, s) for n, s, _ in SCHEMA_MISTAKES]), SCHEMA_MISTAKES)


def test_several_rule_mistakes_all_reported() -> None:
    check_all_reported(several(*[(n, s) for n, s, _ in RULE_MISTAKES]), RULE_MISTAKES)


def test_schema_and_rule_mistakes_all_reported_at_once() -> None:
    """Unknown field (line 18), bad points (25), duplicate id (27), band gap (72): one import shows all four."""
    mistakes = [SCHEMA_MISTAKES[0], SCHEMA_MISTAKES[1], RULE_MISTAKES[0], RULE_MISTAKES[3]]
    check_all_reported(several(*[(n, s) for n, s, _ in mistakes]), mistakes)


# -- the depth limit is ours, whatever the YAML library's version ------------------------------------------------


def test_flow_depth_checked_before_the_parser() -> None:
    """PyYAML 6.0.4 raises its own nesting error while scanning a long run of `[`: our limit must come first."""
    deep = "a: " + "[" * 2000 + "]" * 2000 + "\n"
    assert safeyaml.flow_too_deep(deep) == (1, 4 + safeyaml.MAX_DEPTH)
    with pytest.raises(ChecklistError) as info:
        safeyaml.load(deep.encode(), "deep.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (1, 4 + safeyaml.MAX_DEPTH)
    assert "nested too deeply" in problem.en and "嵌套过深" in problem.zh


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * safeyaml.MAX_DEPTH + "]" * safeyaml.MAX_DEPTH + "\n",  # at the limit: allowed
        "a: '" + "[" * 100 + "'\n",  # brackets in quoted text
        'a: "x\\"' + "{" * 100 + '"\n',  # after an escaped quote, still in the string
        "a: b" + "[" * 100 + "\n",  # inside a plain scalar in block context
        "a: [it's, '" + "[" * 100 + "']\n",  # a quote inside a plain scalar opens nothing
        "# " + "[" * 100 + "\n",  # a comment
        "a: |\n  text " + "[" * 100 + "\n",  # a block scalar's text
    ],
)
def test_flow_depth_counts_only_real_collections(text: str) -> None:
    assert safeyaml.flow_too_deep(text) is None


def test_deep_block_nesting_is_ours_too() -> None:
    text = "".join("  " * d + f"k{d}:\n" for d in range(2000)) + "  " * 2000 + "x\n"
    with pytest.raises(ChecklistError) as info:
        safeyaml.load(text.encode(), "deep.yaml")
    (problem,) = info.value.problems
    assert problem.line == safeyaml.MAX_DEPTH + 1 and "nested too deeply" in problem.en


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n:-'\"[]{},#abc注", max_size=60), st.integers(-2, 12), st.integers(-2, 30))
def test_explaining_a_syntax_error_never_fails(text: str, line: int, col: int) -> None:
    result = safeyaml.explain_syntax_error(text, line, col)
    assert result is None or (isinstance(result[0], str) and isinstance(result[1], str))
