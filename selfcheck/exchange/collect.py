"""The bureau's intake: every report PDF under some paths, each strictly verified, one current report per school.

`collect(paths, trusted_dir)` walks files and folders (a whole USB stick) and returns an `Intake`; it prints
nothing, so the GUI can run it on a worker thread with `progress(done, total)` and `cancel()`. The rules:

* **Which files.** Every regular file whose name ends in ``.pdf`` (any case), folders walked recursively in name
  order. Symbolic links are never followed: a link named ``*.pdf`` or pointing at a folder is listed as rejected.
  A file over ``MAX_FILE_BYTES`` is rejected unread. More than ``MAX_ENTRIES`` entries under the paths stops the
  walk with an error (point at the folder that holds the reports), and folders deeper than ``MAX_DEPTH`` are
  listed, not entered. The same file reached twice (overlapping paths) counts once.
* **Verification.** `selfcheck.reports.verify.verify`, the strict policy of `report verify`: one certification
  signature, intact, covering the whole file, nothing after it, the embedded data naming the certificate's school
  and, with ``trusted_dir``, a signer certificate byte-identical to one of the ``*.pem`` / ``*.crt`` files there
  (a file there that is not a certificate is an error naming it; an empty folder is an error too, since checking
  against nothing would silently accept every signer). Then the embedded data must have the report format's
  fields. A file that fails anything is rejected with the reason and never counts in any figure.
* **Duplicates.** Each file is read and hashed (SHA-256) once; a file identical to one already seen is not
  verified again: it shares that file's verdict and is listed in the history as a copy.
* **The current report.** Reports are grouped by (school code, checklist id, period). The newest by the
  ``generated_at`` time inside the signed data wins (the time the school built the report; it is covered by the
  signature, and the CMS signing time is the same clock a moment later, so it would decide nothing more); equal
  times are broken by the file path, so the result never depends on the walk order. The others are superseded;
  the history lists every report of a group that had more than one, the current one included.
* **Non-compliance** of an item in a report (for the per-checklist sheet): answered, applicable, and either
  vetoed, or earning less than its points (a partial answer, a deduction), or having a problem raised from it.
* **Speed.** Verification is CPU-bound (pyHanko). With at least ``POOL_MIN_FILES`` distinct files and more than
  one CPU, files are verified in a ``ProcessPoolExecutor`` while the main process reads and hashes the next ones.
  Workers are forked where that is safe (Linux, a process with one thread: the CLI), so they start with pyHanko
  imported; elsewhere (the GUI's worker thread, Windows, macOS) they are spawned and import it afresh (about
  0.8 s each). Fewer files are verified in-process. A worker that dies takes no file with it: the files it held are
  checked again one by one in a worker of their own, and a file that kills that one too is rejected.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
import stat
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from selfcheck.core.printable import odd_name, printable
from selfcheck.core.stickfile import REPORT_CAP
from selfcheck.errors import NotFoundError, RuleError, SelfcheckError

MAX_FILE_BYTES = REPORT_CAP  # 16 MB: a 500-item report with seal and signature is 0.25 MB
MAX_ENTRIES = 100_000  # directory entries walked, of any kind
MAX_DEPTH = 64
MAX_TRUST_FILE = 1024 * 1024
POOL_MIN_FILES = 24  # below this, starting (spawned) workers costs about what they save on 2 cores
MAX_WORKERS = 8
REPORT_FORMAT = "selfcheck.report/1"

# What to do about each verification failure, appended to verify's reason (zh, en).
_HINTS: dict[str, tuple[str, str]] = {
    "not_signed": (
        "请学校创建签名密钥（keys init）后重新导出报告",
        "ask the school to create its key (keys init) and export again",
    ),
    "untrusted_signer": (
        "如该校更换过证书，请把新证书放入信任文件夹；否则不要采用",
        "if the school has a new certificate, put it in the trust folder; otherwise do not accept the file",
    ),
    "no_data": ("不是本系统导出的自查报告", "not a report exported by selfcheck"),
    "modified_after_signing": ("请学校重新导出报告", "ask the school to export the report again"),
    "digest_mismatch": ("请学校重新导出报告", "ask the school to export the report again"),
    "truncated": ("请重新拷贝该文件", "copy the file again"),
    "unreadable": ("请重新拷贝该文件", "copy the file again"),
}


class Cancelled(SelfcheckError):
    """The caller's cancel() said stop; nothing was written."""

    def __init__(self) -> None:
        super().__init__("已取消汇总", "the intake was cancelled")


