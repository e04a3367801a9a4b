"""Fault injection: the sync engine against a real PostgreSQL and real SQLite caches, seeded.

Every write a test makes carries a unique tag (a case note's body or subject, a student's
phone). At the end each test checks that every write is on the server exactly once (or stored
as an issue with its reason), that the outbox is empty after a final clean cycle and that the
workstation's slice has the server's row versions (``digests_match``).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.db import migrate
from app.db.engine import make_local_engine, make_server_engine
from app.db.models import AuditEntry, CaseNote, User
from app.domain.actor import Actor
from app.domain.enums import AuditAction, Role
from app.repositories.uow import UnitOfWorkFactory
from app.sync.engine import SyncConfig, SyncEngine
from app.sync.local import LocalStore
from app.sync.server import ChangeChunk, Fetched, ServerStore
from app.sync.wire import StoredRow
from tests.signin_site import PASSWORD, Site
from tests.sync.conftest import KNOWN, Sites, Station

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]


# -- tagged writes ---------------------------------------------------------------------------------


@dataclass
class Ledger:
    """Every tagged write a test made, as the server must hold it in the end."""

    prefix: str
    notes: dict[uuid.UUID, tuple[str, str | None]] = field(default_factory=dict)  # body, subject
    phones: dict[uuid.UUID, str] = field(default_factory=dict)  # student: last phone written
    writes: int = 0

    def tag(self) -> str:
        self.writes += 1
        return f"{self.prefix}{self.writes:04d}"  # fits users.phone (32)


def _add_note(
    uow: UnitOfWorkFactory, ledger: Ledger, facility: uuid.UUID, student: uuid.UUID
) -> uuid.UUID:
    body = ledger.tag()
    note = uuid.uuid4()
    with uow() as u:
        u.session.add(CaseNote(id=note, facility_id=facility, student_id=student, body=body))
        u.commit()
    ledger.notes[note] = (body, None)
    return note


def _edit_note(uow: UnitOfWorkFactory, ledger: Ledger, note: uuid.UUID) -> None:
    subject = ledger.tag()
    with uow() as u:
        row = u.session.get(CaseNote, note)
        assert row is not None
        row.subject = subject
        u.commit()
    ledger.notes[note] = (ledger.notes[note][0], subject)


def _set_phone(uow: UnitOfWorkFactory, ledger: Ledger, student: uuid.UUID) -> None:
    phone = ledger.tag()
    with uow() as u:
        user = u.session.get(User, student)
        assert user is not None
        user.phone = phone
        u.commit()
    ledger.phones[student] = phone


def _random_edits(
    rng: random.Random,
    uow: UnitOfWorkFactory,
    ledger: Ledger,
    facility: uuid.UUID,
    students: Sequence[uuid.UUID],
    count: int,
    *,
    phones: bool = True,
) -> None:
    """New notes, edits of earlier notes, phone changes: each its own transaction."""
    for _ in range(count):
        pick = rng.random()
        if pick < 0.5 or not ledger.notes:
            _add_note(uow, ledger, facility, rng.choice(students))
        elif pick < 0.75 or not phones:
            _edit_note(uow, ledger, rng.choice(sorted(ledger.notes)))
        else:
            _set_phone(uow, ledger, rng.choice(students))


def _holds(engine: Engine, ledger: Ledger) -> tuple[Counter[str], dict[Any, Any], dict[Any, Any]]:
    """The ledger's notes (bodies counted, values by id) and phones as ``engine`` holds them."""
    with engine.connect() as conn:
        notes = conn.execute(
            select(CaseNote.id, CaseNote.body, CaseNote.subject).where(
                CaseNote.body.startswith(ledger.prefix)
            )
        ).all()
        phones = dict(
            conn.execute(select(User.id, User.phone).where(User.id.in_(list(ledger.phones)))).all()
        )
    bodies = Counter(str(body) for _, body, _ in notes)
    return bodies, {i: (b, s) for i, b, s in notes}, phones


