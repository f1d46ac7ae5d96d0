"""sitemap.xml: an index of files, each within the protocol's limit, listing every public page
in both languages, and nothing that is not public."""

import re

import pytest
from django.urls import reverse

from portal.pages.sitemaps import PublicSitemap
from portal.publishing.choices import PublicationState
from tests.factories import (
    CraftsmanFactory,
    HonorAwardFactory,
    ProgramFactory,
    ShortageListFactory,
    StudioFactory,
)

pytestmark = pytest.mark.django_db

PROTOCOL_LIMIT = 50_000


def text(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def locations(xml):
    return re.findall(r"<loc>([^<]+)</loc>", xml)


def section_files(client):
    """Every file the index lists, as paths."""
    return [
        loc.removeprefix("http://testserver") for loc in locations(text(client, "/sitemap.xml"))
    ]


def every_location(client):
    return [loc for path in section_files(client) for loc in locations(text(client, path))]


def test_the_sitemap_is_an_index_of_one_file_per_section(client):
    files = section_files(client)
    for section in ("pages", "programs", "craftsmen", "honors", "studios", "competitions"):
        assert f"/sitemap-{section}.xml" in files


def test_a_section_lists_public_pages_in_both_languages_with_alternates_and_lastmod(client):
    program = ProgramFactory()
    xml = text(client, "/sitemap-programs.xml")
    assert f"http://testserver/programs/{program.slug}/" in locations(xml)
    assert f"http://testserver/en/programs/{program.slug}/" in locations(xml)
    assert 'hreflang="x-default"' in xml
    assert "<lastmod>" in xml


def test_the_index_says_when_a_section_last_changed(client):
    ProgramFactory()
    index = text(client, "/sitemap.xml")
    programs = index.split("/sitemap-programs.xml</loc>", 1)[1].split("</sitemap>", 1)[0]
    assert "<lastmod>" in programs


def test_honor_rolls_and_fixed_pages_have_their_own_files(client):
    award = HonorAwardFactory(year=2025)
    rolls = text(client, "/sitemap-honors.xml")
    assert f"http://testserver/honors/{award.title.slug}/2025/" in locations(rolls)
    pages = locations(text(client, "/sitemap-pages.xml"))
    assert "http://testserver/" in pages
    assert "http://testserver/en/stats/" in pages


def test_the_shortage_page_is_left_out_until_an_edition_is_published(client):
    assert "/shortage/</loc>" not in text(client, "/sitemap-pages.xml")
    ShortageListFactory()
    assert "/shortage/</loc>" in text(client, "/sitemap-pages.xml")


def test_a_large_section_is_split_into_files_that_each_stay_within_the_limit(client, monkeypatch):
    monkeypatch.setattr(PublicSitemap, "limit", 4)  # two records, each in two languages
    people = CraftsmanFactory.create_batch(7)
    files = [path for path in section_files(client) if "craftsmen" in path]
    assert len(files) >= 4
    assert files[1] == "/sitemap-craftsmen.xml?p=2"
    listed = []
    for path in files:
        xml = text(client, path)
        assert xml.count("<url>") <= 4
        listed += locations(xml)
    for person in people:
        assert listed.count(f"http://testserver{person.get_absolute_url()}") == 1


def test_the_files_start_at_the_first_public_record_not_at_the_first_id(client, monkeypatch):
    monkeypatch.setattr(PublicSitemap, "limit", 4)
    people = CraftsmanFactory.create_batch(10)
    for person in people[:8]:
        person.delete()
    files = [path for path in section_files(client) if "craftsmen" in path]
    assert files == ["/sitemap-craftsmen.xml"]
    listed = locations(text(client, files[0]))
    for person in people[8:]:
        assert f"http://testserver{person.get_absolute_url()}" in listed


def test_no_file_holds_more_than_the_protocol_allows():
    assert PublicSitemap.limit <= PROTOCOL_LIMIT


def test_a_file_past_the_last_or_not_a_number_is_not_found(client):
    ProgramFactory()
    text(client, "/sitemap-programs.xml?p=100000", status=404)
    text(client, "/sitemap-programs.xml?p=abc", status=404)
    text(client, "/sitemap-nothing.xml", status=404)


def test_drafts_and_people_who_did_not_consent_are_in_no_file(client):
    hidden = [
        ProgramFactory(publication_state=PublicationState.DRAFT),
        StudioFactory(publication_state=PublicationState.DRAFT),
        CraftsmanFactory(no_basis=True),
        CraftsmanFactory(publication_state=PublicationState.DRAFT),
    ]
    shown = CraftsmanFactory()
    listed = every_location(client)
    assert f"http://testserver{shown.get_absolute_url()}" in listed
    for record in hidden:
        for prefix in ("", "/en"):
            assert f"http://testserver{prefix}{record.get_absolute_url()}" not in listed


def test_robots_txt_points_at_the_sitemap_index(client):
    assert f"Sitemap: http://testserver{reverse('sitemap')}" in text(client, "/robots.txt")
