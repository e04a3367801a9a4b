"""the server keeps the record: audit, provenance and same-facility references by trigger

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08

PostgreSQL only (DESIGN §4, "the server writes the record"); the workstation cache keeps its own
trail through the unit of work. Until now the trail and the bookkeeping columns were written by
the clients: a staff login with psql could forge ``created_by``, skip or invent audit entries, and
point a row of its facility at a student or class of another. Now:

1. **Audit.** Three statement-level triggers per synced table (as the change log's of 0007:
   transition tables, one ``INSERT … SELECT`` per statement, static SQL whose plans PL/pgSQL
   keeps) write ``audit_log``: an insert's values (nulls left out), an update's changed fields
   before and after, a delete's values; a tombstone (``deleted_at`` set) is a delete, as the unit
   of work says. Bookkeeping columns (``updated_at``, ``updated_by``, ``row_version``) are in
   none, and an update that changed nothing else writes nothing. The actor is ``session_user``;
   the workstation is the ``rollbook.device_id`` setting (the push sets it) when that device is
   registered to the same login. A superuser session (set-up, an import, the demo data, a repair
   at the console) may name its actor with ``rollbook.actor``: it could drop the triggers anyway.
   Staff lose INSERT on ``audit_log`` (``server_admin.TABLE_GRANTS``) and its INSERT policy: the
   trail is read, never written, by them.
   **Rows an import creates** are audited as one entry per statement and facility, not one per
   row: when a superuser's or the tables' owner's session names its import run
   (``rollbook.import_run``, a run id of ``import_runs``), an insert writes one ``insert`` entry
   whose ``row_id`` is the run and whose new values are ``{"import_run", "count", "ids"}`` (the
   ids created). The id map and ``import_runs`` already say where each of those rows came from,
   and a page of 5,000 marks costs about 6 ms to record instead of 60. Updates and deletes by
   an import keep one entry per row with their old and new values. Anyone else who sets the
   name is audited row by row as before.
2. **Provenance.** A ``BEFORE INSERT OR UPDATE`` row trigger sets ``created_by``/``updated_by``
   to ``session_user`` and ``row_version`` to 1 on insert, to the old one plus one on update, and
   keeps ``created_by``/``created_at`` on update, whatever the statement said. Superuser sessions
   are left alone (``WHEN`` on the read-only ``is_superuser`` setting, which follows the session,
   not a SECURITY DEFINER function's owner): the import and the demo keep their own actor.
3. **References stay inside the facility.** Statement-level triggers on every table that points
   at a row of a facility check, set-based and as the RLS-exempt owner (the other facility's row
   is invisible to the writer), that the row pointed at belongs to the same facility: a student,
   guardian, room, class, session or enrolment. Staff are different: an instructor works at
   several facilities (``staff_scopes``), so a class, session, substitute, case-note author,
   assessor, availability or account-history row may name a staff member whose home is the
   facility, who holds a live scope there, or a system administrator. Inserts check every row;
   updates only rows whose reference or facility changed (``EXCEPT`` of the transition tables),
   so a row written before its student moved elsewhere stays editable where it was written.
   Constraint triggers, not composite foreign keys: these hold on the server only (composite
   keys would have to be declared in the models and rebuilt into every workstation cache by
   batch table copies), staff references cannot be a foreign key at all, and a parent that moves
   to another facility (a transfer, its own path) is not blocked: what it already has stays as
   history where it happened; new rows must follow it. The existing single-column foreign keys
   still lock the parent (KEY SHARE) and say whether it exists. ``staff_scopes`` is not
   checked: a scope row *is* the statement that someone works at another facility, and only the
   management functions write it, after checking the caller's own scope.
4. **Disabling a login ends its sessions**: ``rollbook_disable_staff`` terminates the login's
   backends (``rollbook_end_sessions``, owned by the superuser that migrates, executable by the
   staff manager only), and a login that is no longer live staff cannot write its
   ``sync_devices`` or ``sync_push_issues`` rows (policies per command: read stays).
"""

# Every SQL text below is assembled from this module's own constants; no input reaches them.
# ruff: noqa: S608

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The synced tables at this revision (0003's and 0008's).
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
    "instructor_availability",
    "instructor_time_off",
)
CATALOGUE = ("programs", "program_types", "attendance_policies", "modules", "lessons")
# Append-only, without the bookkeeping columns of app.db.base.Audited.
UNSTAMPED = ("user_account_history",)

