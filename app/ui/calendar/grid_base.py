"""What the week, day and month grids share: the sessions of the calendar's model, the one
selection (the list's), arrow keys between sessions, Enter, double click and the context menu.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QItemSelectionModel, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QKeyEvent, QMouseEvent, QPalette, QShowEvent
from PySide6.QtWidgets import QWidget

from app.domain.i18n import date_text
from app.services.schedule_dto import OccurrenceView
from app.ui.calendar import layout
from app.ui.calendar.layout import Key, key_of
from app.ui.models.occurrence_table import OccurrenceTableModel

_ARROWS = {
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
    Qt.Key.Key_Home: "home",
    Qt.Key.Key_End: "end",
}
CLASH_RED = QColor("#d62728")
CANCELLED_GREY = QColor("#9e9e9e")
TODAY_TINT = QColor("#fff6d5")
CLOSED_TINT = QColor("#eceff1")
CLOSED_INK = QColor("#455a64")


def tint(colour: str, amount: float = 0.75) -> QColor:
    """The colour mixed with white: a block's fill, light enough for black text."""
    c = QColor(colour)
    return QColor(
        int(c.red() + (255 - c.red()) * amount),
        int(c.green() + (255 - c.green()) * amount),
        int(c.blue() + (255 - c.blue()) * amount),
    )


