"""City-sized tables keep each row's own JSON written by the database (portal/api/kept.py).

On PostgreSQL a trigger writes the column on every write, whatever its path, and the anonymous
list reads it only while the installed function is the one the code writes; on SQLite there is
no column and the lists read as before. Every list is held to the full DRF path's answer.
"""

import json

import pytest
from django.db import connection
from django.utils import timezone

from portal.api import fast, kept, lean
from talent.api.serializers import CraftsmanSerializer
from talent.models import Craftsman
from tests.api_mixin import client_with, url
from tests.factories import CraftsmanFactory, DistrictFactory, HonorAwardFactory

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = connection.vendor == "postgresql"
TABLE = Craftsman._meta.db_table


@pytest.fixture(autouse=True)
def fresh_statements():
    """Each test decides again whether the column may be read."""
    kept.forget()
    fast.Statement.known.clear()
    yield
    kept.forget()
    fast.Statement.known.clear()


def full_path_body(path, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(fast, "respond", lambda view, request: None)
        return client_with().get(path).json()


def kept_text(craftsman):
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{kept.COLUMN}" FROM "{TABLE}" WHERE id = %s', [craftsman.pk])
        return cursor.fetchone()[0]


def replace_function(source):
    """Install another body under the function's name (as an older deploy would have)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f'CREATE OR REPLACE FUNCTION "{kept.function_name(Craftsman)}"() RETURNS trigger '
            f"LANGUAGE plpgsql AS $kept${source}$kept$"
        )


def plan():
    return lean.plan_for(CraftsmanSerializer)


def test_the_craftsmen_table_keeps_its_rows_json_on_postgresql_only():
    assert kept.usable(Craftsman, plan(), "Asia/Shanghai", using="default") == ON_POSTGRESQL


def test_another_time_zone_than_the_sites_never_reads_the_kept_text():
    assert not kept.usable(Craftsman, plan(), "Asia/Tokyo", using="default")


@pytest.mark.skipif(not ON_POSTGRESQL, reason="the column exists on PostgreSQL only")
def test_a_saved_craftsman_keeps_the_members_the_api_shows_for_its_own_fields():
    craftsman = CraftsmanFactory(name="张建国", published_at=timezone.now())
    members = json.loads("{" + ",".join(kept_text(craftsman).split("\x1e")) + "}")
    shown = client_with().get(url("craftsmen")).json()["results"][0]
    assert members == {name: shown[name] for name in members}


@pytest.mark.skipif(not ON_POSTGRESQL, reason="the column exists on PostgreSQL only")
def test_a_bulk_update_outside_the_orms_save_rewrites_the_kept_text():
    craftsman = CraftsmanFactory(name="张建国")
    Craftsman.objects.filter(pk=craftsman.pk).update(name="张建华")
    assert '"name":"张建华"' in kept_text(craftsman)


def test_a_renamed_craftsman_reads_the_new_name_in_the_anonymous_list(monkeypatch):
    craftsman = CraftsmanFactory(name="张建国")
    client_with().get(url("craftsmen"))  # the shape compiled while the old name was kept
    Craftsman.objects.filter(pk=craftsman.pk).update(name="张建华")
    names = [row["name"] for row in client_with().get(url("craftsmen")).json()["results"]]
    assert names == ["张建华"]


@pytest.mark.parametrize("query", ["", "?district=500103", "?q=张建", "?lang=en"])
def test_lists_read_from_kept_text_match_the_full_path(query, monkeypatch):
    yuzhong = DistrictFactory(code="500103", name="渝中区")
    for name in ("张建国", "李秀英"):
        HonorAwardFactory(craftsman=CraftsmanFactory(name=name, district=yuzhong))
    for resource in ("craftsmen", "honor-awards"):
        path = url(resource) + query
        assert client_with().get(path).json() == full_path_body(path, monkeypatch)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="the column exists on PostgreSQL only")
def test_a_row_written_without_the_trigger_is_listed_in_full(monkeypatch):
    craftsman = CraftsmanFactory(name="张建国")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # no triggers
        cursor.execute(f'UPDATE "{TABLE}" SET "{kept.COLUMN}" = NULL, name = %s', ["张建华"])
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
    assert kept_text(craftsman) is None
    path = url("craftsmen")
    assert client_with().get(path).json() == full_path_body(path, monkeypatch)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="the column exists on PostgreSQL only")
def test_text_kept_by_an_older_function_is_never_read(monkeypatch):
    replace_function('\nBEGIN\n  NEW."listed_json" := \'"name":"过期"\';\n  RETURN NEW;\nEND\n')
    CraftsmanFactory(name="张建国")
    rows = client_with().get(url("craftsmen")).json()["results"]
    assert [row["name"] for row in rows] == ["张建国"]


@pytest.mark.skipif(not ON_POSTGRESQL, reason="the column exists on PostgreSQL only")
def test_a_migrate_replaces_an_older_function_and_rewrites_every_row():
    replace_function('\nBEGIN\n  NEW."listed_json" := \'"name":"过期"\';\n  RETURN NEW;\nEND\n')
    craftsman = CraftsmanFactory(name="张建国")
    kept.install(using="default")
    assert (
        '"name":"张建国"' in kept_text(craftsman),
        kept.usable(Craftsman, plan(), "Asia/Shanghai", using="default"),
    ) == (True, True)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="the column exists on PostgreSQL only")
def test_a_table_uninstalled_before_a_migration_is_installed_again_by_the_next_migrate():
    kept.uninstall(Craftsman, using="default")
    gone = kept.usable(Craftsman, plan(), "Asia/Shanghai", using="default")
    kept.install(using="default")
    back = kept.usable(Craftsman, plan(), "Asia/Shanghai", using="default")
    assert (gone, back) == (False, True)
