"""The site shell shows what the apps registered (portal/registry.py), and only that: a new
list, figure or staff model needs no change inside portal."""

import pytest
from django.urls import reverse

from portal import registry
from portal.finding.filters import DistrictFilterSet
from portal.management.commands.setup_roles import grants
from portal.publishing.access import district_path
from portal.vocabulary.models import District
from tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered():
    """Register entries for one test, and take them out again after it."""
    added = []

    def add(*entries):
        for entry in entries:
            kind = type(entry)
            key = getattr(entry, registry.KINDS[kind])
            added.append((kind, key, registry.entries[kind].get(key)))
        registry.register(*entries)

    yield add
    for kind, key, before in reversed(added):
        if before is None:
            registry.entries[kind].pop(key, None)
        else:
            registry.entries[kind][key] = before


def test_a_list_an_app_registers_is_searched_by_the_site_search(client, registered):
    DistrictFactory(name="测试新区")
    registered(
        registry.SearchSource(
            "test-districts",
            "区县（测试）",
            records=District.objects.all,
            filterset=DistrictFilterSet,
            columns=("code", "name"),
            position=99,
        )
    )
    page = client.get(reverse("search"), {"q": "测试新区"}).content.decode()
    assert "区县（测试）" in page and "测试新区" in page


def test_a_key_figure_an_app_registers_is_on_the_home_page(client, registered):
    registered(registry.KeyFigure("test-figure", "测试数字", count=lambda: 4321, position=99))
    page = client.get("/").content.decode()
    assert "测试数字" in page and "4321" in page


def test_a_registered_staff_model_is_scoped_to_districts_and_granted_to_district_editors(
    registered,
):
    registered(registry.StaffModel("auth.Group", district="name"))
    assert district_path(District._meta.apps.get_model("auth.Group")) == "name"
    assert ("auth.Group", "change") in grants()["district_editor"]


def test_a_model_nobody_registered_is_bureau_only():
    assert district_path(District._meta.apps.get_model("auth.Permission")) is None
    assert not any(label == "auth.Permission" for label, _action in grants()["district_editor"])


def test_every_public_directory_an_app_registers_is_in_the_sitemap(client):
    body = client.get("/sitemap-pages.xml").content.decode()
    for page in registry.registered(registry.Directory):
        if page.shown():
            assert reverse(page.url_name) in body
