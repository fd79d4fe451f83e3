"""The rules of the checklist format's fields, for pydantic: the vocabulary the annotations in `template` use
(Line, Text, Ident, ...) and the validators built from them the first time a checklist is read.

Kept apart so that working with templates (scoring, the app, reports) never loads pydantic; only reading a
checklist file, or dumping one, does.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Annotated, Any

if TYPE_CHECKING:
    from typing import TypeAlias

    from pydantic import TypeAdapter

    # What the type checker sees; the rules themselves are in _namespace().
    Key: TypeAlias = str
    Ident: TypeAlias = str
    Version: TypeAlias = str
    Line: TypeAlias = str
    Text: TypeAlias = str
    Points: TypeAlias = float

_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(text: str) -> str:
    """Text a report can print: no control characters but tab and line breaks (they vanish or break layouts)."""
    if _INVISIBLE.search(text) is None:  # the usual case, checked at C speed: every text of every load passes here
        return text
    for char in text:
        if (ord(char) < 32 and char not in "\t\n\r") or 0x7F <= ord(char) <= 0x9F or char in "\u2028\u2029":
            from pydantic_core import PydanticCustomError

            # Raw control characters are refused by the reader at their position; one that gets here was written
            # as an escape, so the message names it the way the file shows it.
            raise PydanticCustomError(
                "control_char", "contains a control character (written \\u{code}); remove it", {"code": f"{ord(char):04x}"}
            )
    return text


def _version_text(value: Any) -> Any:
    """`version: 2` is fine; `version: 1.10` is the number 1.1 by the time we see it, so it must be quoted."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError(
            "version_number",
            'version numbers with a dot must be quoted, e.g. version: "1.10" (unquoted, 1.10 reads as 1.1)',
        )
    return value


@functools.cache
def _namespace() -> dict[str, Any]:
    """What the annotations in `template` name, resolved when a validator is first built."""
    from pydantic import AfterValidator, BeforeValidator, Field

    from selfcheck.core import checklist

    return {
        **vars(checklist),
        "Field": Field,
        "Key": Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,32}$", description="选项键：字母、数字、_ 或 -")],
        "Ident": Annotated[
            str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", description="稳定标识：字母或数字开头，可含 _ . -")
        ],
        "Version": Annotated[
            str,
            Field(pattern=r"^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$", description="版本号，如 1、1.2 或 2026.1.0"),
            BeforeValidator(_version_text),
        ],
        "Line": Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_visible)],
        "Text": Annotated[str, Field(min_length=1, max_length=4000), AfterValidator(_visible)],
        "Points": Annotated[float, Field(ge=0, le=1000)],
    }


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def adapter(cls: type) -> TypeAdapter[Any]:
    """The validator and serializer of one of `template`'s classes (with everything it contains), built once."""
    built = _ADAPTERS.get(cls)
    if built is None:
        from pydantic import TypeAdapter

        built = TypeAdapter(cls)
        built.rebuild(force=True, _types_namespace=_namespace())
        _ADAPTERS[cls] = built
    return built
