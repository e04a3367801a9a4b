"""Persistence: SQLAlchemy 2.0 models shared by PostgreSQL and the SQLite cache, and engines."""
