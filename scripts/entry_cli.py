"""Frozen entry point of the command line: `selfcheck-cli` (`selfcheck-cli.exe`, a console program)."""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    # First, before anything else runs: a worker process of the bureau intake's pool (selfcheck/exchange/collect.py)
    # is this same executable started again; freeze_support() turns it into the worker and never returns there.
    multiprocessing.freeze_support()

    from selfcheck.cli.main import main

    sys.exit(main())
