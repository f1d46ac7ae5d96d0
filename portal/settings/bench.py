"""Benchmark runs (`make bench`): production settings served over plain HTTP on loopback, plus
a constant-JSON view as the baseline. Never deployed: the baseline URL exists only here."""

from .prod import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
ROOT_URLCONF = "portal.bench_urls"