# (column, parent table) whose row must be of the same facility; staff columns: see above.
SAME_FACILITY: dict[str, tuple[tuple[str, str], ...]] = {
    "student_profiles": (("user_id", "users"),),
    "student_medical": (("user_id", "users"),),
    "student_guardians": (("student_id", "users"), ("guardian_id", "guardians")),
    "case_notes": (("student_id", "users"),),
    "credentials": (("user_id", "users"),),
    "hours_logs": (("user_id", "users"), ("enrollment_id", "program_class_enrollments")),
    "lesson_progress": (("student_id", "users"),),
    "program_classes": (("room_id", "rooms"),),
    "program_class_events": (("class_id", "program_classes"), ("room_id", "rooms")),
    "program_class_event_overrides": (("event_id", "program_class_events"), ("room_id", "rooms")),
    "program_class_event_attendance": (("event_id", "program_class_events"), ("user_id", "users")),
    "program_class_enrollments": (
        ("class_id", "program_classes"),
        ("user_id", "users"),
        ("transferred_to_class_id", "program_classes"),
    ),
    "enrollment_history": (("enrollment_id", "program_class_enrollments"),),
}
STAFF: dict[str, tuple[str, ...]] = {
    "program_classes": ("instructor_id",),
    "program_class_events": ("instructor_id",),
    "program_class_event_overrides": ("substitute_instructor_id",),
    "case_notes": ("author_id",),
    "lesson_progress": ("assessed_by",),
    "instructor_availability": ("instructor_id",),
    "instructor_time_off": ("instructor_id",),
    "user_account_history": ("user_id",),
}
CHECKED = tuple(t for t in SYNCED_TABLES if t in SAME_FACILITY or t in STAFF)

_SECDEF = "SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp"
_STATEMENT_TRIGGERS = {  # as in 0007
    "insert": "AFTER INSERT ON public.{t} REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON public.{t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON public.{t} REFERENCING OLD TABLE AS old_rows",
}

# -- 1. audit ------------------------------------------------------------------------------------

_COLUMNS = (
    "INSERT INTO public.audit_log (table_name, row_id, facility_id, action, old_values,"
    " new_values, changed_by, changed_at, device_id)"
)
_AUDIT_INSERT = (
    f"{_COLUMNS} SELECT TG_TABLE_NAME, r.id, {{facility}}, 'insert', NULL,"
    " jsonb_strip_nulls(to_jsonb(r)) - v_skip, v_actor, v_at, v_device FROM new_rows AS r;"
)
_AUDIT_DELETE = (
    f"{_COLUMNS} SELECT TG_TABLE_NAME, r.id, {{facility}}, 'delete',"
    " jsonb_strip_nulls(to_jsonb(r)) - v_skip, NULL, v_actor, v_at, v_device FROM old_rows AS r;"
)
# Old and new rows meet by id through GROUP BY, not a join: a plan PL/pgSQL cached for a one-row
# statement must not turn quadratic on a statement of thousands. A row whose id itself changed
# has one side only and is written whole.
_AUDIT_UPDATE = f"""{_COLUMNS}
    SELECT TG_TABLE_NAME, c.id, c.facility,
           CASE WHEN c.o ->> 'deleted_at' IS NULL AND c.n ->> 'deleted_at' IS NOT NULL
                THEN 'delete' ELSE 'update' END,
           CASE WHEN c.o IS NULL OR c.n IS NULL THEN c.o - v_skip ELSE d.old_values END,
           CASE WHEN c.o IS NULL OR c.n IS NULL THEN c.n - v_skip ELSE d.new_values END,
           v_actor, v_at, v_device
    FROM (SELECT u.id, (array_agg(u.v) FILTER (WHERE NOT u.after))[1] AS o,
                 (array_agg(u.v) FILTER (WHERE u.after))[1] AS n,
                 (array_agg(u.f ORDER BY u.after DESC))[1] AS facility
          FROM (SELECT r.id, false AS after, to_jsonb(r) AS v, {{facility}} AS f FROM old_rows AS r
                UNION ALL
                SELECT r.id, true, to_jsonb(r), {{facility}} FROM new_rows AS r) AS u
          GROUP BY u.id) AS c
    CROSS JOIN LATERAL (
        SELECT jsonb_object_agg(e.key, c.o -> e.key) AS old_values,
               jsonb_object_agg(e.key, e.value) AS new_values
        FROM jsonb_each(c.n) AS e
        WHERE e.key <> ALL (v_skip) AND (c.o -> e.key) IS DISTINCT FROM e.value) AS d
    WHERE d.new_values IS NOT NULL OR c.o IS NULL OR c.n IS NULL;"""


