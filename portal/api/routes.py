"""The vocabulary resources: districts, occupations, industry clusters, organizations."""

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
