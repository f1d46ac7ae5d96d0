"""The lean read path (portal/api/lean.py) answers anonymous lists exactly as the serializers do.

Each case builds records that exercise every reader (missing relations, English names, blank
choices, time zones, staff-only fields) and compares the whole response body, lean against the
DRF path, in both languages and on a second page.
"""

import pytest
from django.test import override_settings

from portal.api import lean
from portal.api.registry import discover, viewset_for
from portal.api.viewsets import PortalListViewSet
from portal.models import District, IndustryCluster, Occupation, Organization
from talent.models import Craftsman, HonorAward, HonorTitle
from tests.api_mixin import client_with, url
from tests.factories import (
    CraftsmanFactory,
    DistrictFactory,
    HonorAwardFactory,
    HonorTitleFactory,
    IndustryClusterFactory,
    OccupationFactory,
    OrganizationFactory,
    ShortageListFactory,
)

pytestmark = pytest.mark.django_db


def make_craftsmen():
    english = OccupationFactory(name_en="Welder")
    plain = OccupationFactory(name_en="")
    CraftsmanFactory(occupation=english, gender="male", skill_level="senior")
    CraftsmanFactory(occupation=plain, organization=None, district=None, profile="<p>简介</p>")
    CraftsmanFactory(occupation=None, gender="")
    OrganizationFactory(credit_code="", name="无代码单位")
    CraftsmanFactory(organization=Organization.objects.get(name="无代码单位"))


def make_awards():
    title = HonorTitleFactory(name_en="Bayu Craftsman")
    HonorAwardFactory(title=title, document_number="渝人社发〔2025〕1号")
    HonorAwardFactory(title=title, year=2019, note="备注")
    HonorAwardFactory()
    HonorAwardFactory(craftsman=CraftsmanFactory(public_consent=False))  # never listed


CASES = {
    "craftsmen": make_craftsmen,
    "honor-awards": make_awards,
    "honor-titles": lambda: [HonorTitleFactory(name_en="T"), HonorTitleFactory()],
    "districts": lambda: [
        DistrictFactory(),
        DistrictFactory(code=None, slug="liangjiang", kind=District.Kind.ZONE),
    ],
    "occupations": lambda: [OccupationFactory(), OccupationFactory(code="", name="无编码职业")],
    "organizations": lambda: [OrganizationFactory(), OrganizationFactory(district=None)],
    "industry-clusters": lambda: [IndustryClusterFactory(), IndustryClusterFactory()],
    "shortage-lists": lambda: [ShortageListFactory(description="说明"), ShortageListFactory()],
}


def bodies(path, monkeypatch):
    """The response body through the lean path, then through the serializers."""
    lean_body = client_with().get(path).json()
    monkeypatch.setattr(lean, "plan_for", lambda serializer_class: None)
    drf_body = client_with().get(path).json()
    monkeypatch.undo()
    return lean_body, drf_body


@pytest.mark.parametrize("resource", sorted(CASES))
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_an_anonymous_list_reads_the_same_through_the_lean_path(resource, lang, monkeypatch):
    CASES[resource]()
    lean_body, drf_body = bodies(url(resource) + f"?lang={lang}", monkeypatch)
    assert lean_body["results"]
    assert lean_body == drf_body


@pytest.mark.parametrize("resource", sorted(CASES))
def test_a_second_page_reads_the_same_through_the_lean_path(resource, monkeypatch):
    CASES[resource]()
    first = client_with().get(url(resource) + "?page_size=1").json()
    lean_body, drf_body = bodies(first["next"], monkeypatch)
    assert lean_body["previous"]
    assert lean_body == drf_body


@override_settings(TIME_ZONE="Asia/Shanghai")
def test_times_read_the_same_through_the_lean_path_in_the_sites_time_zone(monkeypatch):
    make_craftsmen()
    lean_body, drf_body = bodies(url("craftsmen"), monkeypatch)
    assert lean_body["results"][0]["created"].endswith("+08:00")
    assert lean_body == drf_body


def test_an_anonymous_list_of_craftsmen_never_shows_staff_only_fields():
    make_craftsmen()
    rows = client_with().get(url("craftsmen")).json()["results"]
    assert not {"gender", "skill_level", "public_consent"} & {key for row in rows for key in row}


@pytest.mark.parametrize(
    "model",
    [Craftsman, HonorAward, HonorTitle, District, Occupation, Organization, IndustryCluster],
)
def test_the_large_lists_take_the_lean_path(model):
    discover()
    assert lean.plan_for(viewset_for(model).serializer_class) is not None


def test_a_serializer_with_a_many_to_many_field_keeps_the_serializer_path():
    from talent.models import Studio

    discover()
    assert lean.plan_for(viewset_for(Studio).serializer_class) is None


def test_every_list_resource_is_covered_here_or_keeps_the_serializer_path():
    discover()
    from portal.api.registry import VIEWSETS

    lean_resources = {
        viewset.resource_name
        for viewset in VIEWSETS.values()
        if issubclass(viewset, PortalListViewSet) and lean.plan_for(viewset.serializer_class)
    }
    assert lean_resources <= set(CASES)


def test_a_craftsman_published_after_a_first_list_appears_in_the_next():
    CraftsmanFactory(name="甲")
    client_with().get(url("craftsmen"))  # builds the resource's anonymous rows once
    CraftsmanFactory(name="乙")
    names = {row["name"] for row in client_with().get(url("craftsmen")).json()["results"]}
    assert names == {"甲", "乙"}


def test_a_filter_narrows_the_anonymous_rows_built_for_an_earlier_list():
    CraftsmanFactory(name="甲", district=DistrictFactory(code="500101"))
    CraftsmanFactory(name="乙", district=DistrictFactory(code="500102"))
    client_with().get(url("craftsmen"))
    rows = client_with().get(url("craftsmen") + "?district=500102").json()["results"]
    assert [row["name"] for row in rows] == ["乙"]
