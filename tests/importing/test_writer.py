"""The writer on its own: loose Python types, source ids a source repeats."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import psycopg
import pytest

from app.importing.report import Problem
from app.importing.run import libpq
from app.importing.writer import BatchResult, Staged, Target, Writer
from tests.importing.conftest import count

ROOMS = Target("rooms")


@dataclass
class Desk:
    """A writer over a fresh database with one facility, and rooms to write there."""

    conn: psycopg.Connection[Any]
    writer: Writer
    facility: uuid.UUID

    def room(self, source_id: str, **values: Any) -> Staged:
        return Staged(
            source_id,
            {
                "id": uuid.uuid4(),
                "facility_id": self.facility,
                "name": f"Room {source_id}",
                "kind": "classroom",
                "status": "active",
                **values,
            },
        )

    def rooms(self, *rows: Staged) -> tuple[BatchResult, list[Problem]]:
        return self.writer.write("rooms", ROOMS, self.writer.prepare(ROOMS, rows))


@pytest.fixture
def desk(pg_url: str) -> Iterator[Desk]:
    facility = uuid.uuid4()
    with psycopg.connect(libpq(pg_url)) as conn:
        writer = Writer(
            conn,
            system="test",
            source="here",
            run_id=uuid.uuid4(),
            actor="import:test",
            device="import test",
        )
        facilities = Target("facilities")
        one = [Staged("f", {"id": facility, "name": "Here", "timezone": "UTC"})]
        result, problems = writer.write("facility", facilities, writer.prepare(facilities, one))
        assert (result.created, problems) == (1, [])
        yield Desk(conn, writer, facility)


def test_loose_python_types_are_read_by_postgresql_and_bad_ones_refused(
    desk: Desk, pg_url: str
) -> None:
    # Every value of its column's type: the binary stage.
    result, problems = desk.rooms(desk.room("1", capacity=10), desk.room("2", capacity=None))
    assert (result.created, problems) == (2, [])
    # A number as text, a Decimal for an integer and one that is no number at all: the text
    # stage, where PostgreSQL reads the first two and refuses the third, alone.
    result, problems = desk.rooms(
        desk.room("3", capacity="12"),
        desk.room("4", capacity=Decimal("14")),
        desk.room("5", capacity="twelve"),
    )
    desk.conn.commit()
    assert result.created == 2
    assert [(p.source_id, p.kind) for p in problems] == [("5", "rejected")]
    assert "integer" in problems[0].detail
    assert count(pg_url, "rooms", "capacity IN (10, 12, 14)") == 3
    assert count(pg_url, "import_id_map", "source_table = 'rooms'") == 4


def test_a_source_id_repeated_in_a_later_batch_updates_its_row(desk: Desk, pg_url: str) -> None:
    # The first run of an entity writes without looking in the id map; a source that repeats
    # an id with another natural key (another id of ours) must still land on the mapped row.
    first, _ = desk.rooms(desk.room("r1", name="First"))
    again, problems = desk.rooms(desk.room("r1", name="Second"))
    desk.conn.commit()
    assert (first.created, again.created, again.updated, problems) == (1, 0, 1, [])
    assert count(pg_url, "rooms") == 1
    assert count(pg_url, "rooms", "name = 'Second'") == 1
