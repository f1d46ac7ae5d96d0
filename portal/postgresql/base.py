"""PostgreSQL as Django's own backend, except that a connection in use moments ago is not
asked again whether it still works.

With CONN_HEALTH_CHECKS and persistent connections (CONN_MAX_AGE), Django sends `SELECT 1`
before every request's first query: one more round trip on every request, about a tenth of an
API search's time. A connection that served a request a moment ago is almost surely still
there; one that broke in between fails that request like any connection lost mid-request (a
503, portal/security/middleware.py) and is replaced for the next. So, like PgBouncer's
`server_check_delay`, the check runs only for a connection idle CONN_HEALTH_CHECK_DELAY
seconds or longer (1 by default): a database restarted in a quiet hour is still noticed before
a request uses the connection, while a busy worker spends no round trip on it.
"""

import time

from django.conf import settings
from django.db.backends.postgresql import base


def check_delay():
    return getattr(settings, "CONN_HEALTH_CHECK_DELAY", 1.0)


class DatabaseWrapper(base.DatabaseWrapper):
    released_at = None  # time.monotonic() when a request last let go of the connection

    def connect(self):
        super().connect()
        self.released_at = time.monotonic()

    def close_if_unusable_or_obsolete(self):
        """As each request starts and ends (Django's close_old_connections): Django's rule,
        then the health check waived for a connection released less than the delay ago."""
        super().close_if_unusable_or_obsolete()
        now = time.monotonic()
        if (
            self.connection is not None
            and not self.health_check_done
            and self.released_at is not None
            and now - self.released_at < check_delay()
        ):
            self.health_check_done = True
        self.released_at = now