class SessionGrid(QWidget):
    """A painted grid of the sessions in ``model``; selecting one selects its row in
    ``selection`` (shared with the list), so the calendar's actions see one selection.

    Layout is worked out when the sessions change, never while painting; painting does no I/O.
    """

    sig_activated = Signal(object)  # OccurrenceView: Enter or a double click
    sig_menu = Signal(object)  # QPoint, global: right click or the Menu key on a session

    def __init__(
        self,
        model: OccurrenceTableModel,
        selection: QItemSelectionModel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._selection = selection
        self.days: list[date] = []
        self.today: date | None = None
        self.now: datetime | None = None  # local wall clock, for the line across today
        self.empty_text = ""
        self.closed: dict[date, str] = {}  # closed days shown, with the reason
        self._sessions: list[OccurrenceView] = []
        self._rows: dict[Key, int] = {}
        self._by_day: dict[date, list[OccurrenceView]] = {}
        self._clashes: dict[Key, set[str]] = {}
        self._stale = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self._init_layout_state()
        model.modelReset.connect(self._on_model_reset)
        selection.selectionChanged.connect(lambda *_a: self._on_selection_changed())

    def _init_layout_state(self) -> None:
        """Set up what a grid works out for its size and sessions (its own fields); called once
        by ``__init__``, before the model or the selection can ask for a layout."""

    # -- what is shown ------------------------------------------------------------------------

    def set_days(self, days: list[date], today: date, now: datetime | None = None) -> None:
        """The days shown (one column or cell each), today, and the local time now."""
        self.days, self.today, self.now = list(days), today, now
        self._invalidate()

    def set_closed(self, closed: dict[date, str]) -> None:
        """The facility's closed days among those shown, with the reason."""
        self.closed = dict(closed)
        self._invalidate()

    def closed_text(self, day: date) -> str | None:
        """What a closed day says ("Closed: Public holiday"); ``None`` on an open day."""
        reason = self.closed.get(day)
        return None if reason is None else self.tr("Closed: ") + reason

    def _on_model_reset(self) -> None:
        self._invalidate()

    def _invalidate(self) -> None:
        """Sessions or days changed: lay out again now if shown, else when next shown (the
        calendar has two grids and shows one; the hidden one costs nothing)."""
        self._stale = True
        if self.isVisible():
            self._ensure()

    def _ensure(self) -> None:
        if not self._stale:
            return
        self._stale = False
        self._sessions = [self._model.row_at(r) for r in range(self._model.rowCount())]
        self._rows = {key_of(o): r for r, o in enumerate(self._sessions)}
        self._clashes = layout.clashes(self._sessions)
        shown = set(self.days)
        self._by_day = layout.by_day(o for o in self._sessions if layout.day_of(o) in shown)
        self.relayout()

    def showEvent(self, event: QShowEvent) -> None:
        self._ensure()
        super().showEvent(event)

    def relayout(self) -> None:
        """Work out where everything goes again (sessions, days or size changed)."""
        self.update()

    def sessions(self) -> list[OccurrenceView]:
        self._ensure()
        return list(self._sessions)

    def clash_of(self, o: OccurrenceView) -> set[str]:
        self._ensure()
        return self._clashes.get(key_of(o), set())

    def block_rect(self, o: OccurrenceView) -> QRect:
        """Where the session is drawn (widget coordinates); empty when it is not shown."""
        raise NotImplementedError

    def session_at(self, pos: QPoint) -> OccurrenceView | None:
        raise NotImplementedError

    # -- selection ----------------------------------------------------------------------------

    def selected(self) -> OccurrenceView | None:
        rows = self._selection.selectedRows()
        return self._model.row_at(rows[0].row()) if rows else None

    def select(self, o: OccurrenceView | None) -> None:
        if o is None:
            self._selection.clearSelection()
            self._selection.setCurrentIndex(
                self._model.index(-1, -1), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            return
        self._ensure()
        row = self._rows.get(key_of(o))
        if row is not None:
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self._selection.setCurrentIndex(self._model.index(row, 0), flags)

    def _on_selection_changed(self) -> None:
        o = self.selected()
        self.setAccessibleDescription(self.describe(o) if o is not None else "")
        self.relayout()

    # -- words --------------------------------------------------------------------------------

    def markers(self, o: OccurrenceView) -> list[str]:
        """What a block says besides class, room and instructor (never colour alone)."""
        found = []
        if o.disrupted:  # a facility disruption: why, on the block itself
            found.append(self.tr("Not held: ") + (o.reason or ""))
        elif o.cancelled:
            found.append(self.tr("Cancelled"))
        if o.rescheduled:
            found.append(self.tr("↔ moved"))
        if o.substitute and o.instructor_name:
            found.append(self.tr("sub: ") + o.instructor_name)
        kinds = self.clash_of(o)
        if kinds:
            found.append(self.tr("⚠ clash: ") + self.tr(" and ").join(sorted(kinds)))
        return found

    def describe(self, o: OccurrenceView) -> str:
        """The session in words: what a screen reader says of the selection."""
        parts = [
            f"{o.class_name}, {date_text(o.start_local.date(), 'ddd dd MMM')}"
            f" {o.start_local:%H:%M}–{o.end_local:%H:%M}",
            o.room_name or self.tr("no room"),
            o.instructor_name or self.tr("no instructor"),
            *self.markers(o),
        ]
        if o.reason and not o.disrupted:
            parts.append(o.reason)
        return ", ".join(parts)

    def selection_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Highlight)

    # -- keyboard and mouse -------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        self._ensure()
        if key in _ARROWS and plain:
            current = self.selected()
            target = layout.step(self._by_day, key_of(current) if current else None, _ARROWS[key])
            if target is not None:
                self.select(target)
                self.ensure_visible(target)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            o = self.selected()
            if o is not None:
                self.sig_activated.emit(o)
            event.accept()
            return
        if key == Qt.Key.Key_Menu:
            self._menu_at(None)
            event.accept()
            return
        super().keyPressEvent(event)

    def ensure_visible(self, o: OccurrenceView) -> None:
        """Scroll the session into view (a grid inside a scroll area overrides this)."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Left click selects (on nothing: clears); right click selects and opens the menu."""
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        hit = self.session_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton:
            self.select(hit)
        elif event.button() == Qt.MouseButton.RightButton and hit is not None:
            self.select(hit)
            self._menu_at(event.globalPosition().toPoint())
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.session_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and hit is not None:
            self.select(hit)
            self.sig_activated.emit(hit)
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The Menu key (a right click opened the menu on the press already)."""
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self._menu_at(None)
        event.accept()

    def _menu_at(self, where: QPoint | None) -> None:
        o = self.selected()
        if o is None:
            return
        if where is None:
            rect = self.block_rect(o)
            where = self.mapToGlobal(rect.center() if not rect.isEmpty() else QPoint(0, 0))
        self.sig_menu.emit(where)
