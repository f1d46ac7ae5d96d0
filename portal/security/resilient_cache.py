"""A Redis cache that bypasses itself when Redis is away: misses on reads, no-ops on writes.

The site is slower without its cache but keeps serving; each failure is logged (at most once
per FAILURE_LOG_INTERVAL seconds per process, so an outage does not flood the log).
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger("portal.security")
FAILURE_LOG_INTERVAL = 10


def _connection_errors():
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class ReusedClientCacheClient(RedisCacheClient):
    """One redis.Redis per connection pool, made once: Django builds a new one (and its table
    of response callbacks) for every cache call, a measurable part of a cached response."""

    def get_client(self, key=None, *, write=False):
        clients = self.__dict__.setdefault("_reused_clients", {})
        index = self._get_connection_pool_index(write)
        if index not in clients:
            clients[index] = super().get_client(key, write=write)
        return clients[index]


class ResilientRedisCache(RedisCache):
    _last_logged = 0.0

    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        # Fail fast: a dead Redis must not hold a request for the default minutes.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._class = ReusedClientCacheClient

    def count_hit(self, key, timeout, *, also_read=()):
        """Add one to the counter `key` (created at 0, kept `timeout` seconds after the last
        hit) and read the keys `also_read`, in one round trip: (count, {key: value found}).
        (0, {}) when Redis is away: the caller lets the request through, uncached."""
        counter = self.make_and_validate_key(key)
        reads = [self.make_and_validate_key(name) for name in also_read]
        try:
            with self._cache.get_client(key, write=True).pipeline(transaction=False) as pipe:
                pipe.incr(counter)
                pipe.expire(counter, int(timeout))
                if reads:
                    pipe.mget(reads)
                count, _expiry, *values = pipe.execute()
        except _connection_errors() as error:
            self._log("count_hit", error)
            return 0, {}
        loads = self._cache._serializer.loads
        found = dict(zip(also_read, values[0] if values else [], strict=False))
        return count, {name: loads(value) for name, value in found.items() if value is not None}

    def _log(self, operation, error):
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged >= FAILURE_LOG_INTERVAL:
            ResilientRedisCache._last_logged = now
            logger.error("event=cache_unavailable op=%s error=%s", operation, type(error).__name__)


def _guard(name, fallback):
    original = getattr(RedisCache, name)

    @functools.wraps(original)
    def method(self, *args, **kwargs):
        try:
            return original(self, *args, **kwargs)
        except _connection_errors() as error:
            self._log(name, error)
            if name == "get":
                return args[1] if len(args) > 1 else kwargs.get("default")
            if name in ("incr", "decr"):
                raise ValueError("cache unavailable") from error  # as for a missing key
            return fallback() if callable(fallback) else fallback

    return method


for _name, _fallback in {
    "get": None,
    "get_many": dict,
    "has_key": False,
    "set": None,
    "add": False,
    "touch": False,
    "delete": False,
    "set_many": list,
    "delete_many": None,
    "clear": None,
    "incr": None,
    "decr": None,
    "close": None,
}.items():
    setattr(ResilientRedisCache, _name, _guard(_name, _fallback))
