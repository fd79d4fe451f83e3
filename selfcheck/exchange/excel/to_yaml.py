"""A checklist written as a YAML file, in the layout of the built-in checklists (`selfcheck checklist convert`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from selfcheck.core.checklist import Checklist


class _Dumper(yaml.SafeDumper):
    """Plain data, no anchors (the safe reader refuses them), multi-line text as a literal block."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


class _Flow(dict[str, Any]):
    """A short mapping (an option, a grade band) written on one line, as the built-in checklists do."""


class _FlowList(list[Any]):
    """A list of short words (veto_options) written on one line."""


_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def _tidy(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        tidy = {k: _tidy(v, k) for k, v in value.items()}
        return _Flow(tidy) if "label" in value or ("min" in value and "name" in value) else tidy
    if isinstance(value, list):
        items = [_tidy(v) for v in value]
        return _FlowList(items) if key == "veto_options" else items
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_ORDER = (
    "format",
    "id",
    "version",
    "title",
    "issuer",
    "effective_date",
    "description",
    "scales",
    "default_scale",
    "sections",
    "adjustments",
    "grading",
)


def checklist_to_yaml(template: Checklist, *, source: str | None = None) -> str:
    """The checklist as a YAML file `read_checklist` reads back to an equal template (defaults left out)."""
    data = template.model_dump(mode="json", exclude_defaults=True)
    data["format"] = template.format
    ordered = {k: _tidy(data[k]) for k in _ORDER if k in data}
    body = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
    head = f"# {template.title}（{template.id} 版本 {template.version}）\n"
    if source:
        head += f"# 由 {Path(source).name} 转换（selfcheck checklist convert）\n"
    return head + body
