"""row-level security: helper functions, staff-management functions, RLS and policies on every table

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 09:00:00

Design (DESIGN §4). This revision holds the *schema* objects only; everything that names a
cluster-wide role lives in ``app.db.server_admin.init_server``, which upgrades to head and then
creates the group roles, grants the privileges and hands the staff-management functions to their
owner. Roles are cluster objects that need CREATEROLE and would make this history fail on a
server where they do not exist yet; privileges granted here would need them too. So:

- policies are written ``TO PUBLIC`` and key on the signed-in login (``session_user``) through
  ``staff_scopes``; *which* statements a role may run at all is decided by the GRANTs of
  ``init_server`` (no grant, no access: a database migrated but not initialised is closed);
- the helper functions read ``users``/``staff_scopes``/``facilities`` as their owner, the role
  running this migration, which must be a superuser or BYPASSRLS: otherwise the policies of those
  tables would call the helpers again, forever. The upgrade refuses to run otherwise;
- ``session_user``, not ``current_user``: inside a SECURITY DEFINER function ``current_user`` is
  the function's owner, and the login is what the staff member signed in as. ``SET ROLE`` to a
  group role therefore never changes (let alone widens) what a session sees;
- the staff-management functions are created here owned by the migrating user with EXECUTE
  revoked from PUBLIC (no app role can call them until ``init_server`` re-owns them to
  ``rollbook_staff_manager`` and grants EXECUTE to the admin group roles);
- every table gets ENABLE and FORCE ROW LEVEL SECURITY. ``RLS_TABLES`` names them explicitly; a
  test compares the union of ``RLS_TABLES`` over all revisions with the models, so a new table
  without a policy fails the build. ``alembic_version`` holds no facility data: it gets no
  policy, and app roles get only SELECT on it (``init_server``) for the version handshake.

No-op on SQLite: the same history upgrades the local cache, which has no roles.
"""

# Every SQL text below is assembled from this module's own constants; no input reaches them.
# ruff: noqa: S608

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RLS_TABLES: tuple[str, ...] = (
    "attendance_policies",
    "audit_log",
    "case_notes",
    "credentials",
    "enrollment_history",
    "facilities",
    "facilities_programs",
    "guardians",
    "hours_logs",
    "lesson_progress",
    "lessons",
    "modules",
    "program_class_enrollments",
    "program_class_event_attendance",
    "program_class_event_overrides",
    "program_class_events",
    "program_classes",
    "program_types",
    "programs",
    "rooms",
    "staff_scopes",
    "student_guardians",
    "student_medical",
    "student_profiles",
    "user_account_history",
    "users",
)

# Building blocks of the policies. Scalar sub-selects make PostgreSQL evaluate a helper once per
# statement (an init plan) instead of once per row.
_VISIBLE = "facility_id IN (SELECT public.rollbook_visible_facilities())"
_STAFF = "((SELECT public.rollbook_current_staff_id()) IS NOT NULL OR (SELECT public.rollbook_is_system_admin()))"
_ADMIN = "(SELECT public.rollbook_is_admin())"
_SYSADMIN = "(SELECT public.rollbook_is_system_admin())"
_ME = "(SELECT public.rollbook_current_staff_id())"
# Only the SECURITY DEFINER staff-management functions run as this role (it has no login and is
# granted to nobody), so this is how a policy lets exactly them write staff rows and scopes.
_MANAGER = "current_user = 'rollbook_staff_manager'"
_CLASS_VISIBLE = "class_id IN (SELECT c.id FROM public.program_classes AS c)"
_EVENT_VISIBLE = "event_id IN (SELECT e.id FROM public.program_class_events AS e)"

