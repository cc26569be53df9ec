"""Swedish and English catalogues are complete, and the compiled files match them."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_it_has_every_string_translated(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries() if e.msgid] == []


@pytest.mark.parametrize("language", ["sv", "en"])
def test_it_ships_compiled_catalogues_equal_to_the_sources(language):
    folder = LOCALE / language / "LC_MESSAGES"
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.pofile(str(folder / "django.po"))
        if not e.obsolete
    }
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.mofile(str(folder / "django.mo"))
        if e.msgid
    }
    assert compiled == {key: value for key, value in source.items() if key[1]}


def test_it_keeps_placeholders_in_the_swedish_text():
    import re

    token = re.compile(r"%\((\w+)\)[sd]|\{\{\s*\w+\s*\}\}")
    for entry in polib.pofile(str(LOCALE / "sv" / "LC_MESSAGES" / "django.po")):
        expected = sorted(token.findall(entry.msgid))
        if entry.msgid_plural:
            for text in entry.msgstr_plural.values():
                assert sorted(token.findall(text)) in (
                    expected,
                    sorted(token.findall(entry.msgid_plural)),
                ), entry.msgid
        else:
            assert sorted(token.findall(entry.msgstr)) == expected, entry.msgid
