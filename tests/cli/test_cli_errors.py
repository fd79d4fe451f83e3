"""Exit codes and messages: 2 for bad usage, 1 with a Chinese message and no traceback for what the user can fix.

Every call goes through `run_cli`, which fails the test if "Traceback" appears in stdout or stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from selfcheck import __version__
from tests.cli.helpers import CHECKLISTS, DATA, Run, as_json, fail, new_inspection, run_cli, write_json
from tests.conftest import TODAY

MINI = DATA / "mini.yaml"
MALFORMED = sorted((DATA / "malformed").iterdir())

# FILE:LINE:COL: field.path: message — the path is dotted, or "(文件 / file)" for the file as a whole.
LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<path>\(文件 / file\)|[\w.\-]+): \S.*$")


def located_lines(stderr: str) -> list[re.Match[str]]:
    """The FILE:LINE:COL lines of a template error report; any other line except the summary fails the test."""
    found = []
    for line in stderr.splitlines():
        if re.fullmatch(r"\d+ 个文件有错误 / \d+ file\(s\) with errors", line):
            continue
        m = LOCATED.match(line)
        assert m, f"not a FILE:LINE:COL: field.path: line: {line!r}\n{stderr}"
        found.append(m)
    return found


@pytest.fixture
def mini_inspection(run: Run) -> int:
    run("template", "import", "--allow-unsigned", str(MINI))
    return new_inspection(run, "mini")


def bad_checklist(tmp_path: Path) -> tuple[Path, list[tuple[int, int, str]]]:
    """mini.yaml with four schema errors; returns the file and the (line, column, path) of each."""
    text = MINI.read_text(encoding="utf-8")
    text = text.replace('version: "1.0"', 'version: "v1"', 1)
    text = text.replace("label: 部分落实, share: 0.5", "label: 部分落实, share: 1.5", 1)
    text = text.replace("points: 10\n        rule: 每缺一次扣 1 分", "points: ten\n        rule: 每缺一次扣 1 分", 1)
    text += "colour: red\n"
    lines = text.splitlines()

    def where(line_has: str, at: str) -> tuple[int, int]:
        """Line and column (1-based, in characters) of `at` on the line holding `line_has`."""
        n = next(n for n, line in enumerate(lines, 1) if line_has in line)
        return n, lines[n - 1].index(at) + 1

    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path, [
        (*where('version: "v1"', '"v1"'), "version"),
        (*where("share: 1.5", "1.5"), "scales.yesno.1.share"),  # after Chinese text on the same line
        (*where("points: ten", "ten"), "sections.0.items.0.points"),
        (*where("colour: red", "colour"), "colour"),  # an unknown field points at its key
    ]


# ---- usage ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["--no-such-option", "template", "list"],
        ["school"],
        ["school", "set", "--name", "城关第一小学"],
        ["inspection", "new", "--template", "wuchawukan"],
        ["inspection", "show", "99999999999999999999"],
        ["problem", "close", "0", "--verified-by", "王", "--evidence", "照片", "--handling", "已处理"],
        ["inspection", "answer", "1"],
        ["inspection", "show", "abc"],
        ["inspection", "complete", "1.5"],
        ["problem", "update", "first", "--measure", "x"],
        ["problem", "close", "1", "--evidence", "照片", "--handling", "已处理"],
        ["template", "show"],
        ["template", "list", "extra"],
        ["template", "show", "mini", "--version"],
        ["audit", "--inspection", "x"],
    ],
    ids=lambda a: " ".join(a),
)
def test_bad_usage_exits_2(run: Run, cli_dir: Path, args: list[str]) -> None:
    proc = run(*args, check_code=2)
    assert "usage" in proc.stderr
    assert "用法错误" in proc.stderr
    assert proc.stdout == ""
    assert not cli_dir.exists(), "a usage error must not open (create) the database"


def test_no_arguments_prints_help(run: Run) -> None:
    proc = run()
    assert "usage: selfcheck" in proc.stdout
    for group in ("school", "template", "inspection", "problem", "audit"):
        assert group in proc.stdout


def test_version(tmp_path: Path) -> None:
    proc = run_cli("--version", cwd=tmp_path)
    assert proc.stdout.strip() == f"selfcheck {__version__}"
    assert re.fullmatch(r"selfcheck \d+\.\d+\.\d+\S*", proc.stdout.strip())


def test_checklist_schema_is_json_schema(tmp_path: Path) -> None:
    schema = json.loads(run_cli("template", "schema", cwd=tmp_path).stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object"
    props = schema["properties"]
    assert "sections" in props
    assert props["sections"]["type"] == "array"
    assert {"id", "version", "title", "sections", "grading"} <= set(schema["required"])
    # every top-level field the shipped checklists use is described
    for path in CHECKLISTS + [MINI]:
        assert set(yaml.safe_load(path.read_text(encoding="utf-8"))) <= props.keys(), path


# ---- the data folder ------------------------------------------------------------------------------


def test_data_dir_from_env_and_from_option(tmp_path: Path) -> None:
    env_dir, opt_dir = tmp_path / "from-env", tmp_path / "from-option"
    env = dict(os.environ, SELFCHECK_DATA_DIR=str(env_dir))
    run_cli("school", "set", "--name", "甲校", "--code", "1", "--principal", "甲", env=env, cwd=tmp_path)
    assert (env_dir / "selfcheck.db").is_file()
    assert as_json(run_cli("school", "show", "--json", env=env, cwd=tmp_path))["name"] == "甲校"

    # --data-dir wins over the environment
    run_cli("school", "set", "--name", "乙校", "--code", "2", "--principal", "乙", data_dir=opt_dir, env=env, cwd=tmp_path)
    assert (opt_dir / "selfcheck.db").is_file()
    assert as_json(run_cli("school", "show", "--json", data_dir=opt_dir, env=env, cwd=tmp_path))["name"] == "乙校"
    assert as_json(run_cli("school", "show", "--json", env=env, cwd=tmp_path))["name"] == "甲校"

    # without the environment variable, --data-dir alone is enough
    bare = {k: v for k, v in os.environ.items() if k != "SELFCHECK_DATA_DIR"}
    assert as_json(run_cli("school", "show", "--json", data_dir=opt_dir, env=bare, cwd=tmp_path))["name"] == "乙校"
    assert not (tmp_path / "default-data").exists(), "the autouse default folder must stay untouched"


def test_data_dir_that_is_a_file(run: Run, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "plain-file"
    not_a_folder.write_text("x", encoding="utf-8")
    err = fail(run_cli("template", "list", data_dir=not_a_folder, check_code=1, cwd=tmp_path))
    assert "无法打开数据库" in err


def test_damaged_database(tmp_path: Path) -> None:
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / "selfcheck.db").write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    err = fail(run_cli("school", "show", data_dir=folder, check_code=1, cwd=tmp_path))
    assert "数据库" in err


# ---- school ---------------------------------------------------------------------------------------


def test_school_show_before_set(run: Run) -> None:
    err = fail(run("school", "show", check_code=1))
    assert "尚未设置学校信息" in err
    assert run("school", "show", "--json").stdout.strip() == "null"


def test_school_set_blank_name(run: Run) -> None:
    err = fail(run("school", "set", "--name", "  ", "--code", "1", "--principal", "张明", check_code=1))
    assert "学校名称不能为空" in err
    assert run("school", "show", "--json").stdout.strip() == "null"


# ---- unknown ids ----------------------------------------------------------------------------------


def test_unknown_checklist(run: Run) -> None:
    err = fail(run("template", "show", "no-such-list", "--json", check_code=1))
    assert "没有安装检查表“no-such-list”" in err
    assert "wuchawukan" in err  # says what is installed
    err = fail(run("template", "show", "wuchawukan", "--version", "9.9", "--json", check_code=1))
    assert "没有版本 9.9" in err
    err = fail(run("inspection", "new", "--template", "no-such-list", "--period", "2026年秋季学期", check_code=1))
    assert "no-such-list" in err
    assert as_json(run("inspection", "list", "--json")) == []


def test_unknown_inspection(run: Run, tmp_path: Path) -> None:
    answers = write_json(tmp_path / "a.json", {"answers": []})
    for args in (
        ["inspection", "show", "999", "--json"],
        ["inspection", "show", "999"],
        ["inspection", "complete", "999"],
        ["inspection", "raise-problems", "999"],
        ["inspection", "answer", "999", "--file", str(answers)],
        ["problem", "add", "--inspection", "999", "--description", "问题"],
    ):
        err = fail(run(*args, check_code=1))
        assert "没有编号为 999 的自查" in err, args


def test_unknown_problem(run: Run) -> None:
    for args in (
        ["problem", "update", "999", "--measure", "整改"],
        ["problem", "close", "999", "--verified-by", "王", "--evidence", "照片", "--handling", "已处理"],
    ):
        err = fail(run(*args, check_code=1))
        assert "没有编号为 999 的问题" in err, args


def test_problem_from_unknown_item(run: Run, mini_inspection: int) -> None:
    err = fail(run("problem", "add", "--inspection", str(mini_inspection), "--item", "nosuch", check_code=1))
    assert "nosuch" in err
    err = fail(run("problem", "add", "--item", "s1.study", check_code=1))
    assert "自查编号" in err
    err = fail(run("problem", "add", check_code=1))
    assert "问题描述" in err
    assert as_json(run("problem", "list", "--json")) == []


# ---- template files -------------------------------------------------------------------------------


def test_validate_reports_every_error_with_its_location(run: Run, tmp_path: Path) -> None:
    path, expected = bad_checklist(tmp_path)
    proc = run("template", "validate", str(path), check_code=1)
    assert proc.stdout == ""
    found = located_lines(proc.stderr)
    assert [(int(m["line"]), int(m["col"]), m["path"]) for m in found] == expected
    assert all(m["file"] == str(path) for m in found)
    assert "1 个文件有错误" in proc.stderr


def test_validate_several_files_one_bad(run: Run, tmp_path: Path) -> None:
    path, expected = bad_checklist(tmp_path)
    good = CHECKLISTS[-1]
    proc = run("template", "validate", str(MINI), str(path), str(good), check_code=1)
    assert f"{MINI}: 有效 / valid — mini 1.0" in proc.stdout
    assert f"{good}: 有效 / valid" in proc.stdout
    assert str(path) not in proc.stdout
    assert len(located_lines(proc.stderr)) == len(expected)
    assert "1 个文件有错误 / 1 file(s) with errors" in proc.stderr


def test_validate_good_files(run: Run) -> None:
    proc = run("template", "validate", *map(str, CHECKLISTS), str(MINI))
    assert proc.stdout.count("有效 / valid") == len(CHECKLISTS) + 1
    assert proc.stderr == ""


def test_validate_missing_file_and_folder(run: Run, tmp_path: Path) -> None:
    proc = run("template", "validate", str(tmp_path / "nope.yaml"), str(tmp_path), check_code=1)
    assert "文件不存在" in proc.stderr
    assert "文件夹" in proc.stderr
    assert len(located_lines(proc.stderr)) == 2


def test_every_malformed_file_is_reported_in_located_lines(run: Run) -> None:
    proc = run("template", "validate", *map(str, MALFORMED), check_code=1)
    assert proc.stdout == "", "none of the malformed files may pass"
    found = located_lines(proc.stderr)
    assert {m["file"] for m in found} == {str(p) for p in MALFORMED}
    assert f"{len(MALFORMED)} 个文件有错误" in proc.stderr


def _control_character_file(tmp_path: Path, prefix: str) -> tuple[Path, int, int]:
    text = MINI.read_text(encoding="utf-8").replace("text: 本学期集中学习次数", f"text: {prefix}\x07本学期集中学习次数", 1)
    path = tmp_path / "control.yaml"
    path.write_text(text, encoding="utf-8")
    n, line = next((n, line) for n, line in enumerate(text.splitlines(), 1) if "\x07" in line)
    return path, n, line.index("\x07") + 1


def test_control_character_located_in_an_ascii_file(run: Run, tmp_path: Path) -> None:
    """With only ASCII before it, the reported place is right (bytes and characters agree)."""
    text = "".join(c if ord(c) < 128 else "x" for c in MINI.read_text(encoding="utf-8"))
    text = text.replace("type: number", "type: number\x07", 1)
    path = tmp_path / "ascii.yaml"
    path.write_text(text, encoding="utf-8")
    n, line = next((n, line) for n, line in enumerate(text.splitlines(), 1) if "\x07" in line)
    found = located_lines(run("template", "validate", str(path), check_code=1).stderr)
    assert [(int(m["line"]), int(m["col"])) for m in found] == [(n, line.index("\x07") + 1)]
    assert "U+0007" in found[0].group(0)


@pytest.mark.parametrize("which", ["shipped malformed file", "control character after Chinese text"])
def test_control_character_located_after_chinese_text(run: Run, tmp_path: Path, which: str) -> None:
    """libyaml reports reader errors at UTF-8 byte offsets; once read as character offsets (28:16 for 22:31)."""
    if which == "shipped malformed file":
        path = DATA / "malformed" / "control_character.yaml"
        raw_lines = path.read_text(encoding="utf-8").splitlines()
        n = next(i for i, line in enumerate(raw_lines, 1) if "\x07" in line)
        col = raw_lines[n - 1].index("\x07") + 1
    else:
        path, n, col = _control_character_file(tmp_path, "中文说明")
    found = located_lines(run("template", "validate", str(path), check_code=1).stderr)
    assert [(int(m["line"]), int(m["col"])) for m in found] == [(n, col)]


def test_import_of_a_bad_file_changes_nothing(run: Run, tmp_path: Path) -> None:
    before = as_json(run("template", "list", "--json"))
    path, expected = bad_checklist(tmp_path)
    proc = run("template", "import", str(path), check_code=1)
    assert [(int(m["line"]), int(m["col"]), m["path"]) for m in located_lines(proc.stderr)] == expected
    for broken in (
        DATA / "malformed" / "duplicate_item_ids.yaml",
        DATA / "malformed" / "empty_file.yaml",
        tmp_path / "absent.yaml",
    ):
        fail(run("template", "import", str(broken), check_code=1))
    assert as_json(run("template", "list", "--json")) == before


def test_import_same_version_other_content_is_refused(run: Run, tmp_path: Path) -> None:
    assert "已导入 mini 版本 1.0" in run("template", "import", "--allow-unsigned", str(MINI)).stdout
    shown = as_json(run("template", "show", "mini", "--json"))
    listed = as_json(run("template", "list", "--json"))

    changed = tmp_path / "mini-changed.yaml"
    changed.write_text(MINI.read_text(encoding="utf-8").replace("points: 10\n", "points: 12\n", 1), encoding="utf-8")
    run("template", "validate", str(changed))
    err = fail(run("template", "import", str(changed), check_code=1))
    assert "已安装且内容不同" in err
    assert as_json(run("template", "show", "mini", "--json")) == shown
    assert as_json(run("template", "list", "--json")) == listed

    # a built-in id too
    builtin = tmp_path / "wuchawukan.yaml"
    original = (CHECKLISTS[-1]).read_text(encoding="utf-8")
    assert "id: wuchawukan" in original
    wu_before = as_json(run("template", "show", "wuchawukan", "--json"))
    builtin.write_text(original.replace("title: 中小学校政风行风“五查五看”自查表", "title: 改过的标题", 1), encoding="utf-8")
    fail(run("template", "import", str(builtin), check_code=1))
    assert as_json(run("template", "show", "wuchawukan", "--json")) == wu_before

    # the same content in another layout is no conflict
    reformatted = tmp_path / "mini.json"
    reformatted.write_text(
        json.dumps(yaml.safe_load(MINI.read_text(encoding="utf-8")), ensure_ascii=False, default=str), encoding="utf-8"
    )
    assert "无需导入" in run("template", "import", str(reformatted)).stdout


def test_same_version_spelled_differently_is_the_same_version(run: Run, tmp_path: Path) -> None:
    """ "1" and "1.0" sort as one version: a second spelling with other content may not slip in beside it."""
    run("template", "import", "--allow-unsigned", str(MINI))
    shown = as_json(run("template", "show", "mini", "--json"))
    other = tmp_path / "mini-v1.yaml"
    text = MINI.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1"', 1)
    other.write_text(text.replace("title: 测试用小检查表", "title: 另一张表", 1), encoding="utf-8")
    fail(run("template", "import", str(other), check_code=1))
    assert as_json(run("template", "show", "mini", "--json")) == shown
    assert [t["version"] for t in as_json(run("template", "list", "--json")) if t["template_id"] == "mini"] == ["1.0"]


# ---- answer files ---------------------------------------------------------------------------------


def _state(run: Run, iid: int) -> dict[str, Any]:
    """The whole `inspection show --json`: progress, points, last change. Identical = nothing was saved."""
    return as_json(run("inspection", "show", str(iid), "--json"))


ANSWER_FILE_CASES: list[tuple[str, Any, list[str]]] = [
    ("top-level list", [{"item": "s1.study", "option": "yes"}], ['应为 {"answers"']),
    ("answers is an object", {"answers": {"s1.study": "yes"}}, ['应为 {"answers"']),
    ("no answers key", {"answer": []}, ['应为 {"answers"']),
    ("entry not an object", {"answers": ["s1.study"]}, ["第 1 条", "缺少 item"]),
    ("entry without item", {"answers": [{"option": "yes"}]}, ["第 1 条", "缺少 item"]),
    ("unknown field", {"answers": [{"item": "s1.study", "option": "yes", "remark": "x"}]}, ["未知字段 remark"]),
    ("unknown item", {"answers": [{"item": "s9.nothing", "option": "yes"}]}, ["没有检查项“s9.nothing”"]),
    (
        "bad option",
        {"answers": [{"item": "s1.study", "option": "maybe"}]},
        ["选项“maybe”不存在", "是（yes）、部分落实（partial）、否（no）、不适用（na）"],
    ),
    ("choice without option", {"answers": [{"item": "s1.study"}]}, ["缺少 option"]),
    ("value on a choice", {"answers": [{"item": "s1.study", "value": 10}]}, ["此项为选择题"]),
    ("option on a number", {"answers": [{"item": "s1.count", "option": "yes"}]}, ["此项为填写题"]),
    ("number not a number", {"answers": [{"item": "s1.count", "value": "十二"}]}, ["应为数字"]),
    ("score above points", {"answers": [{"item": "s2.score", "value": 5.5}]}, ["得分应在 0 到 5 之间"]),
    ("negative count", {"answers": [{"item": "s2.fees", "value": -1}]}, ["次数应为 0 或正整数"]),
    ("fractional adjustment", {"answers": [{"item": "b.award", "value": 1.5}]}, ["次数应为 0 或正整数"]),
    ("boolean count", {"answers": [{"item": "d.complaint", "value": True}]}, ["应为数字"]),
    ("bad date", {"answers": [{"item": "s2.date", "value": "2026-02-30"}]}, ["s2.date", "不是有效日期"]),
    (
        "one good, one bad",
        {"answers": [{"item": "s2.firstask", "option": "good"}, {"item": "s2.score", "value": -1}]},
        ["answers[1]", "未保存任何答案"],
    ),
]


def test_bad_answer_files_save_nothing(run: Run, tmp_path: Path, mini_inspection: int) -> None:
    iid = str(mini_inspection)
    run(
        "inspection",
        "answer",
        iid,
        "--file",
        str(write_json(tmp_path / "ok.json", {"answers": [{"item": "s1.study", "option": "yes"}]})),
    )
    baseline = _state(run, mini_inspection)
    assert baseline["progress"] == {"answered": 1, "total": 7}

    for name, data, messages in ANSWER_FILE_CASES:
        file = write_json(tmp_path / "case.json", data)
        err = fail(run("inspection", "answer", iid, "--file", str(file), check_code=1))
        assert str(file) in err, name
        for message in messages:
            assert message in err, (name, err)
        assert _state(run, mini_inspection) == baseline, name

    # not there, not JSON, not UTF-8
    err = fail(run("inspection", "answer", iid, "--file", str(tmp_path / "absent.json"), check_code=1))
    assert "文件不存在" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "answers": [\n    {"item": "s1.study" "option": "yes"}\n  ]\n}\n', encoding="utf-8")
    err = fail(run("inspection", "answer", iid, "--file", str(broken), check_code=1))
    assert f"{broken}:3:25: JSON 格式错误" in err
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    err = fail(run("inspection", "answer", iid, "--file", str(empty), check_code=1))
    assert f"{empty}:1:1: JSON 格式错误" in err
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes(
        json.dumps({"answers": [{"item": "s1.study", "option": "no", "note": "没有记录"}]}, ensure_ascii=False).encode("gbk")
    )
    err = fail(run("inspection", "answer", iid, "--file", str(gbk), check_code=1))
    assert "不是 UTF-8 编码" in err
    err = fail(run("inspection", "answer", iid, "--file", str(tmp_path), check_code=1))
    assert "无法读取" in err
    assert _state(run, mini_inspection) == baseline
    answers_logged = [e for e in as_json(run("audit", "--inspection", iid, "--json")) if e["action"] == "answer"]
    assert [e["field"] for e in answers_logged] == ["s1.study"]

    # and a good file with a byte-order mark is fine
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps({"answers": [{"item": "s2.firstask", "option": "ok"}]}).encode())
    run("inspection", "answer", iid, "--file", str(bom))
    assert _state(run, mini_inspection)["progress"] == {"answered": 2, "total": 7}


# ---- completing an inspection ---------------------------------------------------------------------


def test_complete_refused_while_items_or_notes_are_missing(run: Run, tmp_path: Path, mini_inspection: int) -> None:
    iid = str(mini_inspection)
    err = fail(run("inspection", "complete", iid, check_code=1))
    assert "项未完成，不能标记为完成" in err
    for required in ("s1.study", "s2.firstask", "s2.fees", "s2.score", "s2.tutoring"):
        assert required in err
    assert "s1.count" not in err and "s2.date" not in err  # optional items
    answers = [
        {"item": "s1.study", "option": "no"},  # needs a note
        {"item": "s2.firstask", "option": "good"},
        {"item": "s2.fees", "value": 0},
        {"item": "s2.score", "value": 5},
        {"item": "s2.tutoring", "option": "none"},
    ]
    run("inspection", "answer", iid, "--file", str(write_json(tmp_path / "a.json", {"answers": answers})))
    err = fail(run("inspection", "complete", iid, check_code=1))
    assert "s1.study" in err and "需要填写说明" in err
    assert as_json(run("inspection", "show", iid, "--json"))["status"] == "draft"
    answers[0]["note"] = "本学期有三周未组织学习"
    run("inspection", "answer", iid, "--file", str(write_json(tmp_path / "a.json", {"answers": answers})))
    run("inspection", "complete", iid)
    assert as_json(run("inspection", "show", iid, "--json"))["status"] == "complete"


def test_new_inspection_needs_a_period(run: Run) -> None:
    err = fail(run("inspection", "new", "--template", "wuchawukan", "--period", "   ", check_code=1))
    assert "期次" in err
    assert as_json(run("inspection", "list", "--json")) == []


# ---- the ledger -----------------------------------------------------------------------------------


def test_close_out_rules(run: Run) -> None:
    proc = run("problem", "add", "--description", "食堂管理制度未上墙", "--owner", "李华")
    pid = proc.stdout.strip().splitlines()[-1]
    assert pid.isdigit()

    def status() -> str:
        return next(p["status"] for p in as_json(run("problem", "list", "--json")) if str(p["id"]) == pid)

    err = fail(
        run("problem", "close", pid, "--verified-by", "赵校长", "--evidence", "照片", "--handling", "已处理", check_code=1)
    )
    assert "只有“已整改（待验收）”的问题才能销号" in err
    err = fail(run("problem", "update", pid, "--status", "已销号", check_code=1))
    assert "销号请使用" in err
    err = fail(run("problem", "update", pid, "--status", "done", check_code=1))
    assert "未知的整改状态“done”" in err
    err = fail(run("problem", "update", pid, check_code=1))
    assert "没有要修改的内容" in err
    err = fail(run("problem", "update", pid, "--deadline", "2026-02-30", check_code=1))
    assert "不是有效日期" in err
    err = fail(run("problem", "list", "--status", "whatever", check_code=1))
    assert "未知的整改状态" in err
    assert status() == "open"

    run("problem", "update", pid, "--status", "已整改")  # allowed straight from 待整改 …
    err = fail(
        run("problem", "close", pid, "--verified-by", "赵校长", "--evidence", "照片", "--handling", "已处理", check_code=1)
    )
    assert "整改措施" in err  # … but no close-out without a measure (四不放过)
    run("problem", "update", pid, "--measure", "制度上墙并培训食堂员工")
    err = fail(run("problem", "close", pid, "--verified-by", "  ", "--evidence", "照片", "--handling", "已处理", check_code=1))
    assert "验收人" in err
    err = fail(run("problem", "close", pid, "--verified-by", "赵校长", "--evidence", "", check_code=1))
    assert "整改证据" in err
    before_raised = (TODAY - dt.timedelta(days=1)).isoformat()  # the problem was raised today
    for day, refused in (
        ("2999-01-01", "验收日期不能晚于今天"),
        ("昨天", "验收日期"),
        (before_raised, "验收日期不能早于问题提出日期"),
    ):
        err = fail(
            run(
                "problem",
                "close",
                pid,
                *("--verified-by", "赵校长", "--evidence", "照片", "--handling", "已整改到位", "--date", day),
                check_code=1,
            )
        )
        assert refused in err
    assert status() == "fixed"
    assert not [e for e in as_json(run("audit", "--problem", pid, "--json")) if e["action"] == "close"]

    run("problem", "close", pid, "--verified-by", "赵校长", "--evidence", "照片", "--handling", "已处理")
    assert status() == "closed"
    err = fail(
        run("problem", "close", pid, "--verified-by", "赵校长", "--evidence", "照片", "--handling", "已处理", check_code=1)
    )
    assert "该问题已销号" in err
    err = fail(run("problem", "update", pid, "--owner", "王强", check_code=1))
    assert "已销号的问题不能再修改" in err


def test_backwards_move_is_refused(run: Run) -> None:
    pid = run("problem", "add", "--description", "家访记录不全").stdout.strip().splitlines()[-1]
    run("problem", "update", pid, "--status", "fixed")
    err = fail(run("problem", "update", pid, "--status", "open", check_code=1))
    assert "不能从“已整改（待验收）”改为“待整改”" in err
    run("problem", "update", pid, "--status", "in_progress")  # acceptance found the fix lacking


def test_output_is_utf8_whatever_the_locale(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONIOENCODING="ascii", LC_ALL="C", LANG="C")
    proc = run_cli("school", "show", data_dir=tmp_path / "d", env=env, check_code=1, cwd=tmp_path)
    assert "尚未设置学校信息" in proc.stderr
    proc = run_cli("template", "list", data_dir=tmp_path / "d", env=env, cwd=tmp_path)
    assert "五查五看" in proc.stdout


# ---- hostile input must end in a message, never in "内部错误" (internal error) and a crash log ------------


def _no_crash(proc: Any, data_dir: Path) -> None:
    assert "内部错误" not in proc.stderr, proc.stderr
    assert not (data_dir / "logs" / "error.log").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["inspection", "show", "99999999999999999999", "--json"],
        ["inspection", "complete", "99999999999999999999"],
        ["problem", "update", "99999999999999999999", "--measure", "整改"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_huge_id_is_a_usage_error(run: Run, cli_dir: Path, args: list[str]) -> None:
    """Above SQLite's 2**63-1 an id once reached sqlite3 and crashed with OverflowError."""
    proc = run(*args, check_code=2)
    assert "编号超出范围" in proc.stderr
    _no_crash(proc, cli_dir)