# (policy name, command, expression). ``ALL`` policies use the expression for USING and WITH
# CHECK alike; ``SELECT`` only has USING and ``INSERT`` only WITH CHECK, where the semantics
# really differ: catalogues are read by all staff but written by admins; the audit trail and the
# account history are append-only (no UPDATE or DELETE policy at all).
_FACILITY_ROWS: tuple[tuple[str, str, str], ...] = (("facility_rows", "ALL", _VISIBLE),)
_CATALOGUE: tuple[tuple[str, str, str], ...] = (
    ("catalogue_read", "SELECT", _STAFF),
    ("catalogue_admin_write", "ALL", _ADMIN),
)

POLICIES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "facilities": (
        (
            "facility_rows",
            "ALL",
            f"id IN (SELECT public.rollbook_visible_facilities()) OR {_SYSADMIN}",
        ),
    ),
    "rooms": _FACILITY_ROWS,
    "users": (
        (
            "people_read",
            "SELECT",
            f"{_VISIBLE} OR id IN (SELECT public.rollbook_visible_staff()) OR id = {_ME}",
        ),
        # Students are written by the staff of their facility; staff rows (a username, a staff
        # role) only by the management functions: nobody can promote themselves.
        (
            "people_write",
            "ALL",
            f"{_VISIBLE} AND ((role = 'student' AND username IS NULL) OR {_MANAGER})",
        ),
    ),
    "student_profiles": _FACILITY_ROWS,
    "student_medical": (("admins_only", "ALL", f"{_ADMIN} AND {_VISIBLE}"),),
    "guardians": _FACILITY_ROWS,
    "student_guardians": _FACILITY_ROWS,
    "staff_scopes": (
        ("scope_read", "SELECT", f"{_VISIBLE} OR user_id = {_ME}"),
        ("scope_manager_write", "ALL", f"{_MANAGER} AND {_VISIBLE}"),
    ),
    "programs": _CATALOGUE,
    "program_types": _CATALOGUE,
    "attendance_policies": _CATALOGUE,
    "modules": _CATALOGUE,
    "lessons": _CATALOGUE,
    "facilities_programs": _FACILITY_ROWS,
    "lesson_progress": _FACILITY_ROWS,
    "program_classes": (
        (
            "class_rows",
            "ALL",
            f"{_VISIBLE} AND public.rollbook_program_allowed(facility_id, program_id)",
        ),
    ),
    # Rows reached through a class: visible when their class is (the class policy applies inside).
    "program_class_enrollments": (("class_rows", "ALL", f"{_VISIBLE} AND {_CLASS_VISIBLE}"),),
    "program_class_events": (("class_rows", "ALL", f"{_VISIBLE} AND {_CLASS_VISIBLE}"),),
    "program_class_event_overrides": (("class_rows", "ALL", f"{_VISIBLE} AND {_EVENT_VISIBLE}"),),
    "program_class_event_attendance": (("class_rows", "ALL", f"{_VISIBLE} AND {_EVENT_VISIBLE}"),),
    "enrollment_history": _FACILITY_ROWS,
    "hours_logs": _FACILITY_ROWS,
    "credentials": _FACILITY_ROWS,
    "case_notes": _FACILITY_ROWS,
    "audit_log": (
        (
            "audit_read",
            "SELECT",
            f"({_ADMIN} AND {_VISIBLE}) OR changed_by = session_user::text OR {_SYSADMIN}",
        ),
        # Nobody writes an entry in someone else's name.
        (
            "audit_append",
            "INSERT",
            f"changed_by = session_user::text AND (facility_id IS NULL OR {_VISIBLE})",
        ),
    ),
    "user_account_history": (
        (
            "history_read",
            "SELECT",
            f"({_ADMIN} AND {_VISIBLE}) OR user_id = {_ME} OR {_SYSADMIN}",
        ),
        (
            "history_append",
            "INSERT",
            f"admin_username = session_user::text AND {_VISIBLE} AND ({_ADMIN} OR user_id = {_ME})",
        ),
    ),
}

_SECDEF = "SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp"
_LIVE = "u.deleted_at IS NULL AND u.deactivated_at IS NULL"

