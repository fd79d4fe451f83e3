"""Notes typed before a result is chosen (issue 15.2): there is no answer to save them with yet, so they are kept as
drafts, per inspection, in the data folder's own settings file (gui/folder_settings.py; not the school's database:
a draft is no answer and must not count as one). They survive moving between items, closing the app, a crash and a
backup restored on a new PC, and are dropped when saved with the item's first answer."""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path

from selfcheck.gui.folder_settings import folder_settings

MAX_DRAFT_CHARS = 4000  # the longest note the store takes


class NoteDrafts:
    def __init__(self, data_file: Path, inspection_id: int, item_ids: Collection[str]) -> None:
        self.folder = data_file.parent
        self.key = f"note_drafts/{inspection_id}"
        self._drafts: dict[str, str] = {}
        raw = folder_settings(self.folder).value(self.key)
        try:
            stored = json.loads(raw) if isinstance(raw, str) else {}
        except ValueError:
            stored = {}
        if isinstance(stored, dict):  # a settings file is edited by hand at times: keep only what fits
            self._drafts = {
                k: v[:MAX_DRAFT_CHARS] for k, v in stored.items() if k in item_ids and isinstance(v, str) and v.strip()
            }

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._drafts

    def __len__(self) -> int:
        return len(self._drafts)

    def get(self, item_id: str, default: str = "") -> str:
        return self._drafts.get(item_id, default)

    def keep(self, item_id: str, text: str | None) -> None:
        """Keep `text` as the item's draft (None or blank: forget it), written through at once."""
        if text and text.strip():
            if self._drafts.get(item_id) == text:
                return
            self._drafts[item_id] = text
        elif self._drafts.pop(item_id, None) is None:
            return
        self._write()

    def drop(self, item_id: str) -> None:
        """The draft was saved with the item's answer."""
        if self._drafts.pop(item_id, None) is not None:
            self._write()

    def _write(self) -> None:
        settings = folder_settings(self.folder)
        if self._drafts:
            settings.setValue(self.key, json.dumps(self._drafts, ensure_ascii=False))
        else:
            settings.remove(self.key)
        settings.sync()
