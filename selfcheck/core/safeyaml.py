"""Safe YAML/JSON loading for checklist files: plain data only, with the line and column of every value.

Why our own reader on top of libyaml's event stream rather than `yaml.safe_load`:
- aliases, anchors and tags are refused outright (alias bombs, `!!python/...`), not merely made safe;
- duplicate keys are an error (PyYAML silently keeps the last one);
- scalars follow the YAML 1.2 core schema, as JSON does, so `key: no` stays the string "no";
- we keep the position of every key and value, so a validation error can name FILE:LINE:COLUMN.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from selfcheck.errors import ChecklistError, Located

try:  # libyaml is an order of magnitude faster; fall back to the pure-Python parser where it is missing
    from yaml import CSafeLoader as _Loader

    _BYTE_POSITIONS = True  # libyaml reports reader errors at UTF-8 byte offsets
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    _BYTE_POSITIONS = False

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 500_000
MAX_SCALAR = 64 * 1024

Path = tuple[str | int, ...]
_DISCARD = "\x00discarded"  # pending key of a duplicate: its value is parsed (to find later errors) and dropped

# Characters YAML would silently turn into line breaks or spaces (NEL, LS, PS) and other invisible controls.
_HIDDEN = re.compile("[\x7f-\x9f\u2028\u2029]")
# JSON writes characters outside the BMP (𠮷 in names, emoji) as surrogate pairs, which libyaml refuses.
_SURROGATES = re.compile(r"(\\+)u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass
class Document:
    """The loaded data and where each part of it came from (1-based line and column)."""

    data: Any
    problems: list[Located] = field(default_factory=list)  # non-fatal: tags, anchors, duplicate keys
    value_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of `path`, or of its nearest ancestor that exists."""
        table = self.key_pos if key else self.value_pos
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.value_pos:
                return self.value_pos[p]
            p = p[:-1]
        return self.value_pos.get((), (1, 1))


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Building a large tree of fresh dicts and lists makes no cycles, yet each generation-0 threshold crossed
    sets the collector walking everything built so far: pausing it halves the time to load a big checklist."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _plain(value: str) -> Any:
    """YAML 1.2 core: null and booleans are resolved here. Numbers keep their source text, and the model's
    field type decides: `points: 10` becomes 10.0, while `id: 08` stays "08" and `version: 1.10` stays "1.10"
    (as numbers they would be 8 and 1.1). Text that is not a number where one is wanted gets a located error."""
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return value


def _clamp(text: str, line: int, col: int) -> tuple[int, int]:
    """An error "at the end of the file" after a last line with no newline belongs on that last line."""
    lines = text.splitlines() or [""]
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, col


def _err(file: str, line: int, col: int, zh: str, en: str, path: str = "") -> Located:
    return Located(file, line, col, path, zh, en)


def too_large(size: int, file: str) -> ChecklistError:
    return ChecklistError(
        [
            _err(
                file,
                1,
                1,
                f"文件过大（{size // 1024} KB），上限 {MAX_BYTES // 1024} KB；请确认选择的是检查表文件",
                f"file too large ({size // 1024} KB), the limit is {MAX_BYTES // 1024} KB; is this a checklist?",
            )
        ]
    )


