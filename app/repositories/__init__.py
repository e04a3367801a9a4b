"""Repositories: speak the domain, hide SQLAlchemy, translate driver errors into domain errors."""
