"""The 自查报告 as a clerk reads it: 公文 form, Chinese dates, no internal words, Chinese line breaking, rows whole,
the seal with the text; the principal's own text, 主送, 发文字号 and 自查日期 set before signing and carried in the data."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from selfcheck.core import clock
from selfcheck.core.records import ReportText
from selfcheck.errors import RuleError
from selfcheck.reports import linebreak, narrative, service
from selfcheck.reports.layout import render
from selfcheck.reports.schema import ReportData
from selfcheck.reports.verify import read_data
from selfcheck.storage import Store
from tests.reports.images import seal, signature
from tests.reports.test_pdf import (
    answer_all,
    assert_fonts_embedded,
    assert_page_numbers,
    build,
    pdftotext,
    squash,
    two_rounds,
    write,
)
from tests.reports.test_report_flow import cli

ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
FORBIDDEN_START = "，。、；：？！）」』”’》〉】〕"
FORBIDDEN_END = "（「『“‘《〈【〔"


def body_lines(pdf: Path) -> list[str]:
    """The text's lines (portrait pages: pdftotext keeps their lines whole; the landscape tables interleave columns)."""
    reader = PdfReader(pdf)
    portrait = [n for n, page in enumerate(reader.pages, 1) if float(page.mediabox.width) < float(page.mediabox.height)]
    lines: list[str] = []
    for n in portrait:
        out = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        lines += [line.strip() for line in out.splitlines() if line.strip()]
    return lines


@pytest.fixture
def school(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    assert cli(data, "school", "set", "--name", "城关第一小学", "--code", "3412345678", "--principal", "张明") == 0
    return data


@pytest.fixture
def report(store: Store, tmp_path: Path) -> tuple[ReportData, Path]:
    store.set_school("城关第一小学", "3412345678", "张明")
    inspection = two_rounds(store, "wuchawukan")
    data = build(store, inspection)
    return data, write(tmp_path, "wuchawukan.pdf", render(data, signature_png=signature(), seal_png=seal()))


def test_a_document_then_its_attachments(report: tuple[ReportData, Path]) -> None:
    data, pdf = report
    reader = PdfReader(pdf)
    first = reader.pages[0]
    assert float(first.mediabox.width) < float(first.mediabox.height)  # the document: portrait
    assert float(reader.pages[-1].mediabox.width) > float(reader.pages[-1].mediabox.height)  # the attachments: landscape
    text = squash(pdftotext(pdf))
    title = "城关第一小学关于2026年秋季学期中小学校政风行风“五查五看”自查情况的报告"
    assert squash(pdftotext(pdf, 1)).replace("—1—", "").startswith(title)
    assert "县教育局：" in text and "示范模板" not in text  # 主送: the issuer, as a document names it
    for heading in ("一、基本情况", "二、自查开展情况", "三、存在的主要问题", "四、整改措施及下一步打算", "（一）"):
        assert heading in text, heading
    assert "附件：1.中小学校政风行风“五查五看”自查表2.问题清单及整改台账" in text
    for column in (
        "序号",
        "检查项目",
        "检查内容",
        "评分标准",
        "分值",
        "自查情况",
        "得分",
        "存在问题",
        "整改措施",
        "督查情况",
        "备注",
    ):
        assert column in text, column
    assert "本轮开始时" in text and "已销号" in text  # last round's problems, closed ones included, with how they ended
    assert data.previous is not None and any(p.status == "closed" for p in data.previous)
    assert len(data.previous) > len(data.carried)
    assert_fonts_embedded(pdf)
    assert_page_numbers(pdf)


def test_no_iso_dates_ids_or_english_in_the_text(report: tuple[ReportData, Path]) -> None:
    data, pdf = report
    text = pdftotext(pdf)
    assert not ISO.search(text), ISO.search(text)
    flat = squash(text)
    for section in data.sections:
        for item in section.items:
            assert item.id not in flat, item.id
    assert data.template.id not in flat and f"版本{data.template.version}" not in flat
    assert "#" not in flat and "→" not in flat and "查：查" not in flat and "看：看" not in flat
    hex_or_id = re.compile(r"^[0-9a-fA-F:-]+$")  # the verification box: document id and fingerprints
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9:-]+", text) if not hex_or_id.match(w)]
    assert not words, words
    assert "2026年11月21日" in flat  # the date of issue, written in Chinese


