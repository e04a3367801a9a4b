"""The French and Spanish of the desk: every text translated, placeholders kept, and the
compiled .qm files the desk loads built from the .ts files as they are (``make translations``)."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app import resources

FOLDER = resources.resources_dir() / resources.TRANSLATIONS
LANGUAGES = resources.LANGUAGES
# {name}, {0}, {more[1]}; %1, %2; %n (numerus)
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\d|%n")
ACCELERATOR = re.compile(r"(?<!&)&(?=[^\s&])")  # "&File"; not "&&" nor "Sync & conflicts"


def _messages(code: str) -> list[tuple[str, str, list[str], bool]]:
    """(context, source, translations, unfinished) of each message of rollbook_<code>.ts."""
    root = ET.parse(FOLDER / f"rollbook_{code}.ts").getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")] or [
                translation.text or ""
            ]
            unfinished = translation.get("type") in ("unfinished", "obsolete", "vanished")
            found.append((name, message.findtext("source") or "", forms, unfinished))
    return found


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_text_is_translated_with_its_placeholders(code: str) -> None:
    messages = _messages(code)
    assert len(messages) > 500  # the whole desk, not a stub
    unfinished = [f"{c}: {s!r}" for c, s, forms, todo in messages if todo or not all(forms)]
    assert unfinished == []
    wrong = []
    for context, source, forms, _todo in messages:
        wanted = sorted(PLACEHOLDER.findall(source))
        for form in forms:
            if sorted(PLACEHOLDER.findall(form)) != wanted:
                wrong.append(f"{context}: {source!r} -> {form!r}")
        keys = len(ACCELERATOR.findall(source))
        if any(len(ACCELERATOR.findall(form)) != keys for form in forms):
            wrong.append(f"{context}: {source!r} -> {forms!r} (its & accelerator)")
    assert wrong == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_compiled_file_is_built_from_the_linguist_file(code: str, tmp_path: Path) -> None:
    """The .qm shipped is what lrelease makes of the .ts committed: run make translations."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    built = tmp_path / f"rollbook_{code}.qm"
    subprocess.run(
        [str(lrelease), "-silent", str(FOLDER / f"rollbook_{code}.ts"), "-qm", str(built)],
        check=True,
        timeout=60,
    )
    shipped = FOLDER / f"rollbook_{code}.qm"
    assert shipped.is_file(), "make translations"
    assert shipped.read_bytes() == built.read_bytes(), "make translations"
