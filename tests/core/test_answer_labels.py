"""An option given by the label a person types: exact after trimming and NFKC; unknown and ambiguous refused."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from selfcheck.core.answers import option_key
from selfcheck.core.checklist import Option
from selfcheck.errors import RuleError


@dataclass
class _Item:
    id: str


class _Checklist:
    def __init__(self, options: list[Option]) -> None:
        self.options = options

    def options_for(self, item: object) -> list[Option]:
        return self.options


SCALE = [
    Option(key="yes", label="是"),
    Option(key="partly", label="基本落实"),
    Option(key="no", label="否"),
    Option(key="na", label="不适用"),
]


@pytest.mark.parametrize(
    ("given", "key"),
    [("yes", "yes"), ("是", "yes"), (" 基本落实\u3000", "partly"), ("不适用", "na"), ("ｎａ", "na"), ("no", "no")],
)
def test_keys_and_labels(given: str, key: str) -> None:
    assert option_key(_Checklist(SCALE), _Item("a.1"), given) == key  # type: ignore[arg-type]


def test_unknown_label_names_the_item_and_the_labels() -> None:
    with pytest.raises(RuleError) as info:
        option_key(_Checklist(SCALE), _Item("a.1"), "基本")  # type: ignore[arg-type]
    assert "a.1" in info.value.zh and "基本落实（partly）" in info.value.zh and "不适用（na）" in info.value.zh


def test_a_label_two_options_share_is_ambiguous() -> None:
    twins = [Option(key="good", label="达标"), Option(key="fine", label="达标"), Option(key="bad", label="不达标")]
    with pytest.raises(RuleError, match="不明确"):
        option_key(_Checklist(twins), _Item("a.2"), "达标")  # type: ignore[arg-type]
    assert option_key(_Checklist(twins), _Item("a.2"), "fine") == "fine"  # type: ignore[arg-type]


def test_case_is_not_folded() -> None:
    with pytest.raises(RuleError):
        option_key(_Checklist(SCALE), _Item("a.1"), "YES")  # type: ignore[arg-type]
