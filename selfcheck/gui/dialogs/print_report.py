"""Ctrl+P: the inspection as a printable form (checklist, results, notes, problems) through the system's
print dialog. The signed PDF stays the official record; this is the paper copy for the meeting table."""

from __future__ import annotations

import html

from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from selfcheck.core.answers import option_of
from selfcheck.core.state import InspectionState
from selfcheck.storage import Store


def inspection_html(store: Store, inspection_id: int) -> str:
    inspection = store.inspection(inspection_id)
    template = store.checklist(inspection.template_id, inspection.template_version)
    answers = store.answers(inspection_id)
    state = InspectionState(template, answers)
    result, figures = state.score, state.summary()
    school = store.school()
    esc = html.escape
    out = [
        "<html><body style='font-size:10pt'>",
        f"<h2 align='center'>{esc(school.name if school else '')}{esc(template.title)}自查表</h2>",
        f"<p align='center'>{esc(inspection.period)} · 自查组：{esc('、'.join(inspection.inspectors))}</p>",
        f"<p>得分：{figures.points:g} / {figures.max:g}"
        + (f"（{figures.percent:g}%）" if figures.percent is not None else "")
        + f" · 等次：{esc(figures.grade or '')} · 已答 {figures.answered}/{figures.total}</p>",
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>",
        "<tr><th>序号</th><th>检查内容</th><th>分值</th><th>结果</th><th>得分</th><th>说明</th></tr>",
    ]
    for s_no, section in enumerate(template.sections, 1):
        out.append(f"<tr><td colspan='6'><b>{s_no}. {esc(section.title)}</b></td></tr>")
        for i_no, item in enumerate(section.items, 1):
            answer = answers.get(item.id)
            option = option_of(template, item, answer)
            shown = option.label if option else ("" if answer is None or answer.value is None else str(answer.value))
            earned = result.items[item.id].earned if answer is not None else None
            out.append(
                f"<tr><td>{s_no}.{i_no}</td><td>{esc(item.text)}</td><td>{item.points:g}</td><td>{esc(shown)}</td>"
                f"<td>{'' if earned is None else f'{earned:g}'}</td><td>{esc(answer.note or '' if answer else '')}</td></tr>"
            )
    out.append("</table>")
    problems = store.problems(inspection_id=inspection_id)
    if problems:
        out.append("<h3>发现的问题</h3><table border='1' cellspacing='0' cellpadding='3' width='100%'>")
        out.append("<tr><th>问题</th><th>整改措施</th><th>责任人</th><th>期限</th><th>状态</th></tr>")
        for p in problems:
            out.append(
                f"<tr><td>{esc(p.description)}</td><td>{esc(p.measure or '')}</td><td>{esc(p.owner or '')}</td>"
                f"<td>{p.deadline or ''}</td><td>{esc(p.status.label)}</td></tr>"
            )
        out.append("</table>")
    out.append("</body></html>")
    return "".join(out)


def document(store: Store, inspection_id: int) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(inspection_html(store, inspection_id))
    return doc


def print_to(printer: QPrinter, store: Store, inspection_id: int) -> None:
    document(store, inspection_id).print_(printer)


def print_with_dialog(parent: QWidget, store: Store, inspection_id: int) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_to(printer, store, inspection_id)
    return True
