"""Qt user interface: views over models, talking to services only, never blocking the GUI thread."""
