"""Make-up links: a make-up session and the missed session it makes up.

A make-up session is an ordinary occurrence of a class (a single session or one of a series),
identified as every occurrence is by its series and original local date. A link names it and
one missed occurrence of the same class; a session that makes up several has several links.
A student absent at the missed session who attends the make-up has that absence counted as
"made up" (``app.domain.makeup``). Unlinking is a tombstone, as every removal.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Audited, Base


class MakeupLink(Audited, Base):
    """The occurrence (``makeup_event_id``, ``makeup_date``) makes up (``missed_event_id``,
    ``missed_date``); both dates are the occurrences' original local dates."""

    __tablename__ = "makeup_links"
    __table_args__ = (
        Index("ix_makeup_links_facility_id_makeup_date", "facility_id", "makeup_date"),
        Index("ix_makeup_links_makeup_event_id", "makeup_event_id"),
        Index("ix_makeup_links_missed_event_id", "missed_event_id"),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"))
    makeup_event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("program_class_events.id"))
    makeup_date: Mapped[date]
    missed_event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("program_class_events.id"))
    missed_date: Mapped[date]
