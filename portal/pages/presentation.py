"""How the public pages word things: language alternates, money, program states, pages, badges.

Functions of the Jinja2 environment (portal/pages/jinja2.py); those given the template's `context`
read the request and the page's query from it.
"""

from decimal import Decimal

from django.urls import translate_url
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from jinja2 import pass_context


def shared_query(request):
    """The query string of the parameters the page is cached by (request.cache_parameters),
    empty ones left out: what a link to the same page in another language keeps. Any other
    parameter changes nothing on the page, so it is not carried into its links either."""
    known = getattr(request, "cache_parameters", ())
    return urlencode(
        [
            (name, value)
            for name, values in request.GET.lists()
            if name in known
            for value in values
            if value
        ]
    )


@pass_context
def translated_path(context, language):
    """The current page's path in `language`, keeping its filters: where the language
    switcher links. A plain link, not a form posting to set_language: the language is in the
    path (i18n_patterns), so a public page needs no CSRF token and sets no cookie, and any
    cache may keep it."""
    request = context.get("request")
    if request is None:
        return ""
    query = shared_query(request)
    return translate_url(f"{request.path}?{query}" if query else request.path, language)


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
    """The 演示数据 badge after a demo record's name."""
    if not getattr(record, "is_demo", False):
        return ""
    return format_html(' <span class="badge badge-demo">{}</span>', _("演示数据"))
