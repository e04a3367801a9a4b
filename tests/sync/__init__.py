"""Sync engine tests: real PostgreSQL, real SQLite files, faults injected, seeded."""
