"""Unit of work: one SQLAlchemy session per use case, audit stamping, error translation.

Every flush stamps ``created_by``/``updated_by`` with the actor. On the workstation's SQLite
cache it also appends an ``audit_log`` row per inserted, updated or (soft-)deleted record with
its old and new values: the desk's own offline record. On PostgreSQL the server writes the trail
and the bookkeeping columns itself, from the login (migration 0009: one writer of the record);
the unit of work only names its workstation (``rollbook.device_id``) and, for a superuser's
session such as the command line's, its actor (``rollbook.actor``) for the transaction. Driver
errors leave as domain errors with a message a person can act on.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Engine, TextClause, event, insert, inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.db.base import Audited
from app.db.models import AuditEntry
from app.db.unique import duplicate_error
from app.domain.actor import Actor
from app.domain.enums import AuditAction
from app.domain.errors import (
    DomainError,
    NotAllowed,
    StaleRecord,
    ValidationError,
)

R = TypeVar("R")


class Touched(NamedTuple):
    """One row a committed unit of work wrote (``row_id`` and ``facility_id`` when known): what a
    desk write changed, for the screens to refresh from (``services.changes.changes_written``)."""

    table: str
    facility_id: uuid.UUID | None
    row_id: uuid.UUID | None


Recorder = Callable[[list[Touched]], None]
_WRITE_SQL = re.compile(
    r'\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.I
)

# The server's same-facility reference check (migration 0009).
_SAME_FACILITY = "rollbook_same_facility"


def translate_integrity_error(err: IntegrityError) -> DomainError:
    """Turn a driver's constraint violation into a domain error (PostgreSQL or SQLite)."""
    orig = err.orig
    text = str(orig)
    diag = getattr(orig, "diag", None)
    constraint = getattr(diag, "constraint_name", None) if diag is not None else None
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate == "23505" or "UNIQUE constraint failed" in text:
        return duplicate_error(constraint, text)
    if sqlstate == "23503" or "FOREIGN KEY" in text.upper():
        return ValidationError("The record refers to something that does not exist any more.")
    if sqlstate == "23514" and constraint == _SAME_FACILITY:
        return ValidationError("That refers to a record of another facility.")
    if sqlstate == "23514" or "CHECK constraint" in text:
        name = constraint or _sqlite_check_name(text) or "a rule"
        return ValidationError(f"The values break a rule of the schema ({name}).")
    if sqlstate == "23502" or "NOT NULL" in text.upper():
        return ValidationError("A required value is missing.")
    return ValidationError(f"The change was refused by the database: {text.splitlines()[0]}")


def translate_refusal(err: DBAPIError) -> DomainError | None:
    """A privilege or row-level-security refusal of the server as ``NotAllowed``, else None."""
    if getattr(err.orig, "sqlstate", None) != "42501":
        return None
    detail = str(err.orig).splitlines()[0]
    return NotAllowed(f"Your account may not make this change (the server said: {detail}).")


