"""Enums worded in two languages: each member's Chinese and English words stand once, in a table beside the enum
(`_words`), and every screen, command and document reads them through `label`, `en` and `text`."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any


class Worded(StrEnum):
    @classmethod
    def _words(cls) -> Mapping[Any, tuple[str, str]]:
        """The table: member → (Chinese, English)."""
        raise NotImplementedError

    @property
    def label(self) -> str:
        """The Chinese words."""
        return self._words()[self][0]

    @property
    def en(self) -> str:
        return self._words()[self][1]

    def text(self, language: str) -> str:
        """The words in a UI language ("zh" or "en"; anything else is Chinese)."""
        return self.en if language == "en" else self.label
