"""Importing another system's history into the shared schema: seed systems and CSV files."""
