"""The text (正文) of a quarterly summary (季度小结) or half-year assessment (半年考核), written from its data in the
parts a bureau expects: 一、基本情况 / 二、自查开展情况 / 三、问题整改情况 / (问题线索办理情况) / 责任清单落实情况 /
下一步工作打算. Plain lines as the report's narrative (reports/narrative.py): "一、…" and "（一）…" lines are headings.
The principal may replace it before signing (Store.set_period_text). No I/O, no storage."""

from __future__ import annotations

from selfcheck.reports.narrative import cn_number, date_text, num
from selfcheck.reports.period_schema import PeriodData, TaskData

MAX_LISTED = 8  # items named one by one; all of them are in the attachments


def _when(data: PeriodData) -> str:
    return f"{date_text(data.period.start)}至{date_text(data.period.end)}"


def _task_line(t: TaskData) -> str:
    who = "".join(x for x in (t.department, t.owner) if x)
    text = f"{t.title}（{who}负责，{date_text(t.deadline)}前完成，目前完成{t.percent}%"
    if t.overdue:
        text += "，已逾期"
    elif t.stalled:
        text += "，30天以上无进展"
    return text + "）"


def write(data: PeriodData) -> str:
    quarterly = data.kind == "quarterly"
    word = "小结" if quarterly else "考核"
    lines: list[str] = []
    heading = 0

    def head(text: str) -> None:
        nonlocal heading
        heading += 1
        lines.append(f"{cn_number(heading)}、{text}")

    head("基本情况")
    lines.append(
        f"按照“一月一查一反馈、一季度一小结、半年一考核”的要求，我校对{data.period.label}（{_when(data)}）"
        f"的自查自纠、问题整改和责任清单落实情况进行了{word}，现将有关情况报告如下。"
    )

    head("自查开展情况")
    if data.inspections:
        complete = [i for i in data.inspections if i.status == "complete"]
        lines.append(f"本期共开展自查{len(data.inspections)}次，其中已完成{len(complete)}次：")
        for n, i in enumerate(data.inspections[:MAX_LISTED], 1):
            text = f"{n}. {date_text(i.created_at)}，{i.checklist_title}（{i.period}）"
            if i.status == "complete" and i.max > 0:  # a draft's figures are not yet a result
                text += f"，得分{num(i.points)}分（满分{num(i.max)}分）"
            if i.status == "complete" and i.grade:
                text += f"，等次为{i.grade}"
            text += f"，查出问题{i.problems_raised}个" if i.problems_raised else "，未发现需要整改的问题"
            lines.append(text + ("。" if i.status == "complete" else "，尚未完成。"))
        if len(data.inspections) > MAX_LISTED:
            lines.append(f"另有{len(data.inspections) - MAX_LISTED}次自查，见附件。")
    else:
        lines.append("本期未开展自查，下期将按月开展检查。")

    head("问题整改情况")
    lg = data.ledger
    as_of = min(data.period.end, data.report_date)  # ISO dates compare as text
    text = f"本期新发现问题{len(lg.raised)}个，验收销号{len(lg.closed)}个；截至{date_text(as_of)}，"
    text += f"尚有{lg.open_at_end}个问题未销号" if lg.open_at_end else "问题已全部销号"
    if lg.overdue:
        text += f"，其中{len(lg.overdue)}个已超过整改期限："
        lines.append(text)
        for n, p in enumerate(lg.overdue[:MAX_LISTED], 1):
            who = "".join(x for x in (p.department, p.owner) if x)
            lines.append(f"{n}. {p.description.rstrip('。')}（{who or '未定责任人'}，期限{date_text(p.deadline)}）。")
    else:
        lines.append(text + "，没有逾期未整改的问题。" if lg.open_at_end else text + "。")

    if data.clues is not None:
        head("问题线索办理情况")
        lines.append(data.clues.sentence)

    head("责任清单落实情况")
    if data.tasks:
        done = [t for t in data.tasks if t.percent >= 100]
        overdue = [t for t in data.tasks if t.overdue]
        stalled = [t for t in data.tasks if t.stalled and not t.overdue]
        moved = sum(len(t.entries) for t in data.tasks)
        text = f"责任清单共{len(data.tasks)}项任务，已完成{len(done)}项，本期记录进展{moved}次"
        if overdue or stalled:
            text += f"；逾期未完成{len(overdue)}项，30天以上无进展{len(stalled)}项，需重点督办："
            lines.append(text)
            for n, t in enumerate([*overdue, *stalled][:MAX_LISTED], 1):
                lines.append(f"{n}. {_task_line(t)}。")
        else:
            lines.append(text + "，各项任务均按时推进。")
    else:
        lines.append("本期尚未建立责任清单，下一步将对照问题清单逐项定标准、定责任、定时间、定进度。")

    head("下一步工作打算")
    lines.append(
        "下一步，我校将坚持一月一查一反馈，对未销号的问题和未完成的任务逐项跟踪督办，按期完成整改并报请验收，"
        "做到问题不查清不放过、措施不落实不放过、整改不到位不放过、群众不满意不放过。"
    )
    return "\n".join(lines)
