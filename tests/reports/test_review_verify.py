"""A review file from the stick is hostile until verified: verify_review never raises, the review schema is strict,
and the reviewing unit in the data must be the certificate's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from selfcheck.reports import policy
from selfcheck.reports.review_service import verify_review
from selfcheck.reports.signed_kind import REVIEW
from selfcheck.reports.verdict import Reject

UNIT = policy.CertIdentity("紫阳县城关学区", "XQ-0101")


def data(**over: object) -> dict[str, object]:
    school = {"name": "城关第一小学", "code": "3101010001", "principal": "王校长", "address": None}
    base: dict[str, object] = {
        "reviewer": {"name": UNIT.name, "code": UNIT.code, "kind": "学区", "people": ["李督学"]},
        "report": {"school": school, "period": "2026年秋季学期"},
    }
    base.update(over)
    return base


def test_the_unit_in_the_data_must_be_the_certificates() -> None:
    REVIEW.bind(UNIT, data())
    with pytest.raises(policy.PolicyError) as e:
        REVIEW.bind(UNIT, data(reviewer={"name": "另一个学区", "code": UNIT.code, "kind": "学区", "people": []}))
    assert e.value.code == "school_mismatch"
    with pytest.raises(policy.PolicyError) as e:  # an invisible character in the reviewed school's name
        REVIEW.bind(UNIT, data(report={"school": {"name": "城关\u200b第一小学", "code": "1"}, "period": "x"}))
    assert e.value.code == "bad_data"
    with pytest.raises(policy.PolicyError):
        REVIEW.bind(UNIT, {"reviewer": "x"})


def test_the_schema_is_strict() -> None:
    with pytest.raises(Reject) as e:
        REVIEW.validate({**data(), "format": "selfcheck.review/1"})  # fields missing
    assert e.value.result.code == "bad_data" and "督查意见" in e.value.result.reason_zh


def test_files_that_are_not_reviews_come_back_as_verdicts(tmp_path: Path) -> None:
    garbage = tmp_path / "x.pdf"
    garbage.write_bytes(b"not a pdf at all")
    verdict = verify_review(garbage, [])
    assert not verdict.ok and verdict.data is None and verdict.code == "not_pdf"
    assert not verify_review(tmp_path, []).ok  # a folder
    assert not verify_review(tmp_path / "missing.pdf", []).ok
    if hasattr(os, "symlink"):
        link = tmp_path / "link.pdf"
        link.symlink_to(garbage)
        assert not verify_review(link, []).ok  # a link is not followed
