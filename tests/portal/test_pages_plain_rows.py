"""A directory page read as plain rows (portal.pages: no FilterSet for plain requests) is the
page the FilterSet gives, and its filter form follows the vocabularies at once."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.models import District
from portal.pages import FilteredListView
from programs.models import Program, TrainingBase
from tests.factories import (
    DistrictFactory,
    OccupationFactory,
    ProgramFactory,
    TrainingBaseFactory,
)

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def directory():
    """Programs in every state, with districts, a base, fees and subsidies: 45 of them, so
    there are three pages."""
    yuzhong = DistrictFactory(code="500103", name="渝中区", slug="yuzhong")
    jiangbei = DistrictFactory(code="500105", name="江北区", slug="jiangbei")
    base = TrainingBaseFactory(name="重庆市焊接实训基地")
    OccupationFactory(code="6-18-02-04", name="焊工")
    for n in range(45):
        offset = n % 5 * 7 - 14  # ended, running, enrolling, upcoming alike
        program = ProgramFactory(
            title=f"焊工技能培训{n}" if n % 3 else f"数字技能培训{n}",
            kind=Program.Kind.DIGITAL_TRAINING if n % 2 else Program.Kind.SKILL_EVALUATION,
            mode="online" if n % 7 == 0 else "offline",
            address="" if n % 4 else f"解放碑{n}号",
            provider_base=base if n % 6 == 0 else None,
            enrol_start=days(offset - 10) if n % 8 else None,
            enrol_end=days(offset) if n % 8 else None,
            start_date=days(offset + 3) if n % 9 else None,
            end_date=days(offset + 30) if n % 9 else None,
            fee=None if n % 5 == 0 else 100 * n,
            subsidy=None if n % 3 == 0 else 50 * n,
            is_demo=n % 10 == 0,
        )
        program.districts.add(*([yuzhong, jiangbei] if n % 2 else [jiangbei])[: n % 3])
    ProgramFactory(title="焊工草稿项目", publication_state="draft")
    return base


def page(client, path):
    response = client.get(path)
    return response.status_code, response.content.decode()


def by_filterset(client, path, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(FilteredListView, "plain_listing", lambda self: None)
        return page(client, path)


@pytest.mark.parametrize(
    "path",
    [
        "/programs/",
        "/programs/?page=2",
        "/programs/?page=3",
        "/programs/?page=99",
        "/programs/?page=abc",
        "/programs/?kind=digital_training",
        "/programs/?kind=skill_evaluation&page=2",
        "/programs/?q=焊工",
        "/programs/?q=焊工&kind=digital_training",
        "/programs/?q=重庆市焊接",
        "/programs/?q=没有这样的项目",
        "/programs/?mode=online",
        "/programs/?occupation=6-18-02-04",
        "/programs/?base=重庆市焊接实训基地",
        "/programs/?unknown=1",
        "/en/programs/?page=2",
    ],
)
def test_a_plain_directory_page_is_the_page_the_filterset_gives(
    client, directory, monkeypatch, path
):
    assert page(client, path) == by_filterset(client, path, monkeypatch)


def test_a_directory_page_without_filters_reads_two_queries_on_postgresql(client, directory):
    """The count with the vocabularies' digest, then the page's rows; elsewhere the digest
    reads each vocabulary's rows (districts, occupations, bases) on its own."""
    client.get("/programs/")  # the form rendered once
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/programs/?page=2").status_code == 200
    assert len(captured) == (2 if connection.vendor == "postgresql" else 5)


def test_a_district_renamed_behind_the_signals_is_in_the_next_page_filter_form(client, directory):
    assert "渝中区" in page(client, "/programs/")[1]
    District.objects.filter(code="500103").update(name="渝中新区")  # no signal, no save()
    html = page(client, "/programs/")[1]
    assert '<option value="500103">渝中新区</option>' in html


def test_a_base_withdrawn_from_publication_leaves_the_next_page_filter_form(client, directory):
    assert f'<option value="{directory.pk}">' in page(client, "/programs/")[1]
    TrainingBase.objects.filter(pk=directory.pk).update(publication_state="draft")
    assert f'<option value="{directory.pk}">' not in page(client, "/programs/")[1]


def test_the_last_page_holds_the_last_programs_in_citizen_order(client, directory):
    shown = re.findall(r'<h3><a href="/programs/([^/]+)/">', page(client, "/programs/?page=3")[1])
    ordered = list(Program.objects.published().in_citizen_order().values_list("slug", flat=True))
    assert shown == ordered[40:]


def test_a_card_row_shows_its_districts_in_their_order(client):
    """A program with no address, base or online mode is placed by its districts."""
    program = ProgramFactory(title="两区联合培训", address="")
    program.districts.add(
        DistrictFactory(code="500105", name="江北区"), DistrictFactory(code="500103", name="渝中区")
    )
    assert "<dd>渝中区、江北区</dd>" in page(client, "/programs/")[1]
