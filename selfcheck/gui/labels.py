"""Words the screens share, translated: an inspection's state."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from selfcheck.core.records import Inspection


def status_label(inspection: Inspection) -> str:
    if inspection.locked:
        return QCoreApplication.translate("HomePage", "已签名（第 {n} 版）").format(n=inspection.revision)
    return (
        QCoreApplication.translate("HomePage", "已完成")
        if inspection.status == "complete"
        else QCoreApplication.translate("HomePage", "填写中")
    )
