"""Rate limits count on the shared cache: on Redis one round trip per request, and a Redis
that is away never turns callers away."""

import pytest

from portal.api.throttling import count_hit
from portal.security.resilient_cache import ResilientRedisCache
from tests.throwaway import ThrowawayRedis


@pytest.fixture
def redis():
    server = ThrowawayRedis().start()
    yield server
    server.stop()


def redis_cache(redis):
    return ResilientRedisCache(redis.url, {"OPTIONS": {}})


def test_a_redis_counter_counts_each_hit_and_expires_after_the_window(redis):
    cache = redis_cache(redis)
    assert [count_hit(cache, "throttle_anon_1:100", 60)[0] for _ in range(3)] == [1, 2, 3]
    client = cache._cache.get_client()
    assert 0 < client.ttl(cache.make_and_validate_key("throttle_anon_1:100")) <= 60


def test_a_hit_on_redis_is_one_increment_and_one_expiry_sent_together(redis):
    cache = redis_cache(redis)
    count_hit(cache, "warm-up", 60)
    client = cache._cache.get_client()
    before = client.info("stats")["total_commands_processed"]
    count_hit(cache, "throttle_anon_2:100", 60)
    after = client.info("stats")["total_commands_processed"]
    # INCR and EXPIRE (one pipeline, one round trip), plus the INFO that reads the figure
    assert after - before == 3


def test_with_redis_away_a_hit_counts_as_nothing_and_the_caller_is_let_through(redis):
    cache = redis_cache(redis)
    redis.stop()
    assert count_hit(cache, "throttle_anon_3:100", 60) == (0, {})


@pytest.mark.django_db
def test_a_caller_over_the_rate_is_refused_until_the_window_ends(settings):
    from django.core.cache import cache
    from rest_framework.settings import api_settings

    from tests.api_mixin import client_with, url

    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "token": "100/minute"},
    }
    assert api_settings.DEFAULT_THROTTLE_RATES["anon"] == "2/minute"
    answers = [client_with().get(url("districts")).status_code for _ in range(3)]
    assert answers == [200, 200, 429]


def with_rates(settings, **rates):
    from django.core.cache import cache

    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            "anon": "100/minute",
            "token": "100/minute",
            "failed_authentication": "100/minute",
            **rates,
        },
    }


@pytest.mark.django_db
def test_a_made_up_x_forwarded_for_does_not_reset_the_callers_count(settings):
    from tests.api_mixin import client_with, url

    with_rates(settings, anon="2/minute")
    answers = [
        client_with().get(url("districts"), HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(3)
    ]
    assert answers == [200, 200, 429]


@pytest.mark.django_db
def test_behind_a_trusted_proxy_callers_are_counted_by_the_address_it_saw(settings):
    from tests.api_mixin import client_with, url

    with_rates(settings, anon="2/minute")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    seen_by_proxy = [
        client_with().get(url("districts"), HTTP_X_FORWARDED_FOR=f"evil, 203.0.113.{n}")
        for n in (1, 1, 2)
    ]
    assert [response.status_code for response in seen_by_proxy] == [200, 200, 200]


@pytest.mark.django_db
def test_wrong_tokens_from_one_address_are_refused_with_429_past_the_rate(settings):
    from tests.api_mixin import client_with, url

    with_rates(settings, failed_authentication="3/minute")
    answers = [
        client_with().get(url("districts"), HTTP_AUTHORIZATION=f"Bearer guess{n}").status_code
        for n in range(4)
    ]
    assert answers == [401, 401, 401, 429]


def test_a_hit_reads_other_keys_in_the_same_round_trip(redis):
    cache = redis_cache(redis)
    cache.set("public:generation", "g1", None)
    count, found = count_hit(
        cache, "throttle_anon_4:100", 60, also_read=["public:generation", "public:absent"]
    )
    assert (count, found) == (1, {"public:generation": "g1"})


@pytest.mark.django_db
def test_a_cached_anonymous_list_costs_one_redis_round_trip(redis, settings):
    """The rate count and the cached response come back together (one pipeline)."""
    from django.core.cache import caches

    from tests.api_mixin import client_with, url

    settings.CACHES = {
        "default": {
            "BACKEND": "portal.security.resilient_cache.ResilientRedisCache",
            "LOCATION": redis.url,
        }
    }
    settings.PUBLIC_CACHE_SECONDS = 60
    first = client_with().get(url("districts"))
    client = caches["default"]._cache.get_client()
    before = client.info("stats")["total_commands_processed"]
    again = client_with().get(url("districts"))
    after = client.info("stats")["total_commands_processed"]
    assert again.content == first.content
    # INCR, EXPIRE and MGET in one pipeline, plus the INFO that reads the figure
    assert after - before == 4
