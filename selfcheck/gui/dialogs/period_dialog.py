"""Sign and export a quarterly summary or half-year assessment: choose the target (USB sticks first), enter the
passphrase, watch it work off the GUI thread (its own Store in the worker), see where it went."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from selfcheck.core.changes import Changes
from selfcheck.gui.dialogs.signed_export import SignedExportDialog
from selfcheck.storage import Store


def export_in_worker(store: Store, document_id: int, target: str, passphrase: str) -> Any:
    """Runs in the worker thread on the worker's own Store (see ops.run_op)."""
    from selfcheck.reports import period_service

    return period_service.export(store, document_id, target, passphrase=passphrase)


class PeriodExportDialog(SignedExportDialog):
    def __init__(self, store: Store, document_id: int, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.document_id = document_id
        self.setWindowTitle(self.tr("签名并导出"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        about = QLabel(title)
        about.setWordWrap(True)
        row = self._build_common()
        self.browse.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        form = QFormLayout()
        form.addRow(self.tr("保存到(&T)："), row)
        form.addRow(self.tr("口令(&P)："), self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.readiness)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._show_readiness(self._key_missing())
        self.passphrase.setFocus()

    def _inputs(self) -> list[QWidget]:
        return [self.export_button, self.target, self.passphrase, self.close_button]

    def _job(self, target: str, passphrase: str) -> Callable[[Store], Any]:
        document_id = self.document_id
        return lambda store: export_in_worker(store, document_id, target, passphrase)

    def _changes(self) -> Changes:
        return Changes(cadence=True)

    def _done_text(self, exported: Any) -> str:
        return self.tr("已签名、写入并验证通过：\n{path}\n证书指纹：{fp}").format(
            path=exported.path, fp=exported.fingerprint or ""
        )

    def _after_done(self) -> None:
        self.close_button.setFocus()
