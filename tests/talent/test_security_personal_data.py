"""Personal data: a person appears publicly only when published and consenting, and only with
the public fields; an administrator can export and erase a person's data."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.publishing.access import Role
from portal.publishing.choices import PublicationState
from talent.models import Craftsman
from tests.api_mixin import client_with, token_for
from tests.factories import (
    CompetitionEventFactory,
    CompetitionResultFactory,
    CraftsmanFactory,
    HonorAwardFactory,
    HonorTitleFactory,
    StudioFactory,
    staff_with_role,
)
from tests.throwaway import record_figures

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = {"name", "organization", "occupation", "district", "profile"}
STAFF_ONLY = {"gender", "skill_level", "consent_date", "consent_method"}


def test_the_anonymous_api_shows_only_the_public_fields_of_a_person():
    person = CraftsmanFactory(gender="female", skill_level="senior_technician")
    body = client_with().get(f"/api/v1/craftsmen/{person.uid}/").json()
    assert PUBLIC_FIELDS <= set(body)
    assert not STAFF_ONLY & set(body)


def test_a_token_holder_sees_the_whole_record():
    call_command("setup_roles", verbosity=0)
    key = token_for(staff_with_role(Role.BUREAU_ADMIN, username="chen"))
    person = CraftsmanFactory(gender="female")
    body = client_with(key).get(f"/api/v1/craftsmen/{person.uid}/").json()
    assert body["gender"]["value"] == "female"


def test_the_public_page_of_a_person_does_not_show_the_skill_level(client):
    person = CraftsmanFactory(skill_level="senior_technician")
    assert "技能等级" not in client.get(person.get_absolute_url()).content.decode()


@pytest.fixture
def hidden_people():
    """A published person without consent and a consenting draft, each with an award, a
    result and a studio that are public themselves."""
    title = HonorTitleFactory(slug="bayu-craftsman")
    event = CompetitionEventFactory()
    people = [
        CraftsmanFactory(name="隐身者甲", no_basis=True),
        CraftsmanFactory(name="草稿者乙", publication_state=PublicationState.DRAFT),
    ]
    visible = CraftsmanFactory(name="公开者丙")  # so the roll and results render at all
    HonorAwardFactory(craftsman=visible, title=title, year=2025)
    CompetitionResultFactory(event=event, craftsman=visible, competitor_name="", rank=3)
    for person in people:
        HonorAwardFactory(craftsman=person, title=title, year=2025)
        CompetitionResultFactory(event=event, craftsman=person, competitor_name="", rank=1)
        StudioFactory(leader=person, name=f"{person.name}技能大师工作室"[:3] + "工作室")
    return people, title, event


def public_urls(title, event):
    competition = event.competition
    return [
        reverse("home"),
        reverse("search") + "?q=隐身者",
        reverse("search") + "?q=草稿者",
        reverse("talent:honor-index"),
        reverse("talent:honor-roll", args=[title.slug, 2025]),
        competition.get_absolute_url(),
        reverse("talent:studio-list"),
        reverse("stats"),
        reverse("feed-rss"),
        reverse("feed-atom"),
        reverse("sitemap"),
        reverse("sitemap-section", args=["craftsmen"]),
        "/api/v1/craftsmen/",
        "/api/v1/craftsmen/?format=csv",
        "/api/v1/craftsmen/?q=隐身者",
        "/api/v1/honor-awards/",
        "/api/v1/honor-awards/?format=csv",
        "/api/v1/competition-results/",
        "/api/v1/competition-results/?format=csv",
        "/api/v1/studios/",
        "/api/v1/studios/?format=csv",
    ]


def test_hidden_people_leak_through_no_page_feed_sitemap_csv_or_api(client, hidden_people):
    people, title, event = hidden_people
    urls = public_urls(title, event)
    for studio in StudioFactory._meta.model.objects.published():
        urls.append(studio.get_absolute_url())
    for person in people:
        urls.append(f"/api/v1/craftsmen/{person.uid}/")
        urls.append(person.get_absolute_url())
    leaks = []
    assert (
        "公开者丙"
        in client.get(reverse("talent:honor-roll", args=[title.slug, 2025])).content.decode()
    )
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8-sig")
        for person in people:
            # A 404 page repeats its own address: the uid in the URL is not a leak.
            uid = str(person.uid)
            if person.name in text or (uid in text and uid not in url):
                leaks.append((url, person.name))
    assert leaks == [], leaks
    record_figures("personal_data", {"urls_checked": len(urls), "hidden_people": len(people)})


def test_the_hidden_persons_details_are_404(client, hidden_people):
    people, _title, _event = hidden_people
    for person in people:
        assert client.get(person.get_absolute_url()).status_code == 404
        assert client.get(f"/api/v1/craftsmen/{person.uid}/").status_code == 404


# --- export and erasure ------------------------------------------------------------------


def run_action(client, action, person, **extra):
    return client.post(
        reverse("admin:talent_craftsman_changelist"),
        {"action": action, "_selected_action": [person.pk], **extra},
    )


def test_an_administrator_exports_a_persons_data_as_json(client, signed_in_bureau):
    person = CraftsmanFactory(name="王建国")
    HonorAwardFactory(craftsman=person)
    response = run_action(client, "export_personal_data", person)
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data[0]["name"] == "王建国" and len(data[0]["awards"]) == 1


def test_erasure_scrubs_the_person_and_their_history_and_is_itself_recorded(
    client, signed_in_bureau
):
    person = CraftsmanFactory(name="王建国", profile="二十年焊接经验")
    person.name = "王建国"
    person.save()
    run_action(client, "erase_personal_data", person, confirm="yes")
    person.refresh_from_db()
    assert person.name == "（已删除）" and person.profile == "" and not person.public_basis
    assert person.publication_state == PublicationState.ARCHIVED
    history = list(person.history.all())
    assert all(row.name == "（已删除）" and row.profile == "" for row in history)
    latest = history[0]
    assert latest.history_user == signed_in_bureau
    assert latest.history_change_reason.startswith("个人信息删除")


def test_a_district_editor_cannot_erase_personal_data(client):
    from tests.factories import DistrictFactory

    call_command("setup_roles", verbosity=0)
    district = DistrictFactory()
    editor = staff_with_role(Role.DISTRICT_EDITOR, district=district, username="wang")
    client.force_login(editor)
    person = CraftsmanFactory(name="王建国", district=district)
    run_action(client, "erase_personal_data", person, confirm="yes")
    assert Craftsman.objects.get(pk=person.pk).name == "王建国"


def test_erasure_first_asks_for_confirmation_and_changes_nothing(client, signed_in_bureau):
    person = CraftsmanFactory(name="王建国")
    page = run_action(client, "erase_personal_data", person)
    assert "此操作不能撤销" in page.content.decode()
    assert Craftsman.objects.get(pk=person.pk).name == "王建国"
