"""A backup that leaves the PC, and its restore on a new one.

One zip file holds everything a school has entered:

    manifest.json         format, version, the school's name and code, when it was made (the clock), and for every
                          other member its name, size and sha256
    selfcheck.db          a consistent copy of the database made with SQLite's backup API (safe while the app is
                          open); the signing key in it stays encrypted under the principal's passphrase
    evidence/<id>/<name>  the evidence files copied into the data folder (evidence/tasks/<id>/<name>: progress entries)
    gui.ini               the data folder's own settings (gui/folder_settings.py): the window's place, the tips
                          already shown, and the drafts typed but not yet saved (notes before a result, the report's
                          text); optional, and read as hostile too: small, UTF-8, nothing but ini lines
    bureau-desk.db        the bureau's desk (storage/desk.py), on a PC that collects reports; optional, a consistent
                          copy like the database's; checked on restore (quick_check, not a school's database)

Writing: the zip is written under a temporary name in the chosen folder, fsynced, opened again and checked exactly
as a restore checks it, and only then renamed to its final name (never over an existing file).

Restoring treats the file as hostile: the zip guard's limits (size, member count, sizes, compression ratio, no
encrypted members, no links, no climbing names), member names from a short list of shapes, the members exactly
the manifest's, no name twice, each member's size and sha256 as the manifest says (read with a cap, so a lying
header cannot inflate), the settings file bounded and made of ini lines only, the database passing SQLite's
quick_check and naming the school the manifest names, a desk passing quick_check and holding no school's tables.
Everything is unpacked and checked in a temporary folder beside the data folder; only then are the data folder's
database, evidence and settings moved aside (settings too when the backup has none: another school's drafts must
not show on this one's inspections; the desk only when the backup carries one, as it is the bureau's and not the
school's), the new ones moved in, and the old ones deleted. A failure at any point before
leaves the data folder as it was (a failure while moving puts the old files back).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfcheck.core import clock
from selfcheck.errors import ConflictError, NotFoundError, RuleError, StorageError
from selfcheck.exchange.zipguard import Limits, ZipRefused, open_checked, stream_member
from selfcheck.storage.backup import copy_database
from selfcheck.storage.desk_db import DESK_NAME
from selfcheck.storage.paths import DB_NAME, SETTINGS_NAME, fsync_file, private_dir, private_file

FORMAT = "selfcheck-school-backup"
VERSION = 1
MANIFEST = "manifest.json"
EVIDENCE = "evidence"
SETTINGS = SETTINGS_NAME
MAX_MANIFEST = 4 * 1024 * 1024
MAX_SETTINGS = 4 * 1024 * 1024  # window state, tips and drafts: a few KB; 4 MB holds every draft a school could type
_GB = 1024 * 1024 * 1024
LIMITS = Limits(
    max_file=8 * _GB,
    max_members=200_000,
    max_member=2 * _GB,
    max_total=16 * _GB,
    max_ratio=200.0,
    ratio_from=1024 * 1024,
)
_EVIDENCE_NAME = re.compile(r"evidence/(?:tasks/)?[0-9]{1,19}/[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}")  # tasks/: progress entries
_SETTINGS_LINE = re.compile(r"|;.*|\[[A-Za-z0-9_%]{1,100}\]|[A-Za-z0-9_%./-]{1,200}=.*")  # blank, comment, section, key=
_CHUNK = 1 << 20


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file says about itself (after every check)."""

    path: Path
    school_name: str
    school_code: str
    created_at: str
    members: int
    evidence_files: int


def _refused(path: Path, zh: str, en: str) -> RuleError:
    return RuleError(
        f"{path.name} 不是可用的本程序备份文件：{zh}。文件可能已损坏或被改动，请换用另一份备份",
        f"{path.name} is not a usable selfcheck backup: {en}. It may be damaged or altered: use another backup",
    )


def _allowed_name(name: str) -> bool:
    return name in (DB_NAME, MANIFEST, SETTINGS, DESK_NAME) or (_EVIDENCE_NAME.fullmatch(name) is not None and ".." not in name)


def settings_ok(data: bytes) -> bool:
    """A settings file as QSettings writes it: bounded, UTF-8, no control characters, every line an ini line."""
    if len(data) > MAX_SETTINGS:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    lines = text.split("\n")
    return not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text) and all(
        _SETTINGS_LINE.fullmatch(line.removesuffix("\r")) for line in lines
    )


