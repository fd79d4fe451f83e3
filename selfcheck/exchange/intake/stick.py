"""Finding the report files on a stick: every ``*.pdf`` under the paths given, walked without following links,
within limits on entries, depth and size; and reading one found file's bytes."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from selfcheck.core.printable import odd_name, printable
from selfcheck.errors import NotFoundError, RuleError
from selfcheck.exchange.intake.model import Rejected


@dataclass(frozen=True)
class Found:
    """A report file found: where it is, and its name as shown (relative to the folder given)."""

    file: Path
    shown: str


def _is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf")


def walk(paths: Sequence[str | Path], *, max_entries: int, max_depth: int, max_bytes: int) -> tuple[list[Found], list[Rejected]]:
    """Every ``*.pdf`` under `paths`, in name order, and what was refused on the way (links, odd names, files too
    large, folders too deep or unreadable); see the intake's module doc for the rules."""
    roots = [Path(p) for p in paths]
    several = len(roots) > 1
    found: list[Found] = []
    rejected: list[Rejected] = []
    seen: set[tuple[int, int]] = set()
    entries = 0

    def link(shown: str) -> None:
        rejected.append(
            Rejected(
                shown, "符号链接，未跟随（请拷贝文件本身）", "a symbolic link, not followed (copy the file itself)", "symlink"
            )
        )

    def take(path: Path, shown: str, st: os.stat_result) -> None:
        if (st.st_dev, st.st_ino) in seen and st.st_ino:
            return
        seen.add((st.st_dev, st.st_ino))
        if not stat.S_ISREG(st.st_mode):
            rejected.append(Rejected(shown, "不是普通文件", "not a regular file", "not_a_file"))
        elif st.st_size > max_bytes:
            rejected.append(
                Rejected(
                    shown,
                    f"文件太大（{st.st_size / 2**20:.0f} MB，上限 {max_bytes // 2**20} MB），不是自查报告，未读取",
                    f"too large ({st.st_size / 2**20:.0f} MB, limit {max_bytes // 2**20} MB) to be a report; not read",
                    "too_large",
                )
            )
        else:
            found.append(Found(path, shown))

    for root in roots:
        try:
            st = os.lstat(root)
        except FileNotFoundError:
            raise NotFoundError(f"找不到 {root}；请检查路径（U盘是否已插好）", f"{root} does not exist; check the path") from None
        except OSError as e:
            raise RuleError(f"无法读取 {root}（{e.strerror}）", f"cannot read {root} ({e.strerror})") from None
        if stat.S_ISLNK(st.st_mode):
            link(printable(str(root)))
            continue
        if not stat.S_ISDIR(st.st_mode):
            take(root, printable(str(root)), st)
            continue
        label = printable(root.name or str(root))
        stack: list[tuple[Path, int]] = [(root, 0)]
        while stack:
            folder, depth = stack.pop()
            rel = folder.relative_to(root).as_posix()
            prefix = "" if rel == "." else rel + "/"
            prefix = printable(prefix, 1000)
            if several:
                prefix = f"{label}/{prefix}"
            try:
                with os.scandir(folder) as it:
                    listing = sorted(it, key=lambda e: e.name)
            except OSError as e:
                shown = prefix.rstrip("/") or str(folder)
                rejected.append(
                    Rejected(
                        shown + "/",
                        f"文件夹无法读取（{e.strerror}）",
                        f"the folder cannot be read ({e.strerror})",
                        "unreadable_folder",
                    )
                )
                continue
            subfolders: list[Path] = []
            for entry in listing:
                entries += 1
                if entries > max_entries:
                    raise RuleError(
                        f"{root} 下的文件超过 {max_entries} 个，已停止查找；请选择存放报告的文件夹",
                        f"more than {max_entries} files under {root}; the walk stopped: choose the folder that holds the reports",
                    )
                shown = prefix + entry.name
                odd = odd_name(entry.name)
                if odd is not None:  # never trusted, never entered: listed with a printable form of the name
                    rejected.append(Rejected(printable(shown), f"{odd[0]}，未检查", f"{odd[1]}; not checked", "bad_name"))
                    continue
                try:
                    if entry.is_symlink():
                        if _is_pdf_name(entry.name) or entry.is_dir():
                            link(shown)
                    elif entry.is_dir(follow_symlinks=False):
                        if depth + 1 > max_depth:
                            rejected.append(
                                Rejected(
                                    shown + "/",
                                    f"文件夹层级超过 {max_depth} 层，未进入",
                                    f"folders nested deeper than {max_depth} levels; not entered",
                                    "too_deep",
                                )
                            )
                        else:
                            subfolders.append(Path(entry.path))
                    elif _is_pdf_name(entry.name):
                        take(Path(entry.path), shown, entry.stat(follow_symlinks=False))
                except OSError as e:
                    if _is_pdf_name(entry.name):
                        rejected.append(
                            Rejected(shown, f"无法读取（{e.strerror}）", f"cannot be read ({e.strerror})", "unreadable")
                        )
            # walk in name order: push in reverse so the first name comes off the stack first
            stack.extend((sub, depth + 1) for sub in reversed(subfolders))
    return found, rejected


def read_report(found: Found, max_bytes: int) -> bytes | Rejected:
    """The file's bytes, read once (at most `max_bytes`: it may have grown since the walk), or why not."""
    try:
        with found.file.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as e:
        return Rejected(
            found.shown,
            f"无法读取（{e.strerror}）；请重新拷贝该文件",
            f"cannot be read ({e.strerror}); copy it again",
            "unreadable",
        )
    if len(raw) > max_bytes:
        return Rejected(
            found.shown, "文件在读取时变大，超过上限，未检查", "the file grew past the size limit while being read", "too_large"
        )
    return raw
