"""An answer to one item, and the check that it fits the item it answers."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from selfcheck.core.dates import parse_date
from selfcheck.errors import RuleError

if TYPE_CHECKING:  # the checklist classes: only for annotations, so records load without them
    from selfcheck.core.checklist import Adjustment, Checklist, Item, Option


@dataclass(frozen=True)
class Answer:
    """What the school answered for one item: a chosen option, or a value (number, text, date, count)."""

    item_id: str
    option: str | None = None
    value: float | str | None = None
    note: str | None = None


def option_of(template: Checklist, item: Item, answer: Answer | None) -> Option | None:
    if answer is None or answer.option is None:
        return None
    return template.option_map[item.id].get(answer.option)


def normalise(template: Checklist, item_id: str, option: str | None, value: Any, note: str | None) -> Answer:
    """Check an incoming answer against its item and return it in canonical form, or raise RuleError."""
    index = template.item_index
    adjustments = template.adjustment_index
    if note is not None and not isinstance(note, str):
        raise RuleError(f"{item_id}：说明（note）应为文字", f"{item_id}: note must be text")
    note = note.strip() if note and note.strip() else None
    if note is not None and len(note) > 4000:
        raise RuleError(f"{item_id}：说明过长（最多 4000 字）", f"{item_id}: note too long (4000 characters at most)")
    if item_id in adjustments:
        return Answer(item_id, None, _count(adjustments[item_id], item_id, value, option), note)
    if item_id not in index:
        raise RuleError(
            f"检查表 {template.id} {template.version} 中没有检查项“{item_id}”",
            f"checklist {template.id} {template.version} has no item '{item_id}'",
        )
    _, item = index[item_id]
    if item.type == "choice":
        if value is not None:
            raise RuleError(
                f"{item_id}：此项为选择题，请用 option 给出选项键", f"{item_id}: a choice item takes option, not value"
            )
        if option is None:
            raise RuleError(f"{item_id}：缺少 option", f"{item_id}: option is missing")
        return Answer(item_id, option_key(template, item, option), None, note)
    if option is not None:
        raise RuleError(f"{item_id}：此项为填写题，请用 value", f"{item_id}: this item takes value, not option")
    if value is None:
        raise RuleError(f"{item_id}：缺少 value", f"{item_id}: value is missing")
    if item.type == "score":
        number = _number(item_id, value)
        if not 0 <= number <= item.points:
            raise RuleError(f"{item_id}：得分应在 0 到 {item.points:g} 之间", f"{item_id}: points must be 0 to {item.points:g}")
        return Answer(item_id, None, number, note)
    if item.type == "deduction":
        return Answer(item_id, None, _count(item, item_id, value, None), note)
    if item.type == "number":
        return Answer(item_id, None, _number(item_id, value), note)
    if item.type == "date":
        return Answer(item_id, None, parse_date(str(value), item_id).isoformat(), note)
    text = str(value).strip()
    if not text or len(text) > 4000:
        raise RuleError(f"{item_id}：请填写 1 到 4000 字", f"{item_id}: give 1 to 4000 characters")
    return Answer(item_id, None, text, note)


def normalise_all(template: Checklist, entries: Iterable[Any], errors: list[str]) -> list[Answer]:
    """Answers as a JSON file gives them ({"item", "option", "value", "note"} each), normalised; what is wrong with an
    entry is added to `errors`, by its number, and the entry left out (the caller saves nothing then)."""
    answers: list[Answer] = []
    for n, entry in enumerate(entries, 1):
        try:
            if not isinstance(entry, dict) or "item" not in entry:
                raise RuleError("缺少 item", "item is missing")
            unknown = sorted(set(entry) - {"item", "option", "value", "note"})
            if unknown:
                raise RuleError(
                    f"未知字段 {', '.join(unknown)}（可用：item、option、value、note）",
                    f"unknown field(s) {', '.join(unknown)} (use item, option, value, note)",
                )
            answers.append(normalise(template, str(entry["item"]), entry.get("option"), entry.get("value"), entry.get("note")))
        except RuleError as exc:
            errors.append(f"第 {n} 条 (answers[{n - 1}]): {exc.message}")
    return answers


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def option_key(template: Checklist, item: Item, given: Any) -> str:
    """The option key a person meant: the key itself, or the option's label as typed (是, 基本落实, 不适用 …),
    matched exactly after trimming and NFKC (full-width letters and spaces become plain ones). A label two options
    share, or one that is none of them, is refused naming the item and the labels allowed. The GUI and the CLI
    both come through here (`normalise`)."""
    options = template.options_for(item)
    allowed = "、".join(f"{o.label}（{o.key}）" for o in options)
    allowed_en = ", ".join(f"{o.key} ({o.label})" for o in options)
    if not isinstance(given, str):
        raise RuleError(f"{item.id}：选项应为文字，可选：{allowed}", f"{item.id}: option must be text: {allowed_en}")
    if any(o.key == given for o in options):
        return given
    typed = _plain(given)
    by_key = [o for o in options if _plain(o.key) == typed]
    if len(by_key) == 1:
        return by_key[0].key
    by_label = [o for o in options if _plain(o.label) == typed]
    if len(by_label) == 1:
        return by_label[0].key
    if len(by_label) > 1 or len(by_key) > 1:
        keys = "、".join(o.key for o in (by_label or by_key))
        raise RuleError(
            f"{item.id}：选项“{given}”不明确（{keys} 都叫这个名字），请写选项键；可选：{allowed}",
            f"{item.id}: option '{given}' is ambiguous ({keys}); give the key; choose one of {allowed_en}",
        )
    raise RuleError(
        f"{item.id}：选项“{given}”不存在，可选：{allowed}",
        f"{item.id}: no option '{given}'; choose one of {allowed_en}",
    )


def _number(item_id: str, value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise RuleError(f"{item_id}：应为数字", f"{item_id}: must be a number") from None
    if isinstance(value, bool) or not math.isfinite(number):
        raise RuleError(f"{item_id}：应为数字", f"{item_id}: must be a number")
    return number


def _count(what: Item | Adjustment, item_id: str, value: Any, option: str | None) -> float:
    if option is not None:
        raise RuleError(f"{item_id}：请用 value 给出发生次数", f"{item_id}: give the number of occurrences as value")
    number = _number(item_id, value)
    if number < 0 or number != int(number) or number > 10_000:
        raise RuleError(f"{item_id}：次数应为 0 或正整数", f"{item_id}: occurrences must be a whole number, 0 or more")
    return float(int(number))


@dataclass(frozen=True)
class Gap:
    """Something that stops an inspection from being marked complete."""

    item_id: str
    reason: str  # unanswered | note_missing
    zh: str
    en: str


def missing(template: Checklist, answers: dict[str, Answer]) -> list[Gap]:
    """Required items unanswered, and answers whose option needs a note that is not there."""
    gaps: list[Gap] = []
    for item in template.items():
        answer = answers.get(item.id)
        if answer is None:
            if item.required:
                gaps.append(Gap(item.id, "unanswered", f"未作答：{item.text[:40]}", "not answered"))
            continue
        if note_missing(template, item, answer):
            option = option_of(template, item, answer)
            assert option is not None
            gaps.append(Gap(item.id, "note_missing", f"选择“{option.label}”需要填写说明", f"'{option.key}' needs a note"))
    return gaps


def note_required(template: Checklist, item: Item, answer: Answer | None) -> bool:
    """The chosen option asks for a note (选择此项时必须填写说明)."""
    option = option_of(template, item, answer)
    return option is not None and option.note_required


def note_missing(template: Checklist, item: Item, answer: Answer | None) -> bool:
    """A note is required by the chosen option and there is none: the item cannot count as done."""
    return answer is not None and not answer.note and note_required(template, item, answer)
