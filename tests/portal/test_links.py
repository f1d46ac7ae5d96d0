"""Links(name)(*args), the per-row link builder of the Jinja2 pages, gives what reverse() gives."""

import uuid

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import NoReverseMatch, path, reverse, set_script_prefix
from django.utils import translation

from portal.links import Links, Pattern, url
from tests.factories import (
    CompetitionFactory,
    CraftsmanFactory,
    ProgramFactory,
    StudioFactory,
    TrainingBaseFactory,
)


def view(request, **kwargs):
    return HttpResponse()


urlpatterns = [
    path("raw/<path:rest>", view, name="raw"),
    *i18n_patterns(
        path("", view, name="front"),
        path("people/<str:name>/", view, name="person"),
        path("rolls/<slug:title>/<int:year>/", view, name="roll"),
        path("ids/<uuid:uid>/", view, name="uid"),
        path("twice/<int:number>/", view, name="twice"),
        path("twice/<str:word>/", view, name="twice"),
        prefix_default_language=False,
    ),
    path("<path:rest>", view, name="anything"),
]

AWKWARD = [
    "a b",
    "ü名字",
    "100%",
    "x?y#z",
    "a'b(c)*,d;e=f&g+h$i!",
    "~user@host:8",
    "[x]{y}|z^`\\",
    '"<script>"',
    "%2F",
]


@pytest.fixture(params=["zh-hans", "en"])
def language(request, settings):
    settings.ROOT_URLCONF = __name__
    with translation.override(request.param):
        yield request.param


@pytest.mark.parametrize("name", AWKWARD)
def test_a_name_that_needs_quoting_is_quoted_as_reverse_quotes_it(language, name):
    people = Links("person")
    assert people(name) == reverse("person", args=[name])
    assert people(name).startswith("/en/people/" if language == "en" else "/people/")


def test_every_row_of_a_list_gets_the_link_reverse_would_give(language):
    people, rolls, ids = Links("person"), Links("roll"), Links("uid")
    for name in AWKWARD:
        assert people(name) == reverse("person", args=[name])
    for title, year in [("bayu-gongjiang", 2017), ("a_b-9", "2024"), ("x", 0)]:
        assert rolls(title, year) == reverse("roll", args=[title, year])
    for uid in [uuid.uuid4(), str(uuid.uuid4())]:
        assert ids(uid) == reverse("uid", args=[uid])


@pytest.mark.parametrize(
    "name, args",
    [
        ("person", ["a/b"]),
        ("person", [""]),
        ("roll", ["名字", 2017]),
        ("roll", ["slug", "twenty"]),
        ("roll", ["slug", -1]),
        ("uid", ["not-a-uuid"]),
        ("person", ["one", "two"]),
    ],
)
def test_an_argument_reverse_refuses_is_refused(language, name, args):
    with pytest.raises(NoReverseMatch):
        reverse(name, args=args)
    with pytest.raises(NoReverseMatch):
        Links(name)(*args)


def test_a_name_of_two_patterns_is_left_to_reverse(language):
    twice = Links("twice")
    assert twice(5) == reverse("twice", args=[5]) == url("twice", "5")
    assert twice("five") == reverse("twice", args=["five"])
    assert twice.patterns == {1: None}  # reverse() picks among the patterns, not a stand-in


def test_an_ordinary_name_is_reversed_once_and_filled_in_after(language):
    people = Links("person")
    people("a")
    assert isinstance(people.patterns[1], Pattern)
    assert people("b") == reverse("person", args=["b"])


def test_paths_keep_their_slashes_and_never_start_with_two(settings):
    settings.ROOT_URLCONF = __name__
    for rest in ["a/b c/ü", "/x", "//x", "x//"]:
        assert url("raw", rest) == reverse("raw", args=[rest])
        assert url("anything", rest) == reverse("anything", args=[rest])
    assert url("anything", "/x") == "/%2Fx"


def test_the_script_prefix_is_kept(language):
    set_script_prefix("/sub path/")
    try:
        assert url("person", "a b") == reverse("person", args=["a b"])
        assert url("roll", "s", 1) == reverse("roll", args=["s", 1])
    finally:
        set_script_prefix("/")


def test_a_link_without_arguments_is_the_reversed_name(language):
    assert url("front") == reverse("front") == ("/en/" if language == "en" else "/")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_sites_row_links_are_the_records_absolute_urls(language):
    records = [
        ("talent:craftsman-detail", CraftsmanFactory(), "uid"),
        ("talent:studio-detail", StudioFactory(), "pk"),
        ("talent:competition-detail", CompetitionFactory(), "slug"),
        ("programs:base-detail", TrainingBaseFactory(), "pk"),
        ("programs:program-detail", ProgramFactory(), "slug"),
    ]
    with translation.override(language):
        for name, record, field in records:
            assert Links(name)(getattr(record, field)) == record.get_absolute_url()
