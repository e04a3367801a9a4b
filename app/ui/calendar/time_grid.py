"""The week and day views: a column per day, hours down the side, each session a block at its
time and length (class, room, instructor), sessions at the same time side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QScrollArea, QWidget

from app.domain.i18n import date_text
from app.services.schedule_dto import OccurrenceView
from app.ui.calendar import layout
from app.ui.calendar.grid_base import (
    CANCELLED_GREY,
    CLASH_RED,
    CLOSED_INK,
    CLOSED_TINT,
    TODAY_TINT,
    SessionGrid,
    tint,
)
from app.ui.calendar.layout import Key, key_of

GUTTER = 52  # the hour labels
TOP = 10  # room for the first hour's label
HOUR = 48  # pixels an hour
UNAVAILABLE = QColor("#8a8a8a")


class TimeGrid(SessionGrid):
    """Days side by side, hours down; sits in a ``QScrollArea`` (``scroll_area``) with a
    ``TimeGridHeader`` above it naming the days."""

    def _init_layout_state(self) -> None:
        self.hours = (8, 18)
        self._lanes: dict[Key, layout.Lane] = {}
        self._unavailable: list[tuple[datetime, datetime]] = []
        self.scroll_area: QScrollArea | None = None
        self.header: TimeGridHeader | None = None
        self._paint_fonts: dict[tuple[bool, bool], tuple[QFont, QFontMetrics]] = {}

    def set_unavailable(self, intervals: Sequence[tuple[datetime, datetime]]) -> None:
        """Shade the hours someone is unavailable: hatched grey bands under the sessions.

        ``intervals`` are (start, end) local wall-clock times in the facility's timezone
        (naive, or aware in that zone: only the wall time is used). Each band is clipped to
        the days and hours shown; an empty sequence removes the shading. Call it again after
        the period or the filter changes (it is not cleared by a reload).
        """
        self._unavailable = [
            (start.replace(tzinfo=None), end.replace(tzinfo=None))
            for start, end in intervals
            if end > start
        ]
        self.update()

    def unavailable(self) -> list[tuple[datetime, datetime]]:
        return list(self._unavailable)

    def relayout(self) -> None:
        shown = [o for items in self._by_day.values() for o in items]
        self.hours = layout.hour_span(shown)
        self._lanes = layout.lanes(shown)
        self.setMinimumHeight((self.hours[1] - self.hours[0]) * HOUR + 2 * TOP)
        if self.header is not None:
            self.header.update()
        self.update()

    # -- geometry -----------------------------------------------------------------------------

    def column_rect(self, day: date) -> QRect:
        if day not in self.days:
            return QRect()
        width = max(1, self.width() - GUTTER)
        i = self.days.index(day)
        left = GUTTER + width * i // len(self.days)
        right = GUTTER + width * (i + 1) // len(self.days)
        return QRect(left, 0, right - left, self.height())

    def y_of(self, moment: time | datetime) -> int:
        minutes = moment.hour * 60 + moment.minute - self.hours[0] * 60
        return TOP + minutes * HOUR // 60

    def block_rect(self, o: OccurrenceView) -> QRect:
        self._ensure()
        column = self.column_rect(layout.day_of(o))
        lane = self._lanes.get(key_of(o))
        if column.isEmpty() or lane is None:
            return QRect()
        top = self.y_of(o.start_local)
        same_day = o.end_local.date() == o.start_local.date()
        bottom = self.y_of(o.end_local) if same_day else self.y_of(time(23, 59)) + 1
        bottom = max(bottom, top + 18)  # a short session is still a target
        inner = column.width() - 6
        left = column.left() + 3 + inner * lane.index // lane.count
        right = column.left() + 3 + inner * (lane.index + 1) // lane.count
        return QRect(left, top, max(4, right - left - 2), bottom - top - 1)

    def session_at(self, pos: QPoint) -> OccurrenceView | None:
        self._ensure()
        for items in self._by_day.values():
            for o in reversed(items):
                if self.block_rect(o).contains(pos):
                    return o
        return None

    def ensure_visible(self, o: OccurrenceView) -> None:
        if self.scroll_area is not None:
            rect = self.block_rect(o)
            self.scroll_area.ensureVisible(rect.center().x(), rect.top(), 0, 24)
            self.scroll_area.ensureVisible(rect.center().x(), rect.top(), 0, 24)

    def first_session_y(self) -> int:
        """Where the day's first session starts, to scroll to after a load."""
        starts = [self.y_of(items[0].start_local) for items in self._by_day.values() if items]
        return max(0, min(starts) - 2 * TOP) if starts else 0

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.header is not None:
            self.header.update()

    # -- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        self._ensure()
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        for day in self.days:
            if day == self.today:
                p.fillRect(self.column_rect(day), TODAY_TINT)
        self._paint_closed(p, event.rect())
        self._paint_unavailable(p)
        self._paint_hours(p)
        selected = self.selected()
        chosen = key_of(selected) if selected is not None else None
        self._paint_fonts = self._fonts()
        exposed = event.rect()  # in a scroll area only what is on screen is painted
        for items in self._by_day.values():
            for o in items:
                if self.block_rect(o).intersects(exposed):
                    self._paint_block(p, o, key_of(o) == chosen)
        self._paint_now(p)
        if not self._sessions and self.empty_text:
            p.setPen(self.palette().color(self.foregroundRole()))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
        p.end()

    def _paint_closed(self, p: QPainter, exposed: QRect) -> None:
        """A closed day: its column hatched, and why written at the top of what is shown."""
        for day in self.days:
            text = self.closed_text(day)
            if text is None:
                continue
            column = self.column_rect(day).adjusted(1, 0, 0, 0)
            p.fillRect(column, CLOSED_TINT)
            p.fillRect(column, QBrush(CLOSED_INK, Qt.BrushStyle.BDiagPattern))
            bold = QFont(self.font())
            bold.setBold(True)
            p.setFont(bold)
            top = max(column.top(), exposed.top()) + 6
            label = QRect(column.left() + 4, top, column.width() - 8, 3 * p.fontMetrics().height())
            p.fillRect(label, CLOSED_TINT)
            p.setPen(CLOSED_INK)
            p.drawText(
                label,
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                text,
            )
        p.setFont(QFont(self.font()))

    def _paint_hours(self, p: QPainter) -> None:
        line = QPen(QColor("#d0d0d0"))
        half = QPen(QColor("#e8e8e8"), 1, Qt.PenStyle.DotLine)
        text = self.palette().color(self.foregroundRole())
        for hour in range(self.hours[0], self.hours[1] + 1):
            y = self.y_of(time(hour % 24, 0)) if hour < 24 else self.y_of(time(23, 59)) + 1
            p.setPen(line)
            p.drawLine(GUTTER, y, self.width(), y)
            if hour < self.hours[1]:
                p.setPen(half)
                p.drawLine(GUTTER, y + HOUR // 2, self.width(), y + HOUR // 2)
                p.setPen(text)
                p.drawText(
                    QRect(0, y - 8, GUTTER - 6, 16),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    f"{hour:02d}:00",
                )
        p.setPen(line)
        for day in self.days:
            x = self.column_rect(day).left()
            p.drawLine(x, 0, x, self.height())

    def _paint_unavailable(self, p: QPainter) -> None:
        if not self._unavailable:
            return
        brush = QBrush(UNAVAILABLE, Qt.BrushStyle.BDiagPattern)
        for day in self.days:
            column = self.column_rect(day)
            lo = datetime.combine(day, time.min)
            hi = lo + timedelta(days=1)
            for start, end in self._unavailable:
                a, b = max(start, lo), min(end, hi)
                if a >= b:
                    continue
                top = self.y_of(a) if a > lo else 0
                bottom = self.y_of(b) if b < hi else self.height()
                band = QRect(column.left() + 1, top, column.width() - 1, max(0, bottom - top))
                p.fillRect(band, QColor(0, 0, 0, 18))
                p.fillRect(band, brush)

    def _paint_block(self, p: QPainter, o: OccurrenceView, chosen: bool) -> None:
        rect = self.block_rect(o)
        if rect.isEmpty():
            return
        colour = layout.colour_of(o.class_id)
        clash = bool(self.clash_of(o)) and not o.cancelled
        p.fillRect(rect, QColor("#f0f0f0") if o.cancelled else tint(colour))
        p.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), QColor(colour))
        if chosen:
            p.setPen(QPen(self.selection_colour(), 3))
            p.drawRect(rect.adjusted(1, 1, -1, -1))
        elif clash:
            p.setPen(QPen(CLASH_RED, 2))
            p.drawRect(rect.adjusted(1, 1, -1, -1))
        else:
            style = Qt.PenStyle.DashLine if o.cancelled else Qt.PenStyle.SolidLine
            p.setPen(QPen(QColor(colour).darker(130), 1, style))
            p.drawRect(rect.adjusted(0, 0, -1, -1))
        self._paint_text(p, o, rect.adjusted(7, 2, -3, -2), clash)

    def _fonts(self) -> dict[tuple[bool, bool], tuple[QFont, QFontMetrics]]:
        """(bold, struck out) -> font and its metrics, made once per paint."""
        found = {}
        for bold in (False, True):
            for struck in (False, True):
                font = QFont(self.font())
                font.setBold(bold)
                font.setStrikeOut(struck)
                found[bold, struck] = (font, QFontMetrics(font))
        return found

    def _paint_text(self, p: QPainter, o: OccurrenceView, rect: QRect, clash: bool) -> None:
        fonts = self._paint_fonts
        struck = o.cancelled
        ink = CANCELLED_GREY if o.cancelled else QColor("#1a1a1a")
        narrow = rect.width() < 90  # a lane among many: the class first, its time after
        title = o.class_name if narrow else f"{o.start_local:%H:%M} {o.class_name}"
        lines = [
            (fonts[True, struck], ink, title),
            (fonts[False, struck], ink, o.room_name or self.tr("no room")),
            (fonts[False, struck], ink, o.instructor_name or self.tr("no instructor")),
        ]
        if narrow:
            lines.insert(
                1, (fonts[False, struck], ink, f"{o.start_local:%H:%M}–{o.end_local:%H:%M}")
            )
        for mark in self.markers(o):
            red = mark.startswith(self.tr("⚠")) and clash
            lines.append((fonts[False, False], CLASH_RED if red else QColor("#444444"), mark))
        y = rect.top()
        p.save()
        p.setClipRect(rect)
        for (font, metrics), colour, text in lines:
            height = metrics.height()
            if y + height > rect.bottom() + 3 and y > rect.top():
                break
            p.setFont(font)
            p.setPen(colour)
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            p.drawText(QRect(rect.left(), y, rect.width(), height), 0, shown)
            y += height
        p.restore()

    def _paint_now(self, p: QPainter) -> None:
        now = self.now
        if now is None or now.date() not in self.days:
            return
        if not self.hours[0] <= now.hour < self.hours[1]:
            return
        column = self.column_rect(now.date())
        y = self.y_of(now)
        p.setPen(QPen(CLASH_RED, 2))
        p.drawLine(column.left(), y, column.right(), y)
        p.setBrush(CLASH_RED)
        p.drawEllipse(QRectF(column.left() - 4, y - 4, 8, 8))


