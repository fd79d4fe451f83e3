"""The reviewing unit's 督查 screen (学区 / 督查组 / 教育局 data folders): the reviews it gave, and for the one chosen
every item in a list (the school's result, what earlier levels found, the reviewer's) with the answer editor beside
it (`widgets/review_editor.py`), driven by the keyboard: ↑/↓ move, a number key picks the 督查情况 and goes to the
next item, Enter goes to the value or the note. Or load a JSON file in `review answer`'s format. Start a review from
a school's signed report (verified against the school's certificate); export the signed 督查意见. Every write goes
through run_op; the screen repaints from the broadcast, keeping the item chosen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core.changes import Changes
from selfcheck.core.review import LEVELS
from selfcheck.gui.models.home_model import ID_ROLE, HomeModel
from selfcheck.gui.models.review_model import ITEM_ROLE, ReviewModel
from selfcheck.gui.ops import run_op
from selfcheck.gui.pages.page import Page
from selfcheck.gui.widgets.record_table import ColumnFit
from selfcheck.gui.widgets.review_editor import ReviewItemEditor
from selfcheck.storage import Store

# ---- what the screen asks a person: module functions, so tests answer through them ---------------------------------


def choose_file(parent: QWidget, title: str, pattern: str) -> str:
    return QFileDialog.getOpenFileName(parent, title, "", pattern)[0]


def choose_folder(parent: QWidget) -> str:
    return QFileDialog.getExistingDirectory(parent, QCoreApplication.translate("ReviewPage", "选择保存督查意见的文件夹（U盘）"))


def ask_start(parent: QWidget) -> tuple[str, list[str]] | None:
    """The level and the reviewers' names for a new review; None when cancelled."""
    level, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("ReviewPage", "督查层级"),
        QCoreApplication.translate("ReviewPage", "督查层级："),
        list(LEVELS),
        0,
        True,
    )
    if not ok or not level.strip():
        return None
    names, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("ReviewPage", "督查人员"),
        QCoreApplication.translate("ReviewPage", "督查人员（多人用顿号分隔）："),
    )
    people = [n.strip() for n in names.replace(",", "、").replace("，", "、").split("、") if n.strip()]
    return (level.strip(), people) if ok and people else None


def ask_passphrase(parent: QWidget) -> str:
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("ReviewPage", "签名口令"),
        QCoreApplication.translate("ReviewPage", "本单位签名口令："),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else ""


