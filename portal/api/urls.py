"""`/api/v1/` (every registered resource), `/api/schema/` (OpenAPI 3) and `/api/docs/`."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView

from . import router
from .document import SchemaView
from .exceptions import not_found
from .views import TombstoneViewSet

router.discover()
router.v1.register("tombstones", TombstoneViewSet, basename="tombstones")
TombstoneViewSet.resource_name = "tombstones"

app_name = "api"

urlpatterns = [
    path("v1/", include(router.v1.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^.*$", not_found),
]
