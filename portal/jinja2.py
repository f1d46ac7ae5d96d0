"""The Jinja2 environment of the public site (templates in jinja2/; the admin keeps DTL).

Jinja2 compiles a template to Python once; the Django template language interpreted every
node on every request, which was most of a list page's time. Globals and filters here stand in
for the template tags and filters the pages used, calling the same functions, so the HTML is
the same: Django's date, urlencode, striptags, truncatechars and urlizetrunc, not Jinja2's
look-alikes.
"""

import functools
from importlib import import_module
from itertools import groupby
from operator import attrgetter

from django.template import defaultfilters
from django.template.defaulttags import GroupedResult
from django.templatetags.static import static
from django.utils import translation
from django.utils.timezone import template_localtime
from django.utils.translation import trans_real
from jinja2 import Environment, pass_context
from markupsafe import Markup

from portal import presentation
from portal.links import Links, url
from portal.security.sanitize import render as rich_text


def environment(**options):
    """The environment of the Jinja2 engine (settings.TEMPLATES): escaping always on."""
    from django.conf import settings

    options.update(
        autoescape=True,
        # Each template is compiled once and kept (all of them fit); only a developer's edits
        # need the file's time checked on every use.
        auto_reload=settings.DEBUG,
        cache_size=400,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env = Environment(**options)
    programs = import_module("programs.presentation")  # by path: portal imports no app
    # newstyle: _("共 %(total)s 条", total=n) formats and escapes the value, like blocktranslate.
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(
        url=url,
        links=Links,
        static=static,
        get_current_language=translation.get_language,
        **named(presentation, "translated_path", "alternate_url", "canonical_url", "page_url"),
        **named(
            programs,
            "program_enrolment",
            "program_dates",
            "program_place",
            "program_cost",
            "program_card",
        ),
    )
    env.filters.update(
        date=date,
        regroup=regroup,
        rich_text=rich_text,
        **named(defaultfilters, "urlencode", "striptags", "truncatechars", "urlizetrunc"),
        **named(presentation, "demo_badge", "program_state", "percent", "choice_label"),
    )
    return env


def translations(request):
    """Context processor: a page's _() bound to the active language's catalog, looked up once
    per page rather than once per string (thirty strings a page, each finding the active
    language again). Newstyle, as install_gettext_callables makes it: always formatted with
    its named values, escaped."""
    return {"gettext": _catalog_gettext(trans_real.translation(translation.get_language()))}


@functools.cache
def _catalog_gettext(catalog):
    """Keyed by the catalog itself: when Django reloads changed catalogs (runserver), the new
    ones get their own function, not the old strings."""

    @pass_context
    def gettext(__context, __string, **variables):
        text = catalog.gettext(__string)
        if __context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    return gettext


def named(module, *names):
    """Functions of `module` under their own names, as the templates call them."""
    return {name: getattr(module, name) for name in names}


def date(value, arg=None):
    """Django's |date, given local time as the Django template language gives it."""
    return defaultfilters.date(template_localtime(value), arg)


def regroup(items, attribute):
    """{% regroup %}: runs of items with one value, in their order (Jinja2's groupby sorts)."""
    return [
        GroupedResult(grouper=key, list=list(group))
        for key, group in groupby(items, key=attrgetter(attribute))
    ]