def _sqlite_check_name(text: str) -> str | None:
    match = re.search(r"CHECK constraint failed: (\w+)", text)
    return match.group(1) if match else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _audit_values(obj: Audited, *, changed_only: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        if attr.key in ("updated_at", "row_version", "updated_by"):
            continue
        hist = state.attrs[attr.key].history
        if changed_only:
            if not hist.has_changes():
                continue
            old[attr.key] = _jsonable(hist.deleted[0]) if hist.deleted else None
            new[attr.key] = _jsonable(hist.added[0]) if hist.added else None
        else:
            new[attr.key] = _jsonable(getattr(obj, attr.key))
    return old, new


class UnitOfWork:
    """One session, one transaction. Use as a context manager; call ``commit()`` to keep work.

    Repositories are obtained with ``uow.get(SomeRepository)``; they share the session.
    """

    def __init__(self, session: Session, actor: Actor, recorder: Recorder | None = None) -> None:
        self.session = session
        self.actor = actor
        self._repos: dict[Callable[[Session], Any], Any] = {}
        self._recorder = recorder
        self._touched: list[Touched] = []  # what this transaction wrote, told at its commit
        if recorder is not None:
            event.listen(session, "do_orm_execute", self._record_statement)
        # One writer of the trail: the server's triggers on PostgreSQL, this on the cache.
        self._writes_trail = session.get_bind().dialect.name != "postgresql"
        self._named = False  # whether this transaction has told the server who acts
        event.listen(session, "before_flush", self._before_flush)
        if not self._writes_trail:
            event.listen(session, "do_orm_execute", self._before_statement)
            event.listen(session, "after_transaction_end", self._forget_named)

    def get(self, repo_type: Callable[[Session], R]) -> R:
        repo = self._repos.get(repo_type)
        if repo is None:
            repo = repo_type(self.session)
            self._repos[repo_type] = repo
        return repo

    def flush(self) -> None:
        try:
            self.session.flush()
        except IntegrityError as err:
            self.session.rollback()
            raise translate_integrity_error(err) from err
        except DBAPIError as err:
            self.session.rollback()
            refused = translate_refusal(err)
            if refused is None:
                raise
            raise refused from err
        except StaleDataError as err:
            self.session.rollback()
            raise StaleRecord(
                "This record changed while it was being saved (another staff member, or a sync"
                " bringing the server's copy). Reload it and try again."
            ) from err

    def commit(self) -> None:
        self.flush()
        try:
            self.session.commit()
        except IntegrityError as err:
            self.session.rollback()
            raise translate_integrity_error(err) from err
        touched, self._touched = self._touched, []
        if self._recorder is not None and touched:
            self._recorder(touched)

    def _record_statement(self, state: ORMExecuteState) -> None:
        """An INSERT, UPDATE or DELETE statement run through the session: its table changed."""
        name: object = None
        if state.is_insert or state.is_update or state.is_delete:
            name = getattr(getattr(state.statement, "table", None), "name", None)
        elif isinstance(state.statement, TextClause):  # text("UPDATE sync_issues SET …")
            found = _WRITE_SQL.match(state.statement.text)
            name = found.group(1) if found else None
        if isinstance(name, str):
            self._touched.append(Touched(name, None, None))

    def rollback(self) -> None:
        self.session.rollback()

    def _name_actor(self, session: Session) -> None:
        """Tell the server's audit trigger, once per transaction and only before a write (a
        read costs no extra statement), which workstation acts and, in a superuser's session,
        who: a staff login is always named by the server itself."""
        conn = session.connection()  # begins the transaction (and forgets) if need be
        if self._named:
            return
        conn.execute(
            text(
                "SELECT set_config('rollbook.actor', :actor, true),"
                " set_config('rollbook.device_id', :device, true)"
            ),
            {"actor": self.actor.username, "device": self.actor.device_id or ""},
        )
        self._named = True

    def _before_statement(self, state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            self._name_actor(state.session)

    def _forget_named(self, _session: Session, transaction: SessionTransaction) -> None:
        # The transaction's end, or a savepoint's (its settings go if it rolls back): named
        # again if need be. A flush's own inner transaction changes nothing.
        if transaction.nested or transaction.parent is None:
            self._named = False

    def _before_flush(self, session: Session, _ctx: object, _instances: object) -> None:
        actor = self.actor.username
        trail = self._writes_trail
        if self._recorder is not None:
            for obj in (*session.new, *session.dirty, *session.deleted):
                name = getattr(type(obj), "__tablename__", None)
                if isinstance(name, str) and name != "audit_log":
                    ids = (getattr(obj, "facility_id", None), getattr(obj, "id", None))
                    self._touched.append(
                        Touched(name, *(i if isinstance(i, uuid.UUID) else None for i in ids))
                    )
        if not trail:
            self._name_actor(session)
        entries: list[dict[str, Any]] = []
        for obj in list(session.new):
            if isinstance(obj, Audited):
                obj.created_by = obj.created_by or actor
                obj.updated_by = actor
                if obj.id is None:
                    obj.id = uuid.uuid4()
                if trail:
                    _, new = _audit_values(obj, changed_only=False)
                    entries.append(self._entry(obj, AuditAction.INSERT, None, new))
        for obj in list(session.dirty):
            if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
                old, new = _audit_values(obj, changed_only=True)
                if not new:
                    continue
                obj.updated_by = actor
                action = AuditAction.UPDATE
                if "deleted_at" in new and new["deleted_at"] is not None:
                    action = AuditAction.DELETE
                if trail:
                    entries.append(self._entry(obj, action, old, new))
        for obj in list(session.deleted):
            if trail and isinstance(obj, Audited):
                _, old = _audit_values(obj, changed_only=False)
                entries.append(self._entry(obj, AuditAction.DELETE, old, None))
        if entries:
            # Appended on the transaction's connection, not as objects of the session: the
            # trail is never read back or changed here, and the unit of work's own INSERT
            # (a row at a time, reading back each id) was a quarter of a mark's flush.
            session.connection().execute(insert(AuditEntry), entries)

    def _entry(
        self,
        obj: Audited,
        action: AuditAction,
        old: dict[str, Any] | None,
        new: dict[str, Any] | None,
    ) -> dict[str, Any]:
        return {
            "table_name": type(obj).__tablename__,  # type: ignore[attr-defined]
            "row_id": obj.id,
            "facility_id": getattr(obj, "facility_id", None),
            "action": action,
            "old_values": old,
            "new_values": new,
            "changed_by": self.actor.username,
            "device_id": self.actor.device_id,
        }


class UnitOfWorkFactory:
    """Makes units of work over one engine for one actor. Safe to share across threads."""

    def __init__(self, engine: Engine, actor: Actor) -> None:
        self.engine = engine
        self.actor = actor
        self._sessions = sessionmaker(engine, expire_on_commit=False, autoflush=False)
        self._recording = threading.local()  # per thread: the rows written while recording

    @contextmanager
    def recording(self) -> Iterator[list[Touched]]:
        """Every row the units of work of this thread commit inside the block, in order."""
        outer = getattr(self._recording, "rows", None)
        rows: list[Touched] = []
        self._recording.rows = rows
        try:
            yield rows
        finally:
            self._recording.rows = outer
            if outer is not None:
                outer.extend(rows)

    def _record(self, touched: list[Touched]) -> None:
        rows = getattr(self._recording, "rows", None)
        if rows is not None:
            rows.extend(touched)

    @contextmanager
    def __call__(self) -> Iterator[UnitOfWork]:
        session = self._sessions()
        uow = UnitOfWork(session, self.actor, self._record)
        try:
            yield uow
        except IntegrityError as err:
            session.rollback()
            raise translate_integrity_error(err) from err
        except DBAPIError as err:
            session.rollback()
            refused = translate_refusal(err)
            if refused is None:
                raise
            raise refused from err
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
