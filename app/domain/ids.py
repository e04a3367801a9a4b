"""Deterministic ids for natural-key rows, so offline creations converge (DESIGN §3 rule 5)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

# Fixed namespace of Rollbook's natural-key ids; changing it would fork every workstation's rows.
NAMESPACE = uuid.UUID("6f1c2a57-3b0e-4d3f-9a57-6a1f0c2b7e11")
_NAMESPACE_BYTES = NAMESPACE.bytes


def name_id(name: str) -> uuid.UUID:
    """``uuid.uuid5(NAMESPACE, name)`` in about 60 % of its time (an import makes one per row;
    tests/unit/domain/test_ids.py compares the two)."""
    digest = hashlib.sha1(_NAMESPACE_BYTES + name.encode(), usedforsecurity=False).digest()
    number = int.from_bytes(digest[:16])
    number = (number & ~(0xF000 << 64) | (5 << 76)) & ~(0xC000 << 48) | (0x8000 << 48)
    return uuid.UUID(int=number)


def enrollment_id(class_id: uuid.UUID, user_id: uuid.UUID) -> uuid.UUID:
    return name_id(f"enrollment:{class_id}:{user_id}")


def attendance_id(event_id: uuid.UUID, user_id: uuid.UUID, occurrence_date: date) -> uuid.UUID:
    return name_id(f"attendance:{event_id}:{user_id}:{occurrence_date.isoformat()}")


def override_id(event_id: uuid.UUID, original_date: date) -> uuid.UUID:
    return name_id(f"override:{event_id}:{original_date.isoformat()}")


def lesson_progress_id(student_id: uuid.UUID, lesson_id: uuid.UUID) -> uuid.UUID:
    return name_id(f"lesson_progress:{student_id}:{lesson_id}")
