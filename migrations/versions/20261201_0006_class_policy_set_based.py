"""The class policy decides program scope with set-based subqueries, not a function per row.

Rows reached through a class (enrolments, session series, overrides, attendance) are visible
when their class is, and the class policy called ``rollbook_program_allowed`` once per class
row. Every statement on those tables evaluated it for every class of the facility: about 15 ms
per statement, so a staff workstation pushing a thousand marks one statement each took 15 s
(bench.bench_sync). The same rule now reads the signed-in staff member's scope rows once per
statement: the whole facility where a scope row names no program, else the named programs.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_SECDEF = "SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp"
_VISIBLE = "facility_id IN (SELECT public.rollbook_visible_facilities())"
_OLD = f"{_VISIBLE} AND public.rollbook_program_allowed(facility_id, program_id)"
_NEW = (
    f"{_VISIBLE} AND ((SELECT public.rollbook_is_system_admin())"  # noqa: S608
    " OR facility_id IN (SELECT s.facility_id FROM public.rollbook_my_scopes() AS s"
    "                    WHERE s.program_id IS NULL)"
    " OR (facility_id, program_id) IN (SELECT s.facility_id, s.program_id"
    "                                  FROM public.rollbook_my_scopes() AS s))"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # The signed-in staff member's live scope rows, read as the (RLS-exempt) owner.
    op.execute(
        "CREATE OR REPLACE FUNCTION public.rollbook_my_scopes()"  # noqa: S608
        " RETURNS TABLE (facility_id uuid, program_id uuid)"
        f" LANGUAGE sql STABLE ROWS 10 {_SECDEF} AS $$"
        " SELECT s.facility_id, s.program_id FROM public.staff_scopes AS s"
        " WHERE s.user_id = public.rollbook_current_staff_id() AND s.deleted_at IS NULL $$"
    )
    op.execute("REVOKE ALL ON FUNCTION public.rollbook_my_scopes() FROM PUBLIC")
    _class_policy(_NEW)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _class_policy(_OLD)
    op.execute("DROP FUNCTION IF EXISTS public.rollbook_my_scopes()")


def _class_policy(expr: str) -> None:
    op.execute("DROP POLICY IF EXISTS class_rows ON public.program_classes")
    op.execute(
        "CREATE POLICY class_rows ON public.program_classes FOR ALL"
        f" USING ({expr}) WITH CHECK ({expr})"
    )
