"""The writer's stage: values of another Python type than their column's still land or are
refused row by row, never failing the batch."""

from __future__ import annotations

import uuid
from decimal import Decimal

import psycopg

from app.importing.run import libpq
from app.importing.writer import Staged, Target, Writer
from tests.importing.conftest import count


def test_loose_python_types_are_read_by_postgresql_and_bad_ones_refused(pg_url: str) -> None:
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
        rows = [Staged("f", {"id": facility, "name": "Loose", "timezone": "UTC"})]
        result, problems = writer.write(
            "facility", Target("facilities"), writer.prepare(Target("facilities"), rows)
        )
        assert (result.created, problems) == (1, [])

        def room(source_id: str, capacity: object) -> Staged:
            return Staged(
                source_id,
                {
                    "id": uuid.uuid4(),
                    "facility_id": facility,
                    "name": f"Room {source_id}",
                    "kind": "classroom",
                    "status": "active",
                    "capacity": capacity,
                },
            )

        rooms = Target("rooms")
        # Every value of its column's type: the binary stage.
        result, problems = writer.write(
            "rooms", rooms, writer.prepare(rooms, [room("1", 10), room("2", None)])
        )
        assert (result.created, problems) == (2, [])
        # A number as text, a Decimal for an integer and one that is no number at all: the text
        # stage, where PostgreSQL reads the first two and refuses the third, alone.
        loose = [room("3", "12"), room("4", Decimal("14")), room("5", "twelve")]
        result, problems = writer.write("rooms", rooms, writer.prepare(rooms, loose))
        conn.commit()
    assert result.created == 2
    assert [(p.source_id, p.kind) for p in problems] == [("5", "rejected")]
    assert "integer" in problems[0].detail
    assert count(pg_url, "rooms", "capacity IN (10, 12, 14)") == 3
    assert count(pg_url, "import_id_map", "source_table = 'rooms'") == 4


def test_a_source_id_repeated_in_a_later_batch_updates_its_row(pg_url: str) -> None:
    # The first run of an entity writes without looking in the id map; a source that repeats
    # an id with another natural key (another id of ours) must still land on the mapped row.
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
        one = [Staged("f", {"id": facility, "name": "Repeat", "timezone": "UTC"})]
        writer.write("facility", facilities, writer.prepare(facilities, one))
        rooms = Target("rooms")

        def room(name: str) -> Staged:
            values = {"id": uuid.uuid4(), "facility_id": facility, "name": name}
            return Staged("r1", {**values, "kind": "classroom", "status": "active"})

        first, _ = writer.write("rooms", rooms, writer.prepare(rooms, [room("First")]))
        again, problems = writer.write("rooms", rooms, writer.prepare(rooms, [room("Second")]))
        conn.commit()
    assert (first.created, again.created, again.updated, problems) == (1, 0, 1, [])
    assert count(pg_url, "rooms") == 1
    assert count(pg_url, "rooms", "name = 'Second'") == 1
