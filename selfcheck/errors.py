"""The errors a user can meet, each with a message a principal can act on (Chinese and English)."""

from __future__ import annotations

from dataclasses import dataclass


class SelfcheckError(Exception):
    """Base of every user-facing failure. `str()` gives the bilingual message."""

    def __init__(self, zh: str, en: str | None = None) -> None:
        self.zh = zh
        self.en = en or zh
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.zh if self.en == self.zh else f"{self.zh} / {self.en}"


@dataclass(frozen=True)
class Located:
    """One problem found in a file, with where it is."""

    file: str
    line: int
    column: int
    path: str
    zh: str
    en: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = self.path or "(文件 / file)"
        return _one_line(f"{where}: {field}: {self.zh} / {self.en}")


def _one_line(text: str) -> str:
    """Echoed keys and values may hold line breaks; one problem stays one line."""
    return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)


class ChecklistError(SelfcheckError):
    """A checklist file that cannot be used. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Located]) -> None:
        self.problems = problems
        first = problems[0] if problems else None
        file = first.file if first else "?"
        super().__init__(f"检查表文件 {file} 有 {len(problems)} 处错误", f"{len(problems)} error(s) in checklist file {file}")

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class NotFoundError(SelfcheckError):
    """Something the user named does not exist."""


class ConflictError(SelfcheckError):
    """The action would overwrite or contradict what is already saved."""


class RuleError(SelfcheckError):
    """The action breaks a domain rule (ledger close-out, answer not allowed, ...)."""


class LockedError(RuleError):
    """A signed inspection cannot change until it is reopened as a new revision (each skin says how to reopen)."""

    def __init__(self, zh: str, en: str, inspection_id: int) -> None:
        super().__init__(zh, en)
        self.inspection_id = inspection_id


class StorageError(SelfcheckError):
    """The database cannot be opened or written."""
