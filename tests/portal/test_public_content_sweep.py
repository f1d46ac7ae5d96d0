"""Two sweeps over everything the public can read (issue 20):

1. every seed row cites an allowed source, and no public page links outside the allow-list
   (besides the site's own links) or to a bare IP address;
2. no public page and no API record (list and detail, JSON and CSV) carries an editor's
   marker: file names, "DESIGN", "字段", "语料", "来源未说明", "staff_note" …
"""

import csv
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from portal.importing import sources
from programs.models import Program, ShortageList, TrainingBase
from talent.models import Competition, Craftsman, HonorAward, Studio

SEEDS = Path(settings.BASE_DIR) / "seeds"
NOT_ROWS = {sources.SITES_FILE}
EDITOR_MARKERS = re.compile(
    r"DESIGN|\w\.(?:csv|ya?ml|md)\b|字段|语料|来源未说明|来源未给出|未带URL|staff_note|编辑备注"
)
API_RESOURCES = [
    "districts",
    "occupations",
    "industry-clusters",
    "organizations",
    "key-figures",
    "craftsmen",
    "honor-awards",
    "studios",
    "competitions",
    "competition-results",
    "honor-titles",
    "training-bases",
    "programs",
    "shortage-lists",
    "shortage-entries",
]


def seed_rows():
    """(file, row number, source, link, is_demo) of every row of every seed file."""
    for path in sorted(SEEDS.glob("*.csv")):
        if path.name in NOT_ROWS:
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                yield path.name, number, row
    for path in sorted(SEEDS.glob("*.yaml")):
        for number, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")), start=1):
            yield path.name, number, item


@pytest.mark.parametrize(
    ("name", "number", "row"), list(seed_rows()), ids=lambda value: str(value)[:30]
)
def test_every_seed_row_cites_an_allowed_source(name, number, row):
    is_demo = str(row.get("is_demo", "")).strip().lower() == "true" or row.get("is_demo") is True
    problem = sources.citation_problem(
        str(row.get("source") or ""), str(row.get("source_url") or ""), is_demo=is_demo
    )
    assert problem is None, f"seeds/{name} row {number}: {problem}"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.addresses = []

    def handle_starttag(self, tag, attrs):
        for attribute, value in attrs:
            if attribute in {"href", "src", "action"} and value:
                self.addresses.append(value)


def links_of(body):
    parser = Links()
    parser.feed(body)
    addresses = parser.addresses
    # Feeds and sitemaps name their addresses in text, not attributes.
    addresses += re.findall(r"<(?:loc|link|id)>([^<]+)</", body)
    return addresses


@pytest.fixture
def seeded(db):
    call_command("load_seeds", demo=True, verbosity=0)


def public_pages():
    """Every public page the seeds give: the shell, directories, every detail page, honor
    rolls, shortage editions, statistics, search, feeds and the sitemap."""
    pages = [
        "/",
        "/en/",
        "/programs/",
        "/bases/",
        "/studios/",
        "/competitions/",
        "/honors/",
        "/shortage/",
        "/stats/",
        "/search/?q=重庆",
        "/search/?q=技能",
        "/feeds/programs/",
        "/feeds/programs/atom/",
        "/sitemap.xml",
        "/robots.txt",
    ]
    for model in (Program, TrainingBase, Studio, Competition, Craftsman):
        pages += [record.get_absolute_url() for record in model.objects.published()]
    editions = ShortageList.objects.published().values_list("year", flat=True)
    pages += [f"/shortage/{year}/" for year in editions]
    rolls = HonorAward.objects.published().exclude(year=None)
    pages += sorted(
        {f"/honors/{slug}/{year}/" for slug, year in rolls.values_list("title__slug", "year")}
    )
    return pages


def read(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    return response.content.decode()


def sitemap_pages(client):
    index = read(client, "/sitemap.xml")
    sections = re.findall(r"<loc>https?://[^/]+(/[^<]+)</loc>", index)
    return [f"{url}" for url in sections]


def test_no_public_page_links_off_the_allow_list_or_to_a_bare_ip(client, seeded):
    pages = public_pages()
    pages += sitemap_pages(client)
    assert len(pages) > 30
    off_list = []
    for url in pages:
        for address in links_of(read(client, url)):
            host = urlsplit(address).hostname
            if not host or host in {"testserver", "localhost", "127.0.0.1"}:
                continue
            if sources.is_bare_ip(host) or not sources.link_allowed(address):
                off_list.append((url, address))
    assert off_list == []


def test_no_public_page_carries_an_editors_remark(client, seeded):
    found = []
    for url in public_pages() + sitemap_pages(client):
        body = read(client, url)
        found += [(url, match.group(0)) for match in EDITOR_MARKERS.finditer(body)]
    assert found == []


def api_records(client, resource, caller):
    """The bodies of a resource's list (JSON and CSV) and of each record's detail, read by
    one anonymous caller per resource (so the rate limit is not what is tested)."""
    client.defaults["REMOTE_ADDR"] = caller
    listing = client.get(f"/api/v1/{resource}/", HTTP_ACCEPT="application/json")
    assert listing.status_code == 200, resource
    yield f"/api/v1/{resource}/", listing.content.decode()
    as_csv = client.get(f"/api/v1/{resource}/", {"format": "csv"})
    assert as_csv.status_code == 200, resource
    yield f"/api/v1/{resource}/?format=csv", as_csv.content.decode()
    for record in listing.json()["results"]:
        detail = f"/api/v1/{resource}/{record['identifier']}/"
        response = client.get(detail, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, detail
        yield detail, response.content.decode()


def test_no_api_record_carries_an_editors_remark(client, seeded):
    found = []
    for number, resource in enumerate(API_RESOURCES, start=1):
        for url, body in api_records(client, resource, f"10.20.0.{number}"):
            found += [(url, match.group(0)) for match in EDITOR_MARKERS.finditer(body)]
            assert "staff_note" not in body, url
    assert found == []


def test_the_staff_notes_of_the_seeds_are_kept_for_the_editors(seeded):
    assert TrainingBase.objects.exclude(staff_note="").exists()
    assert Competition.objects.get(slug="belt-and-road-2024").staff_note
