"""instructor availability: weekly hours and time off, synced like every facility table

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

Seed 003 (the sports academy) keeps each instructor's weekly availability and time off. Two
tables, not one with a kind: a weekly stretch (weekday, minutes of the day, valid dates) and a
stretch of time off (two wall-clock moments and a reason) share no field but the instructor,
and one table would need a CHECK per kind saying which half of its columns is empty.

Both hold wall-clock values of the facility (DESIGN §2: dates and times of sessions are the
facility's): 09:00 to 17:00 stays so across DST, and sessions (``dtstart_local``) are compared
with them as they are.

PostgreSQL: row-level security forced, with the policy of every facility table (the signed-in
staff member's facilities, ``USING`` and ``WITH CHECK`` alike); the change log's statement
triggers of 0007. Privileges are granted by ``server_admin.init_server`` (``TABLE_GRANTS``).
SQLite (the workstation cache): the outbox triggers of 0004, with the row before and after.
"""

# Every SQL text below is assembled from this module's own constants; no input reaches them.
# ruff: noqa: S608

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLES = ("instructor_availability", "instructor_time_off")
RLS_TABLES: tuple[str, ...] = TABLES
_VISIBLE = "facility_id IN (SELECT public.rollbook_visible_facilities())"
POLICIES: dict[str, tuple[tuple[str, str, str], ...]] = {
    table: (("facility_rows", "ALL", _VISIBLE),) for table in TABLES
}

_STATEMENT_TRIGGERS = {  # as in 0007
    "insert": "AFTER INSERT ON public.{t} REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON public.{t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON public.{t} REFERENCING OLD TABLE AS old_rows",
}


def _audited() -> list[sa.Column[object]]:
    """The columns every synced table carries (``app.db.base.Audited``)."""
    return [
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
    ]


def _owned_by(table: str) -> list[sa.ForeignKeyConstraint]:
    return [
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facilities.id"], name=op.f(f"fk_{table}_facility_id_facilities")
        ),
        sa.ForeignKeyConstraint(
            ["instructor_id"], ["users.id"], name=op.f(f"fk_{table}_instructor_id_users")
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "instructor_availability",
        sa.Column("facility_id", sa.Uuid(), nullable=False),
        sa.Column("instructor_id", sa.Uuid(), nullable=False),
        sa.Column("weekday", sa.SmallInteger(), nullable=False),
        sa.Column("start_minute", sa.Integer(), nullable=False),
        sa.Column("end_minute", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        *_audited(),
        sa.CheckConstraint(
            "start_minute >= 0 AND start_minute < end_minute AND end_minute <= 1440",
            name=op.f("ck_instructor_availability_minutes_range"),
        ),
        sa.CheckConstraint(
            "valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to",
            name=op.f("ck_instructor_availability_valid_range"),
        ),
        sa.CheckConstraint(
            "weekday >= 0 AND weekday <= 6",
            name=op.f("ck_instructor_availability_weekday_range"),
        ),
        *_owned_by("instructor_availability"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instructor_availability")),
    )
    op.create_index(
        "ix_instructor_availability_facility_id_instructor_id",
        "instructor_availability",
        ["facility_id", "instructor_id"],
        unique=False,
    )
    op.create_table(
        "instructor_time_off",
        sa.Column("facility_id", sa.Uuid(), nullable=False),
        sa.Column("instructor_id", sa.Uuid(), nullable=False),
        sa.Column("starts_local", sa.DateTime(), nullable=False),
        sa.Column("ends_local", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        *_audited(),
        sa.CheckConstraint(
            "starts_local < ends_local", name=op.f("ck_instructor_time_off_ends_after_start")
        ),
        *_owned_by("instructor_time_off"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instructor_time_off")),
    )
    op.create_index(
        "ix_instructor_time_off_facility_id_instructor_id_starts_local",
        "instructor_time_off",
        ["facility_id", "instructor_id", "starts_local"],
        unique=False,
    )
    if op.get_bind().dialect.name == "postgresql":
        _secure_and_log()
    else:
        _outbox_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        for table in TABLES:
            for kind in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS sync_outbox_{kind}_{table}")
    # Dropping a table drops its policies and triggers on PostgreSQL.
    op.drop_index(
        "ix_instructor_time_off_facility_id_instructor_id_starts_local",
        table_name="instructor_time_off",
    )
    op.drop_table("instructor_time_off")
    op.drop_index(
        "ix_instructor_availability_facility_id_instructor_id",
        table_name="instructor_availability",
    )
    op.drop_table("instructor_availability")


def _secure_and_log() -> None:
    for table in TABLES:
        op.execute(f"ALTER TABLE public.{table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE public.{table} FORCE ROW LEVEL SECURITY")
        for name, command, expr in POLICIES[table]:
            op.execute(
                f"CREATE POLICY {name} ON public.{table} FOR {command}"
                f" USING ({expr}) WITH CHECK ({expr})"
            )
        for kind, when in _STATEMENT_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER rollbook_log_{kind} {when.format(t=table)}"
                " FOR EACH STATEMENT EXECUTE FUNCTION public.rollbook_log_changes('facility_id')"
            )


def _outbox_triggers() -> None:
    """The workstation's outbox triggers (as 0004 writes them): quiet while a pull applies."""
    inspector = sa.inspect(op.get_bind())
    for table in TABLES:
        columns = [c["name"] for c in inspector.get_columns(table)]

        def values(row: str, columns: list[str] = columns) -> str:
            return "json_object(" + ", ".join(f"'{c}', {row}.\"{c}\"" for c in columns) + ")"

        for kind, row, before, after in (
            ("INSERT", "NEW", "NULL", values("NEW")),
            ("UPDATE", "NEW", values("OLD"), values("NEW")),
            ("DELETE", "OLD", values("OLD"), "NULL"),
        ):
            op.execute(
                f"CREATE TRIGGER sync_outbox_{kind.lower()}_{table} AFTER {kind} ON {table}"
                " WHEN NOT EXISTS (SELECT 1 FROM sync_applying)"
                " BEGIN INSERT INTO sync_outbox (table_name, row_id, op, old, new)"
                f" VALUES ('{table}', {row}.id, '{kind[0]}', {before}, {after}); END"
            )
