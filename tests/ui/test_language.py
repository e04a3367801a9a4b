"""The desk in the staff's language: a person picks Français (or Español) in the main window,
and no screen or main dialog still shows an English text; the choice is kept on this PC.

What is English is learnt from the desk itself: the same walk in English first, every visible
text collected (labels, buttons, headers, window titles, actions, tooltips, combo items, cells),
then the walk in the other language; a text seen in both is left in English, unless it is the
world's data (names of people, classes, rooms), a number or a time, or a word both languages
spell the same (listed below, per language)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.importing.csv_mapping import FIELDS
from app.infra.credentials import CredentialStore
from app.services.changes import ATTENDANCE, Changes
from app.signin import SignInService
from app.ui import language
from app.ui.dialogs.sign_in import SignInDialog
from app.ui.main_window import MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.session_controller import SessionController
from app.ui.settings import AppSettings, SettingsStore
from app.ui.tasks import TaskRunner
from tests.keyrings import MemoryKeyring
from tests.ui.conftest import PAST_MONDAY, Desk
from tests.ui.test_id_cards import save_to
from tests.ui.test_review_queue import disagreement

CTRL = Qt.KeyboardModifier.ControlModifier
# The Language menu pops up: the offscreen platform says it cannot raise it or grab keys.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

# The world's own words (conftest), and what no language translates: time zone names,
# file formats, the languages' own names.
DATA = re.compile(
    r"North Academy|Welding I|Carpentry|Workshop|Shop 2|Trades|First\d\d|Last\d\d|"
    r"(DOC-)?STU-2026-\d+|desk_test|ws-1|[A-Z][a-z]+/[A-Za-z_]+|UTC|Rollbook|"
    r"English|Français|Español|CSV|PDF|XLSX|iCal|ID|OK|Kim Lee|db\.example\.org"
)
# The CSV import's kinds and fields are the file format's own names, the ones its command
# line (rollbook import --kind students) and mapping files take: not words to translate.
CSV_NAMES = {*FIELDS, *(kind.replace("_", " ") for kind in FIELDS)} | {
    name.replace("_", " ") for names in FIELDS.values() for name in names
}
# Spelled the same in English and in the language (checked one by one, not a way out).
SAME = {
    "fr": {"Min", "Note", "Notes", "Date", "Absent", "Module", "Port"},
    "es": {"Min", "No", "Instructor"},
}


def _strip(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _is_words(text: str, code: str) -> bool:
    """Whether ``text`` still has words of a language once the world's data is taken out."""
    if text.rstrip(" *") in CSV_NAMES:
        return False
    rest = DATA.sub(" ", text)
    words = [w for w in re.findall(r"[^\W\d_]{2,}", rest)]
    return bool(words) and not all(w in SAME[code] for w in words)


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list widget's own model keeps its column count private
        columns = 1
    for column in range(columns):
        header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(header, str):
            yield header
    for row in range(min(model.rowCount(root), 40)):
        for column in range(columns):
            index = model.index(row, column, QModelIndex())
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value


def visible_texts(top: QWidget) -> set[str]:
    """Every text a person can read on ``top`` and its visible children, and its actions."""
    texts: list[str] = [top.windowTitle()]
    widgets = [top, *top.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(top) and w is not top:
            continue
        texts += [w.toolTip(), w.accessibleName(), w.accessibleDescription()]
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView):
            texts += list(_model_texts(w))
    for action in top.findChildren(QAction):
        texts += [action.text(), action.toolTip()]
    if isinstance(top, QMainWindow):
        texts.append(top.statusBar().currentMessage())
    found: set[str] = set()
    for text in texts:
        for line in _strip(text or "").splitlines():
            if line.strip():
                found.add(line.strip())
    return found


def _activate(qtbot: QtBot, win: QWidget) -> None:
    """Keys go to the active window, as at a desk with one window in front."""
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5_000)


def _settle(qtbot: QtBot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)


