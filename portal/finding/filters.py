"""Shared filter machinery and the vocabulary FilterSets.

One FilterSet per listable model serves both the public list page and the API, with the same
parameter names: `?district=500106&occupation=6-18-01-01&q=焊工`. References are written as the
domain writes them (a district's GB code or slug, an occupation's code, a cluster's slug), never as
database ids.
"""

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

from portal.finding import identifiers
from portal.finding.search import SearchPlan
from portal.vocabulary.models import District, IndustryCluster, Occupation, Organization


class VocabularyChoiceIterator(forms.models.ModelChoiceIterator):
    """Vocabulary lists are short: read in one plain query, not through the server-side cursor
    ModelChoiceIterator opens on PostgreSQL (three round trips per <select>), and only the
    columns an option shows (its identifier and name), not the records' every column."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.only(*self.field.option_fields):
            yield self.choice(obj)


class IdentifierChoiceField(forms.ModelChoiceField):
    """A choice of a record by any of its identifiers (portal.finding.identifiers: code, slug
    or name).

    Options render with the record's identifier as value, so a chosen filter gives a readable,
    shareable URL.
    """

    iterator = VocabularyChoiceIterator

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("没有找到“%(value)s”，请从列表中选择。")},
        )
        super().__init__(*args, **kwargs)
        # An option shows the record's identifier (its value) and its name (its text).
        names = identifiers.identifier_fields(self.queryset.model)
        self.option_fields = [*(name for name in names if name != "pk"), "name"]

    def prepare_value(self, value):
        if isinstance(value, self.queryset.model):
            return identifiers.identifier_of(value)
        if hasattr(value, "instance"):  # ModelChoiceIteratorValue
            return identifiers.identifier_of(value.instance)
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return identifiers.find(self.queryset, value)
        except identifiers.Ambiguous as error:
            raise forms.ValidationError(str(error), code="ambiguous") from None
        except identifiers.Unknown as error:
            shown = "" if "\x00" in error.value else error.value  # never echo a NUL back
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": shown},
            ) from None

    def label_from_instance(self, obj):
        return obj.name

    def validate(self, value):
        forms.Field.validate(self, value)


class IdentifierFilter(django_filters.ModelChoiceFilter):
    field_class = IdentifierChoiceField

    def __init__(self, *args, distinct=False, **kwargs):
        super().__init__(*args, distinct=distinct, **kwargs)


class MomentField(IsoDateTimeField):
    """An ISO 8601 moment whose UTC offset a clock on Earth can show (−12:00 to +14:00): the
    database refuses one of ±16:00 and beyond, which must be the caller's mistake, not a 500."""

    OFFSETS = (datetime.timedelta(hours=-12), datetime.timedelta(hours=14))

    def to_python(self, value):
        moment = super().to_python(value)
        offset = moment.utcoffset() if moment is not None else None
        if offset is not None and not self.OFFSETS[0] <= offset <= self.OFFSETS[1]:
            raise forms.ValidationError(
                _("时区偏移须在 −12:00 到 +14:00 之间。"), code="invalid_offset"
            )
        return moment


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = MomentField


def district_filter(field_name, **kwargs):
    return IdentifierFilter(
        field_name=field_name, queryset=District.objects.all(), label=_("区县"), **kwargs
    )


def occupation_filter(field_name, **kwargs):
    return IdentifierFilter(
        field_name=field_name, queryset=Occupation.objects.all(), label=_("职业"), **kwargs
    )


def cluster_filter(field_name, **kwargs):
    return IdentifierFilter(
        field_name=field_name,
        queryset=IndustryCluster.objects.all(),
        label=_("产业集群"),
        **kwargs,
    )


def organization_filter(field_name, **kwargs):
    return IdentifierFilter(
        field_name=field_name, queryset=Organization.objects.all(), label=_("单位"), **kwargs
    )


class PortalFilterSet(django_filters.FilterSet):
    """Adds `q` (substring search over `search_fields`) and `updated_after` (for sync)."""

    search_fields = ()
    # Filters that would reveal a field the public does not see: only signed-in staff and
    # token holders get them; a page ignores them for anyone else, the API answers 400.
    staff_only_filters = ()

    q = django_filters.CharFilter(method="search", label=_("关键词"), max_length=100)
    updated_after = MomentFilter(
        field_name="updated", lookup_expr="gt", label=_("更新时间晚于（ISO 8601）")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        if not (user and user.is_authenticated):
            for name in self.staff_only_filters:
                self.filters.pop(name, None)

    def search(self, queryset, name, value):
        return self.search_queryset(queryset, value)

    @classmethod
    def search_queryset(cls, queryset, value, *, keys=None):
        """Chinese has no word breaks: match the typed text as a substring of any field.
        `keys`: the related records' matches when already read (search.related_keys)."""
        value = value.strip()
        if not value:
            return queryset
        plan = cls.search_plan()
        if keys is None:
            keys = plan.related_keys(value, using=queryset.db)
        return queryset.filter(plan.condition(value, keys))

    @classmethod
    def search_plan(cls):
        return SearchPlan.of(cls._meta.model, cls.search_fields)


class DistrictFilterSet(PortalFilterSet):
    search_fields = ("name", "name_en", "code", "slug")

    kind = django_filters.ChoiceFilter(choices=District.Kind.choices, label=_("类型"))

    class Meta:
        model = District
        fields = ["kind"]


class OccupationFilterSet(PortalFilterSet):
    search_fields = ("name", "name_en", "code", "former_code")

    major_group = django_filters.NumberFilter(label=_("大类"), min_value=1, max_value=8)
    is_digital = django_filters.BooleanFilter(label=_("数字职业"))
    is_green = django_filters.BooleanFilter(label=_("绿色职业"))

    class Meta:
        model = Occupation
        fields = ["major_group", "is_digital", "is_green"]


class IndustryClusterFilterSet(PortalFilterSet):
    search_fields = ("name", "name_en", "slug")

    tier = django_filters.ChoiceFilter(choices=IndustryCluster.Tier.choices, label=_("层级"))

    class Meta:
        model = IndustryCluster
        fields = ["tier"]


class OrganizationFilterSet(PortalFilterSet):
    search_fields = ("name", "credit_code")

    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices, label=_("单位类型"))
    district = district_filter("district")

    class Meta:
        model = Organization
        fields = ["kind", "district"]
