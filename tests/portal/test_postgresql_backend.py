"""The PostgreSQL backend (portal/postgresql): a connection a request used moments ago is not
asked whether it still works; one idle longer is, and replaced if the server dropped it.

Run against the machine's PostgreSQL whatever the test database is: the backend is the
production one."""

import os
import urllib.parse

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

SERVER = urllib.parse.urlparse(
    os.environ.get("BACKEND_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
)
MARK = "SELECT 'portal-backend-test'"

pytestmark = pytest.mark.django_db  # lets the test open connections (pytest-django)


@pytest.fixture
def connection():
    """A persistent, health-checked connection through the portal's backend."""
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "portal.postgresql",
                "NAME": SERVER.path.lstrip("/"),
                "USER": SERVER.username or "postgres",
                "HOST": SERVER.hostname,
                "PORT": SERVER.port or 5432,
                "CONN_MAX_AGE": 600,
                "CONN_HEALTH_CHECKS": True,
            }
        }
    )
    wrapper = handler["default"]
    yield wrapper
    wrapper.close()


@pytest.fixture
def observer(connection):
    """A second connection to the same server, to see what the first one's backend did."""
    handler = ConnectionHandler({"default": dict(connection.settings_dict)})
    wrapper = handler["default"]
    yield wrapper
    wrapper.close()


def serve_a_request(connection):
    """What a request does to the connection: Django's close_old_connections at its start,
    one query, close_old_connections at its end. The server's process id of the connection."""
    connection.close_if_unusable_or_obsolete()
    with connection.cursor() as cursor:
        cursor.execute(MARK)
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    connection.close_if_unusable_or_obsolete()
    return pid


def last_query(observer, pid):
    with observer.cursor() as cursor:
        cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0]


def served_then_dropped(connection, observer):
    """A request served; the server then ends the connection's process (as a restart or an
    idle timeout would), and the next request starts. The ended process's id."""
    pid = serve_a_request(connection)
    with observer.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    next_request_starts(connection)
    return pid


def next_request_starts(connection):
    connection.close_if_unusable_or_obsolete()
    connection.close_if_health_check_failed()  # what the request's first query does


@pytest.mark.parametrize(
    ("delay", "last"),
    [(3600, "SELECT pg_backend_pid()"), (0, "SELECT 1")],
    ids=["used-moments-ago-is-not-asked", "idle-past-the-delay-is-asked"],
)
def test_a_connection_is_asked_whether_it_works_only_after_sitting_idle_past_the_delay(
    connection, observer, settings, delay, last
):
    settings.CONN_HEALTH_CHECK_DELAY = delay
    pid = serve_a_request(connection)
    next_request_starts(connection)
    assert last_query(observer, pid) == last


def test_an_idle_connection_the_server_dropped_is_replaced_before_the_next_request(
    connection, observer, settings
):
    settings.CONN_HEALTH_CHECK_DELAY = 0
    dropped = served_then_dropped(connection, observer)
    assert serve_a_request(connection) != dropped


def test_a_connection_dropped_moments_after_use_fails_that_request_then_is_replaced(
    connection, observer, settings
):
    """The price of the saved round trip: that one request fails (a 503 on the site)."""
    settings.CONN_HEALTH_CHECK_DELAY = 3600
    dropped = served_then_dropped(connection, observer)
    with pytest.raises(OperationalError), connection.cursor() as cursor:
        cursor.execute(MARK)
    connection.close_if_unusable_or_obsolete()  # the failed request ends
    assert serve_a_request(connection) != dropped