def walk(
    qtbot: QtBot, win: MainWindow, runner: TaskRunner, folder: Path | None = None
) -> dict[str, set[str]]:
    """Ctrl+1…8 in turn, and the main dialogs: what each shows (and, with ``folder``, what
    the ID card printed from a student's record says, and the Sync screen's conflict)."""
    seen: dict[str, set[str]] = {}
    _activate(qtbot, win)
    for row in range(8):
        qtbot.keyClick(win, getattr(Qt.Key, f"Key_{row + 1}"), CTRL)
        _settle(qtbot, runner)
        if row == 2:  # the calendar on a week with sessions
            with qtbot.waitSignal(win.calendar.sig_loaded, timeout=5_000):
                win.calendar.anchor.setDate(QDate(2026, 11, 16))
        if row == 3:  # the sheet of a session held
            view = win.attendance
            view.day.setDate(QDate(PAST_MONDAY.year, PAST_MONDAY.month, PAST_MONDAY.day))
            qtbot.waitUntil(lambda v=view: v.sheet is not None, timeout=10_000)  # type: ignore[misc]
        _settle(qtbot, runner)
        seen[f"screen {row + 1}"] = visible_texts(win)
        if row == 2:  # the week grid's day names are painted, not widgets: read what it paints
            grid = win.calendar.time_grid
            assert grid.header is not None
            seen["the week's day names"] = {grid.header._label(d, 10_000) for d in grid.days}
    seen.update(_dialogs(qtbot, win, runner))
    if folder is not None:
        seen.update(_more_dialogs(qtbot, win, runner, folder))
    return seen


def _pdf_text(path: Path) -> set[str]:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return {" ".join(line.split()) for line in text.splitlines() if line.strip()}


def _more_dialogs(
    qtbot: QtBot, win: MainWindow, runner: TaskRunner, folder: Path
) -> dict[str, set[str]]:
    """The Sync screen with its conflict selected, a student's ID card, the session dialogs
    (substitute, make-up, the week's sheets), staff accounts and the sign-in dialog."""
    seen: dict[str, set[str]] = {}
    _activate(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_6, CTRL)
    sync = win.sync_view
    _settle(qtbot, runner)
    with qtbot.waitSignal(sync.sig_loaded, timeout=10_000):
        win.changes.publish(Changes.of(ATTENDANCE, facility_id=None, source="sync"))
    assert sync.model.rowCount() == 1
    sync.table.setFocus()
    sync.table.selectRow(0)
    seen["sync conflict"] = visible_texts(win) | {sync.detail.text()}
    # The ID card of a student, from the student's record.
    qtbot.keyClick(win, Qt.Key.Key_5, CTRL)
    students = win.students
    qtbot.waitUntil(lambda: students.model.rowCount() > 0, timeout=5_000)
    students.table.setFocus()
    students.table.setCurrentIndex(students.model.index(0, 0))
    with qtbot.waitSignal(students.sig_record_opened, timeout=5_000) as opened:
        qtbot.keyClick(students.table, Qt.Key.Key_Return)
    record = opened.args[0]
    _settle(qtbot, runner)
    with qtbot.waitSignal(record.card_printer.sig_written, timeout=20_000) as written:
        qtbot.mouseClick(record.card_button, Qt.MouseButton.LeftButton)
    seen["ID card"] = _pdf_text(written.args[0]) | {record.card_note.text()}
    record.reject()
    # On the calendar's first session: a substitute (Alt+I), make-up for (Alt+K), the week.
    _activate(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_3, CTRL)
    view = win.calendar
    _settle(qtbot, runner)
    for key, name, attribute in (
        (Qt.Key.Key_I, "substitute", "substitute_dialog"),
        (Qt.Key.Key_K, "make-up", "makeup_dialog"),
    ):
        _activate(qtbot, win)
        view.table.setFocus()
        view.table.selectRow(0)
        qtbot.keyClick(view, key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda a=attribute: getattr(view, a) is not None, timeout=5_000)  # type: ignore[misc]
        dialog = getattr(view, attribute)
        qtbot.waitUntil(lambda d=dialog: not d.busy, timeout=5_000)  # type: ignore[misc]
        seen[name] = visible_texts(dialog)
        dialog.reject()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5_000)
    _activate(qtbot, win)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    printing = view.print_dialog
    assert printing is not None
    seen["print sign-in sheets"] = visible_texts(printing)
    printing.reject()
    # Staff accounts (from its action) and the sign-in dialog, as the desk builds them.
    _activate(qtbot, win)
    staff = win.open_staff_accounts()
    assert staff is not None
    _settle(qtbot, runner)
    seen["staff accounts"] = visible_texts(staff)
    staff.reject()
    signin = SignInService(CredentialStore(MemoryKeyring()), folder / "signin")
    sign_in = SignInDialog(signin, runner, AppSettings(), win)
    sign_in.show()
    qtbot.waitExposed(sign_in)
    seen["sign-in"] = visible_texts(sign_in)
    sign_in.close()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5_000)
    return seen


