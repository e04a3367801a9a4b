"""Writers of one cache take turns on a lock handed over at commit or rollback (app.db.engine)."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db import migrate
from app.db.engine import make_local_engine
from app.db.models import Facility
from app.db.writer_turn import writer_busy
from app.domain.actor import Actor
from app.domain.errors import DuplicateError
from app.repositories.uow import UnitOfWorkFactory


@pytest.fixture
def cache(tmp_path: Path) -> UnitOfWorkFactory:
    engine = make_local_engine(tmp_path / "cache.sqlite3")
    migrate.upgrade(engine)
    return UnitOfWorkFactory(engine, Actor("test_admin"))


def test_the_turn_is_held_from_the_first_write_to_the_commit(cache: UnitOfWorkFactory) -> None:
    with cache() as u:
        u.session.get(Facility, uuid.uuid4())  # a read takes no turn
        assert not writer_busy(cache.engine)
        u.session.add(Facility(name="North", timezone="UTC"))
        u.flush()
        assert writer_busy(cache.engine)
        u.commit()
    assert not writer_busy(cache.engine)


def test_a_refused_write_and_an_abandoned_connection_give_the_turn_back(
    cache: UnitOfWorkFactory,
) -> None:
    with cache() as u:
        u.session.add(Facility(name="North", timezone="UTC"))
        u.commit()
    with pytest.raises(DuplicateError), cache() as u:
        u.session.add(Facility(name="North", timezone="UTC"))
        u.commit()
    assert not writer_busy(cache.engine)
    conn = cache.engine.connect()
    conn.execute(text("UPDATE facilities SET timezone = 'Europe/Oslo'"))
    assert writer_busy(cache.engine)
    conn.close()  # never committed: rolled back on the way back to the pool
    assert not writer_busy(cache.engine)


def test_a_second_writer_waits_for_the_first_and_then_writes(cache: UnitOfWorkFactory) -> None:
    first = cache.engine.connect()
    first.execute(text("UPDATE facilities SET timezone = 'UTC'"))
    started, done = threading.Event(), threading.Event()

    def second() -> None:
        started.set()
        with cache() as u:
            u.session.add(Facility(name="South", timezone="UTC"))
            u.commit()
        done.set()

    worker = threading.Thread(target=second)
    worker.start()
    started.wait()
    assert writer_busy(cache.engine)  # the first still holds the turn
    first.commit()
    first.close()
    worker.join(10)
    assert done.is_set() and not writer_busy(cache.engine)
    with cache() as u:
        assert u.session.query(Facility).filter_by(name="South").count() == 1
