"""How a document's end and the attachments' tables cross pages, as a clerk expects of a printed 公文: the seal never
stands alone on a page but takes the text's last lines with it (KeepWithEnding), what closes a document (the
verification box) never starts a page alone but takes the table's last rows with it, and a table whose second column
names the section of its rows only on the section's first row names it again, with （续）, on a page that starts
inside the section."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table
from reportlab.platypus.flowables import _listWrapOn

__all__ = ["ContinuedTable", "KeepWithEnding", "KeepWithTail", "close_with", "sign_off"]

ALWAYS_SPLIT = 0xFFFFFF  # a height no frame holds: the frame asks the flowable to split (as KeepTogether does)


def sign_off(text: list[Flowable], ending: list[Flowable]) -> list[Flowable]:
    """The text followed by `ending` (the 附件说明 and the 落款 with the seal), which takes the text's last lines with it
    to a new page when they do not fit (KeepWithEnding)."""
    if not text:
        return [KeepTogether(ending)]
    *rest, last = text
    if isinstance(last, Paragraph):
        return [*rest, KeepWithEnding(last, ending)]
    return [*rest, KeepTogether([last, *ending])]


def close_with(story: list[Flowable], closing: list[Flowable]) -> list[Flowable]:
    """`story` followed by `closing`, which shares its page with the end of what precedes it."""
    if not story:
        return [KeepTogether(closing)]
    last = story[-1]
    if isinstance(last, Table):
        return [*story[:-1], KeepWithTail(last, closing)]
    return [*story[:-1], KeepTogether([last, *closing])]


class _KeepWithClosing(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """`first` then `closing`, which never starts a page alone: taller than any frame, so that the frame asks it to
    split; whole when both fit, else as `cut` parts `first`, or, when it cannot, both on the next page together."""

    def __init__(self, first: Flowable, closing: list[Flowable]) -> None:
        super().__init__()
        self.first, self.closing = first, closing

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, ALWAYS_SPLIT

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        height = self.first.wrap(avail_width, avail_height)[1]
        if height + _listWrapOn(self.closing, avail_width, self.canv)[1] <= avail_height:
            return [self.first, *self.closing]
        parts = self.cut(avail_width, avail_height, height)
        if parts:
            return parts
        if hasattr(self, "_postponed"):  # not even on a page of its own: `first` whole, the closing after it
            return [self.first, *self.closing]
        return []  # together they start the next page

    def cut(self, avail_width: float, avail_height: float, height: float) -> list[Flowable]:
        raise NotImplementedError

    def getSpaceBefore(self) -> float:  # reportlab's name
        return float(self.first.getSpaceBefore())


class KeepWithTail(_KeepWithClosing):
    """A table then `closing`: when the table's end fits on the page but the closing does not, the table's last row
    (or the last rows that cannot be parted) goes to the next page with it (under the repeated header), so that page
    never holds the closing alone, and the page before is left no emptier than that takes."""

    def cut(self, avail_width: float, avail_height: float, height: float) -> list[Flowable]:
        if height > avail_height:  # the table goes on: its rest keeps the closing
            parts = self.first.split(avail_width, avail_height)
            return [*parts[:-1], KeepWithTail(parts[-1], self.closing)] if parts else []
        heights = self.first._rowHeights  # reportlab's name; known once wrapped
        parts = self.first.split(avail_width, height - heights[-1] + 0.01) if len(heights) > 1 else []
        return [parts[0], KeepTogether([parts[1], *self.closing])] if len(parts) == 2 else []


class KeepWithEnding(_KeepWithClosing):
    """The text's last paragraph, then the ending (the 附件说明 and the 落款 with the seal), which never starts a page
    alone: when they do not fit together, the paragraph splits so that its last `lines` lines or more go over with
    the ending and the rest fills the page (GB/T 9704's habit), instead of the whole paragraph leaving the page half
    empty. A paragraph of too few lines to split that way (the body leaves no line alone) goes over whole."""

    def __init__(self, paragraph: Paragraph, ending: list[Flowable], lines: int = 2) -> None:
        super().__init__(paragraph, ending)
        self.lines = lines

    def cut(self, avail_width: float, avail_height: float, height: float) -> list[Flowable]:
        leading = self.first.style.leading
        room = min(avail_height, height - self.lines * leading + leading / 2)  # `lines` at least left over
        parts = self.first.split(avail_width, room) if room >= leading else []
        return [parts[0], KeepWithEnding(parts[1], self.closing, self.lines)] if len(parts) == 2 else []


class ContinuedTable(Table):  # type: ignore[misc]  # reportlab ships no type hints
    """A Table whose column `column` is empty on a row that continues a group (a section) named in an earlier row.
    When a page break falls inside a group, `continued(key)` gives the cell the page's first row shows there instead
    (None: leave it empty); `key` is the text of the row's first cell (an item's number). The parts a split makes are
    ContinuedTables that do the same at their own breaks."""

    column = 1
    continued: Callable[[str], Any] | None = None

    def onSplit(self, T: Table, byRow: int = 1) -> None:  # reportlab's names
        T.column, T.continued = self.column, self.continued
        header = T.repeatRows if isinstance(T.repeatRows, int) else len(T.repeatRows)
        rows = T._cellvalues
        if self.continued is None or len(rows) <= header:
            return
        row = rows[header]
        if row[self.column] not in ("", None, []):
            return
        cell = self.continued(_text(row[0]))
        if cell is None:
            return
        # a new row list (the row may be shared with the table that split), measured again with its new cell
        rows[header] = [*row[: self.column], cell, *row[self.column + 1 :]]
        heights = list(T._argH)
        heights[header] = None
        T._argH = heights


def _text(cell: Any) -> str:
    """A cell's words as given: a string, or a Paragraph's text (a table holds a cell of flowables as a tuple)."""
    if isinstance(cell, (list, tuple)):
        cell = cell[0] if cell else ""
    return cell if isinstance(cell, str) else str(getattr(cell, "text", ""))
