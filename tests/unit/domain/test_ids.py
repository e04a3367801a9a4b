"""Natural-key ids: the fast uuid5 gives exactly what ``uuid.uuid5`` gives."""

from __future__ import annotations

import random
import uuid
from datetime import date

from app.domain import ids


def test_name_id_is_uuid5_in_rollbooks_namespace() -> None:
    rng = random.Random(7)
    names = ["", "a", "attendance:x:y:2024-01-01", "Zoë — 学生 🎓", "\x00\xff"]
    names += [
        "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(80)))
        for _ in range(500)
    ]
    for name in names:
        made = ids.name_id(name)
        assert made == uuid.uuid5(ids.NAMESPACE, name)
        assert made.version == 5 and made.variant == uuid.RFC_4122


def test_natural_key_ids_keep_their_values() -> None:
    # Ids already on servers and caches: a change here would fork every workstation's rows.
    event = uuid.UUID("11111111-2222-3333-4444-555555555555")
    user = uuid.UUID("66666666-7777-8888-9999-000000000000")
    assert ids.attendance_id(event, user, date(2024, 1, 1)) == uuid.uuid5(
        ids.NAMESPACE, f"attendance:{event}:{user}:2024-01-01"
    )
    assert ids.enrollment_id(event, user) == uuid.uuid5(ids.NAMESPACE, f"enrollment:{event}:{user}")
    assert ids.override_id(event, date(2024, 2, 29)) == uuid.uuid5(
        ids.NAMESPACE, f"override:{event}:2024-02-29"
    )
    assert ids.lesson_progress_id(event, user) == uuid.uuid5(
        ids.NAMESPACE, f"lesson_progress:{event}:{user}"
    )
