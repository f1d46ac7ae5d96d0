"""Hostile values in every public URL and every API list parameter: only 200, 400 or 404,
never a 500, and never the raw input echoed unescaped."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from portal.api import router
from programs.views import BaseListView, ProgramListView
from talent.views import CompetitionListView, StudioListView
from tests.factories import (
    CompetitionResultFactory,
    HonorAwardFactory,
    ProgramFactory,
    ShortageEntryFactory,
    StudioFactory,
    TrainingBaseFactory,
)
from tests.throwaway import record_figures

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
# Already percent-encoded where the value is not valid text (invalid UTF-8, lone surrogate).
HOSTILE = {
    "sql": quote("' OR 1=1; DROP TABLE talent_craftsman;--"),
    "script": quote(SCRIPT),
    "attribute": quote('"><img src=x onerror=alert(1)>'),
    "huge_number": "9" * 40,
    "negative": "-1",
    "float_overflow": "1e309",
    "wrong_type": quote("[1,{}]"),
    "nul_byte": "%00",
    "invalid_utf8": "%FF%FE",
    "lone_surrogate": "%ED%A0%80",
    "ten_kb": "A" * 10240,
}
ALLOWED = {200, 400, 404}

PAGE_LISTS = {
    "programs:program-list": ProgramListView,
    "programs:base-list": BaseListView,
    "talent:studio-list": StudioListView,
    "talent:competition-list": CompetitionListView,
}
PAGE_EXTRA = ["page", "sort", "q", "lang"]
API_EXTRA = ["cursor", "ordering", "updated_after", "format", "lang", "page_size", "q"]


@pytest.fixture
def records(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "token": "100000/minute"},
    }
    HonorAwardFactory()
    StudioFactory()
    CompetitionResultFactory()
    TrainingBaseFactory()
    ShortageEntryFactory()
    return ProgramFactory()


def page_targets(program):
    """(path, parameters) for each public URL."""
    targets = [
        (reverse(name), [*view.filterset_class.base_filters, *PAGE_EXTRA])
        for name, view in PAGE_LISTS.items()
    ]
    for name in ("home", "stats", "talent:honor-index", "programs:shortage-latest"):
        targets.append((reverse(name), ["page", "q"]))
    targets.append((reverse("search"), ["q"]))
    targets.append((reverse("feed-rss"), ["q"]))
    targets.append((reverse("sitemap"), ["p", "section"]))
    targets.append((reverse("sitemap-section", args=["craftsmen"]), ["p"]))
    targets.append((program.get_absolute_url(), ["lang"]))
    return targets


def hostile_paths():
    """Path segments that carry a value: slugs, ids, uids, years."""
    paths = []
    for value in HOSTILE.values():
        paths += [
            f"/programs/{value}/",
            f"/studios/{value}/",
            f"/craftsmen/{value}/",
            f"/competitions/{value}/",
            f"/honors/{value}/2025/",
            f"/shortage/{value}/",
            f"/api/v1/programs/{value}/",
            f"/api/v1/craftsmen/{value}/",
        ]
    return paths


def api_targets():
    router.discover()
    targets = []
    for prefix, viewset, _basename in router.v1.registry:
        filterset = getattr(viewset, "filterset_class", None)
        names = list(filterset.base_filters) if filterset is not None else []
        targets.append((f"/api/v1/{prefix}/", [*names, *API_EXTRA]))
    return targets


def check(client, url, problems):
    response = client.get(url)
    if response.status_code == 302:  # a directory's page number out of range: its last page
        location = response["Location"]
        if location.split("?")[0] != url.split("?")[0]:
            problems.append((url[:120], f"redirected elsewhere: {location[:60]}"))
            return
        response = client.get(location)
    if response.status_code not in ALLOWED:
        problems.append((url[:120], response.status_code))
        return
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if SCRIPT.encode() in body or b"<img src=x onerror" in body:
        problems.append((url[:120], "echoed unescaped"))


def sweep(client, targets):
    problems, requests = [], 0
    for path, parameters in targets:
        for parameter in parameters:
            for value in HOSTILE.values():
                check(client, f"{path}?{parameter}={value}", problems)
                requests += 1
    return problems, requests


def test_every_public_url_survives_hostile_parameters(client, records):
    targets = page_targets(records)
    problems, requests = sweep(client, targets)
    for path in hostile_paths():
        check(client, path, problems)
        requests += 1
    assert problems == [], problems[:20]
    record_figures(
        "hostile_pages",
        {
            "urls": len(targets),
            "parameters": sum(len(p) for _t, p in targets),
            "requests": requests,
            "hostile_values": len(HOSTILE),
        },
    )


def test_every_api_list_parameter_survives_hostile_values(client, records):
    targets = api_targets()
    problems, requests = sweep(client, targets)
    assert problems == [], problems[:20]
    record_figures(
        "hostile_api",
        {
            "endpoints": len(targets),
            "parameters": sum(len(p) for _t, p in targets),
            "requests": requests,
            "hostile_values": len(HOSTILE),
        },
    )


def test_a_bad_filter_value_is_refused_with_a_message_naming_the_parameter(client, records):
    body = client.get("/api/v1/programs/?district=" + HOSTILE["sql"]).json()
    assert body["status"] == 400 and "district" in body["errors"]