# Read-only helpers used by the policies. They stay owned by the migrating (RLS-exempt) user.
HELPER_FUNCTIONS: dict[str, str] = {
    "rollbook_current_staff_id()": f"""
        RETURNS uuid LANGUAGE sql STABLE {_SECDEF} AS $$
            SELECT u.id FROM public.users AS u
            WHERE u.username = session_user::text AND u.role <> 'student' AND {_LIVE}
        $$""",
    "rollbook_is_system_admin()": f"""
        RETURNS boolean LANGUAGE sql STABLE {_SECDEF} AS $$
            SELECT EXISTS (
                       SELECT 1 FROM public.users AS u
                       WHERE u.username = session_user::text AND u.role = 'system_admin'
                         AND {_LIVE})
                -- The migration/admin connection keeps seeing everything: superusers, BYPASSRLS
                -- roles and members of the role that owns the schema's tables.
                OR EXISTS (
                       SELECT 1 FROM pg_catalog.pg_roles AS r
                       WHERE r.rolname = session_user AND (r.rolsuper OR r.rolbypassrls))
                OR pg_catalog.pg_has_role(
                       session_user,
                       (SELECT c.relowner FROM pg_catalog.pg_class AS c
                        WHERE c.oid = 'public.users'::regclass),
                       'MEMBER')
        $$""",
    "rollbook_is_admin()": f"""
        RETURNS boolean LANGUAGE sql STABLE {_SECDEF} AS $$
            SELECT EXISTS (
                       SELECT 1 FROM public.users AS u
                       WHERE u.username = session_user::text
                         AND u.role IN ('facility_admin', 'department_admin', 'system_admin')
                         AND {_LIVE})
                OR public.rollbook_is_system_admin()
        $$""",
    "rollbook_visible_facilities()": f"""
        RETURNS SETOF uuid LANGUAGE sql STABLE ROWS 10 {_SECDEF} AS $$
            SELECT f.id FROM public.facilities AS f WHERE public.rollbook_is_system_admin()
            UNION
            SELECT s.facility_id FROM public.staff_scopes AS s
            WHERE s.user_id = public.rollbook_current_staff_id() AND s.deleted_at IS NULL
        $$""",
    "rollbook_visible_staff()": f"""
        RETURNS SETOF uuid LANGUAGE sql STABLE {_SECDEF} AS $$
            SELECT DISTINCT s.user_id FROM public.staff_scopes AS s
            WHERE s.deleted_at IS NULL
              AND s.facility_id IN (SELECT public.rollbook_visible_facilities())
        $$""",
    # Seed 001 gives staff access per program: scope rows with a program_id limit a staff
    # member to those programs' classes at that facility; a row without one means all programs.
    # Takes the facility too, since the same person may be program-scoped at one facility only.
    # With a NULL program it asks for an unscoped row: "may see the whole facility".
    "rollbook_program_allowed(p_facility_id uuid, p_program_id uuid)": f"""
        RETURNS boolean LANGUAGE sql STABLE {_SECDEF} AS $$
            SELECT public.rollbook_is_system_admin() OR EXISTS (
                SELECT 1 FROM public.staff_scopes AS s
                WHERE s.user_id = public.rollbook_current_staff_id()
                  AND s.deleted_at IS NULL
                  AND s.facility_id = p_facility_id
                  AND (s.program_id IS NULL OR s.program_id = p_program_id))
        $$""",
    # All live scope rows of one staff member, whatever the caller may see: the management
    # functions must know whether a target also works where the caller has no say. EXECUTE
    # goes to rollbook_staff_manager only.
    "rollbook_staff_scope_rows(p_user_id uuid)": f"""
        RETURNS TABLE (facility_id uuid, program_id uuid) LANGUAGE sql STABLE {_SECDEF} AS $$
            SELECT s.facility_id, s.program_id FROM public.staff_scopes AS s
            WHERE s.user_id = p_user_id AND s.deleted_at IS NULL
        $$""",
}