def _settings_copy(data_folder: Path, work: Path) -> Path | None:
    """The folder's settings read once (the app may write them meanwhile) into `work`, or None when it has none."""
    source = data_folder / SETTINGS
    if source.is_symlink() or not source.is_file():
        return None
    with source.open("rb") as fh:
        data = fh.read(MAX_SETTINGS + 1)
    if not settings_ok(data):
        raise StorageError(
            f"设置文件 {source} 内容异常（过大或不是本程序写的），无法备份；请把它移出数据文件夹"
            "（它只存窗口位置、提示和未保存的草稿）后再备份",
            f"the settings file {source} is not as this program writes it (too large or altered): move it out of "
            "the data folder (it holds only the window's place, tips and unsaved drafts) and back up again",
        )
    copy = work / f".school-backup-{secrets.token_hex(6)}.ini"
    copy.write_bytes(data)
    return copy


def _sha256_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            digest.update(chunk)
    return size, digest.hexdigest()


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _school(db: Path) -> tuple[str, str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT name, code FROM school WHERE id = 1").fetchone()
    finally:
        conn.close()
    return (str(row[0]), str(row[1])) if row else ("", "")


def _evidence_files(data_folder: Path) -> Iterator[tuple[str, Path]]:
    root = data_folder / EVIDENCE
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.name.endswith(".part"):
            continue
        name = path.relative_to(data_folder).as_posix()
        if not _allowed_name(name):
            raise StorageError(
                f"材料文件夹中有不认识的文件 {path}，无法备份；请把它移出 {root} 后再备份",
                f"an unexpected file {path} is in the evidence folder: move it out of {root} and back up again",
            )
        yield name, path


def backup_name(code: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9_-]", "", code)[:40] or "school"
    return f"selfcheck-backup-{safe}-{clock.now().strftime('%Y%m%d-%H%M%S')}.zip"


def make_school_backup(data_folder: Path, out_folder: str | os.PathLike[str]) -> Path:
    """Write the whole school's data into one zip in `out_folder`; return its path (checked as a restore checks it)."""
    out = Path(out_folder)
    source = data_folder / DB_NAME
    if not source.is_file():
        raise NotFoundError(f"数据文件夹 {data_folder} 中还没有数据，无需备份", f"no data in {data_folder} to back up")
    if not out.is_dir():
        raise NotFoundError(
            f"文件夹 {out} 不存在；请先建好这个文件夹（或插好U盘），再备份到它",
            f"the folder {out} does not exist: create it (or plug in the USB stick) and back up to it",
        )
    work = Path(private_dir(data_folder / "backups"))
    db_copy = work / f".school-backup-{secrets.token_hex(6)}.db"
    tmp = out / f".selfcheck-backup-{secrets.token_hex(6)}.tmp"
    desk_copy = work / f".school-backup-{secrets.token_hex(6)}-desk.db"
    settings: Path | None = None
    try:
        copy_database(source, db_copy)
        name, code = _school(db_copy)
        members: list[tuple[str, Path]] = [(DB_NAME, db_copy), *_evidence_files(data_folder)]
        if (data_folder / DESK_NAME).is_file():  # a bureau's PC: its desk too, copied as consistently
            copy_database(data_folder / DESK_NAME, desk_copy)
            members.append((DESK_NAME, desk_copy))
        settings = _settings_copy(data_folder, work)
        if settings is not None:
            members.append((SETTINGS, settings))
        listed = []
        for member, path in members:
            size, sha = _sha256_file(path)
            listed.append({"name": member, "size": size, "sha256": sha})
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "school": {"name": name, "code": code},
            "created_at": clock.now().isoformat(timespec="seconds"),
            "members": listed,
        }
        from selfcheck import __version__

        manifest["app_version"] = __version__
        with zipfile.ZipFile(tmp, "x", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1), zipfile.ZIP_DEFLATED)
            for member, path in members:  # stored, not deflated: a database of empty pages would look like a bomb
                archive.write(path, member)
        fsync_file(tmp)
        read_backup(tmp)  # read back: exactly the checks a restore makes
        target = out / backup_name(code)
        if target.exists():
            raise ConflictError(f"文件 {target} 已存在，不会覆盖", f"the file {target} exists and is not overwritten")
        if os.name == "posix":
            os.link(tmp, target)  # never over a file that appeared meanwhile
            tmp.unlink()
        else:
            os.rename(tmp, target)  # Windows refuses to rename over an existing file
        _fsync_folder(out)
        return target
    except OSError as exc:
        raise StorageError(
            f"无法写入备份到 {out}：{exc.strerror or exc}。请检查U盘或文件夹后重试",
            f"cannot write the backup to {out}: {exc.strerror or exc}. Check the stick or folder and retry",
        ) from None
    finally:
        db_copy.unlink(missing_ok=True)
        desk_copy.unlink(missing_ok=True)
        if settings is not None:
            settings.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _manifest(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    names = [i.filename for i in archive.infolist()]
    if len(names) != len(set(names)):
        raise _refused(path, "内部文件名重复", "a member name appears twice")
    for name in names:
        if not _allowed_name(name):
            raise _refused(path, f"含有不应有的内部文件“{name[:100]}”", f"it holds an unexpected member {name[:100]!r}")
    if MANIFEST not in names:
        raise _refused(path, "缺少清单 manifest.json", "manifest.json is missing")
    try:
        manifest = json.loads(b"".join(stream_member(archive, MANIFEST, MAX_MANIFEST)).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise _refused(path, "清单 manifest.json 无法读取", "manifest.json cannot be read") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refused(path, "不是本程序的备份格式", "not this program's backup format")
    if manifest.get("version") != VERSION:
        raise _refused(
            path, f"备份格式版本 {manifest.get('version')!s:.20} 不受支持（请升级本程序）", "unsupported backup version"
        )
    listed = manifest.get("members")
    school = manifest.get("school")
    if not isinstance(listed, list) or not isinstance(school, dict) or not isinstance(manifest.get("created_at"), str):
        raise _refused(path, "清单内容不完整", "the manifest is incomplete")
    for entry in listed:
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("name"), str)
            and isinstance(entry.get("size"), int)
            and not isinstance(entry.get("size"), bool)
            and isinstance(entry.get("sha256"), str)
            and re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
        ):
            raise _refused(path, "清单中有无效的条目", "the manifest has an invalid entry")
        if entry["name"] == SETTINGS and entry["size"] > MAX_SETTINGS:
            raise _refused(path, f"设置文件 {SETTINGS} 过大", f"the settings file {SETTINGS} is too large")
    expected = {e["name"] for e in listed}
    if len(expected) != len(listed) or expected != set(names) - {MANIFEST} or DB_NAME not in expected:
        raise _refused(path, "内部文件与清单不符（有增减）", "the members differ from the manifest (added or missing)")
    return manifest


