"""The shared cache of public responses: served without the database, never stale after a
publish or an edit, never another visitor's CSRF token."""

import pytest
from django.core.management import call_command
from django.test import Client

from portal.api.models import ApiToken
from portal.publishing import services
from portal.publishing.access import Role
from portal.publishing.choices import PublicationState
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
        person.public_basis = ""
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


def test_a_parameter_the_page_does_not_read_is_served_from_the_same_entry(
    client, django_assert_num_queries
):
    first = client.get("/")
    with django_assert_num_queries(0):
        again = client.get("/", {"zz": "随便什么"})
    assert again.content == first.content


def test_the_same_search_asked_with_its_parameters_in_another_order_is_one_entry(
    client, django_assert_num_queries
):
    CraftsmanFactory(name="赵德明")
    first = client.get("/search/?q=赵德明&zz=1")
    with django_assert_num_queries(0):
        again = client.get("/search/?yy=2&q=赵德明")
    assert again.content == first.content


def test_a_parameter_the_page_reads_keeps_its_own_entry(client):
    CraftsmanFactory(name="赵德明")
    CraftsmanFactory(name="钱学森")
    assert "赵德明" in client.get("/search/", {"q": "赵德明"}).content.decode()
    found = client.get("/search/", {"q": "钱学森"}).content.decode()
    assert "钱学森" in found
    assert "赵德明" not in found


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/en/",
        "/stats/",
        "/feeds/programs/",
        "/feeds/programs/atom/",
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-programs.xml",
        "/sitemap-craftsmen.xml?p=1",
    ],
)
def test_a_site_wide_page_asked_again_is_answered_without_the_database(
    client, django_assert_num_queries, url
):
    HonorAwardFactory()
    ProgramFactory()
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


def test_a_cached_sitemap_still_asks_not_to_be_indexed_and_says_when_it_changed(client):
    ProgramFactory()
    first = client.get("/sitemap-programs.xml")
    again = client.get("/sitemap-programs.xml")
    assert getattr(again, "from_shared_cache", False)
    assert again["X-Robots-Tag"] == first["X-Robots-Tag"]
    assert again["Last-Modified"] == first["Last-Modified"]


def test_publishing_shows_the_record_at_once_on_the_cached_home_feeds_and_sitemap(
    client, django_capture_on_commit_callbacks
):
    SUBMITTED = PublicationState.SUBMITTED
    program = ProgramFactory(title="新开的数控培训", publication_state=SUBMITTED)
    award = HonorAwardFactory(craftsman__name="新晋的工匠", publication_state=SUBMITTED)
    shown = {
        "/": ["新晋的工匠"],
        "/feeds/programs/": ["新开的数控培训", "新晋的工匠"],
        "/feeds/programs/atom/": ["新开的数控培训", "新晋的工匠"],
        "/sitemap-programs.xml": [program.slug],
    }
    for url, texts in shown.items():
        page = client.get(url).content.decode()
        assert not any(text in page for text in texts), url
    with django_capture_on_commit_callbacks(execute=True):
        for record in (program, award):
            record.publication_state = PublicationState.PUBLISHED
            record.save()
    for url, texts in shown.items():
        page = client.get(url).content.decode()
        assert all(text in page for text in texts), url


def test_the_health_check_is_never_cached(client, django_assert_max_num_queries):
    client.get("/healthz")
    with django_assert_max_num_queries(1) as queries:
        response = client.get("/healthz")
    assert len(queries) == 1
    assert response["Cache-Control"] == "no-store"
