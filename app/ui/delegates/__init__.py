"""Item delegates: the editors of table cells."""
