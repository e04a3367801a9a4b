"""One table of unique-violation messages for the cache, the server and the admin commands."""

from __future__ import annotations

from app.db.unique import duplicate_error


def test_a_violation_reads_the_same_from_postgresql_and_from_sqlite() -> None:
    server = duplicate_error("uq_users_email")
    cache = duplicate_error(None, "UNIQUE constraint failed: users.email")
    assert server.message == cache.message == "That email address is already in use."
    assert server.field == cache.field == "email"
    roster = duplicate_error(
        None,
        "UNIQUE constraint failed: program_class_enrollments.class_id, "
        "program_class_enrollments.user_id",
    )
    assert roster.message == "The student is already on this roster."


def test_an_unknown_constraint_says_the_record_exists() -> None:
    unknown = duplicate_error("uq_something_new")
    assert unknown.message == "That record already exists." and unknown.field is None