# One entry per facility for the rows an import created in this statement (see the docstring).
_AUDIT_IMPORTED = (
    f"{_COLUMNS} SELECT TG_TABLE_NAME, v_run, c.facility, 'insert', NULL,"
    " jsonb_build_object('import_run', v_run, 'count', c.n, 'ids', c.ids),"
    " v_actor, v_at, v_device"
    " FROM (SELECT {facility} AS facility, count(*) AS n, jsonb_agg(r.id) AS ids"
    "       FROM new_rows AS r GROUP BY 1) AS c;"
)


def _audit_branch(facility: str) -> str:
    return (
        f"IF TG_OP = 'INSERT' AND v_run IS NOT NULL THEN"
        f" {_AUDIT_IMPORTED.format(facility=facility)}"
        f" ELSIF TG_OP = 'INSERT' THEN {_AUDIT_INSERT.format(facility=facility)}"
        f" ELSIF TG_OP = 'DELETE' THEN {_AUDIT_DELETE.format(facility=facility)}"
        f" ELSE {_AUDIT_UPDATE.format(facility=facility)} END IF;"
    )


_AUDIT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION public.rollbook_audit_changes() RETURNS trigger
LANGUAGE plpgsql {_SECDEF} AS $$
DECLARE
    v_actor text := session_user::text;
    v_device text := nullif(pg_catalog.current_setting('rollbook.device_id', true), '');
    v_at timestamptz := pg_catalog.clock_timestamp();
    v_skip text[] := ARRAY['updated_at', 'updated_by', 'row_version'];
    v_run uuid;
    v_named text := nullif(pg_catalog.current_setting('rollbook.import_run', true), '');
BEGIN
    -- is_superuser follows the session (and SET ROLE), never this function's owner, and
    -- nobody can set it.
    IF pg_catalog.current_setting('is_superuser') = 'on' THEN
        v_actor := coalesce(nullif(pg_catalog.current_setting('rollbook.actor', true), ''),
                            v_actor);
        IF TG_OP = 'INSERT' THEN
            v_run := v_named::uuid;
        END IF;
    ELSE
        IF v_device IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM public.sync_devices AS d
                WHERE d.device_id = v_device AND d.username = session_user::text) THEN
            v_device := NULL;  -- a login names only a workstation registered to it
        END IF;
        -- The tables' owner may name its import run too: it could drop this trigger anyway.
        IF TG_OP = 'INSERT' AND v_named IS NOT NULL AND pg_catalog.pg_has_role(session_user,
                (SELECT c.relowner FROM pg_catalog.pg_class AS c WHERE c.oid = TG_RELID),
                'MEMBER') THEN
            v_run := v_named::uuid;
        END IF;
    END IF;
    IF TG_NARGS > 0 AND TG_ARGV[0] = 'facility_id' THEN
        {_audit_branch("r.facility_id")}
    ELSIF TG_NARGS > 0 AND TG_ARGV[0] = 'id' THEN
        {_audit_branch("r.id")}
    ELSE
        {_audit_branch("NULL::uuid")}
    END IF;
    RETURN NULL;
END
$$
"""

# -- 2. provenance -------------------------------------------------------------------------------

# Not SECURITY DEFINER and no SET clause: it reads nothing, and a per-row call stays cheap.
_STAMP_FUNCTION = """
CREATE OR REPLACE FUNCTION public.rollbook_stamp_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.created_by := session_user;
        NEW.row_version := 1;
    ELSE
        NEW.created_by := OLD.created_by;
        NEW.created_at := OLD.created_at;
        NEW.row_version := OLD.row_version + 1;
    END IF;
    NEW.updated_by := session_user;
    RETURN NEW;
