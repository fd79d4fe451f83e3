"""Excel checklists: the sample form, header synonyms, metadata, located errors, hostile workbooks, YAML round trip."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from selfcheck.cli.main import main
from selfcheck.core.checklist_file import parse_checklist, read_checklist
from selfcheck.errors import ChecklistError
from selfcheck.exchange.excel import checklist_to_yaml, read_workbook

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "checklists" / "sample-checklist.xlsx"
INFO = [("编号", "t-1"), ("名称", "测试检查表"), ("版本", "1.2"), ("发布单位", "某县教育局"), ("生效日期", "2026-09-01")]
HEADER: list[Any] = ["序号", "检查项目", "检查内容", "检查方法", "分值", "评分标准", "材料"]


def workbook(
    path: Path,
    rows: list[Any],
    *,
    merges: tuple[str, ...] = (),
    info: list[tuple[str, Any]] | None = INFO,
    title: str = "检查表",
) -> Path:
    """A workbook: `rows` from A1 on the first sheet, `merges` as Excel ranges, `info` as a key/value sheet."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    for rng in merges:
        ws.merge_cells(rng)
    if info is not None:
        sheet = wb.create_sheet("信息")
        for r, (key, value) in enumerate(info, start=1):
            sheet.cell(row=r, column=1, value=key)
            sheet.cell(row=r, column=2, value=value)
    wb.save(path)
    return path


def simple(path: Path, **kw: Any) -> Path:
    rows = [
        HEADER,
        [1, "一、思想作风", "每周组织集中学习", "查看资料", 4, "按时组织的得满分", "签到表"],
        [2, None, "签订承诺书", "查看资料", 2.5, "全员签订的得满分", "承诺书"],
        [3, "二、工作作风", "落实首问负责制", "查台账", 3.5, "登记完整的得满分", "登记簿"],
    ]
    return workbook(path, rows, merges=("B2:B3",), **kw)


def errors_of(path: Path) -> list[str]:
    with pytest.raises(ChecklistError) as info:
        read_workbook(path)
    return [str(p) for p in info.value.problems]