_NOT_ALLOWED = "ERRCODE = 'insufficient_privilege'"
_INVALID = "ERRCODE = 'invalid_parameter_value'"
_MISSING = "ERRCODE = 'no_data_found'"

# Staff management: re-owned to rollbook_staff_manager (CREATEROLE) by init_server. The caller is
# ``session_user``; every function checks the caller's own scope before it changes anything, and
# the table policies apply on top (they key on the caller too). Identifiers and literals in
# dynamic SQL only ever go through format('%I') and format('%L').
MANAGEMENT_FUNCTIONS: dict[str, str] = {
    "rollbook_search_key(p_text text)": r"""
        RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
            -- What app.repositories.people.search_key computes: accent-free, lower, single-spaced
            -- (normalize() needs a UTF8 database; elsewhere accents stay).
            SELECT lower(btrim(regexp_replace(
                       regexp_replace(
                           CASE WHEN pg_catalog.getdatabaseencoding() = 'UTF8'
                                THEN normalize(coalesce(p_text, ''), NFKD)
                                ELSE coalesce(p_text, '') END,
                           '[\u0300-\u036f]', '', 'g'),
                       '\s+', ' ', 'g')))
        $$""",
    "rollbook_staff_group(p_role text)": """
        RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
            SELECT CASE p_role
                WHEN 'instructor' THEN 'rollbook_instructor'
                WHEN 'facility_admin' THEN 'rollbook_facility_admin'
                WHEN 'department_admin' THEN 'rollbook_program_admin'
                WHEN 'system_admin' THEN 'rollbook_system_admin'
            END
        $$""",
    "rollbook_staff_require_admin()": f"""
        RETURNS void LANGUAGE plpgsql STABLE {_SECDEF} AS $$
        BEGIN
            IF NOT public.rollbook_is_admin() THEN
                RAISE EXCEPTION 'Only an administrator can manage staff accounts.'
                    USING {_NOT_ALLOWED};
            END IF;
        END
        $$""",
    "rollbook_staff_check_username(p_username text)": f"""
        RETURNS void LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
        BEGIN
            IF p_username IS NULL OR p_username !~ '^[a-z_][a-z0-9_]{{0,62}}$' THEN
                RAISE EXCEPTION 'A user name must start with a lower-case letter or _ and contain only lower-case letters, digits and _ (at most 63).'
                    USING {_INVALID}, COLUMN = 'username';
            END IF;
            IF p_username LIKE 'pg\\_%' OR p_username LIKE 'rollbook\\_%' OR p_username IN (
                   'public', 'none', 'user', 'current_user', 'current_role', 'session_user',
                   'system_user', 'postgres') THEN
                RAISE EXCEPTION 'The user name "%" is reserved.', p_username
                    USING {_INVALID}, COLUMN = 'username';
            END IF;
        END
        $$""",
    # Raises unless the caller holds every (facility, program) pair it wants to hand out:
    # nobody can give access they do not have themselves.
    "rollbook_staff_check_grant(p_facility_ids uuid[], p_program_ids uuid[])": f"""
        RETURNS void LANGUAGE plpgsql STABLE {_SECDEF} AS $$
        DECLARE
            v_facility uuid;
            v_program uuid;
            v_programs uuid[] := CASE WHEN cardinality(p_program_ids) > 0
                                      THEN p_program_ids ELSE ARRAY[NULL::uuid] END;
        BEGIN
            IF cardinality(p_program_ids) > 0 AND EXISTS (
                   SELECT 1 FROM unnest(p_program_ids) AS p (id)
                   WHERE p.id IS NULL OR NOT EXISTS (
                       SELECT 1 FROM public.programs AS g
                       WHERE g.id = p.id AND g.deleted_at IS NULL)) THEN
                RAISE EXCEPTION 'A program given does not exist or was removed.'
                    USING {_MISSING}, COLUMN = 'program_ids';
            END IF;
            FOREACH v_facility IN ARRAY coalesce(p_facility_ids, '{{}}'::uuid[]) LOOP
                -- Read under the caller's policies: a facility they cannot see is refused the
                -- same way as one they see but do not administer.
                IF v_facility IS NULL OR NOT EXISTS (
                       SELECT 1 FROM public.facilities AS f
                       WHERE f.id = v_facility AND f.deleted_at IS NULL) THEN
                    IF public.rollbook_is_system_admin() THEN
                        RAISE EXCEPTION 'That facility does not exist or was removed.'
                            USING {_MISSING}, COLUMN = 'facility_id';
                    END IF;
                    RAISE EXCEPTION 'You can only manage staff of the facilities you administer.'
                        USING {_NOT_ALLOWED}, COLUMN = 'facility_id';
                END IF;
                FOREACH v_program IN ARRAY v_programs LOOP
                    IF NOT public.rollbook_program_allowed(v_facility, v_program) THEN
                        RAISE EXCEPTION 'You can only give access to facilities and programs you administer yourself.'
                            USING {_NOT_ALLOWED}, COLUMN = 'facility_id';
                    END IF;
                END LOOP;
            END LOOP;
        END
        $$""",
    # The staff member ``p_username`` if the caller may manage them, else an exception.
    "rollbook_staff_target(p_username text, p_allow_self boolean)": f"""
        RETURNS public.users LANGUAGE plpgsql STABLE {_SECDEF} AS $$
        DECLARE
            v_user public.users;
        BEGIN
            -- Under the caller's policies: staff the caller cannot see do not exist for them.
            SELECT u.* INTO v_user FROM public.users AS u
            WHERE u.username = p_username AND u.role <> 'student' AND u.deleted_at IS NULL;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'There is no staff member "%" that you can manage.', p_username
                    USING {_MISSING}, COLUMN = 'username';
            END IF;
            IF EXISTS (
                   SELECT 1 FROM pg_catalog.pg_roles AS r
                   WHERE r.rolname = p_username
                     AND (r.rolsuper OR r.rolbypassrls OR r.rolcreaterole OR r.rolreplication)) THEN
                RAISE EXCEPTION '"%" is a database administrator account; manage it in PostgreSQL.', p_username
                    USING {_NOT_ALLOWED};
            END IF;
            IF v_user.id = public.rollbook_current_staff_id() THEN
                IF p_allow_self THEN
                    RETURN v_user;
                END IF;
                RAISE EXCEPTION 'You cannot change your own account this way; ask another administrator.'
                    USING {_NOT_ALLOWED};
            END IF;
            PERFORM public.rollbook_staff_require_admin();
            IF public.rollbook_is_system_admin() THEN
                RETURN v_user;
            END IF;
            IF v_user.role <> 'instructor' THEN
                RAISE EXCEPTION 'Only a system administrator can manage administrator accounts.'
                    USING {_NOT_ALLOWED};
            END IF;
            IF v_user.facility_id NOT IN (SELECT public.rollbook_visible_facilities())
               OR EXISTS (
                   SELECT 1 FROM public.rollbook_staff_scope_rows(v_user.id) AS r
                   WHERE NOT public.rollbook_program_allowed(r.facility_id, r.program_id)) THEN
                RAISE EXCEPTION '"%" also works where you have no say; ask a system administrator.', p_username
                    USING {_NOT_ALLOWED};
            END IF;
            RETURN v_user;
        END
        $$""",
    "rollbook_staff_grant_group(p_username text, p_group text)": f"""
        RETURNS void LANGUAGE plpgsql VOLATILE {_SECDEF} AS $$
        BEGIN
            IF pg_catalog.current_setting('server_version_num')::int >= 160000 THEN
                -- PostgreSQL 16+: the login inherits the group's privileges but cannot SET ROLE
                -- to it (the grantor needs ADMIN OPTION on the group: init_server gives it).
                EXECUTE format('GRANT %I TO %I WITH INHERIT TRUE, SET FALSE', p_group, p_username);
            ELSE
                -- PostgreSQL 15: CREATEROLE may grant any non-superuser role; SET ROLE to the
                -- group stays possible but widens nothing (policies key on session_user).
                EXECUTE format('GRANT %I TO %I', p_group, p_username);
            END IF;
        END
        $$""",
    "rollbook_staff_history(p_user public.users, p_action text, p_details jsonb)": f"""
        RETURNS void LANGUAGE sql VOLATILE {_SECDEF} AS $$
            INSERT INTO public.user_account_history
                (id, user_id, admin_username, action, facility_id, details, created_at)
            VALUES (gen_random_uuid(), (p_user).id, session_user::text, p_action,
                    (p_user).facility_id, p_details, pg_catalog.now())
        $$""",
    """rollbook_create_staff(p_username text, p_password text, p_role text, p_facility_id uuid,
        p_name_first text, p_name_last text, p_email text DEFAULT NULL,
        p_program_ids uuid[] DEFAULT NULL)""": f"""
        RETURNS uuid LANGUAGE plpgsql VOLATILE {_SECDEF} AS $$
        DECLARE
            v_user public.users;
            v_group text := public.rollbook_staff_group(p_role);
            v_first text := btrim(regexp_replace(coalesce(p_name_first, ''), '\\s+', ' ', 'g'));
            v_last text := btrim(regexp_replace(coalesce(p_name_last, ''), '\\s+', ' ', 'g'));
            v_email text := nullif(lower(btrim(coalesce(p_email, ''))), '');
        BEGIN
            PERFORM public.rollbook_staff_require_admin();
            PERFORM public.rollbook_staff_check_username(p_username);
            IF coalesce(p_password, '') = '' THEN
                RAISE EXCEPTION 'A password is required.' USING {_INVALID}, COLUMN = 'password';
            END IF;
            IF v_group IS NULL THEN
                RAISE EXCEPTION 'Choose a staff role: instructor, facility_admin, department_admin or system_admin.'
                    USING {_INVALID}, COLUMN = 'role';
            END IF;
            IF p_role <> 'instructor' AND NOT public.rollbook_is_system_admin() THEN
                RAISE EXCEPTION 'Only a system administrator can create administrator accounts.'
                    USING {_NOT_ALLOWED}, COLUMN = 'role';
            END IF;
            IF v_first = '' OR length(v_first) > 100 THEN
                RAISE EXCEPTION 'A first name of 1 to 100 characters is required.'
                    USING {_INVALID}, COLUMN = 'name_first';
            END IF;
            IF v_last = '' OR length(v_last) > 100 THEN
                RAISE EXCEPTION 'A last name of 1 to 100 characters is required.'
                    USING {_INVALID}, COLUMN = 'name_last';
            END IF;
            IF v_email IS NOT NULL AND (length(v_email) > 254 OR v_email !~ '^[^@\\s]+@[^@\\s]+$') THEN
                RAISE EXCEPTION 'That email address is not valid.' USING {_INVALID}, COLUMN = 'email';
            END IF;
            IF p_facility_id IS NULL THEN
                RAISE EXCEPTION 'Choose the home facility.' USING {_INVALID}, COLUMN = 'facility_id';
            END IF;
            PERFORM public.rollbook_staff_check_grant(ARRAY[p_facility_id], p_program_ids);
            IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r WHERE r.rolname = p_username) THEN
                RAISE EXCEPTION 'That user name is already taken.'
                    USING ERRCODE = 'duplicate_object', COLUMN = 'username';
            END IF;

            INSERT INTO public.users
                (id, facility_id, role, name_first, name_last, search_name, search_first,
                 username, email, status, created_by, updated_by)
            VALUES (gen_random_uuid(), p_facility_id, p_role, v_first, v_last,
                    public.rollbook_search_key(v_last || ' ' || v_first),
                    public.rollbook_search_key(v_first), p_username, v_email, 'active',
                    session_user::text, session_user::text);
            SELECT u.* INTO STRICT v_user FROM public.users AS u WHERE u.username = p_username;
            EXECUTE format(
                'CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION '
                'NOBYPASSRLS PASSWORD %L', p_username, p_password);
            PERFORM public.rollbook_staff_grant_group(p_username, v_group);
            INSERT INTO public.staff_scopes (id, user_id, facility_id, program_id, created_by, updated_by)
            SELECT gen_random_uuid(), v_user.id, p_facility_id, p.id, session_user::text, session_user::text
            FROM unnest(CASE WHEN cardinality(p_program_ids) > 0
                             THEN p_program_ids ELSE ARRAY[NULL::uuid] END) AS p (id);
            PERFORM public.rollbook_staff_history(v_user, 'account_creation', jsonb_build_object(
                'username', p_username, 'role', p_role,
                'program_ids', to_jsonb(coalesce(p_program_ids, '{{}}'::uuid[]))));
            RETURN v_user.id;
        END
        $$""",
    "rollbook_disable_staff(p_username text)": f"""
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
            -- Open sessions lose all visibility at once (the helpers ignore deactivated staff);
            -- NOLOGIN stops new ones.
            IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r WHERE r.rolname = p_username) THEN
                EXECUTE format('ALTER ROLE %I NOLOGIN', p_username);
            END IF;
        END
        $$""",
    "rollbook_enable_staff(p_username text)": f"""
        RETURNS void LANGUAGE plpgsql VOLATILE {_SECDEF} AS $$
        DECLARE
            v_user public.users := public.rollbook_staff_target(p_username, false);
        BEGIN
            IF v_user.deactivated_at IS NOT NULL THEN
                UPDATE public.users
                SET deactivated_at = NULL, status = 'active',
                    updated_at = pg_catalog.now(), updated_by = session_user::text,
                    row_version = row_version + 1
                WHERE id = v_user.id;
                PERFORM public.rollbook_staff_history(
                    v_user, 'user_reactivated', jsonb_build_object('username', p_username));
            END IF;
            IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r WHERE r.rolname = p_username) THEN
                EXECUTE format('ALTER ROLE %I LOGIN', p_username);
            END IF;
        END
        $$""",
    "rollbook_scope_staff(p_username text, p_facility_ids uuid[], p_program_ids uuid[])": f"""
        RETURNS void LANGUAGE plpgsql VOLATILE {_SECDEF} AS $$
        DECLARE
            v_user public.users := public.rollbook_staff_target(p_username, false);
            v_programs uuid[] := CASE WHEN cardinality(p_program_ids) > 0
                                      THEN p_program_ids ELSE ARRAY[NULL::uuid] END;
        BEGIN
            PERFORM public.rollbook_staff_check_grant(p_facility_ids, p_program_ids);
            -- Replace, as tombstones: sync hands "left scope" to the workstations (DESIGN §3).
            UPDATE public.staff_scopes AS s
            SET deleted_at = pg_catalog.now(), updated_at = pg_catalog.now(),
                updated_by = session_user::text, row_version = s.row_version + 1
            WHERE s.user_id = v_user.id AND s.deleted_at IS NULL
              AND NOT EXISTS (
                  SELECT 1 FROM unnest(coalesce(p_facility_ids, '{{}}'::uuid[])) AS f (id)
                  CROSS JOIN unnest(v_programs) AS p (id)
                  WHERE f.id = s.facility_id AND p.id IS NOT DISTINCT FROM s.program_id);
            INSERT INTO public.staff_scopes (id, user_id, facility_id, program_id, created_by, updated_by)
            SELECT gen_random_uuid(), v_user.id, f.id, p.id, session_user::text, session_user::text
            FROM (SELECT DISTINCT unnest(coalesce(p_facility_ids, '{{}}'::uuid[]))) AS f (id)
            CROSS JOIN (SELECT DISTINCT unnest(v_programs)) AS p (id)
            WHERE NOT EXISTS (
                SELECT 1 FROM public.staff_scopes AS s
                WHERE s.user_id = v_user.id AND s.deleted_at IS NULL AND s.facility_id = f.id
                  AND s.program_id IS NOT DISTINCT FROM p.id);
            PERFORM public.rollbook_staff_history(v_user, 'scope_change', jsonb_build_object(
                'username', p_username,
                'facility_ids', to_jsonb(coalesce(p_facility_ids, '{{}}'::uuid[])),
                'program_ids', to_jsonb(coalesce(p_program_ids, '{{}}'::uuid[]))));
        END
        $$""",
    "rollbook_set_staff_password(p_username text, p_password text)": f"""
        RETURNS void LANGUAGE plpgsql VOLATILE {_SECDEF} AS $$
        DECLARE
            v_user public.users := public.rollbook_staff_target(p_username, true);
        BEGIN
            IF coalesce(p_password, '') = '' THEN
                RAISE EXCEPTION 'A password is required.' USING {_INVALID}, COLUMN = 'password';
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r WHERE r.rolname = p_username) THEN
                RAISE EXCEPTION '"%" has no database login.', p_username USING {_MISSING};
            END IF;
            EXECUTE format('ALTER ROLE %I PASSWORD %L', p_username, p_password);
            PERFORM public.rollbook_staff_history(
                v_user,
                CASE WHEN p_username = session_user::text THEN 'set_password' ELSE 'reset_password' END,
                jsonb_build_object('username', p_username));
        END
        $$""",
}


