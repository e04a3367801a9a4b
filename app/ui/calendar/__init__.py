"""The session calendar's grids: week and day time grids, the month grid, and their layout."""
