"""import: the id map of imported rows and the runs with their checkpoints (PostgreSQL only)

Revision ID: 0005
Revises: 0004

``rollbook import`` (app/importing) keeps, per source system and source instance, which of our
rows each source row became and a digest of what was written, so a second run updates only what
changed in the source and never duplicates; ``import_runs`` holds each run's checkpoint (the last
source key committed per entity) and its report, so a cut run resumes where it stopped.

Both are server-side bookkeeping of an admin tool: not models, not synced, not in the local
cache. Row-level security is forced like on every table, with a policy that lets only system
admins (and the migrating owner or a superuser, who run imports) see or write them; app roles get
no privilege on them at all (``server_admin.TABLE_GRANTS``).
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

IMPORT_TABLES = ("import_id_map", "import_runs")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE TABLE public.import_id_map (
            system text NOT NULL,
            source text NOT NULL,
            source_table text NOT NULL,
            source_id text NOT NULL,
            target_table text NOT NULL,
            target_id uuid NOT NULL,
            digest text NOT NULL,
            run_id uuid NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT pk_import_id_map PRIMARY KEY (system, source, source_table, source_id)
        )
        """
    )
    op.execute("CREATE INDEX ix_import_id_map_target ON public.import_id_map (target_id)")
    op.execute(
        """
        CREATE TABLE public.import_runs (
            id uuid PRIMARY KEY,
            system text NOT NULL,
            source text NOT NULL,
            status text NOT NULL CONSTRAINT ck_import_runs_status
                CHECK (status IN ('running', 'finished', 'abandoned')),
            started_at timestamptz NOT NULL DEFAULT now(),
            finished_at timestamptz,
            checkpoint jsonb NOT NULL DEFAULT '{}'::jsonb,
            report jsonb
        )
        """
    )
    op.execute("CREATE INDEX ix_import_runs_system_source ON public.import_runs (system, source)")
    for table in IMPORT_TABLES:
        op.execute(f"ALTER TABLE public.{table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE public.{table} FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY system_admins_only ON public.{table} FOR ALL"
            " USING ((SELECT public.rollbook_is_system_admin()))"
            " WITH CHECK ((SELECT public.rollbook_is_system_admin()))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in IMPORT_TABLES:
        op.execute(f"DROP TABLE IF EXISTS public.{table}")