class ReviewPage(Page, QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.list_model = HomeModel([self.tr("编号"), self.tr("学校"), self.tr("期次"), self.tr("层级"), self.tr("导出")], self)
        self.list = QTableView()
        self.list.setModel(self.list_model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().setVisible(False)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.selectionModel().currentRowChanged.connect(lambda *_: self.show_review())
        self.new_button = QPushButton(self.tr("督查一份报告(&N)…"))
        self.new_button.clicked.connect(self.start)
        self.load_button = QPushButton(self.tr("载入督查情况文件(&L)…"))
        self.load_button.clicked.connect(self.load_answers)
        self.export_button = QPushButton(self.tr("签名导出督查意见(&X)…"))
        self.export_button.clicked.connect(self.export)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.load_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.items = ReviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.items)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # 检查内容 takes what is left (elided, whole in its tooltip); 此前督查 and 发现 give way first, so 序号, the item,
        # 自评 and 督评 are in sight beside the editor at 1024 wide
        self.columns = ColumnFit(self.table, 1, 8, {3: 3, 5: 3}, most=10)
        self.table.doubleClicked.connect(lambda *_: self.edit_item())
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_item())
        self.editor = ReviewItemEditor()
        self.editor.answered.connect(self.save_answer)
        self.editor.found.connect(self.add_finding)
        self._item_id: str | None = None  # the item chosen, kept across repaints
        self._advance = False  # an answer picked by a number key in the list: the next item is chosen after saving
        self._view: dict[str, Any] = {}  # per item what the editor shows, from the last build
        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(self.table)
        sides.addWidget(self.editor)
        sides.setStretchFactor(0, 3)
        sides.setStretchFactor(1, 2)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.figures)
        lower_layout.addWidget(sides, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(lower)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self.refresh()

    # ---- reading ---------------------------------------------------------------------------------------------

    def shows(self, changes: Changes) -> bool:
        return bool(changes.reviews or changes.checklists or changes.school)

    def current_id(self) -> int | None:
        index = self.list.currentIndex()
        return None if not index.isValid() else int(self.list_model.data(index, ID_ROLE))

    def refresh(self) -> None:
        keep = self.current_id()
        reviews = self.store.review_list(side="given")
        rows = [
            (r.id, (str(r.id), f"{r.school_name}（{r.school_code}）", r.period, r.level, r.review_date or self.tr("未导出")))
            for r in reviews
        ]
        self.list_model.set_rows(rows)
        self.list.resizeColumnsToContents()  # the school's name and code whole; 导出, the last, takes what is left
        ids = [r.id for r in reviews]
        if ids:
            self.list.selectRow(ids.index(keep) if keep in ids else len(ids) - 1)
        self.show_review()

    def show_review(self) -> None:
        from selfcheck.reports import review_data

        rid = self.current_id()
        for b in (self.load_button, self.export_button):
            b.setEnabled(rid is not None)
        if rid is None:
            self.items.set_rows([], [])
            self._view = {}
            self.editor.show_item(None)
            self.figures.setText(self.tr("还没有督查。点“督查一份报告…”，选择学校签名的自查报告和该校的证书。"))
            return
        data = review_data.build(self.store, rid)
        earlier = review_data.earlier_items(self.store, rid)
        headers = [self.tr("序号"), self.tr("检查内容"), self.tr("自查情况 · 自评"), self.tr("此前督查"),
                   self.tr("督查情况 · 督评"), self.tr("发现")]  # fmt: skip
        review = self.store.review(rid)
        checklist = self.store.checklist(review.template_id, review.template_version)
        index = checklist.item_index
        answers = self.store.review_answers(rid)
        rows = []
        self._view = {"checklist": checklist}
        for i in data.items:
            mine = f"{i.school_result} · {i.school_earned:g}"
            theirs = f"{i.result} · {i.earned:g}" if i.answered else self.tr("未查")
            found = "；".join([*i.problems, *([i.reason] if i.reason else [])])
            item = index[i.id][1]
            hint = "\n".join(
                [i.text]
                + ([self.tr("检查方法：{method}").format(method=item.method)] if item.method else [])
                + ([self.tr("材料提示：{evidence}").format(evidence=item.evidence)] if item.evidence else [])
            )
            school_note = self.tr("学校的说明：{note}").format(note=i.school_note) if i.school_note else ""
            before = [e.text() for e in earlier.get(i.id, [])]
            before_worse = any(e.worse for e in earlier.get(i.id, []))
            tips = ["", hint, school_note, "\n".join(before), i.note or "", ""]
            cells = [i.number, i.text, mine, "；".join(before), theirs, found]
            rows.append((i.id, cells, [False, False, False, before_worse, i.worse, i.worse], tips))
            self._view[i.id] = (
                item,
                mine + (f"\n{school_note}" if school_note else ""),
                before,
                answers.get(i.id),
                list(i.problems),
            )
        self.items.set_rows(headers, rows)
        ids = [r[0] for r in rows]
        if ids:
            self.table.selectRow(ids.index(self._item_id) if self._item_id in ids else 0)
        self.show_item()
        own, theirs = data.school_score, data.score
        self.figures.setText(
            self.tr("{school}　自评 {a} / {m} 分（{ga}）　督评 {b} / {m} 分（{gb}）　与自评不符 {n} 项").format(
                school=data.report.school.name,
                a=f"{own.points:g}",
                b=f"{theirs.points:g}",
                m=f"{theirs.max:g}",
                ga=own.grade or "—",
                gb=theirs.grade or "—",
                n=sum(1 for i in data.items if i.worse),
            )
        )

    # ---- actions ---------------------------------------------------------------------------------------------

    def start(self) -> None:
        report = choose_file(self, self.tr("选择学校签名的自查报告（PDF）"), self.tr("自查报告 (*.pdf)"))
        if not report:
            return
        cert = choose_file(self, self.tr("选择该校的证书（.pem）"), self.tr("证书 (*.pem *.crt)"))
        if not cert:
            return
        asked = ask_start(self)
        if asked is None:
            return
        level, people = asked

        def action() -> Any:
            from selfcheck.reports import review_service

            trusted = review_service.trusted_certificates([cert])
            return review_service.start_review(self.store, report, level=level, people=people, trusted=trusted)

        run_op(self, action, title=self.tr("不能开始督查"), on_success=lambda review: self.select_review(review.id))

    def select_review(self, review_id: int) -> None:
        """Choose the review `review_id` in the list (a review just started)."""
        for row in range(self.list_model.rowCount()):
            if self.list_model.data(self.list_model.index(row, 0), ID_ROLE) == review_id:
                self.list.selectRow(row)

    # ---- the item chosen and its answer ----------------------------------------------------------------------

    def current_item(self) -> str | None:
        index = self.table.currentIndex()
        return None if not index.isValid() else str(self.items.data(index, ITEM_ROLE))

    def show_item(self) -> None:
        item_id = self.current_item()
        shown = self._view.get(item_id or "")
        if shown is None:
            self.editor.show_item(None)
            return
        self._item_id = item_id
        item, school, before, answer, findings = shown
        self.editor.show_item(item, self._view["checklist"], school=school, earlier=before, current=answer, findings=findings)

    def edit_item(self) -> None:
        """Enter or a double-click: to the value (a count, a score, a text) or to the note (an option's)."""
        item = self.editor.item
        if item is not None:
            (self.editor.note if item.type == "choice" else self.editor.value).setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The item list's keys: 1–9 pick the 督查情况 and go to the next item, Enter goes to the editor."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:  # type: ignore[attr-defined]
                self._advance = True
                try:
                    return self.editor.pick(key - Qt.Key.Key_0)
                finally:
                    self._advance = False
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_item()
                return True
        return super().eventFilter(watched, event)

    def save_answer(self, entry: dict[str, Any]) -> None:
        rid = self.current_id()
        if rid is None:
            return
        row = self.table.currentIndex().row()
        advance = self._advance
        if advance and row + 1 < self.items.rowCount():  # picked by a number key: on to the next item
            self._item_id = str(self.items.data(self.items.index(row + 1, 0), ITEM_ROLE))
        done = run_op(self, lambda: self.store.save_review_answers(rid, [entry]), title=self.tr("督查情况未保存"))
        if done is not None and not advance:
            self.table.setFocus()  # saved from the editor: back to the list

    def add_finding(self, item_id: str, text: str) -> None:
        rid = self.current_id()
        if rid is None:
            return
        problems = [{"item": w, "description": t} for w, t in self.store.review_problems(rid)]
        problems.append({"item": item_id, "description": text})
        run_op(self, lambda: self.store.save_review_answers(rid, [], problems=problems), title=self.tr("发现的问题未保存"))

    def load_answers(self) -> None:
        rid = self.current_id()
        path = choose_file(self, self.tr("选择督查情况文件（JSON）"), self.tr("督查情况 (*.json)")) if rid else ""
        if not path or rid is None:
            return

        def action() -> Any:
            import json

            from selfcheck.core.stickfile import read_stick_file
            from selfcheck.errors import RuleError

            try:
                data = json.loads(read_stick_file(path, 16 * 1024 * 1024).decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError) as exc:
                raise RuleError(f"{path}：不是有效的 UTF-8 JSON 文件（{exc}）", f"{path}: not a valid UTF-8 JSON file") from None
            if not isinstance(data, dict) or not isinstance(data.get("answers", []), list):
                raise RuleError(f"{path}：格式应与 selfcheck review answer 的文件相同", f"{path}: not a review answers file")
            return self.store.save_review_answers(
                rid, data.get("answers", []), problems=data.get("problems"), opinion=data.get("opinion")
            )

        run_op(self, action, title=self.tr("督查情况未保存"))

    def export(self) -> None:
        rid = self.current_id()
        folder = choose_folder(self) if rid else ""
        if not folder or rid is None:
            return
        passphrase = ask_passphrase(self)
        if not passphrase:
            return

        def action(store: Store) -> Any:
            from selfcheck.reports import review_service

            return review_service.export_review(store, rid, folder, passphrase=passphrase)

        run_op(
            self, action, in_thread=True, folder=self.store.path.parent, changes=Changes(reviews=frozenset([rid])),
            on_success=lambda done: self.figures.setText(self.tr("已导出并签名：{path}").format(path=done.path)),
            title=self.tr("督查意见未导出"),
        )  # fmt: skip
