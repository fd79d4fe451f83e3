"""Enums worded in two languages: each member's Chinese and English words stand once, in a table beside the enum
(`_words`), and every screen, command and document reads them through `label`, `en` and `text`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, Self

from selfcheck.errors import RuleError


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

    @classmethod
    def _pick(cls, text: str, matches: Callable[[Self, str], bool], what: tuple[str, str]) -> Self:
        """The member `text` names by `matches` (as a clerk would type it), or a RuleError naming `what` it is not and
        the choices: the Chinese words, or the keys."""
        for member in cls:
            if matches(member, text):
                return member
        raise RuleError(
            f"未知的{what[0]}“{text}”，可选：{'、'.join(m.label for m in cls)}",
            f"unknown {what[1]} '{text}'; use one of {', '.join(m.value for m in cls)}",
        )
