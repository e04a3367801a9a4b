"""Infrastructure adapters: clock, credentials, connectivity."""
