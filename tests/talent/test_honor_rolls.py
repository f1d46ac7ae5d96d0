"""The rolls' sizes (talent.HonorRoll) follow every change of an award or a person, so the
honors index and the years beside a roll never count a million awards per view."""

import re

import pytest
from django.core.management import call_command

from portal.publishing.choices import PublicationState
from talent.models import HonorAward, HonorRoll
from talent.views import HonorRollView
from tests.factories import CraftsmanFactory, HonorAwardFactory, HonorTitleFactory

pytestmark = pytest.mark.django_db


def sizes():
    return {(roll.title.slug, roll.year): roll.size for roll in HonorRoll.objects.all()}


@pytest.fixture
def bayu():
    return HonorTitleFactory(slug="bayu-gongjiang", name="巴渝工匠")


def test_a_published_award_of_a_public_person_adds_to_its_roll(bayu):
    HonorAwardFactory.create_batch(2, title=bayu, year=2025)
    assert sizes() == {("bayu-gongjiang", 2025): 2}


def test_drafts_and_people_who_did_not_consent_are_not_counted(bayu):
    HonorAwardFactory(title=bayu, year=2025, publication_state=PublicationState.DRAFT)
    HonorAwardFactory(title=bayu, year=2025, craftsman__no_basis=True)
    assert sizes() == {}


def test_moving_an_award_to_another_year_recounts_both_rolls(bayu):
    award = HonorAwardFactory(title=bayu, year=2025)
    HonorAwardFactory(title=bayu, year=2025)
    award.year = 2024
    award.save()
    assert sizes() == {("bayu-gongjiang", 2025): 1, ("bayu-gongjiang", 2024): 1}


def test_deleting_an_award_removes_it_from_its_roll(bayu):
    award = HonorAwardFactory(title=bayu, year=2025)
    award.delete()
    assert sizes() == {}


def test_a_person_withdrawing_consent_leaves_every_roll(bayu):
    person = CraftsmanFactory()
    HonorAwardFactory(title=bayu, year=2025, craftsman=person)
    HonorAwardFactory(title=bayu, year=2019, craftsman=person)
    person.public_basis = ""
    person.save()
    assert sizes() == {}


def test_deleting_a_person_removes_their_awards_from_the_rolls(bayu):
    person = CraftsmanFactory()
    HonorAwardFactory(title=bayu, year=2025, craftsman=person)
    HonorAwardFactory(title=bayu, year=2025)
    person.delete()
    assert sizes() == {("bayu-gongjiang", 2025): 1}


def test_the_command_recounts_rolls_after_writes_that_sent_no_signals(bayu):
    award = HonorAwardFactory(title=bayu, year=2025)
    HonorAward.objects.filter(pk=award.pk).update(year=2020)  # no signal
    call_command("refresh_honor_rolls", stdout=open("/dev/null", "w"))
    assert sizes() == {("bayu-gongjiang", 2020): 1}


def test_generated_volume_is_counted_in_the_rolls():
    call_command("load_seeds", stdout=open("/dev/null", "w"))
    call_command(
        "generate_volume",
        craftsmen=300,
        awards=300,
        programs=0,
        results=0,
        stdout=open("/dev/null", "w"),
    )
    public = (
        HonorAward.objects.published()
        .filter(craftsman__publication_state=PublicationState.PUBLISHED)
        .exclude(craftsman__public_basis="")
        .exclude(year=None)  # a roll is one title in one year
    )
    assert sum(HonorRoll.objects.values_list("size", flat=True)) == public.count()


def test_a_rolls_last_change_is_the_newest_change_of_its_public_awards(bayu):
    HonorAwardFactory(title=bayu, year=2025)
    newest = HonorAwardFactory(title=bayu, year=2025)
    assert HonorRoll.objects.get().last_change == HonorAward.objects.get(pk=newest.pk).updated


def test_an_award_keeps_its_awardees_name_for_the_rolls_order(bayu):
    award = HonorAwardFactory(title=bayu, year=2025, craftsman__name="王志强")
    award.craftsman.name = "王志刚"
    award.craftsman.save()
    assert HonorAward.objects.get(pk=award.pk).craftsman_name == "王志刚"


def roll_pages(client, bayu, monkeypatch, names):
    """The roll of `names` in pages of two, as HTML."""
    for name in names:
        HonorAwardFactory(title=bayu, year=2025, craftsman__name=name)
    monkeypatch.setattr(HonorRollView, "paginate_by", 2)
    pages = [client.get(f"/honors/bayu-gongjiang/2025/?page={n}") for n in (1, 2, 3)]
    return [page.content.decode() for page in pages]


def test_a_roll_lists_its_awardees_in_name_order_across_pages(client, bayu, monkeypatch):
    names = ["赵六", "王五", "李四", "张三", "陈七"]
    pages = roll_pages(client, bayu, monkeypatch, names)
    row = re.compile(r'<tr id="award-\d+">\s*<th scope="row"><a href="[^"]+">([^<]+)</a>')
    shown = [name for page in pages for name in row.findall(page)]
    assert shown == sorted(names)


def test_each_page_of_a_roll_counts_all_its_awardees(client, bayu, monkeypatch):
    pages = roll_pages(client, bayu, monkeypatch, ["赵六", "王五", "李四", "张三", "陈七"])
    assert all("共 5 人" in page for page in pages)


@pytest.mark.parametrize("path", ["/honors/no-such-title/2025/", "/honors/bayu-gongjiang/1999/"])
def test_an_unknown_title_or_a_year_without_a_public_roll_is_404(client, bayu, path):
    HonorAwardFactory(title=bayu, year=2025)
    assert client.get(path).status_code == 404


def test_a_roll_page_past_the_last_or_not_a_number_leads_to_the_page_served(
    client, bayu, monkeypatch
):
    roll_pages(client, bayu, monkeypatch, ["赵六", "王五", "李四"])
    past = client.get("/honors/bayu-gongjiang/2025/?page=9")
    assert past.status_code == 302
    assert past["Location"] == "/honors/bayu-gongjiang/2025/?page=2"
    assert client.get("/honors/bayu-gongjiang/2025/?page=abc")["Location"] == (
        "/honors/bayu-gongjiang/2025/"
    )
