"""Benchmarks: each figure measured beside its floor (the same work with the bare library) in one run."""
