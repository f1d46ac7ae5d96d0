"""Rate limits on the shared cache (Redis in production), so all app servers count together."""

from rest_framework import throttling
from rest_framework.settings import api_settings


def count_hit(cache, key, timeout, *, also_read=()):
    """One more request on the counter `key`, reading the keys `also_read` on the way:
    (the new count, {key: value found}); a count of 0 if the cache is away."""
    # Redis: one round trip (portal.security.resilient_cache)
    counter = getattr(cache, "count_hit", None)
    if counter is not None:
        return counter(key, timeout, also_read=also_read)
    cache.add(key, 0, timeout)
    found = cache.get_many(also_read) if also_read else {}
    try:
        return cache.incr(key), found
    except ValueError:  # expired in between, or no cache at all: let the request through
        return 0, found


class WindowThrottle:
    """Counts each caller's requests per fixed window of the rate's duration (a counter per
    caller and window) instead of DRF's list of timestamps, which costs a read and a write to
    Redis per request where a counter costs one round trip. Keys the view names in `also_read`
    (its shared-cache entry) are read in that same round trip and left in `read`."""

    also_read = ()
    read = None

    def get_rate(self):
        # Read when a request comes, not at import time, so settings stay the source.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        key = f"{self.key}:{window}"
        count, self.read = count_hit(self.cache, key, self.duration, also_read=self.also_read)
        return count <= self.num_requests

    def wait(self):
        return self.duration - (self.now % self.duration)


class AnonymousThrottle(WindowThrottle, throttling.AnonRateThrottle):
    """Callers without a token, counted per client address."""

    scope = "anon"


class TokenThrottle(WindowThrottle, throttling.SimpleRateThrottle):
    """Token holders, counted per token."""

    scope = "token"

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class FailedAuthenticationThrottle(WindowThrottle, throttling.SimpleRateThrottle):
    """Failed token checks, counted per client address: past the rate, a wrong token gets 429
    instead of 401 (portal.api.authentication)."""

    scope = "failed_authentication"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