def rewrite(src: Path, dst: Path, change: dict[str, Any]) -> Path:
    """Copy a workbook's zip, replacing (bytes), transforming (callable) or adding members."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in change:
                new = change[info.filename]
                data = new(data) if callable(new) else new
            zout.writestr(info.filename, data)
        for name, new in change.items():
            if name not in zin.namelist() and not callable(new):
                zout.writestr(name, new)
    return dst


# ---- the sample workbook ---------------------------------------------------------------------------------------


def test_sample_workbook_imports_like_the_form() -> None:
    t = read_workbook(SAMPLE)
    assert (t.id, t.version, t.issuer, t.effective_date) == ("zfjs-county", "2026.1", "城关县教育局", dt.date(2026, 9, 1))
    assert t.title == "城关县中小学校作风建设专项检查自查表"
    assert [s.title for s in t.sections] == ["一、思想作风", "二、工作作风", "三、行政行为", "四、服务质量", "五、一票否决项"]
    # the category cells are merged down over their items: every row gets its category
    assert [len(s.items) for s in t.sections] == [5, 6, 5, 5, 2]
    assert len(t.items()) == 23
    first = t.sections[0].items
    assert [i.points for i in first] == [4, 4, 4.5, 3.5, 4]
    assert sum(i.points for i in t.items()) == 100  # the 合计 row says so, and is not an item
    # the 检查方法 cell merged over four rows applies to each of them
    assert [i.method for i in first] == ["查看资料"] * 4 + ["提问"]
    assert first[0].evidence == "学习计划、签到表、学习记录本"
    veto = t.sections[4].items
    assert all(i.veto and t.veto_keys(i) == {"found"} and i.points == 0 for i in veto)
    assert [o.label for o in t.options_for(first[0])] == ["已落实", "基本落实", "未落实", "不适用"]
    assert [(a.kind, a.per_occurrence, a.cap) for a in t.adjustments] == [("bonus", 1, 3), ("deduction", 2, 6)]
    assert [b.name for b in t.grading.bands] == ["优秀", "良好", "合格", "不合格"]
    assert t.description and "注：1." in t.description
    assert not any("检查人" in i.text or "合计" in i.text for i in t.items())


def test_sample_script_is_reproducible(tmp_path: Path) -> None:
    out = tmp_path / "again.xlsx"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample_workbook.py"), str(out)], check=True, capture_output=True)
    assert out.read_bytes() == SAMPLE.read_bytes()


def test_sample_converts_and_reads_back_equal(tmp_path: Path) -> None:
    t = read_workbook(SAMPLE)
    text = checklist_to_yaml(t, source=str(SAMPLE))
    out = tmp_path / "sample.yaml"
    out.write_text(text, encoding="utf-8")
    back = read_checklist(out)
    assert back == t
    assert back.content_hash() == t.content_hash()


@pytest.mark.parametrize("name", ["wuchawukan", "conduct-review", "star-rating", "work-style-campaign", "campus-safety"])
def test_yaml_round_trip_of_the_builtins(name: str) -> None:
    t = read_checklist(ROOT / "checklists" / f"{name}.yaml")
    assert parse_checklist(checklist_to_yaml(t).encode("utf-8"), "x.yaml") == t


# ---- columns and metadata --------------------------------------------------------------------------------------


def test_synonym_headers_and_ignored_answer_columns(tmp_path: Path) -> None:
    rows = [
        ["编号", "一级指标", "评估内容", "评估方法", "标准分（分）", "评分细则", "印证材料", "自评得分", "备注"],
        ["1", "办学条件", "校舍安全", "现场查看", "5", "每处隐患扣1分", "安全台账", 4, "重点"],
        ["2", None, "设施设备", "查看资料", "5分", "齐全的得满分", "设备清单", None, None],
    ]
    t = read_workbook(workbook(tmp_path / "s.xlsx", rows, merges=("B2:B3",)))
    assert [s.title for s in t.sections] == ["办学条件"]
    a, b = t.items()
    assert (a.text, a.method, a.points, a.evidence) == ("校舍安全", "现场查看", 5, "安全台账")
    assert a.rule == "每处隐患扣1分（备注：重点）"  # 备注 beside a 材料 column joins the rule
    assert b.points == 5 and b.id == "s1.2"


def test_two_level_indicators_group_rows(tmp_path: Path) -> None:
    rows = [
        ["序号", "一级指标", "二级指标", "三级指标", "分值"],
        [1, "管理", "制度", "制度健全", 2],
        [2, None, None, "执行到位", 3],
    ]
    t = read_workbook(workbook(tmp_path / "s.xlsx", rows, merges=("B2:B3", "C2:C3")))
    assert [i.text for i in t.items()] == ["制度：制度健全", "制度：执行到位"]


def test_metadata_in_the_first_rows(tmp_path: Path) -> None:
    rows = [
        ["附件1"],
        ["某县义务教育学校办学行为自查表"],
        ["编号：bxxw　　版本：2.0　　生效日期：2026年9月1日"],
        ["发布单位", "某县教育局"],
        HEADER,
        [1, "规范办学", "开齐开足课程", "现场查看", 3, "一致的得满分", "课表"],
    ]
    t = read_workbook(workbook(tmp_path / "m.xlsx", rows, merges=("A2:G2",), info=None))
    assert (t.id, t.version, t.title, t.issuer, t.effective_date) == (
        "bxxw",
        "2.0",
        "某县义务教育学校办学行为自查表",
        "某县教育局",
        dt.date(2026, 9, 1),
    )


def test_metadata_on_a_second_sheet_with_a_real_date_and_grades(tmp_path: Path) -> None:
    info = [*INFO[:4], ("生效日期", dt.datetime(2026, 3, 1)), ("等次", "五星 90，四星 75，三星 60，不达标 0")]
    t = read_workbook(simple(tmp_path / "m.xlsx", info=info))
    assert t.effective_date == dt.date(2026, 3, 1)
    assert [(b.name, b.min, b.max) for b in t.grading.bands] == [
        ("五星", 90, None),
        ("四星", 75, 90),
        ("三星", 60, 75),
        ("不达标", 0, 60),
    ]


def test_banner_rows_make_sections_without_a_category_column(tmp_path: Path) -> None:
    rows = [
        ["序号", "检查内容", "分值", "评分标准"],
        ["一", "思想作风"],
        [1, "集中学习", 2, "按时的得满分"],
        ["二、工作作风"],
        [2, "首问负责", 3, "登记的得满分"],
        ["合计", None, 5],
    ]
    t = read_workbook(workbook(tmp_path / "b.xlsx", rows, merges=("A4:D4",)))
    assert [(s.title, len(s.items)) for s in t.sections] == [("思想作风", 1), ("二、工作作风", 1)]


def test_answer_type_column(tmp_path: Path) -> None:
    rows = [
        ["序号", "检查内容", "分值", "评分标准", "作答方式"],
        [1, "收费公示", 4, "每发现一处未公示扣 2 分", "扣分"],
        [2, "本学期家访次数", None, None, "数值"],
        [3, "教学常规", 3, "按台账直接评分", "打分"],
        [4, "体罚学生的情况", 2, None, "有无"],
    ]
    t = read_workbook(workbook(tmp_path / "t.xlsx", rows))
    a, b, c, d = t.items()
    assert (a.type, a.per_occurrence, a.points) == ("deduction", 2, 4)
    assert (b.type, b.required) == ("number", False)
    assert c.type == "score"
    assert [o.label for o in t.options_for(d)] == ["不存在", "存在"]


# ---- errors name the sheet and the cell ------------------------------------------------------------------------


def test_each_error_names_sheet_and_cell_all_at_once(tmp_path: Path) -> None:
    rows = [
        HEADER,
        [1, "一、思想作风", "集中学习", "查看资料", 4, "x", "y"],
        [2, None, "签订承诺书", "查看资料", "四分", "x", "y"],
        [3, None, None, "查看资料", 3, "x", "y"],
        [4, None, "首问负责", "查看资料", -2, "x", "y"],
        ["合计", None, None, None, 99],
    ]
    errors = errors_of(workbook(tmp_path / "checklist.xlsx", rows, merges=("B2:B5",)))
    text = "\n".join(errors)
    assert re.search(r"checklist\.xlsx: 检查表!E3: 分值: 不是数字.* / not a number", text)
    assert "检查表!C4: 检查内容: 检查内容为空" in text
    assert "检查表!E5: 分值: 不能小于 0" in text  # the model's own rule, at the cell
    assert "检查表!E6: 分值: 合计 99 与各项分值之和" in text
    assert len(errors) == 4


def test_rule_errors_from_the_checklist_checks_point_at_cells(tmp_path: Path) -> None:
    rows = [["标识", "检查内容", "分值"], ["a1", "一", 2], ["a1", "二", 3], ["b-1", "三", 2000]]
    text = "\n".join(errors_of(workbook(tmp_path / "r.xlsx", rows)))
    assert "检查表!A3: 标识: 标识“a1”重复" in text
    assert "检查表!C4: 分值: 不能大于 1000" in text


def test_missing_metadata_names_what_to_add(tmp_path: Path) -> None:
    text = "\n".join(errors_of(simple(tmp_path / "m.xlsx", info=[("名称", "表"), ("版本", "1")])))
    assert "缺少检查表编号" in text and "编号" in text
    assert "缺少发布单位" in text and "缺少生效日期" in text


def test_conflicting_metadata_names_both_cells(tmp_path: Path) -> None:
    rows = [["版本：9"], HEADER, [1, "类", "内容", "查看", 1, "r", "e"]]
    text = "\n".join(errors_of(workbook(tmp_path / "c.xlsx", rows)))
    assert "检查表!A1: 版本" in text and "信息!B3" in text


def test_points_merged_over_rows_is_refused(tmp_path: Path) -> None:
    rows = [HEADER, [1, "类", "一", "查看", 4, "r", "e"], [2, None, "二", "查看", None, "r", "e"]]
    text = "\n".join(errors_of(workbook(tmp_path / "p.xlsx", rows, merges=("B2:B3", "E2:E3"))))
    assert "检查表!E2: 分值: 分值单元格合并了 2 行" in text


def test_no_header_row(tmp_path: Path) -> None:
    text = "\n".join(errors_of(workbook(tmp_path / "n.xlsx", [["姓名", "年龄"], ["张三", 3]])))
    assert "没有找到检查表" in text


# ---- hostile workbooks -----------------------------------------------------------------------------------------


def test_formula_refused_naming_the_cell(tmp_path: Path) -> None:
    rows = [HEADER, [1, "类", "内容", "查看", 4, "r", "e"], [2, "类", "内容二", "查看", "=2*2", "r", "e"]]
    text = "\n".join(errors_of(workbook(tmp_path / "f.xlsx", rows)))
    assert "检查表!E3: 公式 / formula:" in text and "粘贴为数值" in text


def test_a_total_row_with_a_sum_formula_is_skipped(tmp_path: Path) -> None:
    rows = [
        HEADER,
        [1, "类", "内容", "查看", 4, "r", "e"],
        [2, None, "内容二", "查看", 6, "r", "e"],
        ["合计", None, None, None, "=SUM(E2:E3)"],
    ]
    template = read_workbook(workbook(tmp_path / "total.xlsx", rows))
    assert [i.points for i in template.items()] == [4, 6]
    rows[2][5] = "=A1"  # a formula in an item's own cell is still refused
    text = "\n".join(errors_of(workbook(tmp_path / "item.xlsx", rows)))
    assert "检查表!F3: 公式 / formula:" in text and "E4" not in text


def test_an_ods_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    ods = tmp_path / "检查表.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    for path in (ods, ods.rename(tmp_path / "renamed.xlsx")):
        text = "\n".join(errors_of(path))
        assert "请在 WPS/LibreOffice 中另存为 .xlsx" in text and "save it as .xlsx" in text


def test_external_link_refused(tmp_path: Path) -> None:
    bad = rewrite(simple(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"})
    assert "外部链接" in "\n".join(errors_of(bad))


def test_macros_refused(tmp_path: Path) -> None:
    bad = rewrite(simple(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", {"xl/vbaProject.bin": b"\x00" * 64})
    assert "宏" in "\n".join(errors_of(bad))
    xlsm = tmp_path / "c.xlsm"
    xlsm.write_bytes(simple(tmp_path / "d.xlsx").read_bytes())
    assert ".xlsm" in "\n".join(errors_of(xlsm))


def test_zip_bomb_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x20" * (8 * 1024 * 1024))
    assert bomb.stat().st_size < 100_000
    text = "\n".join(errors_of(bomb))
    assert "压缩炸弹" in text and "bomb" in text


def test_not_a_zip_and_old_xls_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0 this is an OLE file, e.g. a password-protected workbook")
    assert "不是 zip 格式" in "\n".join(errors_of(fake))
    old = tmp_path / "old.xls"
    old.write_bytes(b"whatever")
    assert "另存为" in "\n".join(errors_of(old))
    assert "文件不存在" in "\n".join(errors_of(tmp_path / "missing.xlsx"))


def test_doctype_refused(tmp_path: Path) -> None:
    def add_doctype(data: bytes) -> bytes:
        decl, sep, rest = data.partition(b"?>")
        doctype = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>'
        return decl + sep + doctype + rest if sep else doctype + data

    bad = rewrite(simple(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", {"xl/worksheets/sheet1.xml": add_doctype})
    assert "DOCTYPE" in "\n".join(errors_of(bad))


def test_too_many_rows_by_dimension(tmp_path: Path) -> None:
    rows: list[list[Any]] = [HEADER, [1, "类", "内容", "查看", 1, "r", "e"]]
    path = workbook(tmp_path / "big.xlsx", rows)
    wb = __import__("openpyxl").load_workbook(path)
    wb["检查表"].cell(row=6001, column=1, value="x")
    wb.save(path)
    assert "6001 行（最多 5000 行）" in "\n".join(errors_of(path))


def test_too_many_rows_while_iterating_when_the_dimension_is_missing(tmp_path: Path) -> None:
    path = simple(tmp_path / "a.xlsx")
    cell = b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>'
    head = b'<row r="1">' + b"".join(cell % (c, 1, t.encode()) for c, t in ((b"A", "序号"), (b"B", "检查内容"))) + b"</row>"
    rows = head + b"".join(b'<row r="%d">%s</row>' % (n, cell % (b"B", n, b"x")) for n in range(2, 5102))
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>'
    bad = rewrite(path, tmp_path / "nodim.xlsx", {"xl/worksheets/sheet1.xml": sheet % rows})
    assert "超过 5000 行" in "\n".join(errors_of(bad))


def test_too_many_columns(tmp_path: Path) -> None:
    path = workbook(tmp_path / "wide.xlsx", [HEADER + [None] * 50 + ["x"], [1, "类", "内容", "查看", 1, "r", "e"]])
    assert "最多 50 列" in "\n".join(errors_of(path))


# ---- the command -----------------------------------------------------------------------------------------------


def test_cli_convert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sample.yaml"
    assert main(["template", "convert", str(SAMPLE), "--out", str(out)]) == 0
    assert "23 项" in capsys.readouterr().out
    assert read_checklist(out) == read_workbook(SAMPLE)
    before = out.read_bytes()
    assert main(["template", "convert", str(SAMPLE), "--out", str(out)]) == 1
    assert "已存在" in capsys.readouterr().err
    assert main(["template", "convert", str(SAMPLE), "--out", str(out), "--overwrite"]) == 0
    assert out.read_bytes() == before


def test_cli_convert_errors_name_cells_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [HEADER, [1, "类", "内容", "查看", "abc", "r", "e"]]
    src = workbook(tmp_path / "bad.xlsx", rows)
    out = tmp_path / "bad.yaml"
    assert main(["template", "convert", str(src), "--out", str(out)]) == 1
    assert "bad.xlsx: 检查表!E2: 分值: 不是数字" in capsys.readouterr().err
    assert not out.exists()


def test_cli_convert_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "s.yaml"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "selfcheck",
            "--data-dir",
            str(tmp_path / "d"),
            "template",
            "convert",
            str(SAMPLE),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "zfjs-county" in proc.stdout and read_checklist(out).id == "zfjs-county"


def test_workbook_bytes_in_memory_are_not_needed(tmp_path: Path) -> None:
    """A workbook saved by another tool (in memory, then written) reads the same."""
    buffer = io.BytesIO()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in [HEADER, [1, "类", "内容", "查看", 1.25, "r", "e"]]:
        ws.append(row)
    info = wb.create_sheet("基本信息")
    for key, value in INFO:
        info.append([key, value])
    wb.save(buffer)
    path = tmp_path / "mem.xlsx"
    path.write_bytes(buffer.getvalue())
    assert read_workbook(path).items()[0].points == 1.25


# ---- export for editing ----------------------------------------------------------------------------------------


def test_export_xlsx_round_trips_what_a_form_can_say(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from selfcheck.exchange.excel.to_xlsx import lossy

    original = read_workbook(SAMPLE)
    assert lossy(original) == []
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "template", "convert", str(SAMPLE), "--out", str(tmp_path / "s.yaml")]) == 0
    assert main(["--data-dir", str(data), "template", "import", "--allow-unsigned", str(tmp_path / "s.yaml")]) == 0
    out = tmp_path / "edit.xlsx"
    spec = f"{original.id}@{original.version}"
    assert main(["--data-dir", str(data), "template", "export-xlsx", spec, "--out", str(out)]) == 0
    assert "内容指纹一致" in capsys.readouterr().out
    assert read_workbook(out).content_hash() == original.content_hash()


def test_export_xlsx_names_what_cannot_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "template", "import", "--allow-unsigned", str(ROOT / "tests/data/mini.yaml")]) == 0
    out = tmp_path / "mini.xlsx"
    assert main(["--data-dir", str(data), "template", "export-xlsx", "mini", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "s1.study：自定义的答案选项不在表中" in err and "s1.count：单位不在表中" in err
    again = read_workbook(out)  # it still imports, as what the form says
    assert [i.id for i in again.items()] == [i.id for i in read_checklist(ROOT / "tests/data/mini.yaml").items()]
    assert main(["--data-dir", str(data), "template", "export-xlsx", "mini", "--out", str(tmp_path / "x" / "m.xlsx")]) == 1
    assert "不存在" in capsys.readouterr().err
