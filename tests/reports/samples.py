"""Checklists made up for report tests."""

from __future__ import annotations

from typing import Any


def big_template(items: int = 500, sections: int = 5) -> dict[str, Any]:
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
