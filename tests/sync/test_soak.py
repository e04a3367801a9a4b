"""A seeded soak: several workstations syncing at the same time, two facilities, offline windows,
lost answers and cycles cut mid-way (a disconnect, or a crash between two steps), then
convergence. ``ROLLBOOK_SOAK_ROUNDS`` runs it longer (CI keeps it short)."""

from __future__ import annotations

import contextlib
import os
import random
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select, update

from app.db.models import CaseNote, User
from app.domain.enums import Role
from app.sync.engine import Cancelled
from tests.sync.conftest import Sites, Station

pytestmark = pytest.mark.postgres

ROUNDS = int(os.environ.get("ROLLBOOK_SOAK_ROUNDS", "6"))
SEED = 20261122


class Lossy:
    """An ``after_commit`` hook that loses the answer of some pushes (seeded)."""

    def __init__(self, rng: random.Random, rate: float) -> None:
        self.rng, self.rate, self.lost = rng, rate, 0

    def __call__(self) -> None:
        if self.rng.random() < self.rate:
            self.lost += 1
            raise ConnectionError("answer lost")


class Cuts:
    """A ``cancel`` hook that stops a cycle between two of its steps, as a dropped connection or
    a killed process would: what was committed stays. Once started, every ``every``-th check
    cuts, so the faults happen however many checks a cycle makes."""

    def __init__(self, every: int) -> None:
        self.every, self.checks, self.cut = every, 0, 0
        self.active = False
        self.lock = threading.Lock()

    def __call__(self) -> bool:
        with self.lock:
            if not self.active:
                return False
            self.checks += 1
            if self.checks % self.every == 0:
                self.cut += 1
                return True
            return False


def test_workstations_converge_and_every_note_lands_once(sites: Sites) -> None:
    rng = random.Random(SEED)
    lossy = Lossy(rng, 0.25)
    cuts = Cuts(every=7)
    stations: list[tuple[Station, str]] = []
    for name, fac in (("a1", "A"), ("a2", "A"), ("b1", "B")):
        login = sites.server.staff(name, Role.FACILITY_ADMIN, fac)
        station = sites.station(name, login, (fac,), after_commit=lossy, cancel=cuts)
        stations.append((station, fac))
    for station, _fac in stations:
        station.cycle()
    cuts.active = True

    def sync(station: Station) -> None:
        # A lost answer is settled, a cut cycle resumed, at the next contact.
        with contextlib.suppress(ConnectionError, Cancelled):
            station.cycle()

    written: list[str] = []  # every case note body written anywhere, each unique
    for round_ in range(ROUNDS):
        for station, fac in stations:
            students = sites.students[fac]
            with station.uow() as u:
                for _ in range(rng.randint(1, 4)):
                    tag = f"note {station.name} r{round_} {uuid.uuid4().hex[:8]}"
                    u.session.add(
                        CaseNote(
                            id=uuid.uuid4(),
                            facility_id=sites.server.facility[fac],
                            student_id=rng.choice(students),
                            body=tag,
                        )
                    )
                    written.append(tag)
                user = u.session.get(User, rng.choice(students))
                assert user is not None
                user.phone = f"{station.name}-{round_}"
                u.commit()
        online = [station for station, _fac in stations if rng.random() < 0.6]  # others offline
        with ThreadPoolExecutor(max_workers=3) as pool:  # the online ones sync at the same time
            list(pool.map(sync, online))
        uow = sites.superuser()  # the office edits too
        with uow.engine.begin() as conn:
            conn.execute(
                update(User)
                .where(User.id == rng.choice(sites.students["A"]))
                .values(name_last=f"Office{round_}", row_version=User.row_version + 1)
            )
        uow.engine.dispose()

    lossy.rate, cuts.active = 0.0, False
    for _ in range(2):
        for station, _fac in stations:
            station.cycle()

    uow = sites.superuser()
    with uow.engine.connect() as conn:
        bodies = Counter(conn.execute(select(CaseNote.body)).scalars())
    uow.engine.dispose()
    assert all(bodies[tag] == 1 for tag in written), "a note was lost or written twice"
    assert len(bodies) == len(written)
    for station, _fac in stations:
        assert station.local.outbox_count()[0] == 0, station.name
        assert station.sync.digests_match(), station.name
        kinds = {i["kind"] for i in station.local.open_issues()}
        assert kinds <= {"conflict"}, kinds  # phone edits may collide; nothing is refused
    assert lossy.lost > 0 and cuts.cut > 0, (lossy.lost, cuts.cut)  # the faults happened
