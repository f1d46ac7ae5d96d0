"""Benchmark runs (`make bench`): production settings served over plain HTTP on loopback, plus
a constant-JSON view as the baseline and each response's server time and query count in its
headers (portal/bench/middleware.py). Never deployed: both exist only here."""

from .prod import *  # noqa: F403
from .prod import MIDDLEWARE

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
ROOT_URLCONF = "portal.bench.urls"
MIDDLEWARE = ["portal.bench.middleware.ServerTiming", *MIDDLEWARE]
