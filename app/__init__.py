"""Rollbook: staff desktop application for education programs, local-first over PostgreSQL."""

__version__ = "0.1.0"