def _dialogs(qtbot: QtBot, win: MainWindow, runner: TaskRunner) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    csv = win.open_csv_import()
    seen["CSV import"] = visible_texts(csv)
    csv.reject()
    _activate(qtbot, win)
    # A student's record, from the Students screen (Ctrl+5, Enter on the first row).
    qtbot.keyClick(win, Qt.Key.Key_5, CTRL)
    students = win.students
    qtbot.waitUntil(lambda: students.model.rowCount() > 0, timeout=5_000)
    students.table.setFocus()
    students.table.setCurrentIndex(students.model.index(0, 0))
    with qtbot.waitSignal(students.sig_record_opened, timeout=5_000) as opened:
        qtbot.keyClick(students.table, Qt.Key.Key_Return)
    record: QDialog = opened.args[0]
    _settle(qtbot, runner)
    seen["student record"] = visible_texts(record)
    record.reject()
    # A new series (Ctrl+N) on the calendar.
    _activate(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_3, CTRL)
    view = win.calendar
    qtbot.keyClick(view, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: view.series_dialog is not None, timeout=5_000)
    series = view.series_dialog
    assert series is not None
    _settle(qtbot, runner)
    seen["new series"] = visible_texts(series)
    series.reject()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5_000)
    # Closures (Alt+C) and a disruption (Alt+U) on the calendar, as an admin opens them.
    _activate(qtbot, win)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.closures_dialog is not None, timeout=5_000)
    closures = view.closures_dialog
    assert closures is not None
    qtbot.waitUntil(lambda: not closures.busy, timeout=5_000)
    seen["closures"] = visible_texts(closures)
    closures.reject()
    _activate(qtbot, win)
    qtbot.keyClick(view, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.disruption_dialog is not None, timeout=5_000)
    disruption = view.disruption_dialog
    assert disruption is not None
    _settle(qtbot, runner)
    seen["disruption"] = visible_texts(disruption)
    disruption.reject()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5_000)
    return seen


def _choose_language(qtbot: QtBot, win: MainWindow, name: str) -> None:
    """Click Language in the toolbar, then the language in its menu."""
    button = win.language_button
    menu = button.menu()
    assert menu is not None

    def pick() -> None:
        qtbot.waitUntil(menu.isVisible, timeout=5_000)
        action = next(a for a in menu.actions() if a.text() == name)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    QTimer.singleShot(0, pick)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


class Desktop:
    """The desk as started on this PC: a session controller over the desk's world."""

    def __init__(self, qtbot: QtBot, desk: Desk, settings: Path) -> None:
        self.messages = MessageBridge(quiet=True)
        self.runner = TaskRunner(self.messages.show_error)
        services = desk.services
        facilities = tuple(services.facilities.list_facilities())
        self.controller = SessionController(
            self.runner,
            self.messages,
            SettingsStore(settings),
            _no_signin,  # type: ignore[arg-type]
            lambda: Workstation(services, None, facilities, "Test workstation"),
        )
        with qtbot.waitSignal(self.controller.sig_window_shown) as shown:
            self.controller.start(demo_when_unconfigured=True)
        self.win: MainWindow = shown.args[0]
        qtbot.waitUntil(lambda: self.win.workstation is not None, timeout=10_000)
        _settle(qtbot, self.runner)

    def close(self) -> None:
        self.controller.shutdown()
        self.runner.discard_pending()
        self.runner.wait_idle()


_no_signin = object()


@pytest.fixture
def english_back() -> Iterator[None]:
    """The language is the application's: whatever a test chose, the next test is English."""
    yield
    language.apply("en")


