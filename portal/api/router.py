"""The one router of `/api/v1/` and the map from models to the viewsets that publish them."""

from django.utils.module_loading import autodiscover_modules
from rest_framework.routers import DefaultRouter

VIEWSETS = {}  # model -> viewset class


class PortalRouter(DefaultRouter):
    include_format_suffixes = False

    def __init__(self):
        super().__init__(trailing_slash="/?")


v1 = PortalRouter()


def register(prefix, viewset):
    """Publish `viewset` at `/api/v1/<prefix>/`; its model becomes a known resource."""
    viewset.resource_name = prefix
    v1.register(prefix, viewset, basename=prefix)
    VIEWSETS[viewset.queryset.model] = viewset


def discover():
    """Import every app's `api/routes.py` once, so the router and the map are complete."""
    if not VIEWSETS:
        autodiscover_modules("api.routes")


def viewset_for(model):
    return VIEWSETS.get(model)


def resource_names():
    return sorted(viewset.resource_name for viewset in VIEWSETS.values())


def resource_for_label(label):
    for model, viewset in VIEWSETS.items():
        if model._meta.label_lower == label:
            return viewset.resource_name
    return None


def label_for_resource(name):
    for model, viewset in VIEWSETS.items():
        if viewset.resource_name == name:
            return model._meta.label_lower
    return None
