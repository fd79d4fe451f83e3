"""The report text as the principal types it (issue 15, typed text never lost): a draft kept per inspection in the
data folder's own settings file (gui/folder_settings.py, so a school backup carries it), written a moment after the
last key, dropped when the text is saved or the principal chooses not to keep it. The store's report text changes
only on 保存 (one audited write for one decision, as the dialog's Save / Discard question promises); the draft is
what a crash or a power cut would otherwise take, and the dialog offers it back the next time it opens."""

from __future__ import annotations

import json
from pathlib import Path

from selfcheck.gui.folder_settings import folder_settings

MAX_DRAFT_CHARS = 100_000  # a 自查报告's text is a few pages; more is not a draft worth keeping
FIELDS = ("narrative", "addressee", "document_number")


class ReportDraft:
    def __init__(self, data_file: Path, inspection_id: int) -> None:
        self.folder = data_file.parent
        self.key = f"report_drafts/{inspection_id}"

    def read(self) -> tuple[str, str, str] | None:
        """The draft kept (narrative, 主送, 发文字号), or None; a settings file edited by hand is read warily."""
        raw = folder_settings(self.folder).value(self.key)
        try:
            stored = json.loads(raw) if isinstance(raw, str) else None
        except ValueError:
            return None
        if not isinstance(stored, dict) or not all(isinstance(stored.get(f), str) for f in FIELDS):
            return None
        narrative, addressee, number = (str(stored[f])[:MAX_DRAFT_CHARS] for f in FIELDS)
        return (narrative, addressee, number) if narrative.strip() else None

    def keep(self, state: tuple[str, str, str]) -> None:
        settings = folder_settings(self.folder)
        settings.setValue(self.key, json.dumps(dict(zip(FIELDS, state, strict=True)), ensure_ascii=False))
        settings.sync()

    def drop(self) -> None:
        settings = folder_settings(self.folder)
        if settings.contains(self.key):
            settings.remove(self.key)
            settings.sync()