def _assert_exactly_once(engine: Engine, ledger: Ledger, where: str) -> None:
    bodies, notes, phones = _holds(engine, ledger)
    expected = Counter(body for body, _ in ledger.notes.values())
    twice = sorted(b for b, n in bodies.items() if n > 1)
    missing = sorted(expected - bodies)
    assert not twice, f"{where}: notes written more than once: {twice}"
    assert not missing, f"{where}: notes lost: {missing}"
    assert notes == ledger.notes, f"{where}: a note's last edit is missing"
    assert phones == ledger.phones, f"{where}: a phone change is missing"


def _assert_clean(station: Station, *, issues: bool = False) -> None:
    assert station.local.outbox_count()[0] == 0, f"{station.name}: outbox not empty"
    assert station.sync.digests_match(), f"{station.name}: slice differs from the server's"
    if not issues:
        assert station.local.open_issues() == [], f"{station.name}: unexpected issues"


def _superuser_engine(sites: Sites) -> Engine:
    return sites.superuser().engine


# -- 1. SIGKILL at seeded points of a push, in a process of its own --------------------------------

KILL_SEED = 1101
KILL_ROUNDS = 10
KILL_BATCH = 3
# Where the child stops during its push (see tests/sync/_sync_child.py), and how many such
# points a batch has at least: the n-th point of a label is drawn within that bound.
KILL_LABELS = {
    "server-sql": 4,  # inside the push transaction on PostgreSQL
    "server-commit": 1,  # just before PostgreSQL commits
    "answer": 1,  # committed on the server, the answer not yet acknowledged locally
    "local-sql": 3,  # reading a batch, or acknowledging it in the cache
    "local-commit": 1,  # just before the cache commits the acknowledgement
}


@dataclass
class ChildRun:
    killed_at: str | None
    points: Counter[str]
    report: dict[str, Any] | None
    returncode: int


