"""How an item's result looks on the filling screen: the list's marks, the colours of what a result means (meets
green, partly amber, fails red, not applicable grey) and the chosen option's style. The meaning itself is the core's
(`core.state.Meaning`, read from the checklist's scoring); this module only maps it to marks and colours."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from selfcheck.core.state import ItemStatus, Meaning

DONE = "✓"
TODO = "○"
ATTENTION = "!"
MARKS = {ItemStatus.UNANSWERED: TODO, ItemStatus.NOTE_MISSING: ATTENTION}  # the core's item status as the list marks it
# An answered item's mark and colour say what its result means (the core reads it from the checklist's scoring):
# a violation is never a green tick.
MEANING_MARKS = {Meaning.MEETS: "✓", Meaning.PARTLY: "◐", Meaning.FAILS: "✗", Meaning.NOT_APPLICABLE: "–", Meaning.NEUTRAL: DONE}
MEANING_COLOURS = {
    Meaning.MEETS: "#1b6e2d",  # green
    Meaning.PARTLY: "#8a5a00",  # amber, dark enough to read on white
    Meaning.FAILS: "#b3261e",  # red
    Meaning.NOT_APPLICABLE: "#6b6b6b",  # grey
}
CHOSEN_BACKGROUNDS = {
    Meaning.MEETS: "#e3f2e6",
    Meaning.PARTLY: "#fdf0d5",
    Meaning.FAILS: "#fbe3e1",
    Meaning.NOT_APPLICABLE: "#ececec",
}
NO_BRUSH = QBrush()
RED_BRUSH = QBrush(QColor(MEANING_COLOURS[Meaning.FAILS]))
AMBER_BRUSH = QBrush(QColor(MEANING_COLOURS[Meaning.PARTLY]))
BRUSHES = {m: QBrush(QColor(c)) for m, c in MEANING_COLOURS.items()}  # made once: set on 500 rows at a time


def chosen_style(meaning: Meaning) -> str:
    """The chosen option's look: a thick border and a tinted background in its meaning's colour, bold text."""
    colour = MEANING_COLOURS.get(meaning, "palette(highlight)")
    background = CHOSEN_BACKGROUNDS.get(meaning, "palette(midlight)")
    return (
        f"QPushButton:checked {{ border: 3px solid {colour}; background: {background}; color: {colour}; "
        "font-weight: bold; border-radius: 4px; padding: 4px 10px; }"
    )