def test_each_note_printed_once(report: tuple[ReportData, Path]) -> None:
    _, pdf = report
    flat = squash(pdftotext(pdf))
    note = "两周未组织<见附件>&签到表缺页"
    raised_with_note = flat.count(note)
    # printed in the row's 存在问题 (or 自查情况), named once more in 三、存在的主要问题: never three times per row
    assert raised_with_note > 0
    reader = PdfReader(pdf)
    landscape = [n for n, p in enumerate(reader.pages, 1) if float(p.mediabox.width) > float(p.mediabox.height)]
    checklist_pages = squash(pdftotext(pdf, landscape[0], landscape[-1]))
    rows = checklist_pages.split("两周未组织")
    assert len(rows) - 1 <= raised_with_note


def test_each_fact_printed_once_in_the_checklist(mini_store: Store, tmp_path: Path) -> None:
    """附件1: 自查情况 gives the answer (the count, the result chosen), 存在问题 the problem in its own words; a problem
    raised without a note ("发现 3 处", "自查结果为“否”") is not printed a second time beside its answer."""
    inspection = mini_store.new_inspection("mini", "2026年秋季学期").id
    mini_store.save_answer(inspection, "s1.study", "no")  # no note: the problem is the result chosen
    mini_store.save_answer(inspection, "s2.firstask", "bad", note="首问登记本缺页")
    mini_store.save_answer(inspection, "s2.fees", value=3)  # a count: the problem is the count
    raised = mini_store.raise_problems_from_answers(inspection)
    assert {p.description for p in raised} == {
        "每周是否组织一次集中政治业务学习，有记录：自查结果为“否”",
        "首问责任制落实情况：首问登记本缺页",
        "按学期公示收费项目，每发现一处未公示扣 2 分，扣完为止：发现 3 处",
    }
    mini_store.add_problem("档案管理规范", inspection_id=inspection, item_id="s2.score")  # the requirement alone
    pdf = write(tmp_path, "facts.pdf", render(build(mini_store, inspection)))
    reader = PdfReader(pdf)
    landscape = [n for n, p in enumerate(reader.pages, 1) if float(p.mediabox.width) > float(p.mediabox.height)]
    annex2 = next(n for n in landscape if "问题清单及整改台账" in squash(pdftotext(pdf, n)))
    checklist = squash(pdftotext(pdf, landscape[0], annex2 - 1))
    assert checklist.count("发现3处") == 1 and "自查结果为" not in checklist
    assert checklist.count("首问登记本缺页") == 1  # in 存在问题, not in 自查情况 as well
    assert checklist.count("见自查情况") == 2 and checklist.count("见检查内容") == 1
    problems = squash(pdftotext(pdf, annex2, landscape[-1]))  # 附件2 names each problem whole
    assert "公示收费项目，每发现一处未公示扣2分，扣完为止：发现3处" in problems and "自查结果为“否”" in problems


def test_chinese_line_breaking(report: tuple[ReportData, Path]) -> None:
    _, pdf = report
    for line in body_lines(pdf):
        assert line[0] not in FORBIDDEN_START, line
        assert line[-1] not in FORBIDDEN_END, line


