"""Moving and protecting the school's data from the app: a backup to a USB stick, a restore on a new PC, the
encrypted key exported. The work is done by storage.school_backup (the same as `selfcheck backup` / `restore`);
this is the skin: choosing the place, running it through ops.run_op, saying where it went."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget, QWizard

from selfcheck.errors import RuleError
from selfcheck.gui.ops import run_op, show_error
from selfcheck.gui.widgets.ask import confirm, open_path
from selfcheck.storage import Store
from selfcheck.storage.paths import private_dir

if TYPE_CHECKING:
    from selfcheck.storage.school_backup import BackupInfo


# The file dialogs and questions go through these module-level functions, so tests can answer for the user.
def ask_backup_folder(parent: QWidget | None) -> Path | None:
    name = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("SchoolData", "选择备份到的文件夹（U盘）"), os.path.expanduser("~")
    )
    return Path(name) if name else None


def ask_backup_file(parent: QWidget | None) -> Path | None:
    return open_path(
        parent,
        QCoreApplication.translate("SchoolData", "选择备份文件"),
        os.path.expanduser("~"),
        QCoreApplication.translate("SchoolData", "学校自查备份 (selfcheck-backup-*.zip *.zip)"),
    )


def ask_key_path(parent: QWidget | None, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("SchoolData", "导出加密密钥"),
        os.path.join(os.path.expanduser("~"), suggested),
        QCoreApplication.translate("SchoolData", "加密的私钥 (*.pem)"),
    )
    return Path(name) if name else None


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def left_pc(out: Path, data_folder: Path) -> bool:
    """Whether `out` is on another disk than the data folder (a USB stick, another drive, a network share)."""
    try:
        return os.stat(out).st_dev != os.stat(data_folder).st_dev
    except OSError:
        return False


# ---- backup -----------------------------------------------------------------------------------------------------


def backup_to_folder(parent: QWidget | None, store: Store) -> None:
    """Ask for a folder, write the backup there in the thread pool (checked after writing), record it, say where."""
    out = ask_backup_folder(parent)
    if out is None:
        return
    data_folder = store.path.parent

    def write() -> tuple[Path, BackupInfo]:
        from selfcheck.storage.school_backup import make_school_backup, read_backup

        path = make_school_backup(data_folder, out)
        return path, read_backup(path)

    def written(result: tuple[Path, BackupInfo]) -> None:
        path, info = result
        away = left_pc(out, data_folder)
        run_op(parent, lambda: store.record_school_backup(path.name, left_pc=away))
        text = QCoreApplication.translate(
            "SchoolData", "已备份到：\n{path}\n\n数据库和 {n} 个材料文件，写入后已读回核对无误。签名私钥在备份中仍由口令加密。"
        ).format(path=path, n=info.evidence_files)
        if not away:
            text += "\n\n" + QCoreApplication.translate(
                "SchoolData", "注意：这个文件夹与数据在同一块硬盘上，电脑损坏时会一起丢失。请再备份到U盘或其他电脑。"
            )
        inform(parent, QCoreApplication.translate("SchoolData", "备份完成"), text)

    run_op(parent, write, in_thread=True, on_success=written, title=QCoreApplication.translate("SchoolData", "备份未完成"))


# ---- restore ----------------------------------------------------------------------------------------------------


def restore_from_file(parent: QWidget | None, store: Store) -> Store | None:
    """Ask for a backup file, check it through, confirm, keep a copy of the current data, restore, and reopen.

    Returns the store opened on the restored data (the caller puts it in place of `store`, now closed), or None
    when nothing changed (cancelled or refused: `store` is still open). A restore that fails after `store` was
    closed leaves the data folder as it was and returns a store opened on it again."""
    file = ask_backup_file(parent)
    if file is None:
        return None
    from selfcheck.storage.backup import backup_dir
    from selfcheck.storage.school_backup import holds_data, make_school_backup, read_backup, restore_school_backup

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        info = run_op(parent, lambda: read_backup(file), title=QCoreApplication.translate("SchoolData", "无法使用这个备份"))
    finally:
        QApplication.restoreOverrideCursor()
    if info is None:
        return None
    folder = store.path.parent
    school = store.school()
    text = QCoreApplication.translate(
        "SchoolData", "备份文件：{file}\n学校：{school}（{code}）\n备份时间：{at}\n材料文件：{n} 个"
    ).format(
        file=file.name,
        school=info.school_name or QCoreApplication.translate("SchoolData", "（未设置）"),
        code=info.school_code,
        at=info.created_at,
        n=info.evidence_files,
    )
    if holds_data(folder):
        text += "\n\n" + QCoreApplication.translate(
            "SchoolData",
            "恢复会用备份替换本机的全部数据。恢复前会先把当前数据（数据库、材料和设置）另存为一个备份文件，放在数据文件夹的 backups 中。",
        )
        if school is not None and school.code != info.school_code:
            text += "\n\n" + QCoreApplication.translate(
                "SchoolData", "注意：备份属于另一所学校，本机现在是“{name}”（{code}）。"
            ).format(name=school.name, code=school.code)
    if not confirm(
        parent,
        QCoreApplication.translate("SchoolData", "从备份恢复"),
        text + "\n\n" + QCoreApplication.translate("SchoolData", "确定恢复吗？"),
    ):
        return None

    reopened: list[Store] = []  # the data as it was, opened again when the restore failed after closing it

    def restore() -> Store:
        if holds_data(folder):  # a way back, should the wrong file have been chosen: the database and the evidence
            make_school_backup(folder, private_dir(backup_dir(folder)))
        store.close()
        try:
            restore_school_backup(file, folder, replace=True)
        except BaseException:
            reopened.append(Store.open(folder))  # the restore leaves the data folder as it was on any failure
            raise
        return Store.open(folder)  # brings an older backup's database up to this version's schema

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:  # on the GUI thread: no screen may read the store while it is closed and replaced
        result = run_op(parent, restore, title=QCoreApplication.translate("SchoolData", "恢复未完成"))
    finally:
        QApplication.restoreOverrideCursor()
    if result is None:
        return reopened[0] if reopened else None
    inform(
        parent,
        QCoreApplication.translate("SchoolData", "恢复完成"),
        QCoreApplication.translate("SchoolData", "已从备份恢复“{school}”的数据（备份时间 {at}）。").format(
            school=info.school_name, at=info.created_at
        ),
    )
    return result  # type: ignore[no-any-return]


def offer_restore(wizard: QWizard, store: Store, restored: list[Store]) -> None:
    """On a new PC the first-run setup offers 从备份恢复… beside its own buttons: a restored school needs no setup.
    The store opened on the restored data is appended to `restored` and the wizard closes as accepted."""
    wizard.setOption(QWizard.WizardOption.HaveCustomButton1, True)
    wizard.setButtonText(QWizard.WizardButton.CustomButton1, QCoreApplication.translate("SchoolData", "从备份恢复(&R)…"))

    def clicked(which: int) -> None:
        if which != QWizard.WizardButton.CustomButton1.value:
            return
        new = restore_from_file(wizard, store)
        if new is not None:
            restored.append(new)
            wizard.done(QDialog.DialogCode.Accepted.value)

    wizard.customButtonClicked.connect(clicked)


# ---- the signing key ----------------------------------------------------------------------------------------------


def export_encrypted_key(parent: QWidget | None, store: Store) -> Path | None:
    """Write the school's private key as it is stored (PKCS#8, encrypted under the passphrase) to a chosen file."""
    found = store.identity()
    if found is None:
        show_error(parent, RuleError("尚未创建签名密钥；请先在“设置”中创建", "no signing key yet: create one in Settings"))
        return None
    school = store.school()
    path = ask_key_path(parent, f"{school.code if school else 'school'}-key.pem")
    if path is None:
        return None

    def write() -> Path:
        from selfcheck.reports import export as files

        problem = files.filename_problem(path.name)
        if problem:
            raise RuleError(f"{path}：{problem[0]}", f"{path}: {problem[1]}")
        return files.write_atomic(path, found[0], overwrite=True)  # the save dialog has asked before replacing

    written = run_op(parent, write, title=QCoreApplication.translate("SchoolData", "导出未完成"))
    if written is not None:
        inform(
            parent,
            QCoreApplication.translate("SchoolData", "已导出加密密钥"),
            QCoreApplication.translate(
                "SchoolData", "已导出到：\n{path}\n\n私钥仍由口令加密；在新电脑上签名仍需原口令。请把它和口令分开保管。"
            ).format(path=written),
        )
    return written  # type: ignore[no-any-return]