@dataclass(frozen=True)
class ItemResult:
    """One checklist item as one report answered it."""

    section: str
    number: str
    id: str
    text: str
    type: str
    points: float
    answered: bool
    applicable: bool
    noncompliant: bool


@dataclass(frozen=True)
class Report:
    """An accepted report: verified, with the fields of its embedded data the summary uses."""

    path: str  # as shown: relative to the folder given (prefixed with its name when several were given)
    file: Path
    sha256: str
    school: str
    code: str
    checklist_id: str
    checklist_version: str
    checklist_title: str
    period: str
    status: str
    generated_at: dt.datetime
    generated_text: str
    document_id: str
    points: float
    max: float
    percent: float | None
    grade: str | None
    vetoed: bool
    problems_open: int
    problems_closed: int
    signer: str | None
    fingerprint: str | None
    trusted: bool | None  # True: matched a trusted certificate; None: integrity only, no trust folder given
    items: tuple[ItemResult, ...]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.code, self.checklist_id, self.period)

    @property
    def verified_zh(self) -> str:
        if self.trusted:
            return "已验证（受信任证书）"
        return f"完整性已验证，未核对证书（指纹 {self.fingerprint}）"

    @property
    def verified_en(self) -> str:
        if self.trusted:
            return "verified (trusted certificate)"
        return f"integrity verified, certificate not checked (fingerprint {self.fingerprint})"


@dataclass(frozen=True)
class Rejected:
    path: str
    reason_zh: str
    reason_en: str
    code: str


@dataclass(frozen=True)
class HistoryEntry:
    report: Report
    state: Literal["current", "superseded", "copy", "conflict"]
    by: str | None  # superseded: the current report's path; copy: the path of the identical file verified
    # conflict (no trust folder): reports for one school, checklist and period signed by different certificates;
    # none is taken, since without trusted certificates nothing says which is the school's


@dataclass
class Intake:
    roots: list[str]
    trust_dir: str | None
    trusted_certificates: int
    files: int  # .pdf files found (rejected ones included)
    current: list[Report] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    workers: int = 1
    seconds: float = 0.0
    conflicts: int = 0  # groups left undecided: different unchecked signers for one school, checklist and period

    @property
    def schools(self) -> int:
        return len({r.code for r in self.current})


# ---- worker side: verify one file's bytes and read its data --------------------------------------------------


@dataclass(frozen=True)
class _Outcome:
    report: Report | None
    code: str
    reason_zh: str
    reason_en: str


_WORKER_TRUSTED: tuple[bytes, ...] = ()


def _init_worker(trusted: tuple[bytes, ...]) -> None:
    global _WORKER_TRUSTED
    _WORKER_TRUSTED = trusted
    import selfcheck.reports.verify  # noqa: F401 — pay pyHanko's import while the main process reads files


def _check_in_worker(raw: bytes) -> _Outcome:
    return _examine(raw, _WORKER_TRUSTED)