class TimeGridHeader(QWidget):
    """The names of the days above a ``TimeGrid`` (it stays put while the hours scroll)."""

    def _label(self, day: date, width: int) -> str:
        """The longest name of the day that fits (today says so in words, not only colour)."""
        today = self.tr(" · today") if day == self._grid.today else ""
        if day in self._grid.closed:
            today += self.tr(" · closed")
        long, short = date_text(day, "ddd dd MMM"), date_text(day, "ddd dd")  # the chosen locale's
        names = [f"{long}{today}", f"{short}{today}", long, short]
        metrics = QFontMetrics(self.font())
        if today:
            bold = QFont(self.font())
            bold.setBold(True)
            metrics = QFontMetrics(bold)
        return next((n for n in names if metrics.horizontalAdvance(n) <= width), names[-1])

    def __init__(self, grid: TimeGrid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = grid
        grid.header = self
        self.setFixedHeight(self.fontMetrics().height() + 12)

    def paintEvent(self, _event: QPaintEvent) -> None:
        grid = self._grid
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().window())
        text = self.palette().color(self.foregroundRole())
        for day in grid.days:
            column = grid.column_rect(day)
            cell = QRect(column.left(), 0, column.width(), self.height())
            font = QFont(self.font())
            if day == grid.today:
                p.fillRect(cell.adjusted(1, 2, -1, -2), grid.selection_colour())
                font.setBold(True)
                p.setPen(grid.palette().color(grid.palette().ColorRole.HighlightedText))
            else:
                p.setPen(text)
            p.setFont(font)
            p.drawText(cell, Qt.AlignmentFlag.AlignCenter, self._label(day, cell.width() - 6))
        p.end()
