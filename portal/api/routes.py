"""The vocabulary resources: districts, occupations, industry clusters, organizations."""

from .registry import register
from .resources import (
    DistrictViewSet,
    IndustryClusterViewSet,
    OccupationViewSet,
    OrganizationViewSet,
)

register("districts", DistrictViewSet)
register("occupations", OccupationViewSet)
register("industry-clusters", IndustryClusterViewSet)
register("organizations", OrganizationViewSet)
