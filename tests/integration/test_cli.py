"""The command line against real databases: upgrade, demo, server init and staff management."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.engine import make_url

from app.cli import main
from app.db import migrate
from app.db.engine import make_local_engine, make_server_engine
from app.db.models import Facility, User
from tests import pgserver


def test_db_upgrade_brings_an_empty_postgres_to_head(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = pgserver.create_database(prefix="rb_cli")
    try:
        assert main(["db", "upgrade", "--url", url]) == 0
        assert "was empty" in capsys.readouterr().out
        assert main(["db", "upgrade", "--url", url]) == 0  # idempotent
        engine = make_server_engine(url)
        assert migrate.current_revision(engine) == migrate.head_revision()
        engine.dispose()
        assert main(["db", "check", "--url", url]) == 0
    finally:
        pgserver.drop_database(url)


def test_demo_into_a_local_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--local", str(path), "--size", "small", "--students", "50"]) == 0
    engine = make_local_engine(path)
    with engine.connect() as conn:
        students = conn.execute(
            select(func.count()).select_from(User).where(User.role == "student")
        ).scalar_one()
        facilities = conn.execute(select(func.count()).select_from(Facility)).scalar_one()
    engine.dispose()
    assert students == 50
    assert facilities == 2
    assert "program_class_event_attendance" in capsys.readouterr().out


def test_bad_input_is_a_clear_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--local", str(tmp_path / "x.sqlite3"), "--students", "0"]) == 2
    assert "at least one student" in capsys.readouterr().err
    unreachable = f"postgresql://nobody@/nowhere?host={tmp_path}"
    assert main(["db", "upgrade", "--url", unreachable]) == 2
    assert "cannot reach the database" in capsys.readouterr().err


def test_server_init_then_staff_add_gives_a_working_login(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["server", "init", "--url", pg_url]) == 0
    engine = make_server_engine(pg_url)
    with engine.begin() as conn:
        fid = uuid.uuid4()
        conn.execute(insert(Facility).values(id=fid, name="North", timezone="America/Chicago"))
    engine.dispose()
    username = f"cli_{uuid.uuid4().hex[:8]}"
    password = "correct-horse-battery-staple"
    monkeypatch.setenv("ROLLBOOK_STAFF_PASSWORD", password)
    argv = [
        "staff",
        "add",
        "--url",
        pg_url,
        "--username",
        username,
        "--role",
        "instructor",
        "--facility",
        "North",
        "--first",
        "Ada",
        "--last",
        "Byron",
    ]
    try:
        assert main(argv) == 0
        assert f"created {username}" in capsys.readouterr().out
        login = make_url(pg_url).set(username=username, password=password)
        login_url = login.render_as_string(hide_password=False)
        with psycopg.connect(login_url) as conn:
            names = [r[0] for r in conn.execute("SELECT name FROM facilities")]
        assert names == ["North"]
        assert main(["staff", "disable", "--url", pg_url, "--username", username]) == 0
        with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
            psycopg.connect(login_url).close()
        bad = [("Bad Name" if a == username else a) for a in argv]
        assert main(bad) == 2
        assert "user name" in capsys.readouterr().err.lower()
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(
                psycopg.sql.SQL("DROP OWNED BY {} CASCADE").format(psycopg.sql.Identifier(username))
            )
            conn.execute(
                psycopg.sql.SQL("DROP ROLE IF EXISTS {}").format(psycopg.sql.Identifier(username))
            )
