"""Benchmarks (`make bench`): each prints what it measured beside its anchor, as a ratio."""
