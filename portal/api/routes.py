"""The portal's own resources: the vocabulary (districts, occupations, industry clusters,
organizations) and the key figures."""

from portal.figures.api import KeyFigureViewSet

from .router import register
from .vocabulary import (
    DistrictViewSet,
    IndustryClusterViewSet,
    OccupationViewSet,
    OrganizationViewSet,
)

register("districts", DistrictViewSet)
register("occupations", OccupationViewSet)
register("industry-clusters", IndustryClusterViewSet)
register("organizations", OrganizationViewSet)
register("key-figures", KeyFigureViewSet)
