"""The sync engine: outbox, change log, push and pull, conflicts (DESIGN §3). Never imports Qt."""