def _examine(raw: bytes, trusted: tuple[bytes, ...]) -> _Outcome:
    from selfcheck.reports.verify import verify

    result = verify(raw, trusted)
    if not result.ok or result.data is None:
        zh, en = result.reason_zh, result.reason_en
        if result.code in _HINTS:
            hint_zh, hint_en = _HINTS[result.code]
            zh, en = f"{zh}；{hint_zh}", f"{en}; {hint_en}"
        return _Outcome(None, result.code or "rejected", zh, en)
    from selfcheck.reports.schema import ReportData  # the one report schema; verify() checked it strictly already

    try:
        data = ReportData.model_validate(result.data)
        generated = dt.datetime.fromisoformat(data.generated_at)
    except ValidationError as e:
        first: dict[str, Any] = dict(e.errors()[0])
    except ValueError as e:  # a generated_at that is not an ISO time
        first = {"loc": ("generated_at",), "msg": str(e)}
    else:
        first = {}
    if first:
        where = ".".join(str(p) for p in first["loc"]) or "(根 / root)"
        return _Outcome(
            None,
            "bad_data",
            f"报告数据缺少字段或格式不符（{where}）；请学校用最新版本重新导出",
            f"the report data lacks a field or has a wrong one ({where}: {first['msg']}); ask the school to export again",
        )
    if data.format != REPORT_FORMAT:
        return _Outcome(
            None,
            "bad_format",
            f"报告格式 {data.format[:40]} 不受支持；请更新 selfcheck",
            f"report format {data.format[:40]!r} is not supported; update selfcheck",
        )
    # NFKC, as the policy compares them: "２０２６年秋季学期" and "2026年秋季学期" are one period
    code = unicodedata.normalize("NFKC", data.school.code).strip()
    period = unicodedata.normalize("NFKC", data.inspection.period).strip()
    if not code or not period:
        return _Outcome(None, "bad_data", "报告数据缺少学校代码或期次", "the report data lacks the school code or the period")
    at = generated if generated.tzinfo else generated.replace(tzinfo=dt.UTC)
    items = tuple(
        ItemResult(
            section=section.title,
            number=item.number,
            id=item.id,
            text=item.text,
            type=item.type,
            points=item.points,
            answered=item.answered,
            applicable=item.applicable,
            noncompliant=item.answered
            and item.applicable
            and (item.vetoed or item.earned < item.points - 1e-9 or bool(item.problems)),
        )
        for section in data.sections
        for item in section.items
    )
    closed = sum(1 for p in data.problems if p.status == "closed")
    report = Report(
        path="",
        file=Path(),
        sha256="",
        school=data.school.name.strip(),
        code=code,
        checklist_id=data.template.id,
        checklist_version=data.template.version,
        checklist_title=data.template.title,
        period=period,
        status=data.inspection.status,
        generated_at=at,
        generated_text=generated.isoformat(),
        document_id=data.document_id,
        points=data.score.points,
        max=data.score.max,
        percent=data.score.percent,
        grade=data.score.grade,
        vetoed=bool(data.score.vetoed_by),
        problems_open=len(data.problems) - closed,
        problems_closed=closed,
        signer=result.signer,
        fingerprint=result.fingerprint,
        trusted=result.trusted,
        items=items,
    )
    return _Outcome(report, result.code, result.reason_zh, result.reason_en)


# ---- trusted certificates -----------------------------------------------------------------------------------

_PEM_CERT = re.compile(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.DOTALL)


def load_trusted(folder: str | Path) -> list[bytes]:
    """Every certificate in the ``*.pem`` / ``*.crt`` files of `folder` (not its subfolders), PEM or DER, one
    certificate or several per file. A file that holds none is an error naming it; so is a folder with none."""
    from selfcheck.reports.identity import load_cert

    root = Path(folder)
    if not root.is_dir():
        raise NotFoundError(
            f"信任文件夹 {root} 不存在或不是文件夹；请指定存放各校证书（.pem）的文件夹",
            f"the trust folder {root} does not exist or is not a folder; name the folder holding the schools' .pem files",
        )
    certs: list[bytes] = []
    names = sorted(p for p in root.iterdir() if p.suffix.lower() in (".pem", ".crt"))
    for path in names:
        if path.is_symlink() or not path.is_file():
            raise RuleError(
                f"信任文件夹中的 {path.name} 不是普通文件（链接或文件夹）；请放入证书文件本身",
                f"{path} in the trust folder is not a regular file (a link or a folder); put the certificate file itself there",
            )
        size = path.stat().st_size
        if size > MAX_TRUST_FILE:
            raise RuleError(
                f"信任文件夹中的 {path.name} 太大（{size // 1024} KB），不是证书；请删除或换成学校导出的证书",
                f"{path} in the trust folder is too large ({size // 1024} KB) to be a certificate; remove or replace it",
            )
        raw = path.read_bytes()
        blocks = _PEM_CERT.findall(raw) if b"-----BEGIN" in raw else [raw]
        problem = None
        if not blocks:
            problem = (
                "其中没有证书（如是私钥，切勿外传）" if b"PRIVATE KEY" in raw else "其中没有 PEM 证书",
                "it holds no certificate (if it is a private key, never hand it out)"
                if b"PRIVATE KEY" in raw
                else "it holds no PEM certificate",
            )
        for block in blocks:
            try:
                load_cert(block)
            except SelfcheckError:
                problem = ("其内容不是有效的 X.509 证书", "its content is not a valid X.509 certificate")
                break
        if problem:
            raise RuleError(
                f"信任文件夹中的 {path.name} 无法使用：{problem[0]}；请删除或换成学校用 keys export-cert 导出的证书",
                f"{path} in the trust folder cannot be used: {problem[1]}; remove it or replace it with the certificate "
                "the school exported (keys export-cert)",
            )
        certs.extend(blocks)
    if not certs:
        raise RuleError(
            f"信任文件夹 {root} 中没有证书（*.pem 或 *.crt）；请放入各校证书，或不指定 --trust 只检查完整性",
            f"the trust folder {root} holds no certificate (*.pem or *.crt); add the schools' certificates, or leave "
            "out --trust to check integrity only",
        )
    return certs