def decode(raw: bytes, file: str) -> str:
    """UTF-8 only (a BOM is tolerated, as Windows Notepad writes one)."""
    if len(raw) > MAX_BYTES:
        raise too_large(len(raw), file)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ChecklistError(
            [
                _err(
                    file,
                    1,
                    1,
                    "文件是 UTF-16 编码；请在编辑器中“另存为 UTF-8”后再导入",
                    "file is UTF-16; save it as UTF-8 and import again",
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ChecklistError(
            [
                _err(
                    file,
                    line,
                    col,
                    "文件不是 UTF-8 编码（可能是 GBK）；请在编辑器中“另存为 UTF-8”后再导入",
                    "file is not UTF-8 (GBK?); save it as UTF-8 and import again",
                )
            ]
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ChecklistError([_err(file, line, 1, "文件含有 NUL 字符，不是文本文件", "file contains NUL bytes; not a text file")])
    hidden = []
    for match in _HIDDEN.finditer(text):
        pos = match.start()
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        code = f"U+{ord(match.group()):04X}"
        hidden.append(
            _err(file, line, col, f"含有不可见的控制字符 {code}，请删除它", f"invisible control character {code}; remove it")
        )
        if len(hidden) >= 20:
            break
    if hidden:
        raise ChecklistError(hidden)
    if "\\u" in text:
        text = _SURROGATES.sub(_join_surrogates, text)
    return text


def _join_surrogates(match: re.Match[str]) -> str:
    slashes = match.group(1)
    if len(slashes) % 2 == 0:  # the backslash is itself escaped: not an escape sequence
        return match.group(0)
    char = (int(match.group(2), 16) - 0xD800) * 0x400 + (int(match.group(3), 16) - 0xDC00) + 0x10000
    return slashes[:-1] + chr(char)


def flow_too_deep(text: str, limit: int = MAX_DEPTH) -> tuple[int, int] | None:
    """(line, column) of the first flow collection ([ or {) opened more than `limit` deep, or None.

    Checked before the parser sees the text, so the reader's own depth limit decides, in our words, whatever
    the YAML library's version: libyaml's scanner reads a run of `[` far ahead of the events it hands out, and
    PyYAML 6.0.4 added a nesting limit of its own that it raises there, with its own message. A bracket counts
    where YAML would open a collection with it: at the start of a value (after indentation, `- `, `? `, `: `)
    or anywhere inside a flow collection; quoted text and comments are skipped.
    """
    depth = 0
    line, line_start = 1, 0
    at_token = True  # the next non-blank character starts a value (a quote there opens a quoted scalar)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line, line_start, at_token = line + 1, i + 1, True
        elif c in " \t\r":
            pass
        elif c == "#" and (i == line_start or text[i - 1] in " \t"):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif at_token and c in "\"'":
            i = _quoted_end(text, i)
            at_token = False
            continue
        elif c in "[{" and (at_token or depth):
            depth += 1
            if depth > limit:
                return line, i - line_start + 1
            at_token = True
        elif c in "]}" and depth:
            depth -= 1
            at_token = False
        elif (c == "," and depth) or (c in "-?:" and i + 1 < n and text[i + 1] in " \t\r\n"):
            at_token = True
        else:
            at_token = False
        i += 1
    return None


def _quoted_end(text: str, start: int) -> int:
    """Index just past the quoted scalar that opens at `start` ('' doubles a single quote; backslash escapes in
    double quotes). An unclosed quote runs to the end: the parser will name it."""
    quote = text[start]
    i = start + 1
    while True:
        j = text.find(quote, i)
        if j < 0:
            return len(text)
        if quote == '"':
            slashes = 0
            while text[j - 1 - slashes] == "\\":
                slashes += 1
            if slashes % 2:
                i = j + 1
                continue
            return j + 1
        if text.startswith("''", j):
            i = j + 2
            continue
        return j + 1


_COLON_IN_TEXT = re.compile(r"""^\s*(?:-\s+)?[^\s#'"\[{][^:]*:\s+[^\s'"|>\[{&*!].*?:(?:\s|$)""")


def explain_syntax_error(text: str, line: int, col: int) -> tuple[str, str] | None:
    """(zh, en): what a person did wrong at a YAML syntax error, judged from the text itself (never from the
    library's message, whose words change between releases), or None when it is none of the usual mistakes."""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    before = lines[line - 2] if 1 < line <= len(lines) + 1 else ""
    indent = here[: len(here) - len(here.lstrip())]
    if "\t" in indent or "\t" in before[: len(before) - len(before.lstrip())]:
        return "用了 Tab 缩进；YAML 只能用空格缩进，请把 Tab 换成空格", "indented with a Tab: YAML indents with spaces only"
    if _COLON_IN_TEXT.match(here):
        return (
            "文字里有英文冒号加空格（“: ”），被当成了新的键；请把整段文字用引号括起来，或改用中文冒号“：”",
            "the text holds a colon and a space (': '), read as a new key: put the whole text in quotes, "
            "or use the Chinese colon '：'",
        )
    offset = sum(len(x) + 1 for x in lines[: line - 1]) + col - 1
    char = text[offset] if 0 <= offset < len(text) else ""
    if char and char in "\"'":
        if _quoted_end(text, offset) >= len(text):
            return "这里开始的引号没有结束（缺少配对的引号）", "the quote that opens here is never closed"
        previous = text[:offset].rstrip()
        if previous and previous[-1] not in ",{[:-?":
            return "上一项后面缺少逗号", "a comma is missing after the previous entry"
    if char and char in "[{":
        return "这里开始的括号没有结束（或缺少逗号）", "the bracket that opens here is never closed (or a comma is missing)"
    stripped = here.strip()
    if stripped and not stripped.startswith(("-", "#")) and ":" not in stripped:
        return "这一行缺少冒号（应写成“键: 值”）", "this line has no colon (write it as 'key: value')"
    return None


def load(raw: bytes, file: str) -> Document:
    """Parse YAML (or JSON, which is read the same way) into plain dicts, lists and scalars."""
    text = decode(raw, file)
    deep = flow_too_deep(text)
    if deep is not None:
        raise ChecklistError(
            [_err(file, *deep, f"嵌套过深（超过 {MAX_DEPTH} 层）", f"nested too deeply (over {MAX_DEPTH} levels)")]
        )
    problems: list[Located] = []
    doc = Document(None)
    # Stack entries: [container, path, pending_key, is_mapping, seen_keys]
    stack: list[list[Any]] = []
    nodes = 0
    documents = 0
    fatal = False

    def attach(value: Any, path: Path, mark: Any) -> None:
        pos = (mark.line + 1, mark.column + 1)
        doc.value_pos[path] = pos
        if not stack:
            doc.data = value
            return
        top = stack[-1]
        if top[3]:
            if top[2] != _DISCARD:
                top[0][top[2]] = value
            top[2] = None
        else:
            top[0].append(value)

    def child_path() -> Path | None:
        """Path for the next value; None if this scalar is a mapping key (recorded instead)."""
        if not stack:
            return ()
        top = stack[-1]
        parent: Path = top[1]
        if top[3]:
            if top[2] is None:
                return None
            return parent + (top[2],)
        return parent + (len(top[0]),)

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            mark: Any = event.start_mark
            line, col = mark.line + 1, mark.column + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.append(
                        _err(
                            file,
                            line,
                            col,
                            "文件只能包含一个 YAML 文档（去掉多余的 ---）",
                            "only one YAML document is allowed (remove the extra ---)",
                        )
                    )
                    fatal = True
                    break
                continue
            nodes += 1
            if nodes > MAX_NODES:
                problems.append(
                    _err(file, line, col, f"内容过多（超过 {MAX_NODES} 个节点）", f"too many nodes (over {MAX_NODES})")
                )
                fatal = True
                break
            if isinstance(event, yaml.AliasEvent):
                problems.append(
                    _err(
                        file,
                        line,
                        col,
                        "不允许使用 YAML 别名（*name）；请直接写出内容",
                        "YAML aliases (*name) are not allowed; write the content out",
                    )
                )
                fatal = True
                break  # the alias leaves the structure incomplete; stop here
            anchor = getattr(event, "anchor", None)
            tag = getattr(event, "tag", None)
            if anchor is not None:
                problems.append(
                    _err(file, line, col, f"不允许使用 YAML 锚点（&{anchor}）", f"YAML anchors (&{anchor}) are not allowed")
                )
            if tag is not None:
                problems.append(_err(file, line, col, f"不允许使用 YAML 标签（{tag}）", f"YAML tags ({tag}) are not allowed"))
            if isinstance(event, yaml.ScalarEvent):
                value: Any
                value = _plain(event.value) if not event.style and event.implicit[0] else event.value  # libyaml: '' ; pure: None
                if isinstance(value, str) and len(value) > MAX_SCALAR:
                    problems.append(
                        _err(
                            file,
                            line,
                            col,
                            f"文字过长（超过 {MAX_SCALAR} 字符）",
                            f"text too long (over {MAX_SCALAR} characters)",
                        )
                    )
                    value = value[:MAX_SCALAR]
                path = child_path()
                if path is None:  # a mapping key
                    top = stack[-1]
                    key = value if isinstance(value, str) else str(value)
                    if key in top[4]:
                        first = top[4][key]
                        problems.append(
                            _err(
                                file,
                                line,
                                col,
                                f"重复的键“{key}”（第一次出现在第 {first[0]} 行）",
                                f"duplicate key '{key}' (first at line {first[0]})",
                                ".".join(str(p) for p in top[1] + (key,)),
                            )
                        )
                        top[2] = _DISCARD
                        continue
                    top[4][key] = (line, col)
                    top[2] = key
                    doc.key_pos[top[1] + (key,)] = (line, col)
                    continue
                attach(value, path, mark)
                continue
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                path = child_path()
                if path is None:
                    problems.append(
                        _err(file, line, col, "键必须是文字，不能是列表或映射", "keys must be plain text, not lists or mappings")
                    )
                    fatal = True
                    break
                if len(stack) >= MAX_DEPTH:
                    problems.append(
                        _err(file, line, col, f"嵌套过深（超过 {MAX_DEPTH} 层）", f"nested too deeply (over {MAX_DEPTH} levels)")
                    )
                    fatal = True
                    break
                is_map = isinstance(event, yaml.MappingStartEvent)
                container: Any = {} if is_map else []
                attach(container, path, mark)
                stack.append([container, path, None, is_map, {}])
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
    except yaml.MarkedYAMLError as exc:
        m = exc.problem_mark or exc.context_mark
        context = exc.context or ""
        opened = exc.context_mark
        if opened is not None and m is not None and ("flow" in context or "quoted" in context):
            # An unclosed [ { or quote: libyaml stops where it ran out of patience (often the end of the file).
            # Point at the opening when the stop is at the end or on the very next line; otherwise the stop
            # is where the mistake is (a missing comma deep in a JSON object opened on line 1).
            at_end = m.index >= len(text.rstrip())
            if at_end or m.line - opened.line <= 1:
                m = opened
        line, col = (m.line + 1, m.column + 1) if m else (1, 1)
        line, col = _clamp(text, line, col)
        what = exc.problem or exc.context or "syntax error"
        if context and m is exc.context_mark:
            what = f"{what} ({context})"
        fatal = True
        ours = explain_syntax_error(text, line, col)
        if ours is None:
            problems.append(_err(file, line, col, f"YAML 语法错误：{what}", f"YAML syntax error: {what}"))
        else:  # our words first, whatever the YAML library's version says; its own words kept as a detail
            zh, en = f"YAML 语法错误：{ours[0]}（{what}）", f"YAML syntax error: {ours[1]} ({what})"
            problems.append(_err(file, line, col, zh, en))
    except yaml.YAMLError as exc:  # reader errors (control characters) carry a position too
        pos = getattr(exc, "position", None)
        line, col = 1, 1
        if isinstance(pos, int):
            # libyaml counts UTF-8 bytes, the pure-Python reader counts characters
            before = text.encode("utf-8")[:pos].decode("utf-8", "replace") if _BYTE_POSITIONS else text[:pos]
            line = before.count("\n") + 1
            col = len(before) - (before.rfind("\n") + 1) + 1
        char = getattr(exc, "character", None)
        code = (
            f"U+{ord(char):04X}"
            if isinstance(char, str) and len(char) == 1
            else (f"U+{char:04X}" if isinstance(char, int) else "")
        )
        fatal = True
        problems.append(
            _err(file, line, col, f"含有不允许的控制字符 {code}，请删除它", f"control character {code} is not allowed; remove it")
        )
    except RecursionError:  # pragma: no cover - the depth limit comes first
        problems.append(_err(file, 1, 1, "嵌套过深", "nested too deeply"))
        fatal = True
    if fatal or stack:  # parsing stopped early: the structure is incomplete
        raise ChecklistError(problems)
    if documents == 0 or doc.data is None:
        raise ChecklistError(problems + [_err(file, 1, 1, "文件是空的", "file is empty")])
    doc.problems = problems
    return doc
