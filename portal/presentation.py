"""How the public pages word things: language alternates, money, program states, pages, badges.

Functions of the Jinja2 environment (portal/jinja2.py); those given the template's `context`
read the request and the page's query from it.
"""

from decimal import Decimal

from django.urls import translate_url
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from jinja2 import pass_context

# (field, or a choice class's name, language) -> {value: label}: labels in one language.
_labels = {}
# language -> the demo badge's HTML.
_badges = {}


@pass_context
def translated_path(context, language):
    """The current page's path in `language`, keeping the query (filters stay shared): where
    the language switcher links. A plain link, not a form posting to set_language: the
    language is in the path (i18n_patterns), so a public page needs no CSRF token and sets no
    cookie, and any cache may keep it."""
    request = context.get("request")
    if request is None:
        return ""
    known = request.__dict__.setdefault("_translated_paths", {})  # asked for up to 4 times
    if language not in known:
        known[language] = translate_url(request.get_full_path(), language)
    return known[language]


@pass_context
def alternate_url(context, language):
    """The current page in `language`, absolute."""
    request = context.get("request")
    if request is None:
        return ""
    return request.build_absolute_uri(translated_path(context, language))


@pass_context
def canonical_url(context):
    """The page without its query string: filtered views point search engines at the list."""
    request = context.get("request")
    return request.build_absolute_uri(request.path) if request is not None else ""


@pass_context
def page_url(context, number):
    query = context.get("query_string", "")
    return f"?{query}&page={number}" if query else f"?page={number}"


def program_state(value):
    """The label of a ProgramState value (e.g. 报名中), from a table kept per language."""
    if not value:
        return ""
    return labels_of(
        "program-state", lambda: import_string("programs.models.ProgramState").choices
    )[value]


def yuan(value):
    """Money as citizens read it: 免费 for nothing, else 1,200 元."""
    if value is None:
        return ""
    amount = Decimal(value)
    if amount == 0:
        return _("免费")
    shown = f"{amount:,.2f}".rstrip("0").rstrip(".")
    return _("%(amount)s 元") % {"amount": shown}


def percent(value):
    return "" if value is None else f"{value:.1%}"


def demo_badge(record):
    """The 演示数据 badge after a demo record's name (a filter: cheaper than an include per row),
    written once per language: a roll of fifty demo awards wrote it fifty times."""
    if not getattr(record, "is_demo", False):
        return ""
    language = get_language()
    badge = _badges.get(language)
    if badge is None:
        badge = _badges[language] = format_html(
            ' <span class="badge badge-demo">{}</span>', _("演示数据")
        )
    return badge


def choice_label(record, name):
    """What record.get_<name>_display() says, from a table kept per field and language: Django
    builds its table on every call, translating every choice's label to hash it (eight
    translations per program card for its kind alone)."""
    field = record._meta.get_field(name)
    value = getattr(record, field.attname)
    return labels_of(field, lambda: field.flatchoices).get(value, value)


def labels_of(owner, choices):
    """{value: label} of `owner`'s choices (a callable gives them) in the active language,
    translated once per language."""
    key = (owner, get_language())
    if key not in _labels:
        _labels[key] = {value: str(label) for value, label in choices()}
    return _labels[key]