def test_the_line_breaker_itself() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from selfcheck.reports.layout import SONG, register_fonts

    register_fonts()
    texts = (
        "按照要求“五查五看”，认真开展（自查）。" * 7,
        "学习记录" * 30 + "2026年12月31日，" * 5,
        "（序号4.2、4.3、10.12）。" * 6,
    )
    hung = 0
    for size, text in ((size, text) for size in (10, 16) for text in texts):  # a table cell's size, the body's
        style = ParagraphStyle("t", fontName=SONG, fontSize=size, leading=size * 1.4, wordWrap="CJK")
        for width in range(6 * size, 20 * size, 7):
            para = Paragraph(text, style)
            para.wrap(width, 10000)
            lines = [
                "".join(line[1]) if para.blPara.kind == 0 else "".join(w.text for w in line.words) for line in para.blPara.lines
            ]
            assert "".join(lines) == text
            if size < 14:  # in a table cell no mark hangs past the line's end: it would cross the rule
                assert all(line[0] >= -1e-6 for line in para.blPara.lines), (width, lines)
            else:  # the body hangs them in the margin, as Word does
                hung += any(line[0] < -1e-6 for line in para.blPara.lines)
            for line in lines[1:]:
                assert line[0] not in FORBIDDEN_START, (width, lines)
            for line in lines[:-1]:
                assert line[-1] not in FORBIDDEN_END, (width, lines)
                assert not (line[-1].isdigit() and line != lines[-1] and lines[lines.index(line) + 1][0].isdigit()), lines
                assert not line.endswith("."), lines  # an item number's point is no full stop to hang
    assert hung and linebreak.word_split("测试，文字", [20.0], SONG, 10)[1][1][0] != "，"


def test_the_seal_stands_with_the_text(report: tuple[ReportData, Path]) -> None:
    _, pdf = report
    reader = PdfReader(pdf)
    pages = [squash(p.extract_text()) for p in reader.pages]
    seal_page = next(n for n, text in enumerate(pages) if "校长（签字）" in text)
    text = pages[seal_page]
    assert "附件：" in text and "2026年11月21日" in text
    assert len(text.split("附件：")[0]) > 20 or "（此页无正文）" in text  # some of the text's last lines


def test_the_text_s_last_lines_go_over_with_the_seal(mini_store: Store, tmp_path: Path) -> None:
    """When the text's last paragraph and the seal do not fit on a page, the paragraph splits: its last two lines go
    over with the 附件说明 and the seal, the rest fills the page (the whole paragraph going over left the page before
    two thirds empty)."""
    inspection = mini_store.new_inspection("mini", "2026年秋季学期").id
    last = "下一步，我校将对照检查表持续开展自查，按月跟踪整改进度，按期完成整改并报请验收。" * 5  # eight lines
    line = (A4[1] - 37 * mm - 35 * mm) / 22
    ending = 8 * line  # a blank line, 附件说明 (two lines), a blank line, the 落款 (four lines)
    for filler in (0, 2, 4):  # the paragraph starts lower and lower on page 1: it and the seal do not fit there
        mini_store.set_report_text(inspection, narrative="一、基本情况\n" + "我校开展了自查。\n" * filler + last)
        pdf = write(tmp_path, f"seal{filler}.pdf", render(build(mini_store, inspection)))
        pages = [re.sub(r"—\d+—", "", squash(pdftotext(pdf, n))) for n in (1, 2)]  # no page number
        assert "校长（签字）" in pages[1] and "校长（签字）" not in pages[0]
        carried = pages[1].split("附件：")[0]
        assert 28 < len(carried) < len(squash(last)) / 2, carried  # its last lines, not the whole paragraph
        assert squash(last).endswith(carried) and squash(last)[: -len(carried)] in pages[0]
        bottom = min(y for y, text in _line_bottoms(pdf, 1) if not text.startswith("—"))
        assert bottom - 35 * mm < ending + 2 * line + line / 2, filler  # page 1 filled but for that room


def _line_bottoms(pdf: Path, page: int) -> list[tuple[float, str]]:
    """The lower edge (points from the page's foot) and the words of each line of a page."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True
    ).stdout
    found = re.findall(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', out, re.S)
    return [(A4[1] - float(y), "".join(re.findall(r">([^<]+)</word>", body))) for y, body in found]


def test_rows_stay_whole_across_pages(store: Store, tmp_path: Path) -> None:
    """Items with long notes: each row's content is found whole on one page."""
    store.set_school("城关第一小学", "3412345678", "张明")
    inspection = store.new_inspection("wuchawukan", "2026年秋季学期", ["李华"])
    template = store.checklist("wuchawukan")
    for n, item in enumerate(template.items()):
        if item.type == "choice":
            option = template.options_for(item)[0]
            store.save_answer(inspection.id, item.id, option.key, note=f"第{n}条：" + "记录齐全，过程规范，材料完整" * 6)
    data = build(store, inspection.id)
    pdf = write(tmp_path, "long.pdf", render(data))
    pages = [squash(pdftotext(pdf, n)) for n in range(1, len(PdfReader(pdf).pages) + 1)]
    for n, item in enumerate(template.items()):
        if item.type == "choice":
            note = squash(f"第{n}条：" + "记录齐全，过程规范，材料完整" * 6)
            assert any(note in page for page in pages), item.id


