"""Frozen entry point of the command line: `selfcheck-cli` (`selfcheck-cli.exe`, a console program)."""

from __future__ import annotations

import sys

from selfcheck.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
