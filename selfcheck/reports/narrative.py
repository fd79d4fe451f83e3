"""The 自查报告's text (正文), written from the report's data in the four parts a bureau expects:
一、基本情况 / 二、自查开展情况 / 三、存在的主要问题 / 四、整改措施及下一步打算.

The principal may replace it before signing (Store.set_report_text); the text is plain lines, one paragraph a
line: a line "一、…" is a heading in Hei, a line "（一）…" a heading in Kai, any other line a body paragraph.
No I/O, no storage: the export and the GUI's editor (which offers this text to start from) call `write`.
"""

from __future__ import annotations

import datetime as dt
import re

from selfcheck.core.dates import chinese_date
from selfcheck.core.ledger import Status
from selfcheck.reports.schema import ProblemData, ReportData, SectionData

DIGITS = "零一二三四五六七八九"
HEADING = re.compile(r"^[一二三四五六七八九十百]+、")
SUBHEADING = re.compile(r"^（[一二三四五六七八九十百]+）")
MAX_NUMBERS = 10  # item numbers named in a section's sentence; 附件1 has every row
MAX_LISTED = 8  # problems named one by one in the text (a report of a few pages); all of them are in 附件2


SAMPLE_MARK = re.compile(r"（[^（）]*(模板|示例|样例|样本)[^（）]*）$")


def bureau(issuer: str) -> str:
    """The issuing bureau's name as a document names it: "县教育局（示范模板）" → "县教育局"."""
    return SAMPLE_MARK.sub("", issuer.strip()) or issuer


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三, 105 → 一百零五 (headings are numbered in Chinese)."""
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + DIGITS[rest] if rest < 10 else ("一" + cn_number(rest) if rest < 20 else cn_number(rest)))
    return DIGITS[n // 100] + "百" + tail


def num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if value == int(value) else f"{value:.2f}".rstrip("0").rstrip(".")


def percent(value: float) -> str:
    """A rate as a report writes it, the same everywhere: 67 %, 62.5 %, 90.43 % → 67%, 62.5%, 90.4%."""
    return f"{value:.1f}".rstrip("0").rstrip(".") + "%"


def _label(label: str) -> str:
    """An answer's label before a count: quoted when it holds digits, so "满意率80%～90%" and "1项" do not run together."""
    return f"“{label}”" if re.search(r"[0-9０-９%％]", label) else label


def date_text(iso: str | None) -> str:
    """An ISO date (or timestamp) as GB/T 9704 writes it: 2026年12月31日; "" for none."""
    if not iso:
        return ""
    try:
        return chinese_date(dt.date.fromisoformat(iso[:10]))
    except ValueError:
        return iso


def _sentence(text: str) -> str:
    text = text.strip().rstrip("。；;，,.")
    return text + "。" if text else ""


def _section_findings(section: SectionData) -> str:
    items = section.items
    applicable = [i for i in items if i.applicable]
    short = [i for i in applicable if i.points > 0 and i.earned < i.points]
    raised = sum(len(i.problems) for i in items)
    checked = "、".join(x for x in (section.check, section.look) if x)
    parts = [f"本部分{checked}，共{len(items)}项" if checked else f"本部分共{len(items)}项"]
    if len(applicable) < len(items):
        parts.append(f"其中{len(items) - len(applicable)}项不适用")
    if section.max > 0:
        parts.append(f"满分{num(section.max)}分，得{num(section.earned)}分")
        if section.percent is not None:
            parts.append(f"得分率{percent(section.percent)}")
    text = "，".join(parts) + "。"
    if short:
        named = "、".join(i.number for i in short[:MAX_NUMBERS]) + ("等" if len(short) > MAX_NUMBERS else "")
        text += f"{len(short)}项未得满分（序号{named}，见附件1）。"
    elif applicable:
        text += "各项均达到要求。"
    if raised:
        text += f"查出问题{raised}个，已列入问题清单。"
    return text


def _measure(p: ProblemData) -> str:
    who = "".join(x for x in (p.department, p.owner) if x)
    text = _sentence(p.measure or "制定整改措施").rstrip("。")
    if who:
        text += f"，由{who}负责"
    if p.deadline:
        text += f"，{date_text(p.deadline)}前完成"
    return text + "。"


def _previous_round(previous: list[ProblemData]) -> str:
    if not previous:
        return "上一轮自查没有需要整改的问题。"
    by_status: dict[str, int] = {}
    for p in previous:
        by_status[p.status_label] = by_status.get(p.status_label, 0) + 1
    order = [status.label for status in reversed(Status)]  # 已销号 first
    tally = "，".join(f"{label}{by_status[label]}个" for label in order if by_status.get(label))
    other = "，".join(f"{label}{n}个" for label, n in by_status.items() if label not in order)
    tally = "，".join(x for x in (tally, other) if x)
    text = f"上一轮自查发现的问题和此前未销号的问题共{len(previous)}个，目前{tally}。"
    overdue = [p for p in previous if p.overdue]
    if overdue:
        text += f"其中{len(overdue)}个已超过整改期限，正在督促落实。"
    return text + "逐项整改情况见附件2。"


