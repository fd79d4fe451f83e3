"""Write checklists/sample-checklist.xlsx: a county-style self-inspection form, byte for byte the same on every run.

    .venv/bin/python scripts/make_sample_workbook.py [OUT.xlsx]

The workbook is what a bureau clerk would type in Excel: a title row, the issuer, a header row with the usual
columns, category cells merged down over their items, a merged 检查方法 cell, decimals in 分值, a 一票否决 part,
加分项 and 扣分项, a 合计 row, a footnote and the signature line; the checklist's id, version and grades on a
second sheet (信息). `selfcheck template convert` reads it; tests/exchange/test_excel_checklist.py checks it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "checklists" / "sample-checklist.xlsx"
STAMP = (2026, 9, 1, 0, 0, 0)

HEADER = ["序号", "检查项目", "检查内容", "检查方法", "分值", "评分标准", "佐证材料", "自评得分", "备注"]
WIDTHS = [6, 14, 46, 12, 7, 40, 30, 9, 12]

# (category, [(content, method, points, rule, evidence, remark)]); method None = merged with the cell above
PARTS: list[tuple[str, list[tuple[str, str | None, float | str | None, str, str, str]]]] = [
    (
        "一、思想作风",
        [
            (
                "每周组织一次教职工集中政治业务学习，有学期学习计划、签到和学习记录",
                "查看资料",
                4,
                "按时组织、记录齐全的得满分；个别周次未组织或记录不全的得一半分；未组织的不得分",
                "学习计划、签到表、学习记录本",
                "",
            ),
            (
                "成立以校长为组长的作风建设工作领导小组，制定自查工作方案，分工明确、责任到人",
                None,
                4,
                "机构、方案、分工齐全的得满分；缺一项的得一半分；均未落实的不得分",
                "成立文件、工作方案、分工表",
                "",
            ),
            (
                "开展师德师风专题教育，全体教职工签订师德师风（廉洁从教）承诺书",
                None,
                4.5,
                "教育有记录、承诺书全员签订的得满分；签订不全的得一半分；未开展的不得分",
                "活动记录、承诺书（按花名册核对）",
                "",
            ),
            (
                "组织观看警示教育片、学习违纪违法典型案例",
                None,
                3.5,
                "本学期开展且记录完整的得满分；有活动无记录的得一半分；未开展的不得分",
                "活动记录、签到表、心得体会",
                "",
            ),
            (
                "随机抽问教职工，能说出教师职业行为十项准则的主要内容",
                "提问",
                4,
                "抽问 3 人均能答出的得满分；1 人答不出的得一半分；2 人及以上答不出的不得分",
                "抽问记录",
                "",
            ),
        ],
    ),
    (
        "二、工作作风",
        [
            (
                "落实首问负责制，来访来电有登记，首问人负责接待、解答或引导转办到位",
                "查台账",
                5,
                "制度健全、登记完整的得满分；登记不全的得一半分；无登记的不得分",
                "来访来电登记簿",
                "",
            ),
            (
                "落实一次性告知制，办理转学、学籍、证明等事项时将所需材料一次性告知",
                "提问",
                5,
                "有告知单且经办人员能准确说明的得满分；告知单不全的得一半分；未落实的不得分",
                "一次性告知单、办事指南",
                "",
            ),
            (
                "严格执行考勤和请销假制度，记录真实完整",
                "查台账",
                5,
                "执行到位的得满分；记录不全的得一半分；未执行的不得分",
                "考勤记录、请销假审批单",
                "",
            ),
            (
                "工作时间无脱岗、串岗，无上班聊天、炒股、玩游戏、网购等现象",
                "现场查看",
                5,
                "未发现的得满分；发现个别现象并当场纠正的得一半分；发现多处的不得分",
                "值班巡查记录",
                "",
            ),
            (
                "对上级部署的工作定标准、定责任、定时间、定进度，按时完成报送",
                "查台账",
                5,
                "台账完整、按时报送的得满分；个别逾期的得一半分；无台账的不得分",
                "工作任务台账",
                "",
            ),
            (
                "落实“一月一查一反馈、一季度一小结、半年一考核”",
                "查看资料",
                5,
                "按月自查反馈的得满分；不连续的得一半分；未开展的不得分",
                "月度自查反馈记录、季度小结",
                "",
            ),
        ],
    ),
    (
        "三、行政行为",
        [
            (
                "落实“五公开”：办理事项、办事程序、申报材料、承诺时限、收费标准公开",
                "现场查看",
                5,
                "全部公开且及时更新的得满分；缺一至两项的得一半分；缺三项及以上的不得分",
                "校务公开栏、网站截图",
                "",
            ),
            (
                "严格执行教育收费政策，无自立项目、提高标准、扩大范围收费",
                "查看资料",
                5,
                "收费规范、公示到位的得满分；程序瑕疵的得一半分；查实乱收费的不得分",
                "收费依据、公示照片、票据",
                "",
            ),
            (
                "落实“三重一大”集体决策制度，有会议记录",
                None,
                5,
                "均经集体研究且记录完整的得满分；记录不完整的得一半分；未经集体研究的不得分",
                "班子会会议记录",
                "",
            ),
            (
                "物资采购、校舍维修按规定程序办理，有审批、有合同、有验收",
                None,
                5,
                "程序完备的得满分；个别缺手续的得一半分；违规指定或拆分的不得分",
                "采购审批单、合同、验收单",
                "",
            ),
            (
                "评优评先、职称推荐、绩效考核公开公平公正，结果按规定公示",
                None,
                5,
                "程序规范、结果公示的得满分；公示时间不足的得一半分；未公示的不得分",
                "评选方案、公示材料",
                "",
            ),
        ],
    ),
    (
        "四、服务质量",
        [
            (
                "开展家长、学生满意度测评，满意率达到 90% 以上",
                "问卷调查",
                5,
                "满意率 90% 及以上的得满分；80% 至 90% 的得一半分；低于 80% 的不得分",
                "测评表、统计表",
                "",
            ),
            (
                "建立问题清单和整改台账，明确整改措施、责任人、责任部门和整改期限",
                "查台账",
                5,
                "台账要素齐全、销号做到“四不放过”的得满分；要素不全的得一半分；未建立的不得分",
                "问题清单、整改台账、销号材料",
                "",
            ),
            (
                "对家长、群众反映的问题逐件登记，按期办结并答复",
                "查台账",
                5,
                "全部按期答复的得满分；个别未按期的得一半分；无登记的不得分",
                "信访登记簿、答复记录",
                "",
            ),
            (
                "每学期至少召开一次家长会或举办一次校园开放日活动",
                "查看资料",
                5,
                "按要求开展的得满分；记录不全的得一半分；未开展的不得分",
                "活动记录、签到表、照片",
                "",
            ),
            (
                "落实家庭经济困难学生资助政策，名单按规定公示，资金按时足额发放",
                "查看资料",
                5,
                "认定、公示、发放均规范的得满分；记录不全的得一半分；资金未按时发放的不得分",
                "资助认定材料、公示材料",
                "",
            ),
        ],
    ),
    (
        "五、一票否决项",
        [
            (
                "在职教师组织、参与有偿补课，或到校外培训机构兼职取酬的情况",
                "问卷调查",
                "一票否决",
                "经查实存在的，自查等次定为不合格",
                "家长问卷、承诺书、信访登记",
                "一票否决",
            ),
            (
                "学校或教师强制、变相强制学生购买教辅资料的情况",
                "问卷调查",
                "一票否决",
                "经查实存在的，自查等次定为不合格",
                "教辅征订登记、家长问卷",
                "一票否决",
            ),
        ],
    ),
    (
        "六、加分项",
        [
            (
                "学校或教职工在作风建设方面受到县级以上表彰",
                "查看资料",
                3,
                "每项表彰加 1 分，本项最多加 3 分",
                "表彰文件、证书",
                "",
            ),
        ],
    ),
    (
        "七、扣分项",
        [
            ("被群众有效投诉（经调查属实）", "查台账", 6, "每件扣 2 分，本项最多扣 6 分", "投诉件及调查处理结果", ""),
        ],
    ),
]

INFO = [
    ("编号", "zfjs-county"),
    ("名称", "城关县中小学校作风建设专项检查自查表"),
    ("版本", "2026.1"),
    ("发布单位", "城关县教育局"),
    ("生效日期", dt.date(2026, 9, 1)),
    ("说明", "各学校对照检查内容逐项自查，自查结果为“基本落实”或“否”的须写明存在问题，列入整改台账。"),
    ("等次", "优秀 90，良好 80，合格 60，不合格 0"),
]


def build() -> Workbook:
    wb = Workbook()
    wb.properties.creator = "城关县教育局"
    wb.properties.created = wb.properties.modified = dt.datetime(*STAMP)
    ws = wb.active
    assert ws is not None
    ws.title = "检查表"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    last = get_column_letter(len(HEADER))

    ws["A1"] = "城关县中小学校作风建设专项检查自查表"
    ws["A1"].font = Font(name="宋体", size=16, bold=True)
    ws["A1"].alignment = centre
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 32
    ws["A2"] = "发布单位：城关县教育局"
    ws["A2"].alignment = Alignment(horizontal="left")
    ws.merge_cells(f"A2:{last}2")
    ws["A3"] = "学校（盖章）：                          检查时间：      年    月    日"
    ws.merge_cells(f"A3:{last}3")
    for c, (title, width) in enumerate(zip(HEADER, WIDTHS, strict=True), start=1):
        cell = ws.cell(row=4, column=c, value=title)
        cell.font = Font(bold=True)
        cell.alignment = centre
        cell.border = border
        ws.column_dimensions[get_column_letter(c)].width = width
    row = 5
    number = 0
    for category, items in PARTS:
        first = row
        method_from = row
        for content, method, points, rule, evidence, remark in items:
            number += 1
            values = [number, category if row == first else None, content, method, points, rule, evidence, None, remark or None]
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=c, value=value)
                cell.border = border
                cell.alignment = centre if c in (1, 2, 4, 5, 8) else wrap
            if method is not None:  # a new method: the cell above, merged down over its rows, ends here
                if row - 1 > method_from:
                    ws.merge_cells(start_row=method_from, start_column=4, end_row=row - 1, end_column=4)
                method_from = row
            row += 1
        if row - 1 > method_from:
            ws.merge_cells(start_row=method_from, start_column=4, end_row=row - 1, end_column=4)
        if row - 1 > first:
            ws.merge_cells(start_row=first, start_column=2, end_row=row - 1, end_column=2)
    ws.cell(row=row, column=1, value="合计")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    ws.cell(row=row, column=5, value=100)
    for c in range(1, len(HEADER) + 1):
        ws.cell(row=row, column=c).border = border
        ws.cell(row=row, column=c).alignment = centre
    ws.cell(
        row=row + 1,
        column=1,
        value="注：1. 自评得分按评分标准填写；2. 一票否决项经查实存在的，等次定为不合格；3. 加分不超过 5 分，扣分不超过 10 分。",
    )
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=len(HEADER))
    ws.cell(row=row + 2, column=1, value="检查人：                    审核人：                    校长（签字）：")
    ws.merge_cells(start_row=row + 2, start_column=1, end_row=row + 2, end_column=len(HEADER))
    ws.freeze_panes = "A5"
    ws.print_title_rows = "4:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4

    info = wb.create_sheet("信息")
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 70
    for r, (key, info_value) in enumerate(INFO, start=1):
        info.cell(row=r, column=1, value=key).font = Font(bold=True)
        cell = info.cell(row=r, column=2, value=info_value)
        cell.alignment = Alignment(wrap_text=True)
        if isinstance(info_value, dt.date):
            cell.number_format = "yyyy-mm-dd"
    return wb


def reproducible(data: bytes) -> bytes:
    """The same bytes on every run: openpyxl stamps each zip member with the time of writing."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=STAMP)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            raw = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl sets dcterms:modified to now when saving
                raw = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-09-01T00:00:00Z", raw)
            dst.writestr(member, raw)
    return out.getvalue()


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    buffer = io.BytesIO()
    build().save(buffer)
    out.write_bytes(reproducible(buffer.getvalue()))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
