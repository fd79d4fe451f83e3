"""Reviews (对标四查): a reviewer's review of a school's signed report, and the school's import of one.

The reviewer's side ('given'): `new_review` keeps the school's report data as it was embedded and binds the review
to the installed checklist version whose content hash the report names; `save_review_answers` stores 督查情况 per
item (the checklist's answer kinds, checked by core.answers.normalise), what the reviewer found and the opinion;
`record_review_export` notes the signed file. The school's side ('received'): `import_review` binds a verified
review to the inspection whose signed export has the file sha256 the review names, keeps the reviewer's answers,
and raises one ledger problem (source 'review') per item the reviewer found worse (core.review.compare) and per
problem the reviewer wrote down; `review_raised` makes a second import of the same review raise nothing twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from selfcheck.core import clock
from selfcheck.core.answers import Answer, normalise, normalise_all
from selfcheck.core.changes import ChangedList
from selfcheck.core.checklist import Checklist
from selfcheck.errors import ConflictError, NotFoundError, RuleError
from selfcheck.storage.base import record_from, writes
from selfcheck.storage.db import now
from selfcheck.storage.undo import UndoStore

if TYPE_CHECKING:  # the rules are imported where they are used: opening the store does not pay for them
    from selfcheck.core.review import Received, Review, ReviewImport

MAX_PEOPLE = 20
MAX_TEXT = 4000


class ReviewStore(UndoStore):
    # ---- reads --------------------------------------------------------------------------------------------

    def unit_kind(self) -> str:
        """What this data folder's unit is: 学校 (the default), or a reviewing unit's kind."""
        row = self.conn.execute("SELECT unit_kind FROM school WHERE id = 1").fetchone()
        return str(row[0]) if row else "学校"

    def _review_from(self, r: dict[str, Any]) -> Review:
        from selfcheck.core.review import Review

        return record_from(Review, r, {"people": json.loads})

    _COLUMNS = (
        "id, uid, side, level, reviewer_name, reviewer_code, reviewer_kind, people, report_sha256, school_name, "
        "school_code, period, template_id, template_version, inspection_id, opinion, review_date, file_sha256, "
        "signer_fingerprint, created_at, updated_at"
    )

    def review(self, review_id: int) -> Review:
        rows = list(self._query(f"SELECT {self._COLUMNS} FROM reviews WHERE id = ?", [review_id]))
        if not rows:
            raise NotFoundError(f"没有编号为 {review_id} 的督查", f"no review with id {review_id}")
        return self._review_from(rows[0])

    def review_list(
        self, *, side: str | None = None, inspection_id: int | None = None, report_sha256: str | None = None
    ) -> list[Review]:
        """Reviews by id, filtered in SQL."""
        where = [(c, v) for c, v in (("side", side), ("inspection_id", inspection_id), ("report_sha256", report_sha256)) if v]
        sql = f"SELECT {self._COLUMNS} FROM reviews" + (" WHERE " + " AND ".join(f"{c} = ?" for c, _ in where) if where else "")
        return [self._review_from(r) for r in self._query(sql + " ORDER BY id", [v for _, v in where])]

    def review_answers(self, review_id: int) -> dict[str, Answer]:
        rows = self.conn.execute(
            "SELECT item_id, option, value, note FROM review_answers WHERE review_id = ?", [review_id]
        ).fetchall()
        return {r[0]: Answer(r[0], r[1], r[2], r[3]) for r in rows}

    def review_problems(self, review_id: int) -> list[tuple[str | None, str]]:
        rows = self.conn.execute(
            "SELECT item_id, description FROM review_problems WHERE review_id = ? ORDER BY id", [review_id]
        ).fetchall()
        return [(r[0], str(r[1])) for r in rows]

    def review_report_data(self, review_id: int) -> dict[str, Any]:
        """The school's report data as the reviewer verified it (given), or the review's own data (received)."""
        row = self.conn.execute("SELECT side, report_data, data FROM reviews WHERE id = ?", [review_id]).fetchone()
        if row is None:
            raise NotFoundError(f"没有编号为 {review_id} 的督查", f"no review with id {review_id}")
        text = row[1] if row[0] == "given" else row[2]
        value = json.loads(text) if text else {}
        return value if isinstance(value, dict) else {}

    def review_earlier(self, review_id: int) -> list[dict[str, Any]]:
        """The summaries of other units' earlier reviews of the same report, as verified when this one began."""
        rows = self.conn.execute("SELECT summary FROM review_earlier WHERE review_id = ? ORDER BY rowid", [review_id]).fetchall()
        return [json.loads(r[0]) for r in rows]

    def review_signer(self, review_id: int) -> str:
        """The school certificate's fingerprint that signed the report a given review is of."""
        row = self.conn.execute("SELECT report_signer FROM reviews WHERE id = ?", [review_id]).fetchone()
        return str(row[0]) if row and row[0] else ""

    def review_raised(self, review_id: int) -> dict[str, int]:
        """The ledger problems a received review raised: key (item id, or "*" + text) → problem id."""
        rows = self.conn.execute("SELECT key, problem_id FROM review_raised WHERE review_id = ?", [review_id]).fetchall()
        return {str(r[0]): int(r[1]) for r in rows}

    def _stored_hash(self, template_id: str, version: str) -> str | None:
        """The content hash recorded when the checklist version was installed (hashing it again costs ~15 ms)."""
        row = self.conn.execute(
            "SELECT content_hash FROM templates WHERE template_id = ? AND version = ?", [template_id, version]
        ).fetchone()
        return str(row[0]) if row else None

    def exported_inspection(self, sha256: str) -> int | None:
        """The inspection whose signed report file had this sha256 (the export log), if this school exported it."""
        row = self.conn.execute(
            "SELECT inspection_id FROM exports WHERE sha256 = ? AND signed = 1 ORDER BY id DESC LIMIT 1", [sha256.lower()]
        ).fetchone()
        return int(row[0]) if row else None

    # ---- the reviewing unit --------------------------------------------------------------------------------

    @writes()
    def set_unit_kind(self, kind: str) -> Review | None:
        """Make this data folder a reviewing unit's (学区 / 督查组 / 教育局) or a school's (学校)."""
        from selfcheck.core.review import UNIT_KINDS

        if kind not in UNIT_KINDS:
            raise RuleError(f"单位类别应为 {'、'.join(UNIT_KINDS)} 之一", f"the unit kind must be one of {', '.join(UNIT_KINDS)}")
        old = self.unit_kind()
        if self.school() is None:
            raise RuleError("请先设置单位信息（selfcheck school set …）", "set the unit's profile first")
        if old != kind:
            self.db.execute("UPDATE school SET unit_kind = ? WHERE id = 1", [kind])
            self._audit("set", "school", 1, "unit_kind", old, kind)
            self._changed(school=True)
        return None

    # ---- the reviewer's side -------------------------------------------------------------------------------

    @writes()
    def new_review(
        self,
        *,
        report_json: str,
        report_sha256: str,
        report_signer: str,
        school_name: str,
        school_code: str,
        period: str,
        template_id: str,
        template_version: str,
        content_hash: str,
        uid: str,
        level: str,
        people: list[str],
        earlier: list[tuple[str, dict[str, Any], str]] | None = None,
    ) -> Review:
        """Start a review of a verified school report. The checklist version the report names must be installed here
        with the same content (its content hash), else the reviewer would answer another checklist. `earlier`:
        (uid, summary, file sha256) of verified reviews of the same report by other units, to carry in the export."""
        me = self.school()
        if me is None:
            raise RuleError(
                "请先设置本单位信息（selfcheck school set --name 单位名称 --code 代码 …）",
                "set the reviewing unit's profile first (selfcheck school set)",
            )
        level = _text(level, "督查层级", "level", 40)
        people = [_text(p, "督查人员", "reviewer", 40) for p in people]
        if not people or len(people) > MAX_PEOPLE:
            raise RuleError(f"请写明督查人员（1 至 {MAX_PEOPLE} 人）", f"name 1 to {MAX_PEOPLE} reviewers")
        try:
            installed = self.checklist(template_id, template_version)
        except NotFoundError:
            raise NotFoundError(
                f"本机没有报告所用的检查表 {template_id} 版本 {template_version}；请先导入教育局下发的这一版本"
                "（selfcheck checklist import 文件），再开始督查",
                f"the report's checklist {template_id} {template_version} is not installed here: import it first",
            ) from None
        if self._stored_hash(template_id, installed.version) != content_hash:
            raise ConflictError(
                f"本机的检查表 {template_id} 版本 {template_version} 与学校报告所用的内容不同（内容指纹不一致），不能据此督查",
                f"the installed checklist {template_id} {template_version} differs from the one the report used (content hash)",
            )
        same = self.conn.execute(
            "SELECT id FROM reviews WHERE side = 'given' AND report_sha256 = ? AND level = ?", [report_sha256, level]
        ).fetchone()
        if same:
            raise ConflictError(
                f"已有这份报告的{level}督查（编号 {same[0]}），请继续填写它",
                f"this report already has a {level} review here (id {same[0]}): continue that one",
            )
        stamp = now()
        cursor = self.db.execute(
            "INSERT INTO reviews (uid, side, level, reviewer_name, reviewer_code, reviewer_kind, people, report_sha256, "
            "school_name, school_code, period, template_id, template_version, report_data, report_signer, created_at, "
            "updated_at) VALUES (?, 'given', ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [uid, level, me.name, me.code, self.unit_kind(), json.dumps(people, ensure_ascii=False), report_sha256,
             school_name, school_code, period, template_id, installed.version, report_json, report_signer, stamp, stamp],
        )  # fmt: skip
        rid = int(cursor.lastrowid or 0)
        for other_uid, summary, file_sha256 in earlier or []:
            self.db.execute(
                "INSERT OR IGNORE INTO review_earlier (review_id, uid, summary, file_sha256) VALUES (?, ?, ?, ?)",
                [rid, other_uid, json.dumps(summary, ensure_ascii=False), file_sha256],
            )
        self._audit("new", "review", rid, None, None, {"report": report_sha256, "school": school_code, "level": level})
        self._changed(reviews=[rid])
        return self.review(rid)

    @writes()
    def save_review_answers(
        self,
        review_id: int,
        items: Iterable[dict[str, Any]],
        *,
        problems: list[dict[str, Any]] | None = None,
        opinion: str | None = None,
    ) -> ChangedList[Answer]:
        """督查情况 per item (the same format as an inspection's answers: item, option, value, note), and, when given,
        the reviewer's problems (replacing the earlier list: item (optional), description) and opinion. All checked
        first, then all written, or none. Hands back the answers that changed; its changes name the review when
        anything did (an answer, the findings, the opinion)."""
        review = self.review(review_id)
        if review.side != "given":
            raise RuleError("导入的督查意见不能修改", "an imported review cannot be changed")
        checklist = self.checklist(review.template_id, review.template_version)
        errors: list[str] = []
        answers = normalise_all(checklist, items, errors)
        found: list[tuple[str | None, str]] = []
        for n, entry in enumerate(problems or [], 1):
            where = f"第 {n} 个问题 (problems[{n - 1}])"
            if not isinstance(entry, dict) or set(entry) - {"item", "description"}:
                errors.append(f'{where}: 应为 {{"item": …, "description": …}}')
                continue
            item = entry.get("item")
            if item is not None and (not isinstance(item, str) or item not in checklist.item_index):
                errors.append(f"{where}: 检查表中没有检查项“{item}”")
                continue
            description = entry.get("description")
            if not isinstance(description, str) or not description.strip() or len(description) > MAX_TEXT:
                errors.append(f"{where}: 请填写问题描述（description，至多 {MAX_TEXT} 字）")
                continue
            found.append((item, description.strip()))
        if opinion is not None and (not isinstance(opinion, str) or len(opinion) > 20 * MAX_TEXT):
            errors.append("督查意见（opinion）应为文字")
        if errors:
            raise RuleError("督查结果有误，未保存任何内容：\n" + "\n".join(errors), "the review has errors; nothing was saved")
        stamp = now()
        changed: list[Answer] = []
        touched = False  # the findings or the opinion changed
        before = self.review_answers(review_id)
        for a in answers:
            old = before.get(a.item_id)
            if old == a:
                continue
            self.db.execute(
                "INSERT INTO review_answers (review_id, item_id, option, value, note, updated_at) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT (review_id, item_id) DO UPDATE SET option=excluded.option, value=excluded.value, "
                "note=excluded.note, updated_at=excluded.updated_at",
                [review_id, a.item_id, a.option, a.value, a.note, stamp],
            )
            self._audit("answer", "review", review_id, a.item_id, None if old is None else old.__dict__, a.__dict__, stamp)
            changed.append(a)
        if problems is not None and found != self.review_problems(review_id):
            self.db.execute("DELETE FROM review_problems WHERE review_id = ?", [review_id])
            for item, description in found:
                self.db.execute(
                    "INSERT INTO review_problems (review_id, item_id, description) VALUES (?, ?, ?)",
                    [review_id, item, description],
                )
            self._audit("problems", "review", review_id, None, None, [list(f) for f in found], stamp)
            touched = True
        if opinion is not None:
            text = opinion.strip() or None
            if text != review.opinion:
                self.db.execute("UPDATE reviews SET opinion = ? WHERE id = ?", [text, review_id])
                self._audit("set", "review", review_id, "opinion", review.opinion, text, stamp)
                touched = True
        if changed or touched:
            self.db.execute("UPDATE reviews SET updated_at = ? WHERE id = ?", [stamp, review_id])
            self._changed(reviews=[review_id])
        return ChangedList(changed)  # the answers that changed; the changes also name a changed finding or opinion

    @writes()
    def record_review_export(
        self, review_id: int, *, path: str, sha256: str, fingerprint: str, data_json: str, day: str
    ) -> Review:
        """The signed review file was written and read back: note it (the same review exported again keeps its id)."""
        review = self.review(review_id)
        self.db.execute(
            "UPDATE reviews SET file_sha256 = ?, signer_fingerprint = ?, data = ?, review_date = ?, updated_at = ? WHERE id = ?",
            [sha256, fingerprint, data_json, day, now(), review_id],
        )
        self._audit("export", "review", review_id, None, review.file_sha256, {"path": path, "sha256": sha256})
        self._changed(reviews=[review_id])
        return self.review(review_id)

    # ---- the school's side ---------------------------------------------------------------------------------

    @writes()
    def import_review(self, received: Received) -> ReviewImport:
        """Keep a verified review of one of this school's signed reports and raise its findings in the ledger."""
        from selfcheck.core.review import ReviewImport

        me = self.school()
        if me is None or me.code != received.school_code:
            raise RuleError(
                f"这份督查意见针对的是“{received.school_name}”（代码 {received.school_code}），不是本校",
                f"this review is of {received.school_name} ({received.school_code}), not this school",
            )
        inspection_id = self.exported_inspection(received.report_sha256)
        if inspection_id is None:
            raise NotFoundError(
                f"这份督查意见针对的报告（指纹 {received.report_sha256[:16]}…）不是本机导出的签名报告，无法导入",
                f"the review names a report (sha256 {received.report_sha256[:16]}...) this school never exported signed",
            )
        inspection = self.inspection(inspection_id)
        if (inspection.template_id, inspection.template_version) != (received.template_id, received.template_version):
            raise ConflictError("督查意见的检查表与本校报告的不一致", "the review's checklist differs from the report's")
        checklist = self.checklist(received.template_id, received.template_version)
        if self._stored_hash(received.template_id, checklist.version) != received.content_hash:
            raise ConflictError(
                "督查意见所用检查表的内容与本机的不同", "the review's checklist content differs from the one here"
            )
        for a in [*received.answers.values(), *received.school_answers.values()]:  # signed, yet checked as typed answers
            try:
                normalise(checklist, a.item_id, a.option, a.value, a.note)
            except RuleError as exc:
                raise RuleError(
                    f"督查意见中的答案与检查表不符（{exc.zh}），未导入",
                    f"the review's answers do not fit the checklist ({exc.en})",
                ) from None
        unknown = sorted({i for i, _ in received.problems if i is not None and i not in checklist.item_index})
        if unknown:
            raise RuleError(
                f"督查意见中有检查表没有的检查项：{'、'.join(unknown[:5])}", "the review names items not in the checklist"
            )
        row = self.conn.execute("SELECT id, side, file_sha256 FROM reviews WHERE uid = ?", [received.uid]).fetchone()
        stamp = now()
        values = [received.level, received.reviewer_name, received.reviewer_code, received.reviewer_kind,
                  json.dumps(received.people, ensure_ascii=False), received.report_sha256, received.school_name,
                  received.school_code, received.period, received.template_id, received.template_version, inspection_id,
                  received.review_date, received.data_json, received.file_sha256, received.signer_fingerprint]  # fmt: skip
        new = row is None
        if row is not None:
            if row[1] != "received":
                raise ConflictError("这是本单位自己出具的督查意见", "this is a review this unit gave, not one it received")
            rid = int(row[0])
            if row[2] != received.file_sha256:  # the reviewer exported the same review again, changed
                self.db.execute(
                    "UPDATE reviews SET level=?, reviewer_name=?, reviewer_code=?, reviewer_kind=?, people=?, report_sha256=?, "
                    "school_name=?, school_code=?, period=?, template_id=?, template_version=?, inspection_id=?, "
                    "review_date=?, data=?, file_sha256=?, signer_fingerprint=?, updated_at=? WHERE id = ?",
                    [*values, stamp, rid],
                )
                self._audit("reimport", "review", rid, None, row[2], received.file_sha256)
                self._changed(reviews=[rid])
        else:
            cursor = self.db.execute(
                "INSERT INTO reviews (uid, side, level, reviewer_name, reviewer_code, reviewer_kind, people, report_sha256, "
                "school_name, school_code, period, template_id, template_version, inspection_id, review_date, data, "
                "file_sha256, signer_fingerprint, created_at, updated_at) "
                "VALUES (?, 'received', ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [received.uid, *values, stamp, stamp],
            )
            rid = int(cursor.lastrowid or 0)
            self._audit("import", "review", rid, None, None, {"uid": received.uid, "file": received.file_sha256})
            self._changed(reviews=[rid])
        self.db.execute("DELETE FROM review_answers WHERE review_id = ?", [rid])
        self.db.execute("DELETE FROM review_problems WHERE review_id = ?", [rid])
        for a in received.answers.values():
            self.db.execute(
                "INSERT INTO review_answers (review_id, item_id, option, value, note, updated_at) VALUES (?,?,?,?,?,?)",
                [rid, a.item_id, a.option, a.value, a.note, stamp],
            )
        for item, description in received.problems:
            self.db.execute(
                "INSERT INTO review_problems (review_id, item_id, description) VALUES (?, ?, ?)", [rid, item, description]
            )
        raised = self._raise_from_review(rid, inspection_id, received, checklist)
        if raised:
            self._changed(problems=raised)
        return ReviewImport(self.review(rid), raised, new)

    def _raise_from_review(self, rid: int, inspection_id: int, received: Received, checklist: Checklist) -> list[int]:
        from selfcheck.core.review import compare, problem_text

        comparison = compare(checklist, received.school_answers, received.answers)
        done = self.review_raised(rid)
        found: dict[str | None, list[str]] = {}
        for where, description in received.problems:
            found.setdefault(where, []).append(description)
        raised: list[int] = []
        index = checklist.item_index
        for item in checklist.items():
            c = comparison.items[item.id]
            texts = found.get(item.id, [])
            if (not c.worse and not texts) or item.id in done:
                continue
            answer = received.answers.get(item.id)
            text = problem_text(
                received.level, received.reviewer_name, index[item.id][1].text, c.reason, texts, answer.note if answer else None
            )
            raised.append(self._raise_one(rid, item.id, inspection_id, received.template_id, item.id, text))
        for description in found.get(None, []):
            key = "*" + description
            if key not in done:
                text = problem_text(received.level, received.reviewer_name, None, "", [description], None)
                raised.append(self._raise_one(rid, key, inspection_id, received.template_id, None, text))
        return raised

    def _raise_one(self, rid: int, key: str, inspection_id: int, template_id: str, item_id: str | None, text: str) -> int:
        """One ledger problem (source 'review') and its audit row; what changed is noted once for all by the caller
        (noting each of 125 problems one by one cost a fifth of a 500-item import)."""
        stamp, today = now(), clock.today().isoformat()
        text = text[:MAX_TEXT].strip()
        cursor = self.db.execute(
            "INSERT INTO problems (inspection_id, template_id, item_id, source, description, status, raised_on, "
            "created_at, updated_at) VALUES (?, ?, ?, 'review', ?, 'open', ?, ?, ?)",
            [inspection_id, template_id, item_id, text, today, stamp, stamp],
        )
        pid = int(cursor.lastrowid or 0)
        self._audit("raise", "problem", pid, None, None, text, stamp)
        self.db.execute("INSERT INTO review_raised (review_id, key, problem_id) VALUES (?, ?, ?)", [rid, key, pid])
        return pid


def _text(value: Any, zh: str, en: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > limit:
        raise RuleError(f"{zh}应为 1 至 {limit} 个字", f"the {en} must be 1 to {limit} characters")
    return value.strip()
