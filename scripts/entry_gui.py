"""Frozen entry point of the desktop app: `selfcheck` (`selfcheck.exe`, windowed, no console on Windows)."""

from __future__ import annotations

import sys

from selfcheck.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