# ---- finding the files --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    file: Path
    shown: str


def _is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf")


def _walk(paths: Sequence[str | Path]) -> tuple[list[_Found], list[Rejected]]:
    roots = [Path(p) for p in paths]
    several = len(roots) > 1
    found: list[_Found] = []
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
        elif st.st_size > MAX_FILE_BYTES:
            rejected.append(
                Rejected(
                    shown,
                    f"文件太大（{st.st_size / 2**20:.0f} MB，上限 {MAX_FILE_BYTES // 2**20} MB），不是自查报告，未读取",
                    f"too large ({st.st_size / 2**20:.0f} MB, limit {MAX_FILE_BYTES // 2**20} MB) to be a report; not read",
                    "too_large",
                )
            )
        else:
            found.append(_Found(path, shown))

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
                if entries > MAX_ENTRIES:
                    raise RuleError(
                        f"{root} 下的文件超过 {MAX_ENTRIES} 个，已停止查找；请选择存放报告的文件夹",
                        f"more than {MAX_ENTRIES} files under {root}; the walk stopped: choose the folder that holds the reports",
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
                        if depth + 1 > MAX_DEPTH:
                            rejected.append(
                                Rejected(
                                    shown + "/",
                                    f"文件夹层级超过 {MAX_DEPTH} 层，未进入",
                                    f"folders nested deeper than {MAX_DEPTH} levels; not entered",
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


# ---- the intake ---------------------------------------------------------------------------------------------


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _read(found: _Found) -> bytes | Rejected:
    try:
        with found.file.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        return Rejected(
            found.shown,
            f"无法读取（{e.strerror}）；请重新拷贝该文件",
            f"cannot be read ({e.strerror}); copy it again",
            "unreadable",
        )
    if len(raw) > MAX_FILE_BYTES:
        return Rejected(
            found.shown, "文件在读取时变大，超过上限，未检查", "the file grew past the size limit while being read", "too_large"
        )
    return raw


def collect(
    paths: Sequence[str | Path],
    trusted_dir: str | Path | None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> Intake:
    """Find, verify and sort every report under `paths`; see the module doc. `workers`: None decides from the
    number of files and CPUs, 1 verifies in this process. Raises SelfcheckError (bad paths, bad trust folder,
    too many files) or Cancelled; a bad file is never an exception, only a Rejected entry."""
    start = time.perf_counter()
    if not paths:
        raise RuleError("请指定要汇总的文件或文件夹（如 U盘）", "name the files or folders to collect (e.g. the USB stick)")
    trusted = tuple(load_trusted(trusted_dir)) if trusted_dir is not None else ()
    found, rejected = _walk(paths)
    intake = Intake(
        roots=[str(p) for p in paths],
        trust_dir=str(trusted_dir) if trusted_dir is not None else None,
        trusted_certificates=len(trusted),
        files=len(found) + len(rejected),
    )
    if not found and not rejected:
        raise NotFoundError(
            f"在 {'、'.join(intake.roots)} 下没有找到 PDF 文件；请检查路径",
            f"no PDF file under {', '.join(intake.roots)}; check the path",
        )
    total = len(found)
    notify = progress or (lambda _done, _total: None)
    stop = cancel or (lambda: False)
    notify(0, total)

    n_workers = workers if workers is not None else (min(_cpus(), MAX_WORKERS) if len(found) >= POOL_MIN_FILES else 1)
    if getattr(sys, "frozen", False) and workers is None:
        # a frozen app's spawned worker starts the app's own entry point, which must call
        # multiprocessing.freeze_support() first; until the entry scripts do, stay in-process
        n_workers = 1
    outcomes: dict[int, _Outcome | Rejected] = {}
    shas: dict[int, str] = {}
    first_of: dict[str, int] = {}  # sha256 -> index of the file verified for it
    copies: dict[int, int] = {}  # index -> index of the identical file verified
    done = 0

    def finished(index: int, outcome: _Outcome | Rejected) -> None:
        nonlocal done
        outcomes[index] = outcome
        done += 1
        notify(done, total)

    def prepare(index: int) -> bytes | None:
        """Read and hash one file: its bytes when they need verifying, None when settled here."""
        if stop():
            raise Cancelled
        raw = _read(found[index])
        if isinstance(raw, Rejected):
            finished(index, raw)
            return None
        sha = hashlib.sha256(raw).hexdigest()
        shas[index] = sha
        if sha in first_of:
            copies[index] = first_of[sha]
            finished(index, _Outcome(None, "copy", "", ""))
            return None
        first_of[sha] = index
        return raw

    pending = list(range(total))
    if n_workers > 1:
        pending = _run_pool(pending, prepare, finished, trusted, n_workers, stop)
        if not pending:
            intake.workers = n_workers
    for index in pending:  # in-process: few files, one CPU, or what a broken pool left
        raw = prepare(index)
        if raw is not None:
            finished(index, _examine(raw, trusted))

    _sort_out(intake, found, outcomes, shas, copies, rejected)
    intake.seconds = time.perf_counter() - start
    return intake


def _spawn_pool(n_workers: int, trusted: tuple[bytes, ...]) -> ProcessPoolExecutor:
    import multiprocessing
    import threading

    # fork starts a worker at once with pyHanko already imported, but is only safe in a process with one thread
    # (the CLI) and on Linux; elsewhere (the GUI's worker thread, Windows, macOS) spawn, which imports afresh
    single = threading.active_count() == 1 and sys.platform.startswith("linux")
    method = "fork" if single and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(
        max_workers=n_workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_init_worker,
        initargs=(trusted,),
    )


def _run_pool(
    indexes: list[int],
    prepare: Callable[[int], bytes | None],
    finished: Callable[[int, _Outcome | Rejected], None],
    trusted: tuple[bytes, ...],
    n_workers: int,
    stop: Callable[[], bool],
) -> list[int]:
    """Verify in worker processes; return the indexes left to verify in-process: all of them when no worker could
    start, none otherwise.

    When a worker dies (killed, out of memory: perhaps a file crafted for it), each file then in flight is checked
    again alone in a fresh worker, so one such file is rejected without taking the others, or the caller, with it;
    the rest go on in a new pool. A pool that breaks before any file came back could not start at all: everything
    left is verified in-process."""
    from concurrent.futures.process import BrokenProcessPool

    position = 0
    worked = False
    while position < len(indexes):
        in_flight: dict[Future[_Outcome], tuple[int, bytes]] = {}
        limit = n_workers * 4  # bounded: a stick of big files is never all in memory at once
        try:
            pool = _spawn_pool(n_workers, trusted)
        except (OSError, ValueError, NotImplementedError):
            return indexes[position:]
        try:
            while position < len(indexes):
                index = indexes[position]
                raw = prepare(index)
                position += 1
                if raw is not None:
                    in_flight[pool.submit(_check_in_worker, raw)] = (index, raw)
                worked |= _drain(in_flight, finished, block=False)
                while len(in_flight) >= limit:
                    if stop():
                        raise Cancelled
                    worked |= _drain(in_flight, finished, block=True)
            while in_flight:
                if stop():
                    raise Cancelled
                worked |= _drain(in_flight, finished, block=True)
        except (BrokenProcessPool, OSError):
            if not worked:
                for index, raw in in_flight.values():
                    finished(index, _examine(raw, trusted))
                return indexes[position:]
            _one_by_one(list(in_flight.values()), trusted, finished)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return []


def _drain(
    in_flight: dict[Future[_Outcome], tuple[int, bytes]],
    finished: Callable[[int, _Outcome | Rejected], None],
    *,
    block: bool,
) -> bool:
    """Hand on the results that are ready (waiting a moment for one if `block`); True if any came back."""
    if not in_flight:
        return False
    ready, _ = wait(list(in_flight), timeout=0.2 if block else 0, return_when=FIRST_COMPLETED)
    for future in ready:
        outcome = future.result()  # raises BrokenProcessPool when a worker died
        index, _raw = in_flight.pop(future)
        finished(index, outcome)
    return bool(ready)


def _one_by_one(
    suspects: list[tuple[int, bytes]], trusted: tuple[bytes, ...], finished: Callable[[int, _Outcome | Rejected], None]
) -> None:
    """Verify files one at a time in a worker of their own: a file that kills it is rejected, and only that file."""
    from concurrent.futures.process import BrokenProcessPool

    one: ProcessPoolExecutor | None = None
    try:
        for index, raw in suspects:
            one = one or _spawn_pool(1, trusted)
            try:
                outcome = one.submit(_check_in_worker, raw).result()
            except (BrokenProcessPool, OSError):
                one.shutdown(wait=True)
                one = None
                outcome = _Outcome(
                    None,
                    "checker_died",
                    "检查该文件时检查进程异常退出（文件可能是恶意构造的）；不要采用",
                    "the checking process died on this file (it may be crafted to do so); do not accept it",
                )
            finished(index, outcome)
    finally:
        if one is not None:
            one.shutdown(wait=True)


def _sort_out(
    intake: Intake,
    found: list[_Found],
    outcomes: dict[int, _Outcome | Rejected],
    shas: dict[int, str],
    copies: dict[int, int],
    walk_rejected: list[Rejected],
) -> None:
    accepted: dict[int, Report] = {}
    rejected: list[Rejected] = list(walk_rejected)
    for index, outcome in sorted(outcomes.items()):
        if index in copies:
            continue
        if isinstance(outcome, Rejected):
            rejected.append(outcome)
        elif outcome.report is None:
            rejected.append(Rejected(found[index].shown, outcome.reason_zh, outcome.reason_en, outcome.code))
        else:
            accepted[index] = dataclasses.replace(
                outcome.report, path=found[index].shown, file=found[index].file, sha256=shas[index]
            )
    history: list[HistoryEntry] = []
    for index, original in sorted(copies.items()):
        shown = found[index].shown
        if original in accepted:
            copy = dataclasses.replace(accepted[original], path=shown, file=found[index].file)
            history.append(HistoryEntry(copy, "copy", accepted[original].path))
        else:
            reason = next(r for r in rejected if r.path == found[original].shown)
            rejected.append(
                Rejected(
                    shown,
                    f"{reason.reason_zh}（与 {reason.path} 完全相同）",
                    f"{reason.reason_en} (identical to {reason.path})",
                    reason.code,
                )
            )
    groups: dict[tuple[str, str, str], list[Report]] = {}
    for report in accepted.values():
        groups.setdefault(report.key, []).append(report)
    current: list[Report] = []
    for reports in groups.values():
        reports.sort(key=lambda r: (r.generated_at, r.path))
        newest = reports[-1]
        signers = {r.fingerprint for r in reports}
        if len(signers) > 1 and not all(r.trusted for r in reports):
            # never let an unchecked signer supersede another: a forger's newer file would replace the school's
            history.extend(HistoryEntry(r, "conflict", None) for r in reports)
            intake.conflicts += 1
            continue
        current.append(newest)
        if len(reports) > 1:
            history.append(HistoryEntry(newest, "current", None))
            history.extend(HistoryEntry(r, "superseded", newest.path) for r in reports[:-1])
    current.sort(key=_order)
    history.sort(key=lambda h: (_order(h.report), h.state != "current", h.report.path))
    intake.current = current
    intake.history = history
    intake.rejected = sorted(rejected, key=lambda r: r.path)


def _order(r: Report) -> tuple[str, str, str, str, str]:
    return (r.code, r.checklist_id, r.checklist_version, r.period, r.school)


def checklists(reports: Iterable[Report]) -> dict[tuple[str, str], list[Report]]:
    """The reports by (checklist id, version), in id and version order."""
    out: dict[tuple[str, str], list[Report]] = {}
    for r in sorted(reports, key=lambda r: (r.checklist_id, r.checklist_version)):
        out.setdefault((r.checklist_id, r.checklist_version), []).append(r)
    return out
