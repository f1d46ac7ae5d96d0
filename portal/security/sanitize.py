"""Rich text (program descriptions, profiles) reduced to a small safe HTML subset with nh3.

Sanitised on save (PublishableModel.save, for each model's `rich_text_fields`) and again when
rendered (`|rich_text`), so neither an old row nor a write that skipped save can inject script.
Plain text without markup is stored as typed: it has nothing to sanitise, and the API keeps
returning "A & B", not "A &amp; B".
"""

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(value):
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def sanitise(value):
    """What is stored: the value itself when it has no markup, else its safe subset."""
    if not value or "<" not in value:
        return value
    return clean_html(value)


def render(value):
    """Safe HTML for a template: plain text gets paragraphs, markup its safe subset."""
    if not value:
        return ""
    if "<" not in value:  # escaped by linebreaks itself, then wrapped in <p>: safe as it is
        return mark_safe(linebreaks(value, autoescape=True))
    return mark_safe(clean_html(value))


def sanitise_record(record):
    for name in getattr(record, "rich_text_fields", ()):
        setattr(record, name, sanitise(getattr(record, name)))
