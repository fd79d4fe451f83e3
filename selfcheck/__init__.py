"""selfcheck: offline school self-inspections, from checklist to signed report."""

__version__ = "0.1.0"