def _run_child(spec: dict[str, Any], kill: tuple[str, int] | None, log: TextIO) -> ChildRun:
    """One cycle in a child process; SIGKILL it at the ``kill[1]``-th point labelled ``kill[0]``."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.sync._sync_child"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    points: Counter[str] = Counter()
    killed_at = None
    report = None
    try:
        proc.stdin.write(json.dumps(spec) + "\n")
        proc.stdin.flush()
        while line := proc.stdout.readline():
            kind, _, rest = line.rstrip("\n").partition(" ")
            if kind == "point":
                points[rest] += 1
                if kill is not None and (rest, points[rest]) == kill:
                    os.kill(proc.pid, signal.SIGKILL)  # the child waits right at this point
                    killed_at = f"{rest}#{points[rest]}"
                    break
                proc.stdin.write("go\n")
                proc.stdin.flush()
            elif kind == "done":
                report = json.loads(rest)
        returncode = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdin.close()
        proc.stdout.close()
    return ChildRun(killed_at, points, report, returncode)


def _assert_cache_holds(station: Station, ledger: Ledger, where: str) -> None:
    """Nothing written locally was lost or overwritten in the cache."""
    bodies, notes, phones = _holds(station.cache, ledger)
    assert all(n == 1 for n in bodies.values()), where
    assert notes == ledger.notes, f"{where}: a local note or edit is gone from the cache"
    assert phones == ledger.phones, f"{where}: a local phone change is gone from the cache"


def test_a_client_killed_at_random_points_of_its_push_loses_nothing_and_repeats_nothing(
    sites: Sites, tmp_path: Path
) -> None:
    rng = random.Random(KILL_SEED)
    config = SyncConfig(batch_size=KILL_BATCH, pull_chunk=50, page_size=50)
    login = sites.server.staff("kill", Role.FACILITY_ADMIN, "A")
    ws = sites.station("kill", login, config=config)
    ws.cycle()
    device = ws.sync.device_id
    spec = {
        "cache": str(tmp_path / "kill.sqlite3"),
        "server": sites.server.as_(login),
        "device_id": device,
        "facilities": [str(f) for f in ws.facilities],
        "client_revision": migrate.head_revision(),
        "known_revisions": sorted(KNOWN),
        "config": {"batch_size": KILL_BATCH, "pull_chunk": 50, "page_size": 50},
    }
    ledger = Ledger("k1-")
    facility, students = sites.server.facility["A"], sites.students["A"]
    kills: list[str] = []
    log_path = tmp_path / "child.log"
    labels = list(KILL_LABELS)
    with log_path.open("w") as log:
        for round_ in range(KILL_ROUNDS):
            _random_edits(rng, ws.uow, ledger, facility, students, rng.randint(2, 7))
            pending = ws.local.outbox_count()[0]
            batches = -(-pending // KILL_BATCH)
            label = labels[round_ % len(labels)]  # every kind of point, twice
            nth = rng.randint(1, max(1, batches * KILL_LABELS[label]))
            run = _run_child(spec, (label, nth), log)
            log.flush()
            if run.killed_at is not None:
                assert run.returncode == -signal.SIGKILL
                kills.append(run.killed_at)
            else:  # fewer points than drawn (a settled batch is not pushed again): it finished
                assert run.returncode == 0 and run.report is not None, log_path.read_text()
                assert not run.report["rotated_device"]
            _assert_cache_holds(ws, ledger, f"round {round_} ({run.killed_at})")

    assert len(kills) >= 8, kills  # the faults really happened, at every kind of point
    assert {k.split("#")[0] for k in kills} == set(KILL_LABELS), kills
    ws.cycle()  # the final clean cycle, in this process
    assert ws.local.get("device_id") == device  # never mistaken for a restored copy
    engine = _superuser_engine(sites)
    _assert_exactly_once(engine, ledger, f"kills at {kills}")
    with engine.connect() as conn:  # each note was created on the server once
        inserts = conn.execute(
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.row_id.in_(list(ledger.notes)), AuditEntry.action == AuditAction.INSERT
            )
        ).scalar_one()
    engine.dispose()
    assert inserts == len(ledger.notes)
    _assert_cache_holds(ws, ledger, "after the final cycle")
    _assert_clean(ws)


# -- 2. the connection cut at seeded points of a pull ----------------------------------------------

CUT_SEED = 2202
CUT_CHUNK = 7
CUT_PAGE = 5


class CutServer(ServerStore):
    """A server whose connection is cut at the n-th pull request or answer after ``arm(n)``."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self._budget: int | None = None
        self.cuts: list[str] = []
        self.changes_fetched = 0  # change entries the server answered with (lost ones too)
        self.rows_fetched = 0  # snapshot rows the server answered with (lost ones too)

    def arm(self, budget: int | None) -> None:
        self._budget = budget

    def _point(self, where: str) -> None:
        if self._budget is None:
            return
        self._budget -= 1
        if self._budget == 0:
            self._budget = None
            self.cuts.append(where)
            raise ConnectionError(f"connection cut: {where}")

    def changes(
        self, cursor: tuple[int, int], facilities: frozenset[uuid.UUID], limit: int
    ) -> ChangeChunk:
        self._point("changes request")
        answer = super().changes(cursor, facilities, limit)
        self.changes_fetched += len(answer)
        self._point("changes answer")
        return answer

    def rows(
        self,
        table_name: str,
        ids: Sequence[uuid.UUID] | ChangeChunk,
        facilities: frozenset[uuid.UUID],
    ) -> Fetched:
        self._point("rows request")
        answer = super().rows(table_name, ids, facilities)
        self._point("rows answer")
        return answer

    def page(
        self,
        table_name: str,
        after: uuid.UUID | None,
        facilities: frozenset[uuid.UUID],
        limit: int,
    ) -> list[StoredRow]:
        self._point("page request")
        answer = super().page(table_name, after, facilities, limit)
        self.rows_fetched += len(answer)
        self._point("page answer")
        return answer


