"""Benchmarks: they print figures against DESIGN §6 targets; they never fail on timings."""
