"""sync: change log and devices on PostgreSQL; outbox, state and issues on the workstation

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

PostgreSQL (DESIGN §3 rules 1, 3, 7): every synced table logs each write to ``sync_changes`` from
a trigger, so manual SQL is captured too; ``sync_devices`` holds each workstation's acknowledged
push sequence. Both have row-level security like every table.

SQLite (rule 2): triggers write ``sync_outbox`` in the same transaction as the edit, with the row's
values before an update (the base of a three-way merge). A pull sets ``sync_applying`` while it
writes so that its own writes are not queued. These tables are not ORM models: the sync engine
reaches them with Core SQL only.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Every table the sync engine moves; the same list as the models at this revision.
SYNCED_TABLES = (
    "facilities",
    "rooms",
    "users",
    "student_profiles",
    "student_medical",
    "guardians",
    "student_guardians",
    "staff_scopes",
    "programs",
    "program_types",
    "attendance_policies",
    "modules",
    "lessons",
    "facilities_programs",
    "program_classes",
    "program_class_events",
    "program_class_event_overrides",
    "program_class_event_attendance",
    "program_class_enrollments",
    "enrollment_history",
    "lesson_progress",
    "hours_logs",
    "credentials",
    "case_notes",
    "user_account_history",
)

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION public.rollbook_log_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    v_new jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    v_old jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    v_row jsonb := coalesce(v_new, v_old);
BEGIN
    INSERT INTO public.sync_changes (table_name, row_id, facility_id, op)
    VALUES (TG_TABLE_NAME, (v_row->>'id')::uuid,
            public.rollbook_row_facility(TG_TABLE_NAME, v_row), left(TG_OP, 1));
    -- A row that moves to another facility (a transfer) also tells the old facility, whose
    -- workstations then see it leave their scope.
    IF TG_OP = 'UPDATE' AND public.rollbook_row_facility(TG_TABLE_NAME, v_old)
            IS DISTINCT FROM public.rollbook_row_facility(TG_TABLE_NAME, v_new) THEN
        INSERT INTO public.sync_changes (table_name, row_id, facility_id, op)
        VALUES (TG_TABLE_NAME, (v_row->>'id')::uuid,
                public.rollbook_row_facility(TG_TABLE_NAME, v_old), 'M');
    END IF;
    RETURN NULL;
END
$$
"""

# The facility a row belongs to: its own column, or the facility's own id. Catalogue rows
# (programs, lessons, ...) belong to none and are visible to every staff member.
_PG_ROW_FACILITY = """
CREATE OR REPLACE FUNCTION public.rollbook_row_facility(p_table text, p_row jsonb)
RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_table = 'facilities' THEN (p_row->>'id')::uuid
                ELSE (p_row->>'facility_id')::uuid END
$$
"""

