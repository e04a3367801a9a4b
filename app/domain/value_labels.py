"""The words the desk shows for stored values (a person's, a class's, an enrolment's status,
a role), marked for translation: lupdate reads them here, ``value_text`` translates them."""

from __future__ import annotations

from enum import Enum

from app.domain.enums import ClassStatus, EnrollmentStatus, PersonStatus, Role
from app.domain.i18n import QT_TRANSLATE_NOOP, translate

LABELS: dict[str, str] = {
    PersonStatus.ACTIVE: QT_TRANSLATE_NOOP("values", "active"),
    PersonStatus.INACTIVE: QT_TRANSLATE_NOOP("values", "inactive"),
    PersonStatus.GRADUATED: QT_TRANSLATE_NOOP("values", "graduated"),
    PersonStatus.WITHDRAWN: QT_TRANSLATE_NOOP("values", "withdrawn"),
    ClassStatus.SCHEDULED: QT_TRANSLATE_NOOP("values", "Scheduled"),
    ClassStatus.ACTIVE: QT_TRANSLATE_NOOP("values", "Active"),
    ClassStatus.CANCELLED: QT_TRANSLATE_NOOP("values", "Cancelled"),
    ClassStatus.COMPLETED: QT_TRANSLATE_NOOP("values", "Completed"),
    ClassStatus.PAUSED: QT_TRANSLATE_NOOP("values", "Paused"),
    EnrollmentStatus.ENROLLED: QT_TRANSLATE_NOOP("values", "Enrolled"),
    EnrollmentStatus.WAITLISTED: QT_TRANSLATE_NOOP("values", "Waitlisted"),
    EnrollmentStatus.INCOMPLETE_WITHDRAWN: QT_TRANSLATE_NOOP("values", "Incomplete: Withdrawn"),
    EnrollmentStatus.INCOMPLETE_DROPPED: QT_TRANSLATE_NOOP("values", "Incomplete: Dropped"),
    EnrollmentStatus.INCOMPLETE_FAILED_TO_COMPLETE: QT_TRANSLATE_NOOP(
        "values", "Incomplete: Failed to Complete"
    ),
    EnrollmentStatus.INCOMPLETE_TRANSFERED: QT_TRANSLATE_NOOP("values", "Incomplete: Transfered"),
    EnrollmentStatus.INCOMPLETE_SEGREGATED: QT_TRANSLATE_NOOP("values", "Incomplete: Segregated"),
    Role.STUDENT: QT_TRANSLATE_NOOP("values", "student"),
    Role.INSTRUCTOR: QT_TRANSLATE_NOOP("values", "instructor"),
    Role.FACILITY_ADMIN: QT_TRANSLATE_NOOP("values", "facility admin"),
    Role.DEPARTMENT_ADMIN: QT_TRANSLATE_NOOP("values", "department admin"),
    Role.SYSTEM_ADMIN: QT_TRANSLATE_NOOP("values", "system admin"),
}


def value_text(value: Enum | str) -> str:
    """A stored value in the desk's words ("Enrolled", "Inscrit"); unknown ones as stored."""
    raw = str(value.value if isinstance(value, Enum) else value)
    label = LABELS.get(raw)
    return translate("values", label) if label else raw
