"""Skill level is not public: an anonymous filter by it must not reveal who holds which level."""

import pytest
from django.core.management import call_command

from portal.publishing.access import Role
from tests.api_mixin import client_with, identifiers, token_for, url
from tests.factories import CraftsmanFactory, staff_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_levels():
    return CraftsmanFactory(skill_level="junior"), CraftsmanFactory(skill_level="technician")


def test_an_anonymous_skill_level_filter_is_refused_as_needing_a_token(two_levels):
    response = client_with().get(url("craftsmen"), {"skill_level": "junior"})
    assert response.status_code == 400
    assert "需要令牌" in response.json()["errors"]["skill_level"][0]


def test_a_token_holder_can_filter_by_skill_level(two_levels):
    junior, _technician = two_levels
    call_command("setup_roles", verbosity=0)
    key = token_for(staff_with_role(Role.BUREAU_REVIEWER))
    response = client_with(key).get(url("craftsmen"), {"skill_level": "junior"})
    assert identifiers(response) == [str(junior.uid)]


def test_the_public_search_page_offers_no_skill_level_filter(client, two_levels):
    page = client.get("/search/", {"q": "测试工匠", "skill_level": "junior"})
    assert page.status_code == 200
    assert page.content.decode().count("测试工匠") >= 2
