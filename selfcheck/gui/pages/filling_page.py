"""Filling an inspection: sections and items on the left, the current item on the right, every change saved
at once. Keys 1-9 pick an option, Enter or Ctrl+↓ moves on, Ctrl+↑ goes back, Ctrl+F searches; Ctrl+Z (the main
window's) undoes the last answer, and this screen repaints what the undo put back."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core import clock
from selfcheck.core.answers import Answer, option_of
from selfcheck.core.changes import Changes
from selfcheck.core.ledger import Status
from selfcheck.core.state import InspectionState, option_meaning
from selfcheck.gui.i18n import current_language
from selfcheck.gui.models.outline_model import ITEM_ROLE, OutlineModel
from selfcheck.gui.ops import run_op
from selfcheck.gui.pages.filling_item import Entry, ItemPanel, entries
from selfcheck.gui.pages.filling_look import AMBER_BRUSH, BRUSHES, DONE, MARKS, MEANING_MARKS, NO_BRUSH, RED_BRUSH, chosen_style
from selfcheck.gui.pages.note_drafts import NoteDrafts
from selfcheck.gui.pages.page import Page
from selfcheck.gui.widgets.lock_banner import LockBanner
from selfcheck.gui.widgets.panes import panes
from selfcheck.gui.widgets.unraised_banner import UnraisedBanner
from selfcheck.storage import Store

NOTE_SAVE_MS = 250  # a note is saved this long after the last keystroke (and at once when leaving the item)


class FillingPage(Page, QWidget):
    """Every write goes through ops.run_op (on the GUI thread: one answer is one quick write) and is repainted
    here from what the write handed back; other screens hear of it from the broadcast. `saved_at(str)` feeds
    the quiet indicator."""

    saved_at = Signal(str)

    def __init__(self, store: Store, inspection_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.inspection_id = inspection_id
        self.inspection = store.inspection(inspection_id)
        self.template = store.checklist(self.inspection.template_id, self.inspection.template_version)
        self.entries = entries(self.template)
        self.by_id = {e.id: e for e in self.entries}
        # Answers, notes required, problems called for: the core's state of this inspection, read by reload() below and
        # told of every saved answer (it recomputes only that item).
        self.state = InspectionState(self.template, {})
        self.review_items: set[str] = set()
        # Notes typed before a result is chosen: shown again with the item, saved with its first answer, kept in
        # between (pages/note_drafts.py), whatever happens.
        self.drafts = NoteDrafts(store.path, inspection_id, self.by_id)
        self.raised_items: set[str] = set()  # items with a problem, open or closed: never raised again in one go
        self.current: Entry | None = None
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self._loading = False
        self._note_pending = False
        self.last_save_ms: float | None = None

        self._build_left()
        self._build_right()
        split = panes(Qt.Orientation.Horizontal, (self.left, 2), (self.item_panel, 3))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.lock_banner = LockBanner()
        self.reopen_button = self.lock_banner.reopen_button
        layout.addWidget(self.lock_banner)
        self.unraised_banner = UnraisedBanner()
        self.unraised_banner.show_them.connect(lambda: self.filter.setCurrentIndex(self.filter.findData("problems")))
        self.unraised_banner.raise_all.connect(self.raise_all_problems)
        layout.addWidget(self.unraised_banner)
        layout.addWidget(split, 1)
        self._shortcuts()
        self.reload()

    # ---- building ------------------------------------------------------------------------------

    def _build_left(self) -> None:
        self.left = QWidget()
        self.filter = QComboBox()
        self.filter.addItem(self.tr("全部检查项"), "all")
        self.filter.addItem(self.tr("未作答"), "unanswered")
        self.filter.addItem(self.tr("需整改（有问题）"), "problems")
        self.filter.addItem(self.tr("缺少必填说明"), "notes")
        self.filter.addItem(self.tr("换用新版本后待复核"), "review")
        self.filter.setAccessibleName(self.tr("筛选"))
        self.filter.currentIndexChanged.connect(self.apply_filter)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索检查项（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        self.search.returnPressed.connect(self._first_match)
        sections: dict[str, list[tuple[str, str, str]]] = {}
        for entry in self.entries:
            sections.setdefault(entry.section_title, []).append((entry.id, f"{entry.number}  {entry.text}", entry.text))
        self.outline = OutlineModel(list(sections.items()), self._status_cell, self._progress, self)
        self.tree = QTreeView()
        self.tree.setModel(self.outline)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A fixed status column: "resize to contents" re-measured all 500 rows on every answer (3 ms a key press).
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        metrics = self.fontMetrics()
        labels = {o.label for e in self.entries if e.item is not None for o in self.template.options_for(e.item)} or {"0000"}
        widest = max(metrics.horizontalAdvance(f"{DONE} {label}") for label in labels)
        self.tree.header().resizeSection(1, widest + metrics.horizontalAdvance(self.tr("（整改）")) + 24)
        self.tree.header().setStretchLastSection(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName(self.tr("检查项列表"))
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.installEventFilter(self)
        self.tree.expandAll()
        layout = QVBoxLayout(self.left)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.filter)
        row.addWidget(self.search, 1)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)

    def _build_right(self) -> None:
        """The item panel (pages/filling_item.py), connected here; its widgets are this screen's too."""
        panel = self.item_panel = ItemPanel(self.store, self.inspection_id)
        self.where, self.item_text, self.details = panel.where, panel.item_text, panel.details
        self.options_row, self.option_buttons = panel.options_row, panel.option_buttons
        self.number, self.text_value, self.date_value = panel.number, panel.text_value, panel.date_value
        self.value_hint, self.value_fields, self.clear_button = panel.value_hint, panel.value_fields, panel.clear_button
        self.note_label, self.note, self.problem_label = panel.note_label, panel.note, panel.problem_label
        self.evidence_box, self.evidence_list = panel.evidence_box, panel.evidence_box.files
        self.problem_button, self.prev_button, self.next_button = panel.problem_button, panel.prev_button, panel.next_button
        self.number.valueChanged.connect(self._value_edited)
        self.text_value.editingFinished.connect(self._value_edited)
        self.date_value.dateChanged.connect(self._value_edited)
        for w in self.value_fields:
            w.installEventFilter(self)
        self.clear_button.clicked.connect(self.clear_current)
        self.note.textChanged.connect(self._note_edited)
        self.note.installEventFilter(self)  # Esc leaves the note for the answer
        self.evidence_box.saved.connect(
            lambda: self.saved_at.emit(self.tr("已保存 {t}").format(t=clock.now().strftime("%H:%M:%S")))
        )
        self.problem_button.clicked.connect(self.raise_problem)
        self.prev_button.clicked.connect(lambda: self.move(-1))
        self.next_button.clicked.connect(lambda: self.move(1))

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for n in range(10):  # 0 picks no option but starts a count or a score at 0 (加减分: none found)
            sc = QShortcut(QKeySequence(str(n)), self)
            sc.setContext(context)
            sc.activated.connect(lambda n=n: self.pick_number(n))
        for keys, step in (("Ctrl+Down", 1), ("Ctrl+Up", -1), ("Alt+Right", 1), ("Alt+Left", -1)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(context)
            sc.activated.connect(lambda step=step: self.move(step))

    # ---- state ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the inspection and its answers (after an outside change such as reopening)."""
        self.inspection = self.store.inspection(self.inspection_id)
        self.state = InspectionState(
            self.template, self.store.answers(self.inspection_id), self.store.items_with_open_problems(self.inspection_id)
        )
        self.review_items = set(self.store.rechecks(self.inspection_id))
        self.raised_items = {p.item_id for p in self.store.problems(inspection_id=self.inspection_id) if p.item_id}
        self._update_unraised()
        if self.current is not None:  # read again after a change: repaint (the first read paints anyway)
            self.outline.all_changed()
        self.lock_banner.set_locked(self.inspection.locked, self.inspection.revision)
        if self.current is None and self.entries:
            self.select(self.entries[0].id)
        elif self.current is not None:
            self._show(self.current)

    def shows(self, changes: Changes) -> bool:
        i = self.inspection_id
        return i in changes.inspections or i in changes.answers or i in changes.evidence or bool(changes.problems)

    def refresh(self) -> None:
        self.reload()

    def on_changes(self, changes: Changes, initiator: object | None = None) -> None:
        """Another screen's write, or an undo: read the inspection again (this screen's own writes are painted
        from their AnswerChange already). After an undo, the item it put back is shown."""
        if initiator is self:
            return
        super().on_changes(changes, initiator)
        if changes.undone:
            undone = sorted(item for inspection, item in changes.items if inspection == self.inspection_id)
            if undone and undone[0] in self.by_id:
                self.select(undone[0])

    @property
    def locked(self) -> bool:
        return self.inspection.locked

    @property
    def answers(self) -> Mapping[str, Answer]:
        return self.state.answers

    def status_of(self, entry_id: str) -> str:
        """The list's mark for an item: ○ unanswered, ! a required note missing, else what the result means:
        ✓ meets (or a plain value), ◐ partly, ✗ fails, – not applicable (the core decides)."""
        state = self.state.item(entry_id)
        return MARKS.get(state.status) or MEANING_MARKS[state.meaning]

    def _status_cell(self, entry_id: str) -> tuple[str, QBrush]:
        """The status column of an item's row: the mark with the answer, marks for problems, reviews and a note kept as
        a draft, coloured by what the result means (red too for a missing note)."""
        state = self.state.item(entry_id)
        status = self.status_of(entry_id)
        answer = self.answers.get(entry_id)
        label = status
        entry = self.by_id[entry_id]
        option = option_of(self.template, entry.item, answer) if entry.item is not None else None
        if option is not None:
            label = f"{status} {option.label}"
        elif answer is not None and answer.value is not None:
            label = f"{status} {answer.value:g}" if isinstance(answer.value, float) else f"{status} {answer.value}"
        if state.has_problem:
            label += " " + self.tr("（整改）")
        if entry_id in self.review_items:
            label += " " + self.tr("（待复核）")
        if entry_id in self.drafts and not state.answered:  # a note waits for its result
            label += " " + self.tr("（说明已暂存）")
        if state.note_missing:
            brush = RED_BRUSH
        elif entry_id in self.review_items:
            brush = AMBER_BRUSH
        else:
            brush = BRUSHES.get(state.meaning, NO_BRUSH) if state.answered else NO_BRUSH
        return label, brush

    def _progress(self, ids: Sequence[str]) -> str:
        return f"{sum(1 for i in ids if i in self.answers)}/{len(ids)}"

    def row_text(self, entry_id: str, column: int = 1) -> str:
        """What an item's row shows: its number and text (column 0) or its status (column 1)."""
        return str(self.outline.data(self.outline.index_of(entry_id, column)))

    def is_shown(self, entry_id: str) -> bool:
        section, row = self.outline.position[entry_id]
        return not self.tree.isRowHidden(row, self.outline.section_index(section))

    # ---- navigation ----------------------------------------------------------------------------

    def select(self, entry_id: str) -> None:
        self.tree.setCurrentIndex(self.outline.index_of(entry_id))

    def visible_ids(self) -> list[str]:
        return [e.id for e in self.entries if self.is_shown(e.id)]

    def move(self, step: int) -> None:
        """The next (or previous) item shown. From the note or a value field the focus goes to the new item's answer,
        so the next digit picks a result rather than becoming note text."""
        focus = QApplication.focusWidget()
        in_panel = focus is not None and self.item_panel.isAncestorOf(focus)
        ids = self.visible_ids()
        if ids and (self.current is None or self.current.id not in ids):
            self.select(ids[0])
        elif ids and self.current is not None:
            index = ids.index(self.current.id) + step
            if 0 <= index < len(ids):
                self.select(ids[index])
        if in_panel:
            self.focus_answer()

    def focus_answer(self) -> None:
        """The focus to the current item's answer: the chosen option (or the first), else its value field, else the
        list. Digits pick there, Enter moves on."""
        self.flush_note()
        if self.option_buttons:
            chosen = [b for b in self.option_buttons if b.isChecked()]
            (chosen or self.option_buttons)[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        for field in (self.number, self.text_value, self.date_value):
            if field.isVisible() and field.isEnabled():
                field.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        """Ctrl+F: bound once, by the main window, which asks the screen shown (a second binding is ambiguous)."""
        self.search.setFocus()
        self.search.selectAll()

    def _first_match(self) -> None:
        ids = self.visible_ids()
        if ids:
            self.select(ids[0])
            self.tree.setFocus()

    def apply_filter(self) -> None:
        mode = self.filter.currentData()
        needle = self.search.text().strip().lower()
        for section, ids in enumerate(self.outline.items):
            parent = self.outline.section_index(section)
            shown = 0
            for row, entry_id in enumerate(ids):
                entry = self.by_id[entry_id]
                state = self.state.item(entry_id)
                keep = (
                    mode == "all"
                    or (mode == "unanswered" and not state.answered)
                    or (mode == "problems" and state.needs_rectification)
                    or (mode == "notes" and state.note_missing)
                    or (mode == "review" and entry_id in self.review_items)
                )
                if keep and needle:
                    keep = needle in entry.text.lower() or needle in entry_id.lower() or needle in entry.number
                self.tree.setRowHidden(row, parent, not keep)
                shown += keep
            self.tree.setRowHidden(section, QModelIndex(), shown == 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            if (watched is self.tree or watched in self.option_buttons) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move(1)
                return True
            if watched is self.note and event.key() == Qt.Key.Key_Escape:
                self.focus_answer()
                return True
            if watched in self.value_fields and self._value_key(event):
                return True
        return super().eventFilter(watched, event)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.flush_note()
        entry_id = current.data(ITEM_ROLE) if current.isValid() else None
        if entry_id is None:
            return
        self.current = self.by_id[entry_id]
        self._show(self.current)

    # ---- showing the current item ----------------------------------------------------------------

    def _show(self, entry: Entry) -> None:
        self._loading = True
        try:
            self.item_panel.show_text(entry)
            self._show_answer(entry)
            self._show_evidence(entry)
        finally:
            self._loading = False

    def _show_answer(self, entry: Entry) -> None:
        for b in self.option_buttons:
            self.options_row.removeWidget(b)
            b.hide()
            b.deleteLater()
        self.option_buttons = []
        answer = self.answers.get(entry.id)
        options = self.template.options_for(entry.item) if entry.item is not None else []
        for n, option in enumerate(options, 1):
            text = f"{n}  {option.label}" if n <= 9 else option.label
            button = QPushButton(text)
            button.setCheckable(True)
            assert entry.item is not None
            button.setStyleSheet(chosen_style(option_meaning(self.template, entry.item, option.key)))
            self._mark_chosen(button, answer is not None and answer.option == option.key)
            button.setMinimumHeight(int(self.fontMetrics().height() * 2.4))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setToolTip(self.tr("按 {n} 选择").format(n=n) if n <= 9 else option.label)
            button.clicked.connect(lambda _c=False, key=option.key: self.pick(key))
            button.installEventFilter(self)  # Enter on a focused option moves on, as in the list
            self.options_row.addWidget(button)
            button.show()  # now, not when the layout gets to it: the focus may be given to it at once
            self.option_buttons.append(button)
        self.item_panel.show_value(entry, answer.value if answer is not None else None)
        self.clear_button.setEnabled(answer is not None and not self.locked)
        self.note.setPlainText(answer.note or "" if answer is not None else self.drafts.get(entry.id, ""))
        self._note_requirement(entry)
        open_problems = [
            p for p in self.store.problems(inspection_id=self.inspection_id, item_id=entry.id) if p.status != Status.CLOSED
        ]
        language = current_language()
        self.problem_label.setText(
            "".join(
                self.tr("已提出问题：{d}（{s}）").format(d=p.description[:60], s=p.status.text(language)) + "\n"
                for p in open_problems
            ).strip()
        )
        self.problem_label.setVisible(bool(open_problems))
        for w in (
            *self.option_buttons,
            self.number,
            self.text_value,
            self.date_value,
            self.note,
        ):
            w.setEnabled(not self.locked)
        self.evidence_box.set_locked(self.locked)
        self.problem_button.setEnabled(not self.locked)

    def _note_requirement(self, entry: Entry) -> None:
        state = self.state.item(entry.id)
        self.note_label.setText(
            self.tr("说明(&S)（必填：请写明存在的问题）") if state.note_required else self.tr("说明(&S)（发现的问题、佐证情况）")
        )
        style = "color: #b3261e; font-weight: bold;" if state.note_missing else ""
        if self.note_label.styleSheet() != style:  # a style sheet change re-polishes the widget: only when it changes
            self.note_label.setStyleSheet(style)

    def _show_evidence(self, entry: Entry) -> None:
        self.evidence_box.show_item(entry.id)

    # ---- writing ---------------------------------------------------------------------------------

    def pick_number(self, n: int) -> None:
        """A digit picks the n-th option; on a number, score or text item it starts typing the value."""
        if self.current is None or self.locked:
            return
        if self.current.item is not None and self.current.item.type == "choice":
            options = self.template.options_for(self.current.item)
            if 1 <= n <= len(options):
                self.pick(options[n - 1].key)
            return
        kind = self.current.item.type if self.current.item is not None else "count"
        if kind == "date":
            self.date_value.setFocus()
            return
        field = self.text_value if kind == "text" else self.number.lineEdit()
        field.setFocus()
        field.setText(str(n))
        field.end(False)

    def _value_key(self, event: QEvent) -> bool:
        """Enter in a value field saves it and moves on, back in the list, like a choice."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.number.isVisible():
                self.number.interpretText()
            self._value_edited()
            self.move(1)
            self.tree.setFocus()
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.tree.setFocus()
            return True
        return False

    def pick(self, key: str) -> None:
        if self.current is None or self.locked:
            return
        old = self.answers.get(self.current.id)
        note = self.note.toPlainText() if old is None else old.note
        self._save(self.current.id, key, None, note or None)
        for button, option in zip(self.option_buttons, self.template.options_for(self.current.item), strict=False):  # type: ignore[arg-type]
            self._mark_chosen(button, option.key == key)

    def _mark_chosen(self, button: QPushButton, chosen: bool) -> None:
        """Checked, and a ● before the label: the chosen answer is seen without colour too."""
        button.setChecked(chosen)
        text = button.text().removeprefix("● ")
        button.setText(f"● {text}" if chosen else text)
        button.setAccessibleDescription(self.tr("已选择") if chosen else "")

    def _value_edited(self, *_args: object) -> None:
        if self._loading or self.current is None or self.locked:
            return
        entry = self.current
        kind = entry.item.type if entry.item is not None else "count"
        if kind == "text":
            value: object = self.text_value.text().strip()
            if not value:
                return
        elif kind == "date":
            value = self.date_value.date().toString("yyyy-MM-dd")
        else:
            value = self.number.value()
            if value == self.number.minimum():  # still the empty "not answered" value
                return
        old = self.answers.get(entry.id)
        self._save(entry.id, None, value, old.note if old else (self.note.toPlainText() or None))

    def _note_edited(self) -> None:
        if self._loading or self.locked:
            return
        self._note_pending = True
        self._note_timer.start()

    def flush_note(self) -> None:
        """Save a pending note now (leaving the item, switching screens, closing, Ctrl+S)."""
        if not self._note_pending or self.current is None:
            return
        self._note_timer.stop()
        self._note_pending = False
        entry = self.current
        old = self.answers.get(entry.id)
        text = self.note.toPlainText().strip() or None
        if old is None:
            # A note before a result: a draft, shown again with the item and saved with its first answer.
            self.drafts.keep(entry.id, text)
            if text is not None:
                self.saved_at.emit(self.tr("说明已暂存：选择结果后将与结果一并保存"))
            self.outline.item_changed(entry.id)
            return
        if old.note == text:
            return
        self._save(entry.id, old.option, old.value, text)

    def _save(self, entry_id: str, option: str | None, value: object, note: str | None) -> None:
        started = time.perf_counter()
        change = run_op(self, lambda: self.store.save_answer(self.inspection_id, entry_id, option, value, note))
        if change is None:
            return
        if change.new is not None:
            self.state.set_answer(entry_id, change.new)
            self.drafts.drop(entry_id)  # saved with the answer
        self.review_items.discard(entry_id)  # the store cleared the flag: this was the second look
        self._after_write(entry_id)
        self.last_save_ms = (time.perf_counter() - started) * 1000

    def unraised(self) -> list[str]:
        """Items whose result calls for a problem with none raised, open or closed (what `raise_all_problems` raises)."""
        return [i for i in self.state.problems_called() if i not in self.raised_items]

    def _update_unraised(self) -> None:
        self.unraised_banner.set_count(len(self.unraised()), self.locked)

    def raise_all_problems(self) -> None:
        """One problem per result that calls for one (one action: Ctrl+Z takes them all back); the ledger fills in the
        rest."""
        raised = run_op(self, lambda: self.store.raise_problems_from_answers(self.inspection_id))
        if raised is None:
            return
        self.reload()
        self.saved_at.emit(self.tr("已提出 {n} 个整改问题，请到整改台账补充措施、责任人和期限").format(n=len(raised)))

    def _after_write(self, entry_id: str) -> None:
        self.outline.item_changed(entry_id)
        self._update_unraised()
        if self.current is not None and self.current.id == entry_id:
            self._note_requirement(self.current)
            self.clear_button.setEnabled(entry_id in self.answers and not self.locked)
        self.inspection = self.store.inspection(self.inspection_id) if self.inspection.status == "complete" else self.inspection
        self.saved_at.emit(self.tr("已保存 {t}").format(t=clock.now().strftime("%H:%M:%S")))

    def clear_current(self) -> None:
        if self.current is None or self.locked or self.current.id not in self.answers:
            return
        entry_id = self.current.id
        if run_op(self, lambda: self.store.clear_answer(self.inspection_id, entry_id)) is None:
            return
        self.state.set_answer(entry_id, None)
        self._after_write(entry_id)
        self._show(self.current)

    # ---- evidence and problems ---------------------------------------------------------------------

    def attach_file(self, path: str) -> None:
        if self.current is not None:
            self.evidence_box.attach_file(path)

    def _detach(self) -> None:
        self.evidence_box.detach_selected()

    def raise_problem(self) -> None:
        if self.current is None:
            return
        self.flush_note()
        from selfcheck.gui.dialogs.problem_dialog import ProblemDialog

        dialog = ProblemDialog.for_item(self.store, self.inspection_id, self.current.id, self)
        dialog.finished.connect(lambda _r: self._problem_done())
        dialog.open()
        self.problem_dialog = dialog

    def _problem_done(self) -> None:  # what the dialog changed was broadcast, and repainted here
        self.window().activateWindow()  # back to the list, ready for the next key
        self.tree.setFocus()