def _unpack(archive: zipfile.ZipFile, path: Path, manifest: dict[str, Any], into: Path | None) -> None:
    """Read every member, checking its size and sha256 against the manifest; write it under `into` when given."""
    for entry in manifest["members"]:
        name, size = entry["name"], entry["size"]
        if archive.getinfo(name).file_size != size:
            raise _refused(path, f"“{name}”的大小与清单不符", f"the size of {name} differs from the manifest")
        digest = hashlib.sha256()
        seen = 0
        kept = bytearray() if name == SETTINGS else None  # its size is capped by the manifest's check
        target = None if into is None else into / name
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.ExitStack() as stack:
            fh = None if target is None else stack.enter_context(target.open("xb"))
            for chunk in stream_member(archive, name, size):
                seen += len(chunk)
                digest.update(chunk)
                if kept is not None:
                    kept += chunk
                if fh is not None:
                    fh.write(chunk)
            if fh is not None:
                fh.flush()
                os.fsync(fh.fileno())
        if seen != size or digest.hexdigest() != entry["sha256"]:
            raise _refused(path, f"“{name}”的内容与清单不符（校验值不同）", f"{name} does not match its sha256 in the manifest")
        if kept is not None and not settings_ok(bytes(kept)):
            raise _refused(
                path, f"设置文件 {SETTINGS} 不是本程序写的格式", f"the settings file {SETTINGS} is not as this program writes it"
            )


def _open(path: Path) -> zipfile.ZipFile:
    if not os.path.lexists(path):
        raise NotFoundError(f"找不到备份文件 {path}", f"no backup file {path}")
    try:
        return open_checked(path, LIMITS)
    except ZipRefused as exc:
        raise _refused(path, exc.zh, exc.en) from None


def read_backup(path: str | os.PathLike[str]) -> BackupInfo:
    """Check a backup file through and through without unpacking it; what it says about itself."""
    file = Path(path)
    try:
        with _open(file) as archive:
            manifest = _manifest(archive, file)
            _unpack(archive, file, manifest, None)
    except (zipfile.BadZipFile, EOFError):  # a member's local header or data is damaged
        raise _refused(file, "zip 结构损坏", "the zip structure is damaged") from None
    except OSError as exc:
        raise StorageError(f"无法读取 {file}：{exc.strerror or exc}", f"cannot read {file}: {exc.strerror or exc}") from None
    return _info(file, manifest)


def _info(file: Path, manifest: dict[str, Any]) -> BackupInfo:
    school = manifest["school"]
    names = [e["name"] for e in manifest["members"]]
    return BackupInfo(
        file,
        str(school.get("name", "")),
        str(school.get("code", "")),
        manifest["created_at"],
        len(names),
        sum(1 for n in names if n.startswith(EVIDENCE + "/")),
    )