END
$$
"""
_STAMP_TRIGGER = (
    "CREATE TRIGGER rollbook_stamp BEFORE INSERT OR UPDATE ON public.{t} FOR EACH ROW"
    " WHEN (pg_catalog.current_setting('is_superuser') <> 'on')"
    " EXECUTE FUNCTION public.rollbook_stamp_row()"
)

# -- 3. references -------------------------------------------------------------------------------


def _offences(table: str, rows: str) -> str:
    """A query of (column, row id) for each reference of ``rows`` that leaves the facility.

    Each distinct (reference, facility) pair is looked up once (a page of 5,000 marks names a
    few sessions and a thousand students), with scalar sub-selects, not joins: an index probe
    per pair whatever plan was cached. The row named is one that holds the offending pair."""
    parts = []

    def part(column: str, offends: str) -> str:
        return (
            f"SELECT '{column}'::text AS col, (SELECT r.id FROM {rows} AS r"
            f" WHERE r.{column} = d.ref AND r.facility_id IS NOT DISTINCT FROM d.facility_id"
            f" LIMIT 1) AS id FROM (SELECT DISTINCT r.{column} AS ref, r.facility_id"
            f" FROM {rows} AS r WHERE r.{column} IS NOT NULL) AS d WHERE {offends}"
        )

    for column, parent in SAME_FACILITY.get(table, ()):
        parts.append(
            part(
                column,
                f"(SELECT p.facility_id FROM public.{parent} AS p WHERE p.id = d.ref)"
                " IS DISTINCT FROM d.facility_id",
            )
        )
    for column in STAFF.get(table, ()):
        parts.append(
            part(
                column,
                "NOT coalesce((SELECT true FROM public.users AS p"
                " WHERE p.id = d.ref AND (p.facility_id = d.facility_id"
                " OR p.role = 'system_admin')), false)"
                " AND NOT coalesce((SELECT true FROM public.staff_scopes AS s"
                " WHERE s.user_id = d.ref AND s.facility_id = d.facility_id"
                " AND s.deleted_at IS NULL LIMIT 1), false)",
            )
        )
    return " UNION ALL ".join(parts)


def _reference_branch(table: str) -> str:
    columns = [c for c, _ in SAME_FACILITY.get(table, ())] + list(STAFF.get(table, ()))
    keys = ", ".join(f"r.{c}" for c in ("id", "facility_id", *columns))
    changed = f"(SELECT {keys} FROM new_rows AS r EXCEPT SELECT {keys} FROM old_rows AS r)"
    return (
        f"IF TG_OP = 'INSERT' THEN"
        f" SELECT x.col, x.id INTO v_column, v_id FROM ({_offences(table, 'new_rows')}) AS x"
        " LIMIT 1;"
        f" ELSE SELECT x.col, x.id INTO v_column, v_id FROM ({_offences(table, changed)}) AS x"
        " LIMIT 1; END IF;"
    )


def _reference_function() -> str:
    branches = " ELS".join(
        f"IF TG_TABLE_NAME = '{table}' THEN {_reference_branch(table)}" for table in CHECKED
    )
    return f"""
CREATE OR REPLACE FUNCTION public.rollbook_check_references() RETURNS trigger
LANGUAGE plpgsql {_SECDEF} AS $$
DECLARE
    v_column text;
    v_id uuid;
BEGIN
    {branches} END IF;
    IF v_column IS NOT NULL THEN
        RAISE EXCEPTION 'A record of one facility cannot refer to a record of another facility (%.% of row %).',
            TG_TABLE_NAME, v_column, v_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'rollbook_same_facility',
                  TABLE = TG_TABLE_NAME, COLUMN = v_column;
    END IF;
    RETURN NULL;
END
$$
"""


# -- 4. disabled logins --------------------------------------------------------------------------

_END_SESSIONS = f"""
CREATE OR REPLACE FUNCTION public.rollbook_end_sessions(p_username text) RETURNS integer
LANGUAGE plpgsql VOLATILE {_SECDEF} AS $$
DECLARE
    v_pid integer;
    v_ended integer := 0;
BEGIN
    -- Staff logins only: never a superuser, an administrator of the cluster or a group role.
    IF NOT EXISTS (
           SELECT 1 FROM pg_catalog.pg_roles AS r
           JOIN public.users AS u ON u.username = r.rolname::text AND u.role <> 'student'
           WHERE r.rolname = p_username
             AND NOT (r.rolsuper OR r.rolbypassrls OR r.rolcreaterole OR r.rolreplication)) THEN
        RETURN 0;
    END IF;
    -- The backends first, then one signal each: a signal inside the query's WHERE could be
    -- evaluated (pushed down) before the name is compared. Waits up to a second for each to
    -- exit, so that the caller finds them gone.
    FOR v_pid IN
        SELECT a.pid FROM pg_catalog.pg_stat_activity AS a
        WHERE a.usename = p_username AND a.pid <> pg_catalog.pg_backend_pid()
    LOOP
        IF pg_catalog.pg_terminate_backend(v_pid, 1000) THEN
            v_ended := v_ended + 1;
        END IF;
    END LOOP;
    RETURN v_ended;
END
$$
"""


def _disable_function(end_sessions: bool) -> str:
    ended = "PERFORM public.rollbook_end_sessions(p_username);" if end_sessions else ""
    return f"""
CREATE OR REPLACE FUNCTION public.rollbook_disable_staff(p_username text)
RETURNS void LANGUAGE plpgsql VOLATILE {_SECDEF} AS $$
DECLARE
    v_user public.users := public.rollbook_staff_target(p_username, false);
