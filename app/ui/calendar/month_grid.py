"""The month view: Monday-to-Sunday weeks, each day with its sessions (time and class) and
"+N more" when they do not all fit; a click on "+N more" shows that day."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)

from app.services.schedule_dto import OccurrenceView
from app.ui.calendar import layout
from app.ui.calendar.grid_base import (
    CANCELLED_GREY,
    CLASH_RED,
    CLOSED_INK,
    CLOSED_TINT,
    TODAY_TINT,
    SessionGrid,
)
from app.ui.calendar.layout import Key, key_of

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class MonthGrid(SessionGrid):
    """A month of days; ``days`` are the days of the month itself (others are greyed)."""

    sig_day_requested = Signal(object)  # date: "+N more" clicked

    def _init_layout_state(self) -> None:
        self.weeks: list[list[date]] = []
        # Worked out for the current size and selection, not while painting.
        self._lines: dict[Key, QRect] = {}
        self._more: dict[date, tuple[QRect, int]] = {}
        self._shown: dict[date, list[OccurrenceView]] = {}
        self.setMinimumHeight(360)

    def relayout(self) -> None:
        self.weeks = layout.month_weeks(self.days[0]) if self.days else []
        self._lines, self._more, self._shown = {}, {}, {}
        if not self.weeks:
            self.update()
            return
        selected = self.selected()
        chosen = key_of(selected) if selected is not None else None
        line = self._line_height()
        for week in self.weeks:
            for day in week:
                cell = self.cell_rect(day)
                items = self._by_day.get(day, [])
                closed = 1 if day in self.closed else 0  # its line says so
                room = (cell.height() - line - 6) // line - closed
                shown, more = layout.fit_day(items, room, chosen)
                self._shown[day] = shown
                top = cell.top() + line + 4 + closed * line
                for i, o in enumerate(shown):
                    self._lines[key_of(o)] = QRect(
                        cell.left() + 3, top + i * line, cell.width() - 6, line
                    )
                if more:
                    rect = QRect(cell.left() + 3, top + len(shown) * line, cell.width() - 6, line)
                    self._more[day] = (rect, more)
        self.update()

    def _line_height(self) -> int:
        return self.fontMetrics().height() + 2

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 8

    def cell_rect(self, day: date) -> QRect:
        for row, week in enumerate(self.weeks):
            if day in week:
                col = week.index(day)
                top = self._header_height()
                height = max(1, self.height() - top)
                y0 = top + height * row // len(self.weeks)
                y1 = top + height * (row + 1) // len(self.weeks)
                x0 = self.width() * col // 7
                x1 = self.width() * (col + 1) // 7
                return QRect(x0, y0, x1 - x0, y1 - y0)
        return QRect()

    def block_rect(self, o: OccurrenceView) -> QRect:
        self._ensure()
        return QRect(self._lines.get(key_of(o), QRect()))

    def more_rect(self, day: date) -> QRect:
        """Where "+N more" is written in ``day``'s cell; empty when everything fits."""
        self._ensure()
        found = self._more.get(day)
        return QRect(found[0]) if found else QRect()

    def shown_on(self, day: date) -> tuple[list[str], int]:
        """What ``day``'s cell says: its session lines and how many more there are."""
        self._ensure()
        more = self._more.get(day)
        return [self.line_text(o) for o in self._shown.get(day, [])], more[1] if more else 0

    @staticmethod
    def line_text(o: OccurrenceView) -> str:
        return f"{o.start_local:%H:%M} {o.class_name}"

    def session_at(self, pos: QPoint) -> OccurrenceView | None:
        self._ensure()
        for o in self._sessions:
            rect = self._lines.get(key_of(o))
            if rect is not None and rect.contains(pos):
                return o
        return None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if event.button() == Qt.MouseButton.LeftButton:
            for day, (rect, _n) in self._more.items():
                if rect.contains(pos):
                    self.sig_day_requested.emit(day)
                    event.accept()
                    return
        super().mousePressEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        self._ensure()
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        ink = self.palette().color(self.foregroundRole())
        header = self._header_height()
        p.setPen(ink)
        for col, name in enumerate(WEEKDAYS):
            x0, x1 = self.width() * col // 7, self.width() * (col + 1) // 7
            p.drawText(QRect(x0, 0, x1 - x0, header), Qt.AlignmentFlag.AlignCenter, self.tr(name))
        selected = self.selected()
        chosen = key_of(selected) if selected is not None else None
        for week in self.weeks:
            for day in week:
                self._paint_day(p, day, chosen)
        if not self._sessions and self.empty_text:
            p.setPen(ink)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
        p.end()

    def _paint_day(self, p: QPainter, day: date, chosen: Key | None) -> None:
        cell = self.cell_rect(day)
        in_month = day in self.days
        closed = self.closed_text(day)
        if day == self.today:
            p.fillRect(cell, TODAY_TINT)
        elif closed is not None:
            p.fillRect(cell, CLOSED_TINT)
        elif not in_month:
            p.fillRect(cell, QColor("#f4f4f4"))
        if closed is not None:  # under the day's number and words
            p.fillRect(cell.adjusted(1, 1, -1, -1), QBrush(CLOSED_INK, Qt.BrushStyle.BDiagPattern))
        p.setPen(QPen(QColor("#d0d0d0")))
        p.drawRect(cell.adjusted(0, 0, -1, -1))
        line = self._line_height()
        number = QRect(cell.left() + 4, cell.top() + 2, cell.width() - 8, line)
        font = QFont(self.font())
        font.setBold(day == self.today)
        p.setFont(font)
        if day == self.today:
            text = f"{day.day} {self.tr('today')}"
            width = p.fontMetrics().horizontalAdvance(text) + 8
            badge = QRect(number.left() - 2, number.top(), width, line)
            p.fillRect(badge, self.selection_colour())
            p.setPen(self.palette().color(self.palette().ColorRole.HighlightedText))
            p.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        else:
            if closed is not None:
                width = p.fontMetrics().horizontalAdvance(str(day.day)) + 4
                p.fillRect(QRect(number.left() - 2, number.top(), width, line), CLOSED_TINT)
            p.setPen(QColor("#222222") if in_month else QColor("#a0a0a0"))
            p.drawText(number, Qt.AlignmentFlag.AlignLeft, str(day.day))
        if closed is not None:
            line_rect = QRect(cell.left() + 4, number.bottom() + 2, cell.width() - 8, line)
            p.fillRect(line_rect, CLOSED_TINT)
            bold = QFont(self.font())
            bold.setBold(True)
            p.setFont(bold)
            p.setPen(CLOSED_INK)
            shown = p.fontMetrics().elidedText(
                closed, Qt.TextElideMode.ElideRight, line_rect.width()
            )
            p.drawText(line_rect, Qt.AlignmentFlag.AlignVCenter, shown)
        for o in self._shown.get(day, []):
            self._paint_line(p, o, key_of(o) == chosen)
        more = self._more.get(day)
        if more is not None:
            p.setFont(QFont(self.font()))
            p.setPen(self.palette().color(self.palette().ColorRole.Link))
            p.drawText(more[0], Qt.AlignmentFlag.AlignLeft, self.tr("+{n} more").format(n=more[1]))

    def _paint_line(self, p: QPainter, o: OccurrenceView, chosen: bool) -> None:
        rect = self._lines[key_of(o)]
        colour = QColor(layout.colour_of(o.class_id))
        if chosen:
            p.fillRect(rect, self.selection_colour())
        p.fillRect(QRect(rect.left(), rect.top() + 3, 4, rect.height() - 6), colour)
        font = QFont(self.font())
        font.setStrikeOut(o.cancelled)
        p.setFont(font)
        clash = bool(self.clash_of(o)) and not o.cancelled
        if chosen:
            ink = self.palette().color(self.palette().ColorRole.HighlightedText)
        else:
            ink = CANCELLED_GREY if o.cancelled else QColor("#1a1a1a")
        text = ("⚠ " if clash else "") + self.line_text(o)
        if o.rescheduled:
            text += " ↔"
        p.setPen(CLASH_RED if clash and not chosen else ink)
        area = rect.adjusted(7, 0, 0, 0)
        shown = p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        p.drawText(area, Qt.AlignmentFlag.AlignVCenter, shown)
