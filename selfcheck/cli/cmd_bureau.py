"""CLI commands: bureau (registered into the parser by `register`; kept light: argparse only at import)."""

from __future__ import annotations

import argparse
from typing import Any


def register(groups: dict[str, Any]) -> None:
    """Add this module's subcommands; `groups` maps "top", "template", "inspection", ... to subparser actions."""
    _ = (groups, argparse)
