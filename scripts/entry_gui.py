"""Frozen entry point of the desktop app: `selfcheck` (`selfcheck.exe`, windowed, no console on Windows)."""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    # First, before anything else runs: a worker process of the bureau intake's pool (selfcheck/exchange/collect.py)
    # is this same executable started again; freeze_support() turns it into the worker and never returns there.
    # Importing the app (Qt) only afterwards keeps such a worker from loading what it does not need.
    multiprocessing.freeze_support()

    from selfcheck.gui.app import main

    sys.exit(main())
