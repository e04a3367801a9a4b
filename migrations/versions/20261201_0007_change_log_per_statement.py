"""The change log is written once per statement, from transition tables, not once per row.

Every write to a synced table logged itself through a row-level trigger: a PL/pgSQL call, two
``to_jsonb`` and an INSERT per row, about 16 µs of a 5,000-row upsert's 75 µs per row
(``EXPLAIN ANALYZE`` of the import's attendance batch). Three statement-level triggers per table
(insert, update, delete: PostgreSQL allows transition tables on one event per trigger) now log
the statement's rows with one INSERT … SELECT each. The log says the same as before: an ``I``,
``U`` or ``D`` per row, and for an update that moves a row to another facility an ``M`` for the
old facility. Row order inside one statement is not kept (the pull reads by transaction, and
fetches each changed row as it is when pulled).
"""

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

# The trigger's argument names the column that holds a row's facility; the statements are built
# from it with format(%I), never from row data.
_FUNCTION = """
CREATE OR REPLACE FUNCTION public.rollbook_log_changes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    v_facility text := CASE WHEN TG_NARGS > 0 THEN format('r.%I', TG_ARGV[0]) ELSE 'NULL' END;
    v_log text := 'INSERT INTO public.sync_changes (table_name, row_id, facility_id, op) ';
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE v_log || format('SELECT $1, r.id, %s, ''I'' FROM new_rows AS r', v_facility)
        USING TG_TABLE_NAME;
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE v_log || format('SELECT $1, r.id, %s, ''D'' FROM old_rows AS r', v_facility)
        USING TG_TABLE_NAME;
    ELSE
        EXECUTE v_log || format('SELECT $1, r.id, %s, ''U'' FROM new_rows AS r', v_facility)
        USING TG_TABLE_NAME;
        -- A row that moves to another facility (a transfer) also tells the old facility, whose
        -- workstations then see it leave their scope.
        IF TG_NARGS > 0 THEN
            EXECUTE v_log || format(
                'SELECT $1, r.id, r.%1$I, ''M'' FROM old_rows AS r JOIN new_rows AS n'
                ' ON n.id = r.id WHERE r.%1$I IS DISTINCT FROM n.%1$I', TG_ARGV[0])
            USING TG_TABLE_NAME;
        END IF;
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
