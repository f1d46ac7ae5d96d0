"""The site's URLs plus `/bench/baseline`, the cheapest possible Django response: the practical
limit of one request on the machine, against which `make bench` states every other figure.
Only `portal.settings.bench` mounts it."""

from django.http import JsonResponse
from django.urls import path

from portal.urls import urlpatterns as site_urlpatterns

BASELINE = {"status": "ok", "service": "cqskills", "items": [1, 2, 3]}


def baseline(request):
    return JsonResponse(BASELINE)


urlpatterns = [path("bench/baseline", baseline, name="bench-baseline"), *site_urlpatterns]
