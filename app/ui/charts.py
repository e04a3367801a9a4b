"""Small, calm charts drawn with QPainter (PySide6-Essentials has no QtCharts).

Each chart is given its data whole, draws it in the palette's colours, and says the same in
words: ``summary()`` is its tooltip and accessible description, and hovering a bar or a cell
tells that bar's or cell's numbers. ``paintEvent`` only draws what it was given: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.domain.i18n import decimal_text, translate
from app.services.trends_dto import HoursProgress, WeekGlance, WeeklyTrend
from app.ui.language import day_month, locale_day, number, weekday

BELOW = QColor(200, 122, 58)  # a muted amber: below the minimum, still short of hours
PAD = 6


class _Chart(QWidget):
    """What every chart shares: the summary as tooltip and accessible text, per-item tips."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._empty_text = self.tr("Nothing to show yet.")

    def summary(self) -> str:
        raise NotImplementedError

    def tip_at(self, pos: QPoint) -> str | None:
        """The words for the bar or cell under ``pos``, if any."""
        return None

    def _changed(self) -> None:
        text = self.summary()
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.updateGeometry()
        self.update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            tip = self.tip_at(event.pos()) or self.toolTip()
            QToolTip.showText(event.globalPos(), tip, self)
            return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        raise NotImplementedError

    def _color(self, role: QPalette.ColorRole) -> QColor:
        return self.palette().color(role)

    def _faint(self) -> QColor:
        color = QColor(self._color(QPalette.ColorRole.WindowText))
        color.setAlpha(60)
        return color

    def _draw_empty(self, painter: QPainter) -> None:
        painter.setPen(self._color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text)


class WeeklyRateChart(_Chart):
    """Attendance rate by week as bars from 0 to 100 %; the program's minimum as a dashed line.

    A week without sessions has no bar, a week of sessions all missed a stub; a week below the
    minimum is drawn in amber.
    """

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(name or translate("charts", "Attendance by week"), parent)
        self._trend: WeeklyTrend | None = None
        self._bars: list[QRectF] = []
        self._empty_text = self.tr("No sessions held in these weeks.")

    def set_trend(self, trend: WeeklyTrend | None) -> None:
        self._trend = trend
        self._changed()

    @property
    def trend(self) -> WeeklyTrend | None:
        return self._trend

    def summary(self) -> str:
        return self._trend.summary() if self._trend else self.tr("No attendance to show.")

    def bar_slots(self) -> list[QRectF]:
        """Where each week was drawn (its full-height slot), as of the last paint."""
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(360, 150)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 110)

    def tip_at(self, pos: QPoint) -> str | None:
        if self._trend is None:
            return None
        for week, bar in zip(self._trend.weeks, self._bars, strict=False):
            if bar.left() <= pos.x() <= bar.right():
                if not week.held:
                    return self.tr("Week of {day}: no sessions held.").format(
                        day=day_month(week.week_start)
                    )
                return self.tr("Week of {day}: {attended} of {held} attended ({rate}%).").format(
                    day=day_month(week.week_start),
                    attended=week.attended,
                    held=week.held,
                    rate="" if week.rate is None else decimal_text(week.rate),
                )
        return None

    def _paint(self, painter: QPainter) -> None:
        trend = self._trend
        self._bars = []
        if trend is None or not trend.held:
            self._draw_empty(painter)
            return
        metrics = painter.fontMetrics()
        left = metrics.horizontalAdvance("100%") + PAD
        plot = QRectF(
            left, PAD, self.width() - left - PAD, self.height() - 2 * PAD - metrics.height()
        )
        text = self._color(QPalette.ColorRole.WindowText)
        for pct in (0, 50, 100):
            y = plot.bottom() - plot.height() * pct / 100
            painter.setPen(QPen(self._faint(), 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, left - 4, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{pct}%",
            )
        n = len(trend.weeks)
        slot = plot.width() / n
        label_every = max(1, round(metrics.horizontalAdvance("00 Mmm  ") / slot + 0.49))
        minimum = trend.minimum_rate_pct
        for i, week in enumerate(trend.weeks):
            x = plot.left() + i * slot
            rate = week.rate
            # A week held but missed gets a stub, so that it is not read as a week off.
            height = max(3.0, plot.height() * float(rate or 0) / 100)
            bar = QRectF(x + slot * 0.15, plot.bottom() - height, slot * 0.7, height)
            self._bars.append(QRectF(x, plot.top(), slot, plot.height()))
            if rate is not None:
                low = minimum is not None and rate < minimum
                painter.fillRect(bar, BELOW if low else self._color(QPalette.ColorRole.Highlight))
            if (n - 1 - i) % label_every == 0:  # the current week always has its label
                label = day_month(week.week_start)
                w = metrics.horizontalAdvance(label) + 4
                lx = min(max(0.0, x + slot / 2 - w / 2), self.width() - w)
                painter.setPen(text)
                painter.drawText(
                    QRectF(lx, plot.bottom() + 2, w, metrics.height()),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    label,
                )
        if minimum is not None:
            y = plot.bottom() - plot.height() * float(minimum) / 100
            pen = QPen(text, 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))