def _cycle_through_cuts(
    rng: random.Random,
    ws: Station,
    server: CutServer,
    most: int,
    between: Callable[[], None],
) -> int:
    """Cycle, the connection cut at a seeded point each time, until a cycle gets through;
    ``between`` runs after each cut (the office goes on working meanwhile)."""
    for attempt in range(200):
        server.arm(rng.randint(1, most))
        try:
            ws.cycle()
        except ConnectionError:
            between()
            continue
        server.arm(None)
        return attempt
    raise AssertionError("the pull never got through")


def _slice_changes_after(engine: Engine, cursor: str, facilities: frozenset[uuid.UUID]) -> int:
    txid, seq = (int(p) for p in cursor.split(":"))
    with engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT count(*) FROM sync_changes"
                    " WHERE (txid > :t OR (txid = :t AND seq > :s))"
                    "   AND (facility_id IS NULL OR facility_id = ANY(CAST(:f AS uuid[])))"
                ),
                {"t": txid, "s": seq, "f": list(facilities)},
            ).scalar_one()
        )


def test_a_pull_cut_at_random_points_resumes_and_rereads_at_most_a_chunk_per_cut(
    sites: Sites,
) -> None:
    rng = random.Random(CUT_SEED)
    # A first copy's transaction a page, so a cut re-reads one page at most (with more pages a
    # transaction, a cut re-reads the uncommitted ones: tests/sync/test_copy_pull.py).
    config = SyncConfig(
        batch_size=10, pull_chunk=CUT_CHUNK, page_size=CUT_PAGE, copy_commit_rows=CUT_PAGE
    )
    login = sites.server.staff("cut", Role.FACILITY_ADMIN, "A")
    ws = sites.station("cut", login, config=config)
    server = CutServer(ws.remote)
    ws.sync.server = server
    engine = _superuser_engine(sites)
    theirs, mine = Ledger("c2o-"), Ledger("c2w-")
    office = UnitOfWorkFactory(engine, Actor("test_admin"))
    facility, students = sites.server.facility["A"], sites.students["A"]

    def office_works() -> None:
        _random_edits(rng, office, theirs, facility, students, rng.randint(1, 2))

    # The initial pull, cut too: it resumes from its last page, re-reading at most that page,
    # and what the office changed meanwhile arrives through the change log.
    _cycle_through_cuts(rng, ws, server, 12, office_works)
    initial_cuts = len(server.cuts)
    total_rows = sum(len(server.ids_and_versions(t.name, ws.facilities)) for t in ws.sync.tables)
    assert initial_cuts >= 3, server.cuts
    assert server.rows_fetched <= total_rows + CUT_PAGE * initial_cuts
    _assert_exactly_once(ws.cache, theirs, "cache after the initial pull")
    _assert_clean(ws)

    start = ws.local.get("cursor")
    assert start is not None
    server.cuts.clear()
    server.changes_fetched = 0
    for _round in range(4):
        # The office changes many rows, one transaction each; the workstation its own notes.
        _random_edits(rng, office, theirs, facility, students, rng.randint(15, 30))
        _random_edits(rng, ws.uow, mine, facility, students, rng.randint(1, 4), phones=False)
        _cycle_through_cuts(rng, ws, server, 16, office_works)
        for ledger in (theirs, mine):
            _assert_exactly_once(engine, ledger, "server")
            _assert_exactly_once(ws.cache, ledger, "cache")  # it pulled everything
        _assert_clean(ws)

    expected = _slice_changes_after(engine, start, ws.facilities)
    cuts = len(server.cuts)
    assert cuts >= 8, server.cuts
    assert expected <= server.changes_fetched, "a change was skipped"
    overhead = server.changes_fetched - expected
    assert overhead <= CUT_CHUNK * cuts, (overhead, server.cuts)
    ws.cycle()  # a final clean cycle
    _assert_clean(ws)
    engine.dispose()


# -- 3. the server restarted mid-cycle -------------------------------------------------------------

RESTART_SEED = 3303
RESTART_BATCH = 3


