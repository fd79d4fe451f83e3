"""The JSON Schema handed to checklist authors stays in step with the models."""

from __future__ import annotations

import json
from pathlib import Path

from selfcheck.core.checklist import json_schema

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schema_matches_models() -> None:
    committed = json.loads((ROOT / "docs" / "checklist.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: selfcheck checklist schema > docs/checklist.schema.json"


def test_schema_describes_the_format() -> None:
    schema = json_schema()
    assert set(schema["required"]) >= {"id", "version", "title", "issuer", "effective_date", "sections", "grading"}
    item = schema["$defs"]["Item"]["properties"]
    for field in ("text", "type", "method", "evidence", "points", "rule", "options", "required", "veto"):
        assert field in item
