"""Sync pushes what each outbox entry wrote; staff look-ups use the username index.

SQLite: outbox entries keep the row's values after an insert or update (``new``), so a push of
the entries up to ``hi`` sends the row as it was at ``hi``, and the next batch's base (``old``)
is exactly what the server was sent. Without it a batch sent the row's current values, later
edits included, and the next batch then saw its own earlier push as a change made on the server.
``sync_deferred`` remembers rows whose pulled version was set aside because of pending edits;
they are fetched again once those edits are pushed, even when the push changed nothing there.

PostgreSQL: the change log gets an index in the pull's (txid, seq) order. ``session_user::text``
has collation "C" (that of ``name``), so comparing it with
``users.username`` could not use the username index and every policy check read the whole users
table. The helpers compare with the column's collation now.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The synced tables at this revision (as in 0003).
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

_SECDEF = "SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp"
_LIVE = "u.deleted_at IS NULL AND u.deactivated_at IS NULL"


def _helpers(me: str) -> dict[str, str]:
    """The three helpers that find the signed-in staff member; ``me`` is how they name it."""
    return {
        "rollbook_current_staff_id()": f"""
            RETURNS uuid LANGUAGE sql STABLE {_SECDEF} AS $$
                SELECT u.id FROM public.users AS u
                WHERE u.username = {me} AND u.role <> 'student' AND {_LIVE}
            $$""",  # noqa: S608
        "rollbook_is_system_admin()": f"""
            RETURNS boolean LANGUAGE sql STABLE {_SECDEF} AS $$
                SELECT EXISTS (
                           SELECT 1 FROM public.users AS u
                           WHERE u.username = {me} AND u.role = 'system_admin' AND {_LIVE})
                    OR EXISTS (
                           SELECT 1 FROM pg_catalog.pg_roles AS r
                           WHERE r.rolname = session_user AND (r.rolsuper OR r.rolbypassrls))
                    OR pg_catalog.pg_has_role(
                           session_user,
                           (SELECT c.relowner FROM pg_catalog.pg_class AS c
                            WHERE c.oid = 'public.users'::regclass),
                           'MEMBER')
            $$""",  # noqa: S608
        "rollbook_is_admin()": f"""
            RETURNS boolean LANGUAGE sql STABLE {_SECDEF} AS $$
                SELECT EXISTS (
                           SELECT 1 FROM public.users AS u
                           WHERE u.username = {me}
                             AND u.role IN ('facility_admin', 'department_admin', 'system_admin')
                             AND {_LIVE})
                    OR public.rollbook_is_system_admin()
            $$""",  # noqa: S608
    }


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for header, body in _helpers('session_user::text COLLATE "default"').items():
            op.execute(f"CREATE OR REPLACE FUNCTION public.{header} {body}")
        # The pull reads the log in (txid, seq) order from its cursor: an index in that order
        # makes a cycle with nothing new one index probe, not a scan of the whole log.
        op.execute("CREATE INDEX ix_sync_changes_txid_seq ON public.sync_changes (txid, seq)")
    else:
        op.execute("ALTER TABLE sync_outbox ADD COLUMN new TEXT")
        op.execute(
            "CREATE TABLE sync_deferred (table_name TEXT NOT NULL, row_id TEXT NOT NULL,"
            " PRIMARY KEY (table_name, row_id))"
        )
        _outbox_triggers(with_new=True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS public.ix_sync_changes_txid_seq")
        for header, body in _helpers("session_user::text").items():
            op.execute(f"CREATE OR REPLACE FUNCTION public.{header} {body}")
    else:
        _outbox_triggers(with_new=False)
        op.execute("DROP TABLE IF EXISTS sync_deferred")
        op.execute("ALTER TABLE sync_outbox DROP COLUMN new")


def _outbox_triggers(*, with_new: bool) -> None:
    inspector = sa.inspect(op.get_bind())
    # Names below come from SYNCED_TABLES and the database's own catalogue, never from input.
    for table in SYNCED_TABLES:
        columns = [c["name"] for c in inspector.get_columns(table)]

        def values(row: str, columns: list[str] = columns) -> str:
            return "json_object(" + ", ".join(f"'{c}', {row}.\"{c}\"" for c in columns) + ")"

        for kind, row, before, after in (
            ("INSERT", "NEW", "NULL", values("NEW")),
            ("UPDATE", "NEW", values("OLD"), values("NEW")),
            ("DELETE", "OLD", values("OLD"), "NULL"),
        ):
            name = f"sync_outbox_{kind.lower()}_{table}"
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            into, vals = (
                "table_name, row_id, op, old",
                f"'{table}', {row}.id, '{kind[0]}', {before}",
            )
            if with_new:
                into, vals = into + ", new", vals + f", {after}"
            op.execute(
                f"CREATE TRIGGER {name} AFTER {kind} ON {table}"  # noqa: S608
                " WHEN NOT EXISTS (SELECT 1 FROM sync_applying)"
                f" BEGIN INSERT INTO sync_outbox ({into}) VALUES ({vals}); END"
            )