_VISIBLE = (
    "(facility_id IS NULL OR facility_id IN (SELECT public.rollbook_visible_facilities())"
    " OR (SELECT public.rollbook_is_system_admin()))"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
    else:
        _upgrade_sqlite()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in SYNCED_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS rollbook_log_change ON public.{table}")
        op.execute("DROP FUNCTION IF EXISTS public.rollbook_log_change()")
        op.execute("DROP FUNCTION IF EXISTS public.rollbook_row_facility(text, jsonb)")
        op.execute("DROP TABLE IF EXISTS public.sync_push_issues")
        op.execute("DROP TABLE IF EXISTS public.sync_devices")
        op.execute("DROP TABLE IF EXISTS public.sync_changes")
    else:
        for table in SYNCED_TABLES:
            for kind in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS sync_outbox_{kind}_{table}")
        for table in ("sync_outbox", "sync_state", "sync_applying", "sync_issues"):
            op.execute(f"DROP TABLE IF EXISTS {table}")


def _upgrade_postgresql() -> None:
    op.execute(
        """
        CREATE TABLE public.sync_changes (
            seq bigserial PRIMARY KEY,
            -- bigint, not xid8: sorting xid8 is not reliable on every build (PostgreSQL 18.6
            -- from the test wheel orders it as text), and the pull's cursor depends on order.
            txid bigint NOT NULL DEFAULT (pg_catalog.pg_current_xact_id()::text::bigint),
            table_name text NOT NULL,
            row_id uuid NOT NULL,
            facility_id uuid,
            op char(1) NOT NULL,
            changed_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp()
        )
        """
    )
    op.execute(
        "CREATE INDEX ix_sync_changes_facility_seq ON public.sync_changes (facility_id, seq)"
    )
    op.execute(
        """
        CREATE TABLE public.sync_devices (
            device_id text PRIMARY KEY,
            username text NOT NULL DEFAULT session_user,
            acked_lo bigint NOT NULL DEFAULT 0,
            acked_seq bigint NOT NULL DEFAULT 0,
            acked_digest text,
            schema_revision text,
            registered_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
            last_seen_at timestamptz NOT NULL DEFAULT pg_catalog.now()
        )
        """
    )
    # What a push decided about a row (conflict, rejection), kept until the device has read it:
    # a response lost after the commit loses nothing.
    op.execute(
        """
        CREATE TABLE public.sync_push_issues (
            id bigserial PRIMARY KEY,
            device_id text NOT NULL,
            username text NOT NULL DEFAULT session_user,
            seq bigint NOT NULL,
            table_name text NOT NULL,
            row_id uuid NOT NULL,
            kind text NOT NULL,
            reason text NOT NULL,
            mine jsonb,
            theirs jsonb,
            created_at timestamptz NOT NULL DEFAULT pg_catalog.now()
        )
        """
    )
    op.execute("CREATE INDEX ix_sync_push_issues_device ON public.sync_push_issues (device_id, id)")
    op.execute(_PG_ROW_FACILITY)
    op.execute(_PG_FUNCTION)
    op.execute("REVOKE ALL ON FUNCTION public.rollbook_log_change() FROM PUBLIC")
    for table in SYNCED_TABLES:
        op.execute(
            f"CREATE TRIGGER rollbook_log_change AFTER INSERT OR UPDATE OR DELETE"
            f" ON public.{table} FOR EACH ROW EXECUTE FUNCTION public.rollbook_log_change()"
        )
    for table in ("sync_changes", "sync_devices", "sync_push_issues"):
        op.execute(f"ALTER TABLE public.{table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE public.{table} FORCE ROW LEVEL SECURITY")
    # Read: the changes of visible facilities. Written only by the trigger function (as the
    # schema owner, which holds the only INSERT privilege).
    op.execute(f"CREATE POLICY changes_read ON public.sync_changes FOR SELECT USING {_VISIBLE}")
    op.execute(
        "CREATE POLICY changes_log ON public.sync_changes FOR INSERT WITH CHECK"
        " (pg_catalog.pg_has_role(current_user, (SELECT c.relowner FROM pg_catalog.pg_class AS c"
        " WHERE c.oid = 'public.sync_changes'::regclass), 'MEMBER'))"
    )
    # A device row belongs to the login that registered it; nobody pushes in another's name.
    own = "username = session_user::text"
    for table in ("sync_devices", "sync_push_issues"):
        op.execute(
            f"CREATE POLICY own_rows ON public.{table} FOR ALL USING ({own}) WITH CHECK ({own})"
        )


def _upgrade_sqlite() -> None:
    bind = op.get_bind()
    op.execute(
        """
        CREATE TABLE sync_outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            op TEXT NOT NULL,
            old TEXT,
            changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """
    )
    op.execute("CREATE INDEX ix_sync_outbox_row ON sync_outbox (table_name, row_id)")
    op.execute("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    op.execute("CREATE TABLE sync_applying (flag INTEGER NOT NULL)")
    op.execute(
        """
        CREATE TABLE sync_issues (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            mine TEXT,
            theirs TEXT,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            resolved_at TEXT,
            resolution TEXT
        )
        """
    )
    inspector = sa.inspect(bind)
    # Names below come from SYNCED_TABLES and the database's own catalogue, never from input.
    for table in SYNCED_TABLES:
        columns = [c["name"] for c in inspector.get_columns(table)]
        old = "json_object(" + ", ".join(f"'{c}', OLD.\"{c}\"" for c in columns) + ")"
        for kind, row, before in (
            ("INSERT", "NEW", "NULL"),
            ("UPDATE", "NEW", old),
            ("DELETE", "OLD", old),
        ):
            op.execute(_outbox_trigger(table, kind, row, before))


def _outbox_trigger(table: str, kind: str, row: str, before: str) -> str:
    """One outbox trigger; quiet while a pull applies the server's rows."""
    return (
        f"CREATE TRIGGER sync_outbox_{kind.lower()}_{table} AFTER {kind} ON {table}"  # noqa: S608
        " WHEN NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN"
        f" INSERT INTO sync_outbox (table_name, row_id, op, old)"
        f" VALUES ('{table}', {row}.id, '{kind[0]}', {before}); END"
    )
