"""The shared cache of public responses: served without the database, never stale after a
publish or an edit, never another visitor's CSRF token."""

import pytest
from django.core.management import call_command
from django.test import Client

from portal import services
from portal.access import Role
from portal.choices import PublicationState
from portal.models import ApiToken
from tests.factories import CraftsmanFactory, HonorAwardFactory, ProgramFactory, staff_with_role

pytestmark = pytest.mark.django_db

API = "/api/v1/craftsmen/"


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PUBLIC_CACHE_SECONDS = 60


def names(response):
    return [row["name"] for row in response.json()["results"]]


def test_a_repeated_api_list_is_answered_without_the_database(client, django_assert_num_queries):
    CraftsmanFactory(name="张建国")
    first = client.get(API)
    with django_assert_num_queries(0):
        again = client.get(API)
    assert again.content == first.content


def test_a_repeated_list_page_is_answered_without_the_database(client, django_assert_num_queries):
    ProgramFactory(title="数控车工技能提升培训")
    client.get("/programs/")
    with django_assert_num_queries(0):
        again = client.get("/programs/")
    assert "数控车工技能提升培训" in again.content.decode()


def test_publishing_a_craftsman_shows_him_in_the_cached_list_at_once(
    client, django_capture_on_commit_callbacks
):
    call_command("setup_roles", verbosity=0)
    reviewer = staff_with_role(Role.BUREAU_REVIEWER)
    person = CraftsmanFactory(name="李秀英", publication_state=PublicationState.SUBMITTED)
    assert "李秀英" not in names(client.get(API))
    with django_capture_on_commit_callbacks(execute=True):
        services.apply_transition(record=person, user=reviewer, transition="publish")
    assert "李秀英" in names(client.get(API))


def test_editing_a_name_changes_the_cached_honor_roll(client, django_capture_on_commit_callbacks):
    award = HonorAwardFactory(craftsman__name="王志强", year=2024)
    url = f"/honors/{award.title.slug}/2024/"
    assert "王志强" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        award.craftsman.name = "王志刚"
        award.craftsman.save()
    assert "王志刚" in client.get(url).content.decode()


def test_a_withdrawn_record_leaves_the_cached_search_at_once(
    client, django_capture_on_commit_callbacks
):
    person = CraftsmanFactory(name="赵德明")
    profile = person.get_absolute_url()
    assert profile in client.get("/search/", {"q": "赵德明"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        person.public_consent = False
        person.save()
    assert profile not in client.get("/search/", {"q": "赵德明"}).content.decode()


def test_a_cached_page_is_the_same_bytes_for_every_visitor():
    ProgramFactory()
    first = Client().get("/programs/")  # one visitor fills the cache
    second = Client().get("/programs/")
    assert getattr(second, "from_shared_cache", False)
    assert second.content == first.content


def test_a_token_holder_is_not_served_the_anonymous_list(client):
    CraftsmanFactory(name="陈光明")
    client.get(API)
    call_command("setup_roles", verbosity=0)

    user = staff_with_role(Role.BUREAU_ADMIN)
    CraftsmanFactory(name="陈草稿", publication_state=PublicationState.DRAFT)
    _token, key = ApiToken.issue(name="对接", owner=user, scope=ApiToken.Scope.READ_DRAFTS)
    response = client.get(API, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert "陈草稿" in names(response)
