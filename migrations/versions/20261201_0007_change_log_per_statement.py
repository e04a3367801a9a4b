"""The change log is written once per statement, from transition tables, not once per row.

Every write to a synced table logged itself through a row-level trigger: a PL/pgSQL call, two
``to_jsonb`` and an INSERT per row, about 16 µs of a 5,000-row upsert's 75 µs per row
(``EXPLAIN ANALYZE`` of the import's attendance batch). Three statement-level triggers per table
(insert, update, delete: PostgreSQL allows transition tables on one event per trigger) now log
the statement's rows with one INSERT … SELECT each, in static SQL whose plans PL/pgSQL keeps.
Measured on one attendance table of 100k rows: the import's 5,000-row upsert spends 15 ms
instead of 80 in the trigger; one UPDATE of 2,000 rows takes 55–60 ms instead of 100; 2,000
one-row UPDATEs 120–150 ms instead of 200.

The log says the same as before: an ``I``, ``U`` or ``D`` per row, and for an update that moves
a row to another facility an ``M`` for the old facility. Row order inside one statement is not
kept (the pull reads by transaction, and fetches each changed row as it is when pulled)."""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
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

# Catalogue rows belong to no facility (visible to every staff member); a facility row is its
# own facility; every other synced table has a facility_id column (rollbook_row_facility).
CATALOGUE = ("programs", "program_types", "attendance_policies", "modules", "lessons")

_LOG = (
    "INSERT INTO public.sync_changes (table_name, row_id, facility_id, op)"
    " SELECT TG_TABLE_NAME, r.id, {facility}, '{op}' FROM {rows} AS r;"
)
# A row that moves to another facility (a transfer) also tells the old facility, whose
# workstations then see it leave their scope. EXCEPT, not a join: a plan cached for a
# one-row statement must not turn quadratic on a statement of thousands.
_MOVED = (
    "INSERT INTO public.sync_changes (table_name, row_id, facility_id, op)"
    " SELECT TG_TABLE_NAME, m.id, m.facility_id, 'M' FROM"
    " (SELECT r.id, r.facility_id FROM old_rows AS r"
    "  EXCEPT SELECT n.id, n.facility_id FROM new_rows AS n) AS m;"
)


def _branch(facility: str, moves: bool) -> str:
    return (
        f"IF TG_OP = 'INSERT' THEN {_LOG.format(facility=facility, op='I', rows='new_rows')}"
        f" ELSIF TG_OP = 'DELETE' THEN {_LOG.format(facility=facility, op='D', rows='old_rows')}"
        f" ELSE {_LOG.format(facility=facility, op='U', rows='new_rows')}"
        f" {_MOVED if moves else ''} END IF;"
    )


# The trigger's argument says where a row's facility is: its facility_id column, its own id
# (facilities), or nowhere (catalogue rows). Static SQL, so PL/pgSQL keeps each statement's
# plan; a table only ever runs (and so plans) the branch of its own kind.
_FUNCTION = f"""
CREATE OR REPLACE FUNCTION public.rollbook_log_changes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_NARGS > 0 AND TG_ARGV[0] = 'facility_id' THEN
        {_branch("r.facility_id", moves=True)}
    ELSIF TG_NARGS > 0 AND TG_ARGV[0] = 'id' THEN
        {_branch("r.id", moves=False)}
    ELSE
        {_branch("NULL::uuid", moves=False)}
    END IF;
    RETURN NULL;
END
$$
"""

_ROW_TRIGGER = (
    "CREATE TRIGGER rollbook_log_change AFTER INSERT OR UPDATE OR DELETE"
    " ON public.{t} FOR EACH ROW EXECUTE FUNCTION public.rollbook_log_change()"
)
_STATEMENT_TRIGGERS = {
    "insert": "AFTER INSERT ON public.{t} REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON public.{t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON public.{t} REFERENCING OLD TABLE AS old_rows",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_FUNCTION)
    op.execute("REVOKE ALL ON FUNCTION public.rollbook_log_changes() FROM PUBLIC")
    for table in SYNCED_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS rollbook_log_change ON public.{table}")
        column = "" if table in CATALOGUE else "'id'" if table == "facilities" else "'facility_id'"
        for kind, when in _STATEMENT_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER rollbook_log_{kind} {when.format(t=table)}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION public.rollbook_log_changes({column})"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in SYNCED_TABLES:
        for kind in _STATEMENT_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS rollbook_log_{kind} ON public.{table}")
        op.execute(_ROW_TRIGGER.format(t=table))
    op.execute("DROP FUNCTION IF EXISTS public.rollbook_log_changes()")