def _signature(header: str) -> str:
    """``name(arg type, ...)`` as DROP/REVOKE want it: argument types only, no defaults."""
    name, _, args = header.partition("(")
    types = []
    for arg in args.rstrip(")").split(","):
        words = arg.split(" DEFAULT ")[0].split()
        if words:
            types.append(" ".join(words[1:]))
    return f"public.{name.strip()}({', '.join(types)})"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        DO $$
        BEGIN
            IF NOT (SELECT r.rolsuper OR r.rolbypassrls FROM pg_catalog.pg_roles AS r
                    WHERE r.rolname = current_user) THEN
                RAISE EXCEPTION 'Row-level security needs the schema migrated by a superuser or a BYPASSRLS role (its helper functions read the staff scopes past the policies).';
            END IF;
        END
        $$
        """
    )
    for functions in (HELPER_FUNCTIONS, MANAGEMENT_FUNCTIONS):
        for header, body in functions.items():
            op.execute(f"CREATE OR REPLACE FUNCTION public.{header} {body}")
            op.execute(f"REVOKE ALL ON FUNCTION {_signature(header)} FROM PUBLIC")
    for table in RLS_TABLES:
        op.execute(f"ALTER TABLE public.{table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE public.{table} FORCE ROW LEVEL SECURITY")
        for name, command, expr in POLICIES[table]:
            clauses = {
                "ALL": f"USING ({expr}) WITH CHECK ({expr})",
                "SELECT": f"USING ({expr})",
                "INSERT": f"WITH CHECK ({expr})",
            }[command]
            op.execute(f"CREATE POLICY {name} ON public.{table} FOR {command} {clauses}")
    op.execute("REVOKE ALL ON public.alembic_version FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in RLS_TABLES:
        for name, _command, _expr in POLICIES[table]:
            op.execute(f"DROP POLICY IF EXISTS {name} ON public.{table}")
        op.execute(f"ALTER TABLE public.{table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE public.{table} DISABLE ROW LEVEL SECURITY")
    for functions in (MANAGEMENT_FUNCTIONS, HELPER_FUNCTIONS):
        for header in reversed(functions):
            op.execute(f"DROP FUNCTION IF EXISTS {_signature(header)}")
