"""Domain errors: every failure a person can cause, each with a message fit to show them."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the services raise on purpose; ``str(err)`` is the user message."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(DomainError):
    """Input that can never be valid: empty or overlong names, an end before a start, ..."""


class InvalidRecurrence(ValidationError):
    """An RRULE, DTSTART, duration or EXDATE that cannot describe a session series."""


class UnknownTimezone(ValidationError):
    """A timezone name that is not in the IANA database."""


class NotFound(DomainError):
    """The record does not exist, was deleted, or is outside what the user may see."""


class DuplicateError(DomainError):
    """A value that must be unique already exists (student number, email, enrollment)."""


class CapacityExceeded(DomainError):
    """A class or room is full."""


class InvalidTransition(DomainError):
    """An enrollment (or other) status change the rules do not allow."""


class ReasonRequired(InvalidTransition):
    """A status change that needs a reason was asked for without one."""


class StaleRecord(DomainError):
    """Someone else changed the record since it was read (row version mismatch)."""


class ScheduleClash(DomainError):
    """A room or an instructor is booked twice."""


class NotAllowed(DomainError):
    """The action is refused by a rule (future occurrence, cancelled occurrence, ...)."""
