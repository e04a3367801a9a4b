"""Use cases: one unit of work each; return frozen DTOs; raise domain errors."""
