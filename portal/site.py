"""What portal itself gives the registry: its vocabulary and organizations for the staff roles,
and occupations for the site search. Each app has a `site.py` of its own."""

from django.utils.translation import gettext_lazy as _

from portal import registry


def register():
    from portal.finding.filters import OccupationFilterSet
    from portal.vocabulary.models import Occupation

    registry.register(
        *(
            registry.StaffModel(f"portal.{name}", vocabulary=True)
            for name in ("District", "Occupation", "WorkType", "IndustryCluster")
        ),
        registry.StaffModel("portal.Organization", district="district"),
        registry.SearchSource(
            "occupations",
            _("职业"),
            records=Occupation.objects.all,
            filterset=OccupationFilterSet,
            columns=("code", "name"),
            position=60,
        ),
    )
