"""Every interface string has a Lao and a Khmer translation that keeps its placeholders."""

import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}")


@pytest.mark.parametrize("catalogue", ["", "allauth"])
@pytest.mark.parametrize("language", ["lo", "km"])
def test_the_catalogue_is_complete(language, catalogue):
    po = polib.pofile(str(LOCALE / catalogue / language / "LC_MESSAGES" / "django.po"))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    for entry in po.translated_entries():
        wanted = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert set(PLACEHOLDER.findall(text)) == wanted, entry.msgid
    # Each message once: gettext's own tools refuse a catalogue with a message twice.
    keys = [(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete]
    assert sorted({key for key in keys if keys.count(key) > 1}, key=str) == []
