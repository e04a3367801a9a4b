"""The Qt binding Rollbook runs on: known defects that would take the app down."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    sig = Signal()
    sig_value = Signal(object)


def test_emitting_signals_keeps_the_reference_counts_of_true_and_false() -> None:
    # PySide6 6.12.0 dropped a reference to True on every emit(); CPython then aborts the
    # process once the count reaches zero. Every background task and every mark emits.
    emitter = _Emitter()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for n in range(1000):
        emitter.sig.emit()
        emitter.sig_value.emit(n)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after[0] >= before[0] - 5 and after[1] >= before[1] - 5, (before, after)