class HoursChart(_Chart):
    """Hours earned against hours required, one bar per class; a met requirement is full."""

    ROW = 24

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(name or translate("charts", "Hours earned"), parent)
        self._rows: tuple[HoursProgress, ...] = ()
        self._empty_text = self.tr("No classes with hours yet.")

    def set_progress(self, rows: Sequence[HoursProgress]) -> None:
        self._rows = tuple(rows)
        self._changed()

    @property
    def rows(self) -> tuple[HoursProgress, ...]:
        return self._rows

    def summary(self) -> str:
        if not self._rows:
            return self.tr("No hours to show.")
        return " ".join(row.summary() for row in self._rows)

    def sizeHint(self) -> QSize:
        return QSize(360, max(1, len(self._rows)) * self.ROW + 2 * PAD)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.ROW + 2 * PAD)

    def tip_at(self, pos: QPoint) -> str | None:
        index = (pos.y() - PAD) // self.ROW
        return self._rows[index].summary() if 0 <= index < len(self._rows) else None

    def _paint(self, painter: QPainter) -> None:
        if not self._rows:
            self._draw_empty(painter)
            return
        metrics = painter.fontMetrics()
        width = self.width() - 2 * PAD
        label_w = min(width * 0.4, max(metrics.horizontalAdvance(r.class_name) for r in self._rows))
        figures_w = metrics.horizontalAdvance("000.0 of 000 h")
        track_x = PAD + label_w + PAD
        track_w = max(20.0, width - label_w - figures_w - 2 * PAD)
        text = self._color(QPalette.ColorRole.WindowText)
        fill = self._color(QPalette.ColorRole.Highlight)
        for i, row in enumerate(self._rows):
            top = PAD + i * self.ROW
            painter.setPen(text)
            name = metrics.elidedText(row.class_name, Qt.TextElideMode.ElideRight, int(label_w))
            line = QRectF(PAD, top, label_w, self.ROW)
            painter.drawText(line, Qt.AlignmentFlag.AlignVCenter, name)
            track = QRectF(track_x, top + self.ROW * 0.25, track_w, self.ROW * 0.5)
            if row.required is None or row.required <= 0:
                figures = f"{number(float(row.earned), 1)} h"
                painter.setPen(self._color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(
                    QRectF(track.left(), top, track.width(), self.ROW),
                    Qt.AlignmentFlag.AlignVCenter,
                    self.tr("no hours required"),
                )
            else:
                share = min(Decimal(1), row.earned / row.required)
                painter.fillRect(track, self._faint())
                done = QRectF(
                    track.left(), track.top(), track.width() * float(share), track.height()
                )
                painter.fillRect(done, fill if share >= 1 else BELOW)
                figures = self.tr("{earned} of {required} h").format(
                    earned=number(float(row.earned), 1), required=number(float(row.required))
                )
            painter.setPen(text)
            painter.drawText(
                QRectF(track.right() + PAD, top, figures_w, self.ROW),
                Qt.AlignmentFlag.AlignVCenter,
                figures,
            )


class WeekGlanceChart(_Chart):
    """A facility's week: one column per day, one row per hour, each cell shaded by how many
    sessions start in it, the day's total below; today's column is outlined, a cell with only
    cancelled sessions dashed."""

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(name or translate("charts", "The week at a glance"), parent)
        self._glance: WeekGlance | None = None
        self._cells: dict[tuple[int, int], QRectF] = {}
        self._empty_text = self.tr("No sessions this week.")

    def set_glance(self, glance: WeekGlance | None) -> None:
        self._glance = glance
        self._changed()

    @property
    def glance(self) -> WeekGlance | None:
        return self._glance

    def summary(self) -> str:
        return self._glance.summary() if self._glance else self.tr("No week to show.")

    def cell_rect(self, day: int, hour: int) -> QRectF | None:
        """Where the cell of a day (0 is Monday) and hour was drawn, as of the last paint."""
        return self._cells.get((day, hour))

    def hours(self) -> range:
        """The hours shown: every hour with a session, and at least 08:00 to 17:00."""
        found = [s.hour for s in self._glance.slots] if self._glance else []
        return range(min([8, *found]), max([17, *found]) + 1)

    def sizeHint(self) -> QSize:
        return QSize(380, 60 + 16 * len(self.hours()))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 160)

    def tip_at(self, pos: QPoint) -> str | None:
        glance = self._glance
        if glance is None:
            return None
        for (day, hour), rect in self._cells.items():
            if rect.contains(pos.toPointF()):
                when = f"{locale_day(glance.days[day])} {hour:02d}:00"
                for slot in glance.slots:
                    if slot.day == glance.days[day] and slot.hour == hour:
                        return f"{when}: " + ", ".join(slot.classes)
                return self.tr("{when}: no sessions.").format(when=when)
        return None

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        glance = self._glance
        self._cells = {}
        if glance is None:
            self._draw_empty(painter)
            return
        metrics = painter.fontMetrics()
        line = metrics.height()
        left = metrics.horizontalAdvance("00:00") + PAD
        top = line + PAD
        hours = self.hours()
        cell_w = (self.width() - left - PAD) / 7
        cell_h = (self.height() - top - line - 2 * PAD) / len(hours)
        bottom = top + len(hours) * cell_h
        text = self._color(QPalette.ColorRole.WindowText)
        fill = QColor(self._color(QPalette.ColorRole.Highlight))
        by_cell = {(s.day, s.hour): s for s in glance.slots}
        busiest = max((s.sessions for s in glance.slots), default=0) or 1
        totals = glance.per_day()
        wide = metrics.horizontalAdvance("Wed 00") + 4 <= cell_w
        for d, day in enumerate(glance.days):
            x = left + d * cell_w
            painter.setPen(text)
            head = QRectF(x, PAD, cell_w, line)
            painter.drawText(head, Qt.AlignmentFlag.AlignHCenter, weekday(day, with_day=wide))
            painter.setPen(self._color(QPalette.ColorRole.PlaceholderText))
            foot = QRectF(x, bottom + PAD / 2, cell_w, line)
            painter.drawText(foot, Qt.AlignmentFlag.AlignHCenter, str(totals[day]))
            for h, hour in enumerate(hours):
                rect = QRectF(x + 1, top + h * cell_h + 1, cell_w - 2, cell_h - 2)
                self._cells[d, hour] = rect
                slot = by_cell.get((day, hour))
                if slot is None:
                    painter.fillRect(rect, self._color(QPalette.ColorRole.AlternateBase))
                    continue
                if slot.sessions:
                    shade = QColor(fill)
                    shade.setAlpha(70 + int(160 * slot.sessions / busiest))
                    painter.fillRect(rect, shade)
                    strong = shade.alpha() > 150
                    role = (
                        QPalette.ColorRole.HighlightedText
                        if strong
                        else QPalette.ColorRole.WindowText
                    )
                    painter.setPen(self._color(role))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(slot.sessions))
                else:
                    painter.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
                    painter.drawRect(rect.adjusted(1, 1, -1, -1))
            if day == glance.today:
                painter.setPen(QPen(text, 2))
                painter.drawRect(QRectF(x, PAD - 2, cell_w, bottom + line - PAD + 4))
        painter.setPen(text)
        for h, hour in enumerate(hours):
            if h % max(1, round(line * 1.2 / cell_h + 0.49)) == 0:
                label = QRectF(0, top + h * cell_h, left - 4, cell_h)
                align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(label, align, f"{hour:02d}:00")
