"""Pure domain: enumerations, errors and rules. Imports nothing else of ``app`` and does no I/O."""
