"""Checklists made up for report tests."""

from __future__ import annotations

from typing import Any


def big_checklist(items: int = 500, sections: int = 5) -> dict[str, Any]:
    per = items // sections
    return {
        "id": "big",
        "version": "1",
        "title": "五百项检查表",
        "issuer": "县教育局",
        "effective_date": "2026-09-01",
        "scales": {
            "yn": [
                {"key": "y", "label": "是", "share": 1},
                {"key": "n", "label": "否", "note_required": True, "raises_problem": True},
            ]
        },
        "default_scale": "yn",
        "sections": [
            {
                "id": f"s{k}",
                "title": f"第{k + 1}部分",
                "check": f"查第{k + 1}部分",
                "look": "看是否落实",
                "items": [
                    {
                        "id": f"s{k}.i{n:03d}",
                        "text": f"第{k + 1}部分第{n + 1}项：落实首问负责制，来访来电有登记、有答复、有回访"
                        + "，并在校务公开栏公示处理结果，接受教职工和家长监督" * (n % 3),
                        "points": 1,
                        "method": "查看资料",
                        "evidence": "登记簿、答复记录",
                    }
                    for n in range(per)
                ],
            }
            for k in range(sections)
        ],
        "grading": {"bands": [{"name": "合格", "min": 60}, {"name": "不合格", "min": 0, "max": 60}]},
    }


def minimal_report(
    *,
    name: str = "北京市第一中学",
    code: str = "1111010001",
    points: float = 85,
    note: str | None = None,
    period: str = "2026年秋季学期",
    generated_at: str = "2026-11-20T10:00:00+08:00",
    template_id: str = "mini",
) -> dict[str, Any]:
    """The smallest report data that fits `selfcheck.reports.schema.ReportData` (strictly): one section, one item."""
    item = {
        "number": "1.1", "id": "s1.study", "text": "每周组织一次集中学习", "type": "choice", "method": None,
        "evidence": None, "rule": None, "points": 100.0, "earned": float(points), "applicable": True,
        "answered": True, "vetoed": False, "result": "是", "option": "yes", "value": None, "note": note,
        "problems": [], "measures": [],
    }  # fmt: skip
    return {
        "format": "selfcheck.report/1",
        "document_id": "6f1c2d9e-0000-4000-8000-000000000001",
        "generated_at": generated_at,
        "report_date": generated_at[:10],
        "school": {"name": name, "code": code, "principal": "张校长", "address": None},
        "inspection": {
            "id": 1,
            "uid": "insp-1",
            "period": period,
            "inspectors": ["张校长"],
            "status": "complete",
            "created_at": generated_at,
            "completed_at": generated_at,
        },
        "template": {
            "id": template_id,
            "version": "1.0",
            "title": "测试用小检查表",
            "issuer": "某县教育局",
            "content_hash": "0" * 64,
            "provenance": "builtin",
        },
        "score": {
            "points": float(points),
            "max": 100.0,
            "percent": float(points),
            "grade": "良好",
            "bonus": 0.0,
            "deduction": 0.0,
            "vetoed_by": [],
            "answered": 1,
            "total": 1,
            "counts": {"yes": 1},
        },
        "sections": [
            {
                "id": "s1",
                "title": "一查思想作风",
                "check": None,
                "look": None,
                "max": 100.0,
                "earned": float(points),
                "percent": float(points),
                "items": [item],
            },
        ],
        "adjustments": [],
        "problems": [],
        "carried": [],
    }