def test_a_row_taller_than_a_page_still_prints(mini_store: Store, tmp_path: Path) -> None:
    inspection = mini_store.new_inspection("mini", "2026年秋季学期")
    mini_store.save_answer(inspection.id, "s1.study", "no", note="学习记录缺失" * 600)
    data = build(mini_store, inspection.id)
    pdf = write(tmp_path, "tall.pdf", render(data))
    text = squash(pdftotext(pdf))  # the row splits across pages (a page number between its parts), nothing lost
    assert text.count("学习记录缺失") >= 600 - len(PdfReader(pdf).pages) and text.count("缺") >= 600


def test_the_principals_text_date_and_number(mini_store: Store, tmp_path: Path) -> None:
    inspection = two_rounds(mini_store, "mini")
    written, edited = service.narrative(mini_store, inspection)
    assert not edited and written.startswith("一、基本情况")
    own = "一、基本情况\n我校认真开展了自查。\n（一）学习情况\n每周学习。\n二、存在的主要问题\n台账不全。"
    mini_store.set_report_text(
        inspection,
        narrative=own,
        addressee="城关镇中心学校",
        document_number="城关一小〔2026〕5号",
        inspection_date=dt.date(2026, 12, 31),
    )
    assert mini_store.report_text(inspection) == ReportText(
        inspection, own, "城关镇中心学校", "城关一小〔2026〕5号", dt.date(2026, 12, 31)
    )
    data = build(mini_store, inspection)
    assert data.document is not None and data.document.edited and data.document.narrative == own
    assert data.document.inspection_date == "2026-12-31"
    pdf = write(tmp_path, "own.pdf", render(data, seal_png=seal()))
    text = squash(pdftotext(pdf))
    assert "城关一小〔2026〕5号" in text and "城关镇中心学校：" in text and "我校认真开展了自查。" in text
    assert "自查日期：2026年12月31日" in text
    mini_store.set_report_text(inspection, narrative=None, addressee="", document_number="", inspection_date=None)
    assert mini_store.report_text(inspection) == ReportText(inspection)
    assert not service.narrative(mini_store, inspection)[1]


def test_a_signed_inspection_keeps_its_text(mini_store: Store) -> None:
    inspection = mini_store.new_inspection("mini", "2026年秋季学期")
    mini_store.record_export(inspection.id, "/a.pdf", "ab" * 32, signed=True, fingerprint="f", document_id="d")
    with pytest.raises(RuleError):
        mini_store.set_report_text(inspection.id, narrative="改过")


def test_older_reports_still_validate(report: tuple[ReportData, Path]) -> None:
    data, _ = report
    old = data.model_dump()
    del old["document"], old["previous"]
    assert ReportData.model_validate(old).document is None


def test_narrative_headings_and_numbers() -> None:
    assert [narrative.cn_number(n) for n in (1, 10, 12, 20, 23, 100, 105, 110)] == [
        "一",
        "十",
        "十二",
        "二十",
        "二十三",
        "一百",
        "一百零五",
        "一百一十",
    ]
    assert narrative.paragraphs("一、甲\n\n（二）乙\n丙") == [("h1", "一、甲"), ("h2", "（二）乙"), ("p", "丙")]
    assert narrative.bureau("县教育局（示范模板）") == "县教育局" and narrative.date_text("2026-12-31") == "2026年12月31日"


