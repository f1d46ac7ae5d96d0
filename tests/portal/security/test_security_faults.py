"""Faults survived, against real servers the test starts and stops itself: Redis going away,
PostgreSQL restarting under load, and a backup restored."""

import json
import os
import subprocess
import threading
import time

import pytest

from tests.throwaway import (
    PG_BIN,
    ROOT,
    PortalServer,
    ThrowawayPostgres,
    ThrowawayRedis,
    record_figures,
    wait_for,
)

SETUP = """
from django.core.management import call_command
from portal.publishing.access import Role
from portal.api.models import ApiToken
from tests.factories import ProgramFactory, staff_with_role
call_command("setup_roles", verbosity=0)
user = staff_with_role(Role.BUREAU_ADMIN, username="faults")
ProgramFactory(title="故障演练项目")
print(ApiToken.issue(name="faults", owner=user, scope=ApiToken.Scope.WRITE)[1])
"""


@pytest.fixture(scope="module")
def stack():
    postgres = ThrowawayPostgres().init()
    redis = ThrowawayRedis().start()
    portal = PortalServer(database_url=postgres.url, redis_url=redis.url)
    try:
        portal.manage("migrate", "--no-input")
        token = portal.manage("shell", "-c", SETUP).strip().splitlines()[-1]
        portal.env["DB_STATEMENT_TIMEOUT"] = "2s"  # the web server's; the commands above have none
        portal.start()
        yield postgres, redis, portal, token
    finally:
        portal.stop()
        redis.stop()
        postgres.destroy()


def health(portal):
    status, body = portal.get("/healthz")
    return status, json.loads(body or b"{}")


def test_healthz_reports_database_and_cache(stack):
    _postgres, _redis, portal, _token = stack
    assert health(portal) == (200, {"status": "ok", "database": "ok", "cache": "ok"})


def test_the_site_keeps_serving_without_redis_and_uses_it_again_when_back(stack):
    _postgres, redis, portal, _token = stack
    redis.stop()
    try:
        assert health(portal) == (200, {"status": "degraded", "database": "ok", "cache": "down"})
        pages = ["/", "/programs/", "/api/v1/programs/", "/stats/"]
        statuses = [portal.get(path)[0] for path in pages]
        assert statuses == [200] * len(pages)
    finally:
        redis.start()
    wait_for(lambda: health(portal)[1].get("cache") == "ok")
    record_figures("redis", {"pages_served_without_redis": len(pages)})


def test_a_postgresql_restart_under_load_gives_503s_then_recovers_with_no_lost_writes(stack):
    postgres, _redis, portal, token = stack
    auth = {"Authorization": f"Bearer {token}"}
    statuses = []
    acknowledged = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            statuses.append(portal.get("/programs/")[0])

    def writer():
        n = 0
        while not stop.is_set():
            n += 1
            slug = f"fault-{n}"
            body = {"slug": slug, "name": f"故障演练称号{n}", "level": "municipal"}
            status, _ = portal.request("POST", "/api/v1/honor-titles/", body, auth)
            statuses.append(status)
            if status == 201:
                acknowledged.append(slug)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    threads.append(threading.Thread(target=writer))
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    postgres.stop("fast")
    time.sleep(1.5)
    outage = len(statuses)
    postgres.start()
    time.sleep(1.5)
    stop.set()
    for thread in threads:
        thread.join(15)

    assert set(statuses) <= {200, 201, 503}, sorted(set(statuses), key=str)
    assert 503 in statuses[: outage + 5]
    assert health(portal)[0] == 200
    assert portal.get("/programs/")[0] == 200
    stored = set(postgres.sql("SELECT slug FROM talent_honortitle").split())
    assert set(acknowledged) <= stored
    record_figures(
        "postgres_restart",
        {
            "requests": len(statuses),
            "answered_503": statuses.count(503),
            "writes_acknowledged": len(acknowledged),
            "writes_lost": len(set(acknowledged) - stored),
        },
    )


def test_a_locked_table_gives_a_503_within_seconds_and_then_the_records_again(stack):
    postgres, _redis, portal, token = stack
    auth = {"Authorization": f"Bearer {token}"}  # a token holder's read: never from a cache
    holder = subprocess.Popen(
        [
            str(PG_BIN / "psql"),
            *("-h", "127.0.0.1", "-p", str(postgres.port), "-U", "postgres", "-d", "portal"),
            "-c",
            "BEGIN; LOCK TABLE programs_program IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(8);",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(
            lambda: (
                postgres.sql(
                    "SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock'"
                    " AND relation = 'programs_program'::regclass"
                )
                == "1"
            )
        )
        started = time.monotonic()
        status, body = portal.request("GET", "/api/v1/programs/", headers=auth, timeout=20)
        waited = time.monotonic() - started
    finally:
        holder.wait(20)
    assert status == 503 and json.loads(body)["code"] == "unavailable"
    assert waited < 6  # the 2 s statement timeout, not the 8 s lock
    assert portal.request("GET", "/api/v1/programs/", headers=auth)[0] == 200
    record_figures("locked_table", {"answered_in_seconds": round(waited, 1)})


def test_a_backup_restores_the_data_it_was_taken_from(stack, tmp_path):
    postgres, _redis, _portal, _token = stack
    env = {**os.environ, "DATABASE_URL": postgres.url, "PG_BIN": str(PG_BIN)}
    dump = tmp_path / "portal.dump"
    subprocess.run([ROOT / "scripts" / "backup.sh", dump], env=env, check=True, timeout=60)
    before = postgres.sql("SELECT count(*) FROM programs_program")
    postgres.sql("DELETE FROM programs_programtargetgroup; DELETE FROM programs_program_districts;")
    postgres.sql("DELETE FROM programs_program_occupations; DELETE FROM programs_program;")
    assert postgres.sql("SELECT count(*) FROM programs_program") == "0"
    subprocess.run([ROOT / "scripts" / "restore.sh", dump], env=env, check=True, timeout=120)
    assert postgres.sql("SELECT count(*) FROM programs_program") == before != "0"
    record_figures("backup", {"restored_programs": int(before)})


def test_an_unexpected_error_under_the_api_is_json_and_never_cached(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("portal.api.viewsets.PortalViewSet.list", broken)
    client.raise_request_exception = False
    response = client.get("/api/v1/districts/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "server_error"
    assert response["Cache-Control"] == "no-store"