BEGIN
    IF v_user.deactivated_at IS NULL THEN
        UPDATE public.users
        SET deactivated_at = pg_catalog.now(), status = 'inactive',
            updated_at = pg_catalog.now(), updated_by = session_user::text,
            row_version = row_version + 1
        WHERE id = v_user.id;
        PERFORM public.rollbook_staff_history(
            v_user, 'user_deactivated', jsonb_build_object('username', p_username));
    END IF;
    -- NOLOGIN stops new sessions; the open ones end here (the helpers ignore deactivated
    -- staff too, should one outlive this).
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r WHERE r.rolname = p_username) THEN
        EXECUTE format('ALTER ROLE %I NOLOGIN', p_username);
        {ended}
    END IF;
END
$$
"""


_OWN = "username = session_user::text"
_LIVE = (
    "((SELECT public.rollbook_current_staff_id()) IS NOT NULL"
    " OR (SELECT public.rollbook_is_system_admin()))"
)
_DEVICE_POLICIES = (
    ("own_rows", "SELECT", f"USING ({_OWN})"),
    ("own_rows_insert", "INSERT", f"WITH CHECK ({_OWN} AND {_LIVE})"),
    ("own_rows_update", "UPDATE", f"USING ({_OWN} AND {_LIVE}) WITH CHECK ({_OWN} AND {_LIVE})"),
    ("own_rows_delete", "DELETE", f"USING ({_OWN} AND {_LIVE})"),
)
_AUDIT_APPEND = (
    "CREATE POLICY audit_append ON public.audit_log FOR INSERT WITH CHECK"
    " (changed_by = session_user::text AND (facility_id IS NULL"
    " OR facility_id IN (SELECT public.rollbook_visible_facilities())))"
)


def _facility_argument(table: str) -> str:
    return "" if table in CATALOGUE else "'id'" if table == "facilities" else "'facility_id'"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    functions = (
        ("rollbook_audit_changes()", _AUDIT_FUNCTION),
        ("rollbook_stamp_row()", _STAMP_FUNCTION),
        ("rollbook_check_references()", _reference_function()),
        ("rollbook_end_sessions(text)", _END_SESSIONS),
    )
    for signature, body in functions:
        op.execute(body)
        op.execute(f"REVOKE ALL ON FUNCTION public.{signature} FROM PUBLIC")
    op.execute(_disable_function(end_sessions=True))
    for table in SYNCED_TABLES:
        for kind, when in _STATEMENT_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER rollbook_audit_{kind} {when.format(t=table)} FOR EACH STATEMENT"
                f" EXECUTE FUNCTION public.rollbook_audit_changes({_facility_argument(table)})"
            )
        if table not in UNSTAMPED:
            op.execute(_STAMP_TRIGGER.format(t=table))
        if table in CHECKED:
            for kind in ("insert", "update"):
                op.execute(
                    f"CREATE TRIGGER rollbook_references_{kind}"
                    f" {_STATEMENT_TRIGGERS[kind].format(t=table)} FOR EACH STATEMENT"
                    " EXECUTE FUNCTION public.rollbook_check_references()"
                )
    # The trail is written by the triggers above (as the owner), never by a staff login.
    op.execute("DROP POLICY IF EXISTS audit_append ON public.audit_log")
    for table in ("sync_devices", "sync_push_issues"):
        op.execute(f"DROP POLICY IF EXISTS own_rows ON public.{table}")
        for name, command, clauses in _DEVICE_POLICIES:
            op.execute(f"CREATE POLICY {name} ON public.{table} FOR {command} {clauses}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in ("sync_devices", "sync_push_issues"):
        for name, _command, _clauses in _DEVICE_POLICIES:
            op.execute(f"DROP POLICY IF EXISTS {name} ON public.{table}")
        op.execute(
            f"CREATE POLICY own_rows ON public.{table} FOR ALL USING ({_OWN}) WITH CHECK ({_OWN})"
        )
    op.execute(_AUDIT_APPEND)
    for table in SYNCED_TABLES:
        for kind in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS rollbook_audit_{kind} ON public.{table}")
            op.execute(f"DROP TRIGGER IF EXISTS rollbook_references_{kind} ON public.{table}")
        op.execute(f"DROP TRIGGER IF EXISTS rollbook_stamp ON public.{table}")
    op.execute(_disable_function(end_sessions=False))
    for signature in (
        "rollbook_audit_changes()",
        "rollbook_stamp_row()",
        "rollbook_check_references()",
        "rollbook_end_sessions(text)",
    ):
        op.execute(f"DROP FUNCTION IF EXISTS public.{signature}")