class Restart:
    """An ``after_commit`` hook that stops the server after the n-th commit of a push, and
    either lets the answer through or loses it."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.commits = 0
        self.stop_after: int | None = None
        self.lose_answer = False

    def __call__(self) -> None:
        self.commits += 1
        if self.commits == self.stop_after:
            self.stop_after = None
            self.site.pg.stop()
            if self.lose_answer:
                raise ConnectionError("the server went away before answering")


def _outbox_seqs(cache: Engine) -> list[int]:
    with cache.connect() as conn:
        return [
            int(s) for s in conn.execute(text("SELECT seq FROM sync_outbox ORDER BY seq")).scalars()
        ]


def test_a_server_restarted_mid_cycle_loses_nothing_and_repeats_nothing(
    site: Site, tmp_path: Path
) -> None:
    rng = random.Random(RESTART_SEED)
    site.pg.start()
    admin = make_server_engine(site.admin_url)
    cache = make_local_engine(tmp_path / "restart.sqlite3")
    remote: Engine | None = None
    try:
        migrate.upgrade(cache)
        login = site.staff(Role.FACILITY_ADMIN)
        url = make_url(site.admin_url).set(username=login, password=PASSWORD)
        remote = make_server_engine(url.render_as_string(hide_password=False))
        hook = Restart(site)
        facilities = frozenset({site.world.facility_id})
        sync = SyncEngine(
            LocalStore(cache),
            ServerStore(remote, after_commit=hook),
            device_id=f"restart-{uuid.uuid4().hex[:6]}",
            facilities=facilities,
            client_revision=migrate.head_revision(),
            known_revisions=KNOWN,
            config=SyncConfig(batch_size=RESTART_BATCH, pull_chunk=20, page_size=50),
        )
        ws = Station(
            "restart",
            login,
            cache,
            remote,
            sync.local,
            sync,
            UnitOfWorkFactory(cache, Actor(login, Role.INSTRUCTOR, device_id=sync.device_id)),
            facilities,
        )
        ws.cycle()
        ledger = Ledger(f"r3-{uuid.uuid4().hex[:6]}-")  # the server is shared by other tests
        notes: list[uuid.UUID] = []
        outcomes: list[tuple[int | None, int, bool]] = []
        # Stop after the last batch with its answer (so between the push and the pull); after
        # a seeded batch with its answer lost; after a seeded batch with its answer delivered.
        for round_, (last, lose) in enumerate(((True, False), (False, True), (False, False))):
            for _ in range(rng.randint(5, 9)):
                if notes and rng.random() < 0.3:
                    _edit_note(ws.uow, ledger, rng.choice(notes))
                else:
                    student = rng.choice(site.world.students)
                    notes.append(_add_note(ws.uow, ledger, site.world.facility_id, student))
            seqs = _outbox_seqs(cache)
            batches = [seqs[i : i + RESTART_BATCH] for i in range(0, len(seqs), RESTART_BATCH)]
            hook.commits = 0
            hook.stop_after = len(batches) if last else rng.randint(1, len(batches))
            hook.lose_answer = lose
            stopped_at, lost = hook.stop_after, hook.lose_answer
            with pytest.raises((ConnectionError, OperationalError)) as failure:
                ws.cycle()
            assert not site.pg.running and hook.stop_after is None
            if isinstance(failure.value, OperationalError):
                assert "connect" in str(failure.value).lower()
            outcomes.append((stopped_at, len(batches), lost))
            # Nothing lost: the cache holds every write, the outbox what was not acknowledged.
            _assert_cache_holds(ws, ledger, f"round {round_} while the server is down")
            acked = stopped_at - 1 if lost else stopped_at
            assert _outbox_seqs(cache) == [s for b in batches[acked:] for s in b]
            site.pg.start()
            with admin.connect() as conn:  # the commit before the stop survived it
                acked_seq = conn.execute(
                    text("SELECT acked_seq FROM sync_devices WHERE device_id = :d"),
                    {"d": sync.device_id},
                ).scalar_one()
            assert acked_seq == batches[stopped_at - 1][-1]
            ws.cycle()
            _assert_exactly_once(admin, ledger, f"round {round_}: {outcomes[-1]}")
            _assert_clean(ws)
        ws.cycle()  # a final clean cycle
        _assert_exactly_once(admin, ledger, "after the final cycle")
        _assert_clean(ws)
    finally:
        site.pg.start()
        admin.dispose()
        cache.dispose()
        if remote is not None:
            remote.dispose()


# -- 4. two offline workstations editing the same student ------------------------------------------

CONFLICT_SEED = 4404


def _server_user(engine: Engine, user_id: uuid.UUID) -> dict[str, Any]:
    with engine.connect() as conn:
        return dict(conn.execute(select(User).where(User.id == user_id)).mappings().one())


def _edit_user(station: Station, user_id: uuid.UUID, **values: str) -> None:
    with station.uow() as u:
        user = u.session.get(User, user_id)
        assert user is not None
        for name, value in values.items():
            setattr(user, name, value)
        u.commit()


def test_two_offline_workstations_editing_one_student_merge_and_conflict_once(
    sites: Sites,
) -> None:
    rng = random.Random(CONFLICT_SEED)
    one = sites.station("one", sites.server.staff("one", Role.FACILITY_ADMIN, "A"))
    two = sites.station("two", sites.server.staff("two", Role.FACILITY_ADMIN, "A"))
    one.cycle()
    two.cycle()
    student = rng.choice(sites.students["A"])
    run = uuid.uuid4().hex[:6]
    first, phone = f"First-{run}", f"555-{run}"
    last = {"one": f"LastOne-{run}", "two": f"LastTwo-{run}"}
    # Offline: each edits in a few steps, in a seeded order.
    steps = [
        (one, {"name_first": first}),
        (one, {"name_last": last["one"]}),
        (two, {"phone": phone}),
        (two, {"name_last": last["two"]}),
    ]
    rng.shuffle(steps)
    for station, values in steps:
        _edit_user(station, student, **values)
    assert one.local.outbox_count()[0] == 2 and two.local.outbox_count()[0] == 2
    early, late = (one, two) if rng.random() < 0.5 else (two, one)
    early.cycle()
    late.cycle()
    early.cycle()

    engine = _superuser_engine(sites)
    row = _server_user(engine, student)
    engine.dispose()
    assert row["name_first"] == first and row["phone"] == phone  # both clean changes merged
    assert row["name_last"] == last[early.name]  # the first to push stands
    assert early.local.open_issues() == []
    issues = late.local.open_issues()
    assert len(issues) == 1, issues
    (issue,) = issues
    assert issue["kind"] == "conflict" and uuid.UUID(issue["row_id"]) == student
    assert "name_last" in issue["reason"]
    assert json.loads(issue["mine"]) == {"name_last": last[late.name]}
    assert json.loads(issue["theirs"]) == {"name_last": last[early.name]}
    for station in (one, two):
        with station.cache.connect() as conn:
            local = conn.execute(select(User).where(User.id == student)).mappings().one()
        assert (local["name_first"], local["phone"], local["name_last"]) == (
            first,
            phone,
            last[early.name],
        ), station.name
        _assert_clean(station, issues=True)


# -- 5. a thousand pending changes, one batch's answer lost ----------------------------------------

BULK_SEED = 5505
BULK_CHANGES = 1000
BULK_BATCH = 100


class LoseOnce:
    """Loses the answer of the n-th push commit after ``arm(n)``."""

    def __init__(self) -> None:
        self.commits = 0
        self.lose_at: int | None = None
        self.lost = 0

    def __call__(self) -> None:
        self.commits += 1
        if self.commits == self.lose_at:
            self.lose_at = None
            self.lost += 1
            raise ConnectionError("answer lost")


def test_a_thousand_pending_changes_land_once_when_a_batch_answer_is_lost(sites: Sites) -> None:
    rng = random.Random(BULK_SEED)
    hook = LoseOnce()
    login = sites.server.staff("bulk", Role.FACILITY_ADMIN, "A")
    ws = sites.station(
        "bulk",
        login,
        after_commit=hook,
        config=SyncConfig(batch_size=BULK_BATCH, pull_chunk=500, page_size=500),
    )
    ws.cycle()
    ledger, office_ledger = Ledger("b5-"), Ledger("b5o-")
    facility, students = sites.server.facility["A"], sites.students["A"]
    engine = _superuser_engine(sites)
    office = UnitOfWorkFactory(engine, Actor("test_admin"))
    surnames: dict[uuid.UUID, str] = {}
    for student in students:  # meanwhile the office corrects every surname on the server
        with office() as u:
            user = u.session.get(User, student)
            assert user is not None
            user.name_last = surnames[student] = office_ledger.tag()
            u.commit()
    updates = 0
    with ws.uow() as u:  # a long day offline: a thousand changes, each flushed on its own
        for _ in range(BULK_CHANGES):
            pick = rng.random()
            if ledger.notes and pick < 0.15:
                note_id = rng.choice(sorted(ledger.notes))
                note = u.session.get(CaseNote, note_id)
                assert note is not None
                note.subject = ledger.tag()
                ledger.notes[note_id] = (ledger.notes[note_id][0], note.subject)
                updates += 1
            elif pick < 0.3:  # phones here, surnames there: no field changed on both sides
                student = rng.choice(students)
                user = u.session.get(User, student)
                assert user is not None
                user.phone = ledger.phones[student] = ledger.tag()
                updates += 1
            else:
                body, note_id = ledger.tag(), uuid.uuid4()
                u.session.add(
                    CaseNote(
                        id=note_id, facility_id=facility, student_id=rng.choice(students), body=body
                    )
                )
                ledger.notes[note_id] = (body, None)
            u.flush()
        u.commit()
    assert ws.local.outbox_count()[0] == BULK_CHANGES
    batches = BULK_CHANGES // BULK_BATCH
    lose = rng.randint(1, batches)
    hook.commits, hook.lose_at = 0, lose
    with pytest.raises(ConnectionError):
        ws.cycle()
    assert hook.lost == 1
    assert ws.local.outbox_count()[0] == BULK_CHANGES - (lose - 1) * BULK_BATCH
    ws.cycle()
    # The lost batch was settled at the handshake, not committed again; the rest followed.
    assert hook.commits == batches
    ws.cycle()  # a final clean cycle

    _assert_exactly_once(engine, ledger, f"answer of batch {lose} lost")
    with engine.connect() as conn:
        audited = Counter(
            (str(action), row_id)
            for action, row_id in conn.execute(
                select(AuditEntry.action, AuditEntry.row_id).where(
                    AuditEntry.device_id == ws.sync.device_id
                )
            )
        )
        acked = conn.execute(
            text("SELECT acked_seq FROM sync_devices WHERE device_id = :d"),
            {"d": ws.sync.device_id},
        ).scalar_one()
    inserted = {row_id for (action, row_id) in audited if action == AuditAction.INSERT}
    assert inserted == set(ledger.notes)
    assert all(n == 1 for (action, _), n in audited.items() if action == AuditAction.INSERT)
    assert sum(n for (action, _), n in audited.items() if action == AuditAction.UPDATE) <= updates
    assert acked == ws.local.allocated_seq() and ws.local.get("acked_seq") == str(acked)
    assert ws.local.outbox_count()[0] == 0
    # The office's surnames stand: the workstation never changed them.
    with engine.connect() as conn:
        stored = dict(
            conn.execute(select(User.id, User.name_last).where(User.id.in_(students))).all()
        )
    engine.dispose()
    reverted = sorted(str(s) for s in students if stored[s] != surnames[s])
    assert not reverted, f"the office's surname change was silently overwritten for {reverted}"
    _assert_clean(ws)