def holds_data(data_folder: Path) -> bool:
    """The data folder has something a restore would replace: a school, an inspection, a problem, a key, evidence,
    a bureau's desk."""
    evidence = data_folder / EVIDENCE
    if evidence.is_dir() and any(p.is_file() for p in evidence.rglob("*")):
        return True
    if (data_folder / DESK_NAME).exists():
        return True
    db = data_folder / DB_NAME
    if not db.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            for table in ("school", "inspections", "problems", "identity"):
                with contextlib.suppress(sqlite3.OperationalError):  # a table a young database has not yet
                    if conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
                        return True
        finally:
            conn.close()
    except sqlite3.Error:
        return True  # unreadable: not ours to throw away without --replace
    return False


def _check_database(db: Path, file: Path, manifest: dict[str, Any]) -> None:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()
            row = conn.execute("SELECT name, code FROM school WHERE id = 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        raise _refused(file, "其中的数据库无法打开", "its database cannot be opened") from None
    if ok is None or ok[0] != "ok":
        raise _refused(file, "其中的数据库已损坏", "its database is damaged")
    desk = db.parent / DESK_NAME
    if desk.exists():
        _check_desk(desk, file)
    school = manifest["school"]
    found = (str(row[0]), str(row[1])) if row else ("", "")
    if found != (school.get("name"), school.get("code")):
        raise _refused(file, "数据库中的学校与清单不符", "the database names another school than the manifest")


def _check_desk(desk: Path, file: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{desk}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error:
        raise _refused(file, "其中的教育局台账无法打开", "its bureau desk cannot be opened") from None
    if ok is None or ok[0] != "ok" or tables & {"school", "inspections"}:
        raise _refused(file, "其中的教育局台账已损坏", "its bureau desk is damaged")


def restore_school_backup(path: str | os.PathLike[str], data_folder: Path, *, replace: bool = False) -> BackupInfo:
    """Put the backup's database, evidence and settings in `data_folder`; refused when it holds data, unless `replace`.

    Unpacked and checked in a temporary folder beside the data folder first; the current data is moved aside and
    deleted only once the new data is in place. The database must not be open in the app meanwhile."""
    file = Path(path)
    if not os.path.lexists(file):
        raise NotFoundError(f"找不到备份文件 {file}", f"no backup file {file}")
    if not replace and holds_data(data_folder):
        raise ConflictError(
            f"数据文件夹 {data_folder} 中已有数据；恢复会替换全部数据。确需替换请加 --replace（建议先备份当前数据）",
            f"the data folder {data_folder} holds data and a restore replaces all of it: add --replace to do so "
            "(back up the current data first)",
        )
    data_folder = Path(private_dir(data_folder))
    token = secrets.token_hex(6)
    staged = data_folder.parent / f".{data_folder.name}.restore-{token}"
    previous = data_folder.parent / f".{data_folder.name}.previous-{token}"
    try:
        private_dir(staged)
        try:
            with _open(file) as archive:
                manifest = _manifest(archive, file)
                _unpack(archive, file, manifest, staged)
        except (zipfile.BadZipFile, EOFError):
            raise _refused(file, "zip 结构损坏", "the zip structure is damaged") from None
        _check_database(staged / DB_NAME, file, manifest)
        for p in staged.rglob("*"):
            if p.is_dir():
                private_dir(p)
            else:
                private_file(p)
        _swap(staged, previous, data_folder)
    except OSError as exc:
        raise StorageError(
            f"恢复失败（{exc.strerror or exc}），当前数据未改动",
            f"the restore failed ({exc.strerror or exc}); the data is unchanged",
        ) from None
    finally:
        shutil.rmtree(staged, ignore_errors=True)
        shutil.rmtree(previous, ignore_errors=True)
    return _info(file, manifest)


def _swap(staged: Path, previous: Path, data_folder: Path) -> None:
    """Move the current database, evidence and settings into `previous`, the staged ones in; on a failure, put them
    back."""
    carried = [DESK_NAME] if os.path.lexists(staged / DESK_NAME) else []  # no desk in the backup: the current one stays
    names = [DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", EVIDENCE, SETTINGS]
    names += [name + suffix for name in carried for suffix in ("", "-wal", "-shm")]
    private_dir(previous)
    moved_out: list[str] = []
    moved_in: list[str] = []
    try:
        for name in names:
            if os.path.lexists(data_folder / name):
                os.replace(data_folder / name, previous / name)
                moved_out.append(name)
        for name in (DB_NAME, EVIDENCE, SETTINGS, *carried):
            if os.path.lexists(staged / name):
                os.replace(staged / name, data_folder / name)
                moved_in.append(name)
        _fsync_folder(data_folder)
    except BaseException:
        for name in moved_in:
            with contextlib.suppress(OSError):
                target = data_folder / name
                shutil.rmtree(target) if target.is_dir() else target.unlink()
        for name in moved_out:
            with contextlib.suppress(OSError):
                os.replace(previous / name, data_folder / name)
        raise
