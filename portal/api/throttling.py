"""Rate limits on the shared cache (Redis in production), so all app servers count together."""

from rest_framework import throttling
from rest_framework.settings import api_settings


class RatesFromSettings:
    """Read the rate when a request comes, not at import time, so settings stay the source."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonymousThrottle(RatesFromSettings, throttling.AnonRateThrottle):
    """Callers without a token, counted per client address."""

    scope = "anon"


class TokenThrottle(RatesFromSettings, throttling.SimpleRateThrottle):
    """Token holders, counted per token."""

    scope = "token"

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
