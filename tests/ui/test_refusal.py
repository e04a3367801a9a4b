"""The one error presenter of the views: refusals in plain words, bugs to the excepthook."""

from __future__ import annotations

import pytest

from app.domain.errors import NotAllowed
from app.ui.messages import refusal


def test_a_refusal_is_said_in_plain_words_and_a_bug_is_raised_again() -> None:
    assert refusal(NotAllowed("Instructors may not cancel sessions.")) == (
        "Instructors may not cancel sessions."
    )
    said = refusal(PermissionError(13, "Permission denied", "sheet.xlsx"))
    assert said.startswith("The file could not be written: ") and "sheet.xlsx" in said
    bug = KeyError("series")
    with pytest.raises(KeyError) as raised:
        refusal(bug)
    assert raised.value is bug