def test_cli_narrative_and_raise_problems(school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(school) as store:
        inspection = store.new_inspection("wuchawukan", "2026年秋季学期", ["李华"]).id
        answer_all(store, inspection, "wuchawukan")  # answered, no problem raised yet
        assert service.unraised(store, inspection)
    text = tmp_path / "正文.txt"
    text.write_text("一、基本情况\n校长改写的正文。\n", encoding="utf-8")
    assert cli(school, "report", "narrative", str(inspection), "--file", str(text), "--number", "城关一小〔2026〕5号") == 0
    assert cli(school, "report", "narrative", str(inspection), "--date", "2026-12-31") == 0
    capsys.readouterr()
    assert cli(school, "report", "narrative", str(inspection)) == 0
    assert "校长改写的正文。" in capsys.readouterr().out
    with Store.open(school) as store:
        assert store.report_text(inspection).inspection_date == dt.date(2026, 12, 31)
    assert cli(school, "report", "export", str(inspection), "--out", str(tmp_path / "r1.pdf"), "--unsigned") == 0
    assert "尚未登记问题" in capsys.readouterr().err
    out = tmp_path / "r2.pdf"
    assert cli(school, "report", "export", str(inspection), "--out", str(out), "--unsigned", "--raise-problems") == 0
    assert "尚未登记问题" not in capsys.readouterr().err
    with Store.open(school) as store:
        assert not service.unraised(store, inspection) and store.problems(inspection_id=inspection)
    embedded = read_data(out.read_bytes())
    assert embedded["document"]["narrative"] == "一、基本情况\n校长改写的正文。"
    assert embedded["document"]["document_number"] == "城关一小〔2026〕5号"
    assert embedded["document"]["edited"] is True
    assert "校长改写的正文。" in squash(pdftotext(out))
    assert_archive_metadata(out)


def assert_archive_metadata(pdf: Path, school: str = "城关第一小学") -> None:
    """/Lang zh-CN; one PDF version (header, and the catalog's /Version if any); XMP saying what the info says."""
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "zh-CN"
    assert reader.pdf_header == "%PDF-2.0" and root.get("/Version") in (None, "/2.0")
    info = reader.metadata
    xmp = reader.xmp_metadata
    assert info is not None and xmp is not None
    assert xmp.dc_title["x-default"] == info.title and xmp.dc_creator == [info.author] == [school]
    assert xmp.dc_description["x-default"] == info.subject
    assert info.creation_date is not None and xmp.xmp_create_date is not None
    assert_dated_by_clock(pdf)
    assert info.modification_date is not None and xmp.xmp_modify_date is not None
    assert xmp.xmp_modify_date.replace(tzinfo=None) == info.modification_date.astimezone(dt.UTC).replace(
        tzinfo=None
    )  # both the update's, from selfcheck's clock
    assert dt.timedelta(0) <= info.modification_date - info.creation_date < dt.timedelta(minutes=10)
    assert xmp.xmp_create_date.replace(tzinfo=None) == info.creation_date.astimezone(dt.UTC).replace(tzinfo=None)
    assert xmp.xmp_creator_tool == info.creator
    assert xmp.pdf_keywords == info["/Keywords"] and "自查报告" in info["/Keywords"]  # pdf:Keywords, as the schema spells it
    assert xmp.pdf_producer == info.producer  # one producer: pyHanko's own name, in the info and in the XMP
    assert xmp.dc_language == ["zh-CN"] and xmp.dc_format == "application/pdf"
    stream = root["/Metadata"].get_object()
    assert stream["/Type"] == "/Metadata" and stream["/Subtype"] == "/XML" and "/Filter" not in stream  # as PDF/A asks
    raw = stream.get_data().decode("utf-8")
    pdf_ns = "{http://ns.adobe.com/pdf/1.3/}"
    props = [e.tag for e in ElementTree.fromstring(raw[raw.index("<x:xmpmeta") : raw.rindex("<?xpacket")]).iter()]
    assert props.count(f"{pdf_ns}Keywords") == 1 and f"{pdf_ns}keywords" not in props  # one keywords, as spelt
    assert info["/Trapped"] == "/False" and "<pdf:Trapped>False</pdf:Trapped>" in raw


def assert_dated_by_clock(pdf: Path) -> None:
    """The PDF's /CreationDate is selfcheck's clock (which the tests set), not the system clock reportlab reads."""
    created = PdfReader(pdf).metadata.creation_date
    assert created is not None and created.tzinfo is not None
    assert dt.timedelta(0) <= clock.now() - created < dt.timedelta(minutes=10), (created, clock.now())
