"""`{{ value|rich_text }}`: stored rich text as the safe HTML subset (portal.security.sanitize)."""

from django import template

from portal.security.sanitize import render

register = template.Library()


@register.filter
def rich_text(value):
    return render(value)
