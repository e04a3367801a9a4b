"""make-up links: a make-up session and the missed sessions it makes up, synced

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-12

A link names a make-up session (its series and original local date) and one missed session of
the same class; a student absent at the missed session who attends the make-up has the absence
counted as made up. Unlinking is a tombstone.

PostgreSQL: row-level security forced; the staff of the facility read and write its links (as
they change its schedule: instructors record substitutes and schedule make-ups). The change
log's statement triggers of 0007, and 0009's audit and stamp triggers. Privileges are granted
by ``server_admin.init_server`` (``TABLE_GRANTS``). SQLite (the workstation cache): the outbox
triggers of 0004, with the row before and after.
"""

# Every SQL text below is assembled from this module's own constants; no input reaches them.
# ruff: noqa: S608

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TABLE = "makeup_links"
_SCOPE = "facility_id = ANY ((SELECT public.rollbook_scope())::uuid[])"
RLS_TABLES = (TABLE,)
POLICIES: dict[str, tuple[tuple[str, str, str], ...]] = {TABLE: (("facility_rows", "ALL", _SCOPE),)}
_INDEXES = {
    "ix_makeup_links_facility_id_makeup_date": ["facility_id", "makeup_date"],
    "ix_makeup_links_makeup_event_id": ["makeup_event_id"],
    "ix_makeup_links_missed_event_id": ["missed_event_id"],
}

_STATEMENT_TRIGGERS = {  # as in 0007
    "insert": "AFTER INSERT ON public.{t} REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON public.{t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON public.{t} REFERENCING OLD TABLE AS old_rows",
}


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("facility_id", sa.Uuid(), nullable=False),
        sa.Column("makeup_event_id", sa.Uuid(), nullable=False),
        sa.Column("makeup_date", sa.Date(), nullable=False),
        sa.Column("missed_event_id", sa.Uuid(), nullable=False),
        sa.Column("missed_date", sa.Date(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.Column("created_by", sa.String(length=63), nullable=True),
        sa.Column("updated_by", sa.String(length=63), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("row_version", sa.BigInteger(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facilities.id"], name=op.f("fk_makeup_links_facility_id_facilities")
        ),
        sa.ForeignKeyConstraint(
            ["makeup_event_id"],
            ["program_class_events.id"],
            name=op.f("fk_makeup_links_makeup_event_id_program_class_events"),
        ),
        sa.ForeignKeyConstraint(
            ["missed_event_id"],
            ["program_class_events.id"],
            name=op.f("fk_makeup_links_missed_event_id_program_class_events"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_makeup_links")),
    )
    for name, columns in _INDEXES.items():
        op.create_index(name, TABLE, columns, unique=False)
    if op.get_bind().dialect.name == "postgresql":
        _secure_and_log()
    else:
        _outbox_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        for kind in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS sync_outbox_{kind}_{TABLE}")
    # Dropping the table drops its policies and triggers on PostgreSQL.
    for name in _INDEXES:
        op.drop_index(name, table_name=TABLE)
    op.drop_table(TABLE)


def _secure_and_log() -> None:
    op.execute(f"ALTER TABLE public.{TABLE} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE public.{TABLE} FORCE ROW LEVEL SECURITY")
    for name, command, expr in POLICIES[TABLE]:
        check = f" WITH CHECK ({expr})" if command != "SELECT" else ""
        op.execute(f"CREATE POLICY {name} ON public.{TABLE} FOR {command} USING ({expr}){check}")
    for kind, when in _STATEMENT_TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER rollbook_log_{kind} {when.format(t=TABLE)}"
            " FOR EACH STATEMENT EXECUTE FUNCTION public.rollbook_log_changes('facility_id')"
        )
        op.execute(  # the server keeps the record (0009): the audit trail, by trigger
            f"CREATE TRIGGER rollbook_audit_{kind} {when.format(t=TABLE)} FOR EACH STATEMENT"
            " EXECUTE FUNCTION public.rollbook_audit_changes('facility_id')"
        )
    op.execute(
        f"CREATE TRIGGER rollbook_stamp BEFORE INSERT OR UPDATE ON public.{TABLE} FOR EACH ROW"
        " WHEN (pg_catalog.current_setting('is_superuser') <> 'on')"
        " EXECUTE FUNCTION public.rollbook_stamp_row()"
    )


def _outbox_triggers() -> None:
    """The workstation's outbox triggers (as 0004 writes them): quiet while a pull applies."""
    columns = [c["name"] for c in sa.inspect(op.get_bind()).get_columns(TABLE)]

    def values(row: str) -> str:
        return "json_object(" + ", ".join(f"'{c}', {row}.\"{c}\"" for c in columns) + ")"

    for kind, row, before, after in (
        ("INSERT", "NEW", "NULL", values("NEW")),
        ("UPDATE", "NEW", values("OLD"), values("NEW")),
        ("DELETE", "OLD", values("OLD"), "NULL"),
    ):
        op.execute(
            f"CREATE TRIGGER sync_outbox_{kind.lower()}_{TABLE} AFTER {kind} ON {TABLE}"
            " WHEN NOT EXISTS (SELECT 1 FROM sync_applying)"
            " BEGIN INSERT INTO sync_outbox (table_name, row_id, op, old, new)"
            f" VALUES ('{TABLE}', {row}.id, '{kind[0]}', {before}, {after}); END"
        )
