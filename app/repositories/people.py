"""Students and staff (``users``), student profiles and medical rows, staff scopes."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, func, select, union
from sqlalchemy.orm import InstrumentedAttribute

from app.db.models import StaffScope, StudentMedical, StudentProfile, User
from app.domain.enums import PersonStatus, Role
from app.repositories.base import Repository

STUDENT_NUMBER_PREFIX = "STU-"
# Splitting a query into first/last parts at every gap grows the OR by two terms per gap.
_MAX_SPLIT_TOKENS = 4


def _printable(text: str) -> str:
    # Control, format and surrogate characters: PostgreSQL refuses NUL, and a lone surrogate
    # cannot even be encoded, so a pasted query must not carry them to the driver.
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))


def search_key(text: str | None) -> str:
    """Accent-free, lower-cased, single-spaced text: what search columns hold and queries use."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", _printable(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def code_key(text: str | None) -> str:
    """Student numbers and resident ids as stored: upper-cased, single-spaced."""
    return " ".join(_printable(text or "").upper().split())


def _successor(prefix: str) -> str | None:
    following = ord(prefix[-1]) + 1
    if following > 0x10FFFF:
        return None
    if 0xD800 <= following <= 0xDFFF:  # surrogates are not characters: skip past them
        following = 0xE000
    return prefix[:-1] + chr(following)


def prefix_range(column: InstrumentedAttribute[Any], prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix``, as a range a B-tree index can serve (unlike LIKE on a
    non-C PostgreSQL collation, or LIKE on SQLite where it is case-insensitive by default)."""
    upper = _successor(prefix)
    if upper is None:
        return column >= prefix
    return and_(column >= prefix, column < upper)


class _Term(NamedTuple):
    """One way a query can match, and whether the (facility, role, search_name) index serves it.

    Terms that do not range over ``search_name`` must keep planners off that index: without
    statistics SQLite would walk a whole facility in name order looking for a rare first name.
    """

    where: ColumnElement[bool]
    by_name: bool


def _name_terms(key: str) -> list[_Term]:
    terms = [
        _Term(prefix_range(User.search_name, key), by_name=True),
        _Term(prefix_range(User.search_first, key), by_name=False),
    ]
    tokens = key.split(" ")
    if len(tokens) <= _MAX_SPLIT_TOKENS:
        for i in range(1, len(tokens)):
            head, tail = " ".join(tokens[:i]), " ".join(tokens[i:])
            # "first last" and "last first", each part a prefix of its name.
            first_last = and_(
                prefix_range(User.search_first, head), prefix_range(User.search_name, tail)
            )
            last_first = and_(
                prefix_range(User.search_name, head), prefix_range(User.search_first, tail)
            )
            terms += [_Term(first_last, by_name=True), _Term(last_first, by_name=True)]
    return terms


class PeopleRepository(Repository):
    """Users (students and staff) with their profile and medical rows.

    It owns the search columns: ``search_name`` ("last first") and ``search_first`` are
    accent-free, lower-cased copies of the names, so that a prefix search is an index range scan
    on both engines. Ranges assume the columns compare by code point (SQLite's BINARY,
    PostgreSQL's "C" or "C.UTF-8" collation); see ``prefix_range``.
    """

    def get(self, user_id: uuid.UUID) -> User | None:
        return self._live(User, user_id)

    def get_student(self, user_id: uuid.UUID) -> User | None:
        row = self.get(user_id)
        return row if row is not None and row.role is Role.STUDENT else None

    def find_by_username(self, username: str) -> User | None:
        return self._session.scalars(select(User).where(User.username == username)).first()

    @staticmethod
    def _student_base(
        facility_id: uuid.UUID | None, include_inactive: bool, *, by_name: bool = True
    ) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = [User.role == Role.STUDENT, User.deleted_at.is_(None)]
        if facility_id is not None:
            # coalesce(x, x) is x, but no index on x can serve it (see _Term).
            column = (
                User.facility_id if by_name else func.coalesce(User.facility_id, User.facility_id)
            )
            where.append(column == facility_id)
        if not include_inactive:
            where.append(User.status == PersonStatus.ACTIVE)
        return where

    @staticmethod
    def _match_terms(text: str) -> list[_Term]:
        """One index-served predicate per way ``text`` can match; none when it is blank."""
        key, code = search_key(text), code_key(text)
        terms: list[_Term] = []
        if key:
            terms.extend(_name_terms(key))
        if code:
            # "S", "ST", "STU-" start every student number: matching them all says nothing and
            # would sort the whole facility.
            if not STUDENT_NUMBER_PREFIX.startswith(code):
                terms.append(_Term(prefix_range(User.student_number, code), by_name=False))
            terms.append(_Term(prefix_range(User.doc_id, code), by_name=False))
        return terms

    def search_students(
        self,
        facility_id: uuid.UUID | None,
        text: str,
        *,
        limit: int,
        offset: int,
        include_inactive: bool,
    ) -> Sequence[User]:
        """Students whose name, student number or resident id starts with ``text``, by name.

        Each way of matching is its own ordered, limited query, so every one of them is a
        short index range scan; one big OR left both planners scanning a whole facility or
        sorting thousands of rows. The page is the first ``offset + limit`` of their union.
        """
        base = self._student_base(facility_id, include_inactive)
        order = (User.search_name, User.id)
        terms = self._match_terms(text)
        if not terms:
            stmt = select(User).where(*base).order_by(*order).limit(limit).offset(offset)
            return self._session.scalars(stmt).all()
        wanted = offset + limit
        parts = [
            select(User.id, User.search_name)
            .where(*self._student_base(facility_id, include_inactive, by_name=term.by_name))
            .where(term.where)
            .order_by(*order)
            .limit(wanted)
            .subquery()
            for term in terms
        ]
        # SQLite allows ORDER BY/LIMIT in a compound member only inside a subquery.
        matched = union(*(select(p.c.id, p.c.search_name) for p in parts)).subquery()
        stmt = (
            select(User)
            .join(matched, matched.c.id == User.id)
            .order_by(*order)
            .limit(limit)
            .offset(offset)
        )
        return self._session.scalars(stmt).all()

    def count_students(
        self, facility_id: uuid.UUID | None, text: str, *, include_inactive: bool
    ) -> int:
        base = self._student_base(facility_id, include_inactive)
        terms = self._match_terms(text)
        if not terms:
            stmt = select(func.count()).select_from(User).where(*base)
        else:
            matched = union(
                *(
                    select(User.id)
                    .where(*self._student_base(facility_id, include_inactive, by_name=t.by_name))
                    .where(t.where)
                    for t in terms
                )
            ).subquery()
            stmt = select(func.count()).select_from(matched)
        return int(self._session.scalar(stmt) or 0)

    def profile_of(self, user_id: uuid.UUID) -> StudentProfile | None:
        stmt = select(StudentProfile).where(
            StudentProfile.user_id == user_id, StudentProfile.deleted_at.is_(None)
        )
        return self._session.scalars(stmt).first()

    def medical_of(self, user_id: uuid.UUID) -> StudentMedical | None:
        stmt = select(StudentMedical).where(
            StudentMedical.user_id == user_id, StudentMedical.deleted_at.is_(None)
        )
        return self._session.scalars(stmt).first()

    def staff_of(self, facility_id: uuid.UUID) -> Sequence[User]:
        """Staff with a (live) scope on the facility, by name."""
        scoped = select(StaffScope.user_id).where(
            StaffScope.facility_id == facility_id, StaffScope.deleted_at.is_(None)
        )
        return self._live_rows(
            User,
            User.role != Role.STUDENT,
            User.id.in_(scoped),
            order_by=(User.search_name, User.id),
        )
