"""The API side of the shared FilterSets: same classes and names as the public pages, plus an
`ordering` filter for lists whose page has none, and strict parsing of typed parameters."""

import re

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

INTEGER = re.compile(r"^-?\d{1,9}$")
BOOLEANS = ("true", "false")

_with_ordering = {}


def ordering_filter(fields):
    return django_filters.OrderingFilter(fields=[(name, name) for name in fields], label=_("排序"))


class PortalFilterBackend(DjangoFilterBackend):
    def get_filterset_class(self, view, queryset=None):
        base = view.filterset_class
        if "ordering" in base.base_filters:
            return base
        if view.__class__ not in _with_ordering:
            _with_ordering[view.__class__] = type(
                base.__name__, (base,), {"ordering": ordering_filter(view.ordering_fields)}
            )
        return _with_ordering[view.__class__]

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        self.check_types(request, filterset_class)
        if not any(name in filterset_class.base_filters for name in request.query_params):
            return queryset  # no filter asked for: building the FilterSet would change nothing
        return super().filter_queryset(request, queryset, view)

    @staticmethod
    def check_types(request, filterset_class):
        """Booleans and numbers the forms would quietly ignore or round are refused here."""
        errors = {}
        for name, value in request.query_params.items():
            if "\x00" in name or "\x00" in value:
                errors[name.replace("\x00", "")] = [_("参数含有非法字符。")]
                continue
            field = filterset_class.base_filters.get(name)
            if field is not None and value == "" and type(field) is not django_filters.CharFilter:
                errors[name] = [_("不能为空；不需要时请省略该参数。")]
            elif isinstance(field, django_filters.BooleanFilter) and value not in BOOLEANS:
                errors[name] = [_("应为 true 或 false。")]
            elif isinstance(field, django_filters.NumberFilter) and not INTEGER.match(value):
                errors[name] = [_("应为整数。")]
        if errors:
            raise ValidationError(errors)


def check_language(params):
    """The `lang` asked for, or None; a language the site does not speak is refused (400)."""
    lang = params.get("lang")
    codes = [code for code, _name in settings.LANGUAGES]
    if lang is not None and lang not in codes:
        raise ValidationError(
            {"lang": [_("应为以下之一：%(codes)s。") % {"codes": ", ".join(codes)}]}
        )
    return lang


def check_parameters(params, known, staff_only=()):
    """Refuse (400, naming each) a query parameter the route does not read, and a staff-only
    filter asked for without a token: neither may pass unnoticed or vary a cached response."""
    listed = "、".join(sorted(known))
    errors = {}
    for name in params:
        shown = name.replace("\x00", "")
        if name not in known:
            errors[shown] = [_("未知的查询参数。可用参数：%(names)s。") % {"names": listed}]
        elif name in staff_only:
            errors[shown] = [_("需要令牌：只有持接口令牌的调用方可按此条件筛选。")]
    if errors:
        raise ValidationError(errors)