def write(data: ReportData, *, inspection_date: str, previous: list[ProblemData] | None = None, clues: str | None = None) -> str:
    """The 正文 written from the data: plain lines (see the module doc). `inspection_date`: ISO. `clues`: the term's
    clue tally as the seed words it (core.clues.Tally.sentence), quoted under 三、 when clues were received."""
    t, sc = data.template, data.score
    period = data.inspection.period
    inspectors = "、".join(data.inspection.inspectors)
    when = date_text(inspection_date)
    items = sum(len(s.items) for s in data.sections)
    lines = ["一、基本情况"]
    basic = f"按照{bureau(t.issuer)}《{t.title}》的要求，我校于{when}开展了{period}自查。"
    if inspectors:
        basic += f"自查组由{inspectors}组成，"
    else:
        basic += "学校成立自查组，"
    basic += f"对照检查表{len(data.sections)}个部分{items}项内容，逐项查阅资料、查看现场、座谈了解，如实填写自查表（见附件1）。"
    if sc.answered < sc.total:
        basic += f"其中{sc.total - sc.answered}项未作答。"
    lines.append(basic)

    lines.append("二、自查开展情况")
    overall = f"本次自查得分{num(sc.points)}分（满分{num(sc.max)}分"
    if sc.percent is not None:
        overall += f"，得分率{percent(sc.percent)}"
    overall += "）"
    overall += f"，等次为{sc.grade}。" if sc.grade else "。"
    if sc.bonus:
        overall += f"加分{num(sc.bonus)}分。"
    if sc.deduction:
        overall += f"扣分{num(sc.deduction)}分。"
    counts = "，".join(f"{_label(label)}{n}项" for label, n in sc.counts.items() if n)
    if counts:
        overall += f"各项自查结果：{counts}。"
    if sc.vetoed_by:
        texts = {i.id: i.text for s in data.sections for i in s.items}
        vetoed = "；".join(_sentence(texts.get(v, "一票否决项")).rstrip("。") for v in sc.vetoed_by)
        overall += f"存在一票否决情形：{vetoed}。"
    lines.append(overall)
    for n, section in enumerate(data.sections, 1):
        # a section titled "一、学：…" already numbers itself: "（一）学：…", never "（一）一、学：…"
        lines.append(f"（{cn_number(n)}）{HEADING.sub('', section.title).strip() or section.title}")
        lines.append(_section_findings(section))

    lines.append("三、存在的主要问题")
    if data.problems:
        lines.append(f"本次自查共查出问题{len(data.problems)}个，主要是：")
        for n, p in enumerate(data.problems[:MAX_LISTED], 1):
            lines.append(f"{n}. {_sentence(p.description)}")
        if len(data.problems) > MAX_LISTED:
            lines.append(f"另有{len(data.problems) - MAX_LISTED}个问题，详见附件2。")
    else:
        lines.append("本次自查未发现需要整改的问题。")
    if clues:
        lines.append(f"广泛听取家长、学生和社会各界的意见，本学期以来{clues}")

    lines.append("四、整改措施及下一步打算")
    if data.problems:
        planned = [p for p in data.problems if p.measure]
        lead = "对查出的问题，学校逐项明确整改措施、责任人和整改期限，建立整改台账（见附件2），整改一项、销号一项"
        lines.append(lead + ("：" if planned else "。"))
        for n, p in enumerate(planned[:MAX_LISTED], 1):
            lines.append(f"{n}. {_measure(p)}")
        rest = len(data.problems) - min(len(planned), MAX_LISTED)
        if planned and rest:
            lines.append(f"其余{rest}个问题的整改措施、责任人和整改期限见附件2。")
    lines.append(_previous_round(previous if previous is not None else data.carried))
    lines.append(
        "下一步，我校将对照检查表持续开展自查，按月跟踪整改进度，按期完成整改并报请验收，"
        "做到问题不查清不放过、措施不落实不放过、整改不到位不放过、群众不满意不放过。"
    )
    return "\n".join(lines)


def paragraphs(narrative: str) -> list[tuple[str, str]]:
    """The narrative as (kind, text) pairs: kind "h1" (一、), "h2" (（一）) or "p"; blank lines dropped."""
    out: list[tuple[str, str]] = []
    for line in narrative.splitlines():
        line = line.strip()
        if not line:
            continue
        kind = "h1" if HEADING.match(line) else "h2" if SUBHEADING.match(line) else "p"
        out.append((kind, line))
    return out
