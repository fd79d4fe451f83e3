"""An installed checklist version as the lists show it (`Store.checklists()`): a record of its own, apart from the
other records, so that listing the checklists (`selfcheck checklist list`) loads nothing else."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class ChecklistInfo:
    template_id: str
    version: str
    title: str
    issuer: str
    effective_date: str
    content_hash: str
    items: int
    source: str
    installed_at: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
