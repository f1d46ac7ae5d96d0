"""The English site must never fall back to a Chinese msgid: every entry has a translation."""

import re
from pathlib import Path

from django.conf import settings
from django.template import engines

from portal.management.commands.makemessages import templatize

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


def msgids(text):
    """The catalogue's msgids as written in it (escaped)."""
    return {
        "".join(re.findall(r'^(?:msgid )?"(.*)"$', block.split("msgstr")[0], re.M))
        for block in text.split("\n\n")
    }


def test_every_string_of_the_public_templates_is_in_the_english_catalogue():
    known = msgids(CATALOGUE.read_text(encoding="utf-8"))
    env = engines["jinja2"].env
    missing = []
    for template in sorted((Path(settings.BASE_DIR) / "jinja2").rglob("*.html")):
        for _line, _function, message in env.extract_translations(template.read_text()):
            for msgid in message if isinstance(message, tuple) else (message,):
                if msgid is None:
                    continue  # ngettext's count
                if msgid.replace("\\", "\\\\").replace('"', '\\"') not in known:
                    missing.append((template.name, msgid))
    assert missing == []


def test_make_messages_reads_a_sentence_whose_values_follow_it():
    """Django's templatizer misses _("…", total=n); the project's makemessages does not."""
    source = '<p>{{ _("共 %(total)s 条", total=n) }}</p>\n{% set label = _("筛选") %}\n'
    assert templatize(source, engines["jinja2"].env) == ("_('共 %(total)s 条')\n_('筛选')\n\n")


ALIAS = re.compile(r"^from django\.utils\.translation import (\w+) as (\w+)$", re.M)


def test_python_code_translates_through_names_makemessages_reads():
    """makemessages reads gettext(), _() and their lazy kin by name: a string passed to the
    same function imported under another name never reaches the catalogue."""
    renamed = []
    for module in sorted(Path(settings.BASE_DIR).glob("[!.]*/**/*.py")):
        if "tests" in module.parts or ".venv" in module.parts:
            continue
        for function, alias in ALIAS.findall(module.read_text(encoding="utf-8")):
            if alias != "_":
                renamed.append(f"{module.name}: {function} as {alias}")
    assert renamed == []
