"""Talent resources. Awards show only for public people; results follow their competition."""

from django.db.models import Prefetch

from portal.api.display import prefetched, showing
from portal.api.viewsets import PortalViewSet
from portal.vocabulary.models import IndustryCluster, Occupation

from ..filters import (
    CompetitionFilterSet,
    CompetitionResultFilterSet,
    CraftsmanFilterSet,
    HonorAwardFilterSet,
    HonorTitleFilterSet,
    StudioFilterSet,
)
from ..models import (
    Competition,
    CompetitionEvent,
    CompetitionResult,
    Craftsman,
    HonorAward,
    HonorTitle,
    Studio,
)
from ..selectors import public_awards, public_results
from .serializers import (
    CompetitionResultSerializer,
    CompetitionSerializer,
    CraftsmanSerializer,
    HonorAwardSerializer,
    HonorTitleSerializer,
    StudioSerializer,
)

# What a related person's {identifier, name} and its public check (PersonField) read.
PERSON = ("uid", "name", "publication_state", "public_basis")


class CraftsmanViewSet(PortalViewSet):
    """技能人才：只公开已发布且有公开依据（本人同意或官方公开发布）的人员；以 uid 为标识。"""

    queryset = showing(
        Craftsman.objects.select_related("organization", "occupation", "district"),
        organization=("credit_code", "name"),
        occupation=("code", "name", "name_en"),
        district=("code", "slug", "name", "name_en"),
    )
    serializer_class = CraftsmanSerializer
    filterset_class = CraftsmanFilterSet
    default_ordering = ("name",)
    dependents = (("talent.HonorAward", "craftsman"),)


class HonorTitleViewSet(PortalViewSet):
    """荣誉称号，如大国工匠、巴渝工匠；以标识（slug）为标识。"""

    queryset = HonorTitle.objects.all()
    serializer_class = HonorTitleSerializer
    filterset_class = HonorTitleFilterSet
    default_ordering = ("order", "name")
    ordering_fields = ("order", "name", "updated")


class HonorAwardViewSet(PortalViewSet):
    """荣誉授予：某人某年获得某称号；获得者须已公开。"""

    queryset = showing(
        HonorAward.objects.select_related("craftsman", "title"),
        craftsman=PERSON,
        title=("slug", "name", "name_en"),
    )
    serializer_class = HonorAwardSerializer
    filterset_class = HonorAwardFilterSet
    default_ordering = ("-year",)

    public = staticmethod(public_awards)


class StudioViewSet(PortalViewSet):
    """技能大师工作室。"""

    queryset = showing(
        Studio.objects.select_related("leader", "organization", "district"),
        leader=PERSON,
        organization=("credit_code", "name"),
        district=("code", "slug", "name", "name_en"),
    ).prefetch_related(
        prefetched("occupations", Occupation.objects.only("code", "name", "name_en")),
        prefetched("clusters", IndustryCluster.objects.only("slug", "name", "name_en")),
    )
    serializer_class = StudioSerializer
    filterset_class = StudioFilterSet
    default_ordering = ("level", "-approval_year", "name")


class CompetitionViewSet(PortalViewSet):
    """技能竞赛及其赛项；以标识（slug）为标识。"""

    queryset = showing(
        Competition.objects.select_related("district"),
        district=("code", "slug", "name", "name_en"),
    ).prefetch_related(
        Prefetch(
            "events",
            queryset=CompetitionEvent.objects.select_related("occupation").only(
                "competition_id",
                "name",
                "name_en",
                "skill_number",
                "occupation__code",
                "occupation__name",
                "occupation__name_en",
            ),
        )
    )
    serializer_class = CompetitionSerializer
    filterset_class = CompetitionFilterSet
    default_ordering = ("-year", "name")
    dependents = (("talent.CompetitionResult", "event__competition"),)


class CompetitionResultViewSet(PortalViewSet):
    """竞赛成绩：赛事发布后公开；选手未公开时 craftsman 为 null。"""

    queryset = showing(
        CompetitionResult.objects.select_related("event__competition", "craftsman"),
        event=("name", "name_en", "skill_number", "competition"),
        event__competition=("slug", "name", "name_en"),
        craftsman=PERSON,
    )
    serializer_class = CompetitionResultSerializer
    filterset_class = CompetitionResultFilterSet
    default_ordering = ("event_id", "rank")
    ordering_fields = ("rank", "updated")

    public = staticmethod(public_results)