@pytest.mark.parametrize("item", ["s1.count", "s2.score", "s2.fees", "b.award"])
def test_answer_number_out_of_float_range(run: Run, cli_dir: Path, tmp_path: Path, mini_inspection: int, item: str) -> None:
    file = tmp_path / "big.json"
    file.write_text(f'{{"answers": [{{"item": "{item}", "value": 1{"0" * 400}}}]}}', encoding="utf-8")
    proc = run("inspection", "answer", str(mini_inspection), "--file", str(file), check_code=1)
    _no_crash(proc, cli_dir)
    assert f"{item}：应为数字" in proc.stderr
    assert "未保存任何答案" in proc.stderr


@pytest.mark.parametrize("shape", ["deeply nested", "4301-digit integer"])
def test_answer_file_json_limits(run: Run, cli_dir: Path, tmp_path: Path, mini_inspection: int, shape: str) -> None:
    file = tmp_path / "limits.json"
    if shape == "deeply nested":
        file.write_text('{"answers": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    else:
        file.write_text('{"answers": [{"item": "s1.count", "value": 1' + "0" * 4300 + "}]}", encoding="utf-8")
    proc = run("inspection", "answer", str(mini_inspection), "--file", str(file), check_code=1)
    _no_crash(proc, cli_dir)
    assert f"{file}：JSON 嵌套过深或数字过长" in proc.stderr
