"""Allow `python -m selfcheck`."""

from selfcheck.cli.main import main

raise SystemExit(main())
