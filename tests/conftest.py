import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _english_free_defaults(settings):
    """Tests see the site as its users do: Chinese by default."""
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (API rate-limit counters live there)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_roles(db):
    """The staff groups and their permissions, as `setup_roles` makes them
    (portal.publishing.access)."""
    call_command("setup_roles", verbosity=0)


@pytest.fixture
def signed_in_bureau(client, staff_roles):
    """A city-bureau administrator, signed in on `client`."""
    from portal.publishing.access import Role
    from tests.factories import staff_with_role

    user = staff_with_role(Role.BUREAU_ADMIN, username="chen")
    client.force_login(user)
    return user
