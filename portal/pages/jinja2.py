"""The Jinja2 environment of the public site (templates in jinja2/; the admin keeps DTL).

Globals and filters here stand in for the template tags and filters the pages used, calling
the same functions, so the HTML is the same: Django's reverse, date, urlencode, striptags,
truncatechars and urlizetrunc, not Jinja2's look-alikes. Translations are Jinja2's i18n
extension with Django's gettext.
"""

from itertools import groupby
from operator import attrgetter

from django.template import defaultfilters
from django.template.defaulttags import GroupedResult
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import template_localtime
from jinja2 import Environment

from portal import registry
from portal.importing.sources import link_allowed
from portal.pages import presentation
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
    helpers = registry.registered(registry.TemplateFunction)  # what the apps' pages call
    # newstyle: _("共 %(total)s 条", total=n) formats and escapes the value, like blocktranslate.
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(
        url=url,
        static=static,
        get_current_language=translation.get_language,
        source_link_allowed=link_allowed,
        show_demo_data=show_demo_data,
        **named(presentation, "translated_path", "alternate_url", "canonical_url", "page_url"),
        **{helper.name: helper.function for helper in helpers if not helper.is_filter},
    )
    env.filters.update(
        date=date,
        regroup=regroup,
        rich_text=rich_text,
        **named(defaultfilters, "urlencode", "striptags", "truncatechars", "urlizetrunc"),
        **named(presentation, "demo_badge", "percent"),
        **{helper.name: helper.function for helper in helpers if helper.is_filter},
    )
    return env


def show_demo_data():
    """Whether these settings show demo records (development), read at render time."""
    from django.conf import settings

    return settings.SHOW_DEMO_DATA


def url(name, *args, **kwargs):
    """{% url %}: the path of the URL pattern `name` with these arguments."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


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
