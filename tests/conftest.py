import pytest


@pytest.fixture(autouse=True)
def _english_free_defaults(settings):
    """Tests see the site as its users do: Chinese by default."""
    settings.LANGUAGE_CODE = "zh-hans"
