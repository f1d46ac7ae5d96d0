from portal.api.router import register

from .viewsets import (
    CompetitionResultViewSet,
    CompetitionViewSet,
    CraftsmanViewSet,
    HonorAwardViewSet,
    HonorTitleViewSet,
    StudioViewSet,
)

register("craftsmen", CraftsmanViewSet)
register("studios", StudioViewSet)
register("honor-titles", HonorTitleViewSet)
register("honor-awards", HonorAwardViewSet)
register("competitions", CompetitionViewSet)
register("competition-results", CompetitionResultViewSet)
