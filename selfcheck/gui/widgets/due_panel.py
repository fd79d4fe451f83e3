"""The home page's reminder (工作节奏与责任清单): what the cadence asks now (due and overdue), and the tasks that are
overdue or have had no progress for 30 days, in red. Activating a line opens the screen that deals with it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from selfcheck.core import clock
from selfcheck.core import tasks as rules
from selfcheck.core.cadence import Due, DueState
from selfcheck.gui.i18n import current_language
from selfcheck.storage import Store

ALERT = QColor("#b3261e")
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "cadence" or "task"


def due_line(d: Due, language: str) -> str:
    """One agenda line as the home page and the cadence screen show it: 【已逾期】季度小结 · 2026年第三季度 · 2026-10-10."""
    return f"【{d.state.text(language)}】{d.kind.text(language)} · {d.period.text(language)} · {d.due_on.isoformat()}"


class DuePanel(QGroupBox):
    show_cadence = Signal()
    show_tasks = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("工作节奏与责任清单"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("待办和逾期事项"))
        self.list.setWordWrap(True)  # at 1024 wide a task's line is wider than the panel: it wraps, its date in sight
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)

    def refresh(self, store: Store) -> None:
        today = clock.today()
        language = current_language()
        self.list.clear()
        due = [d for d in store.agenda(today) if d.state != DueState.DONE]
        for d in due:
            entry = QListWidgetItem(due_line(d, language))
            entry.setData(KIND_ROLE, "cadence")
            if d.state == DueState.OVERDUE:
                entry.setForeground(QBrush(ALERT))
            self.list.addItem(entry)
        tasks = store.tasks()
        alerts = sorted((t for t in tasks if t.overdue(today) or t.stalled(today)), key=lambda t: rules.rank(t, today))
        for t in alerts:
            state = t.state(today)
            text = self.tr("【任务{state}】{title} · {owner} · {deadline} · {percent}%").format(
                state=state.text(language), title=t.title, owner=t.owner, deadline=t.deadline.isoformat(), percent=t.percent
            )
            entry = QListWidgetItem(text)
            entry.setData(KIND_ROLE, "task")
            entry.setForeground(QBrush(ALERT))
            self.list.addItem(entry)
        late = sum(d.state == DueState.OVERDUE for d in due)
        figures = rules.figures(tasks, today)
        if store.rhythm() is None and not tasks:
            self.summary.setText(self.tr("尚未设置工作节奏（一月一查、一季度一小结、半年一考核），也没有责任清单任务。"))
        else:
            self.summary.setText(
                self.tr("待完成 {due} 项，逾期 {late} 项；责任清单逾期 {tl} 项，停滞 {ts} 项。").format(
                    due=len(due) - late, late=late, tl=figures.overdue, ts=figures.stalled
                )
            )
        self.summary.setStyleSheet("color: #b3261e;" if late or alerts else "")
        self.list.setVisible(self.list.count() > 0)

    def _activated(self, item: QListWidgetItem) -> None:
        (self.show_tasks if item.data(KIND_ROLE) == "task" else self.show_cadence).emit()


class TasksNote(QLabel):
    """One red line over the ledger while tasks are overdue or stalled (hidden otherwise)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b3261e;")
        self.setVisible(False)

    SHOWN = 3  # tasks named on the line; the rest are on the 责任清单 screen

    def refresh(self, store: Store) -> None:
        today = clock.today()
        tasks = store.tasks()
        figures = rules.figures(tasks, today)
        if figures.overdue or figures.stalled:
            late = sorted((t for t in tasks if t.overdue(today) or t.stalled(today)), key=lambda t: rules.rank(t, today))
            language = current_language()
            named = [
                self.tr("{title}（问题 #{problem}，{state}）").format(
                    title=t.title, problem=t.problem_id, state=t.state(today).text(language)
                )
                if t.problem_id is not None
                else self.tr("{title}（{state}）").format(title=t.title, state=t.state(today).text(language))
                for t in late[: self.SHOWN]
            ]
            more = self.tr("等 {n} 项").format(n=len(late)) if len(late) > self.SHOWN else ""
            self.setText(
                self.tr("责任清单：{late} 项任务逾期，{stalled} 项 30 天以上无进展（见“责任清单”）。").format(
                    late=figures.overdue, stalled=figures.stalled
                )
                + self.tr("需督办：{names}{more}").format(names="、".join(named), more=more)
            )
        self.setVisible(bool(figures.overdue or figures.stalled))
