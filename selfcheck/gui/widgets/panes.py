"""Panes side by side, or one above the other, that the user can resize: each with its share of the room."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget


def panes(orientation: Qt.Orientation, *parts: tuple[QWidget, int], collapsible: bool = False) -> QSplitter:
    """A splitter holding `parts` as (widget, stretch); unless `collapsible`, no pane can be dragged shut."""
    split = QSplitter(orientation)
    for n, (widget, stretch) in enumerate(parts):
        split.addWidget(widget)
        split.setStretchFactor(n, stretch)
    split.setChildrenCollapsible(collapsible)
    return split
