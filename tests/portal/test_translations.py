"""The English site must never fall back to a Chinese msgid: every entry has a translation."""

import re
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def untranslated_entries(text):
    missing = []
    for block in text.split("\n\n"):
        if "#, fuzzy" in block and 'msgid ""\nmsgstr ""\n"Project' not in block:
            missing.append(block)
            continue
        msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', block.split("msgstr")[0], re.M))
        if not msgid:
            continue  # the header
        strings = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        if not strings or any(not "".join(re.findall(r'"(.*)"', s)) for s in strings):
            missing.append(msgid)
    return missing


def test_the_english_catalogue_translates_every_string():
    assert untranslated_entries(CATALOGUE.read_text(encoding="utf-8")) == []


def test_the_check_finds_an_untranslated_entry():
    assert untranslated_entries('msgid "草稿"\nmsgstr ""\n') == ["草稿"]
