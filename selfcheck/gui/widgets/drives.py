"""Where a report can go: removable drives (USB sticks) first, then the user's folders."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QStorageInfo
from PySide6.QtWidgets import QComboBox, QFileDialog, QWidget


@dataclass(frozen=True)
class Target:
    path: Path
    label: str
    removable: bool


def _windows_removable(root: str) -> bool:
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root)) == 2  # type: ignore[attr-defined]  # DRIVE_REMOVABLE
    except Exception:
        return False


def _posix_removable(root: str) -> bool:
    user = os.environ.get("USER", "")
    prefixes = ["/media/", "/run/media/", "/mnt/", "/Volumes/"]
    return any(root.startswith(p) for p in prefixes) or (bool(user) and root.startswith(f"/media/{user}/"))


def targets() -> list[Target]:
    found: list[Target] = []
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly():
            continue
        root = volume.rootPath()
        removable = _windows_removable(root) if sys.platform == "win32" else _posix_removable(root)
        if not removable:
            continue
        name = volume.displayName() or root
        free = volume.bytesAvailable() // (1024 * 1024)
        label = QCoreApplication.translate("drives", "{name}（{root}，可用 {free} MB）").format(name=name, root=root, free=free)
        found.append(Target(Path(root), label, True))
    for location in (QStandardPaths.StandardLocation.DocumentsLocation, QStandardPaths.StandardLocation.DesktopLocation):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            found.append(Target(Path(folder), folder, False))
    return found


def chosen_path(box: QComboBox) -> str:
    """The folder an editable target list names: the listed target's path when its label is shown, else the text
    typed or browsed into it."""
    text = box.currentText().strip()
    data = box.currentData()
    return str(data) if box.findText(text) >= 0 and data else text


def browse_into(parent: QWidget, box: QComboBox, caption: str) -> None:
    """Let the user pick a folder, starting from the chosen one; it goes into the list's text."""
    folder = QFileDialog.getExistingDirectory(parent, caption, chosen_path(box))
    if folder:
        box.setEditText(folder)
