"""Make-up links (a make-up session and the missed sessions it makes up); unlinked ones are
tombstones, invisible here."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import and_, or_

from app.db.models import MakeupLink
from app.repositories.base import RowRepository


class MakeupRepository(RowRepository[MakeupLink]):
    """Reads and adds ``makeup_links`` rows."""

    _model = MakeupLink

    def of_makeup(self, series_id: uuid.UUID, day: date) -> Sequence[MakeupLink]:
        """The live links of the make-up session (series, original date), earliest missed first."""
        return self._rows(
            MakeupLink.makeup_event_id == series_id,
            MakeupLink.makeup_date == day,
            order_by=(MakeupLink.missed_date, MakeupLink.id),
        )

    def touching(self, series_ids: Collection[uuid.UUID]) -> Sequence[MakeupLink]:
        """Live links whose make-up or missed session is of one of these series."""
        if not series_ids:
            return []
        ids = list(series_ids)
        return self._rows(
            or_(MakeupLink.makeup_event_id.in_(ids), MakeupLink.missed_event_id.in_(ids)),
            order_by=(MakeupLink.makeup_date, MakeupLink.id),
        )

    def of_facility(
        self, facility_id: uuid.UUID, start: date | None = None, end: date | None = None
    ) -> Sequence[MakeupLink]:
        """The facility's live links, by the make-up's date (between ``start`` and ``end``)."""
        where = [MakeupLink.facility_id == facility_id]
        if start is not None:
            where.append(MakeupLink.makeup_date >= start)
        if end is not None:
            where.append(MakeupLink.makeup_date <= end)
        return self._rows(
            and_(*where),
            order_by=(MakeupLink.makeup_date, MakeupLink.missed_date, MakeupLink.id),
        )
