"""argparse in Chinese (with the English kept beside it): the help's headings, the usage line and the usage errors.

argparse writes its own words through gettext; rather than install a catalogue (or swap argparse's `_` for the
whole process, pytest's options included), the parser here names its headings itself and translates argparse's
error messages, whose English templates are stable, by pattern. An error it does not know stays in English.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

USAGE = "用法 / usage: "
HELP = "显示本帮助并退出 / show this help message and exit"
VERSION = "显示程序版本并退出 / show the version and exit"

# (English template as a pattern, Chinese); groups are carried over in order
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", "缺少必需的参数：{0}"),
    (r"invalid choice: (.*) \(choose from (.*)\)", "无效的选择 {0}（可选：{1}）"),
    (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
    (r"expected one argument", "需要一个值"),
    (r"expected at least one argument", "至少需要一个值"),
    (r"expected at most one argument", "最多只能有一个值"),
    (r"expected (\d+) arguments?", "需要 {0} 个值"),
    (r"ignored explicit argument (.*)", "多余的值 {0} 被忽略"),
    (r"invalid (\S+) value: (.*)", "无效的 {0} 值：{1}"),
    (r"ambiguous option: (\S+) could match (.*)", "有歧义的选项 {0}，可能是：{1}"),
    (r"not allowed with argument (.*)", "不能与参数 {0} 同时使用"),
    (r"one of the arguments (.*) is required", "参数 {0} 必须给出其中一个"),
)


def translate(message: str) -> str | None:
    """argparse's English error message in Chinese ("argument X: …" included); None for one it does not know
    (our own argument types already speak both languages)."""
    prefix = ""
    head = re.match(r"argument (.+?): (.*)", message, re.S)
    if head:
        prefix, message = f"参数 {head.group(1)}：", head.group(2)
    for pattern, zh in _MESSAGES:
        found = re.fullmatch(pattern, message, re.S)
        if found:
            return prefix + zh.format(*found.groups())
    if prefix and re.search("[\u4e00-\u9fff]", message):  # our own argument types speak both languages already
        return prefix + message
    return None


# The words of the command line being run: a command group none of them names is built as a shell (its own line in
# the top help, no subcommands), so one command does not pay for the fifty-odd parsers of all the others.
_NAMED: ContextVar[frozenset[str] | None] = ContextVar("named", default=None)


@contextmanager
def building_for(argv: Sequence[str]) -> Iterator[None]:
    """Within this block, Parser builds in full only the command groups that `argv` names (the others as shells:
    the top-level help needs only each group's own line, and a usage error names the group's choices), and
    argparse's gettext lookups, a search of the locale folders per call, are answered once per string."""
    named = _NAMED.set(frozenset(a for a in argv if not a.startswith("-")))
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = functools.cache(saved[0])  # type: ignore[attr-defined]
    argparse.ngettext = functools.cache(saved[1])  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
        _NAMED.reset(named)


class _Shell:
    """Stands for a parser, or a subparsers action, of a command group the command line does not name: every call
    is accepted and does nothing."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Subcommands whose parsers know whether the command line names them (see building_for)."""

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        parser = super().add_parser(name, **kwargs)
        named = _NAMED.get()
        parser._shell = named is not None and not ({name, *kwargs.get("aliases", ())} & named)
        return parser


class Formatter(argparse.HelpFormatter):
    """The usage line as 用法 / usage."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, help line and usage errors read in Chinese (the English beside them);
    usage errors name the command and exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)
        for group in self._action_groups:
            if group.title == "positional arguments":
                group.title = "位置参数 / positional arguments"
            elif group.title in ("options", "optional arguments"):
                group.title = "选项 / options"
        for action in self._actions:
            if action.option_strings == ["-h", "--help"]:  # argparse's own help action
                action.help = HELP

    def add_subparsers(self, **kwargs: Any) -> Any:
        if getattr(self, "_shell", False):  # a group the command line does not name: its subcommands are not built
            return _Shell()
        kwargs.setdefault("action", _Commands)
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        zh = translate(message)
        if zh is None:
            self.exit(2, f"{self.prog}: 用法错误 / usage error: {message}\n")
        if " / " in zh:  # already bilingual (our own argument types): one line
            self.exit(2, f"{self.prog}: 用法错误 / usage error: {zh}\n")
        self.exit(2, f"{self.prog}: 用法错误：{zh}\n{self.prog}: usage error: {message}\n")