def _untranslated(
    english: dict[str, set[str]], other: dict[str, set[str]], code: str
) -> dict[str, list[str]]:
    all_english = set().union(*english.values())
    left: dict[str, list[str]] = {}
    for where, texts in other.items():
        same = sorted(t for t in texts & all_english if _is_words(t, code))
        if same:
            left[where] = same
    return left


@POPUP
@pytest.mark.parametrize(("code", "name"), [("fr", "Français"), ("es", "Español")])
def test_every_screen_and_main_dialog_speaks_the_chosen_language(
    qtbot: QtBot,
    desk: Desk,
    tmp_path: Path,
    english_back: None,
    monkeypatch: pytest.MonkeyPatch,
    code: str,
    name: str,
) -> None:
    disagreement(desk, desk.students[0], conflict_here=True)  # the Sync screen's conflict
    save_to(monkeypatch, tmp_path / "card.pdf")
    desktop = Desktop(qtbot, desk, tmp_path / "settings.ini")
    try:
        english = walk(qtbot, desktop.win, desktop.runner, tmp_path)
        assert "Today" in english["screen 1"] and "Language" in english["screen 1"]
        before = desktop.win
        with qtbot.waitSignal(desktop.controller.sig_window_shown, timeout=10_000):
            _choose_language(qtbot, before, name)
        win = desktop.controller.window
        assert win is not None and win is not before
        qtbot.waitUntil(lambda: win.workstation is not None, timeout=10_000)
        assert win.language_actions[code].isChecked()
        other = walk(qtbot, win, desktop.runner, tmp_path)
        left = _untranslated(english, other, code)
        assert left == {}, "\n".join(f"{k}: {v}" for k, v in left.items())
    finally:
        desktop.close()


@POPUP
def test_the_language_chosen_is_kept_on_this_pc(
    qtbot: QtBot, desk: Desk, tmp_path: Path, english_back: None
) -> None:
    settings = tmp_path / "settings.ini"
    first = Desktop(qtbot, desk, settings)
    try:
        assert "Today" in visible_texts(first.win)
        with qtbot.waitSignal(first.controller.sig_window_shown, timeout=10_000):
            _choose_language(qtbot, first.win, "Français")
        assert SettingsStore(settings).load().language == "fr"
    finally:
        first.close()
    language.apply("en")  # as a new process starts: nothing of the last run in memory
    again = Desktop(qtbot, desk, settings)
    try:
        texts = visible_texts(again.win)
        assert "Aujourd’hui" in texts and "Today" not in texts
        assert again.win.language_actions["fr"].isChecked()
        # Dates as the French locale writes them.
        assert language.locale_day(date(2026, 11, 16)) == "lun. 16 nov."
    finally:
        again.close()


@POPUP
def test_a_refusal_of_the_services_comes_in_the_chosen_language(
    qtbot: QtBot, desk: Desk, tmp_path: Path, english_back: None
) -> None:
    """A closure over days already closed, refused by the service: the dialog says why in
    French, with French dates, and nothing is stored."""
    desk.services.closures.add(desk.facility_id, date(2026, 11, 20), date(2026, 11, 23), "Break")
    desktop = Desktop(qtbot, desk, tmp_path / "settings.ini")
    try:
        with qtbot.waitSignal(desktop.controller.sig_window_shown, timeout=10_000):
            _choose_language(qtbot, desktop.win, "Français")
        win = desktop.controller.window
        assert win is not None
        qtbot.waitUntil(lambda: win.workstation is not None, timeout=10_000)
        _activate(qtbot, win)
        qtbot.keyClick(win, Qt.Key.Key_3, CTRL)
        _settle(qtbot, desktop.runner)
        view = win.calendar
        qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: view.closures_dialog is not None, timeout=5_000)
        dialog = view.closures_dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: not dialog.busy, timeout=5_000)
        qtbot.keyClicks(dialog.reason, "Conge")  # on today, Sunday 22 November: closed already
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.form_error.isVisible(), timeout=5_000)
        assert dialog.form_error.text() == (
            "Déjà fermé : ven. 20 nov. 2026 – lun. 23 nov. 2026 (Break)."
        )
        assert len(desk.services.closures.closures(desk.facility_id)) == 1
        dialog.reject()
    finally:
        desktop.close()
