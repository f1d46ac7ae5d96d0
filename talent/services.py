"""What each talent record needs before its public page can show it (see
portal.publishing.services), the erasure of a person's data, and the honor rolls' sizes kept
in step with the awards."""

import functools
import operator

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext_lazy as _

from portal.publishing.services import publish_requirement

from .models import HonorRoll, PublicBasis
from .selectors import public_awards


@publish_requirement("talent.Craftsman")
def craftsman_requirements(craftsman):
    problems = []
    if craftsman.public_basis == PublicBasis.NONE:
        problems.append(_("公开依据：本人同意或官方公开发布（个人信息保护法：无依据不得公开）"))
    if not craftsman.organization_id and not craftsman.occupation_id:
        problems.append(_("工作单位或职业（公开页面至少显示其一）"))
    return problems


@publish_requirement("talent.HonorAward")
def honor_award_requirements(award):
    problems = []
    if not award.craftsman.is_public:
        problems.append(_("获得者须先发布且有公开依据"))
    return problems


@publish_requirement("talent.Studio")
def studio_requirements(studio):
    if not studio.organization_id and not studio.leader_id:
        return [_("依托单位或领办人（公开页面至少显示其一）")]
    return []


@publish_requirement("talent.Competition")
def competition_requirements(competition):
    if not competition.events.exists():
        return [_("至少一个赛项（赛事页面按赛项列出成绩）")]
    return []


# --- Personal data (个人信息保护法): export and erasure on request ----------------------------

ERASED_NAME = "（已删除）"


def export_personal_data(*, craftsman):
    """Everything the portal holds about one person, as a JSON-ready dict."""
    from talent.models import CompetitionResult, HonorAward, Studio

    def label(obj):
        return str(obj) if obj is not None else None

    return {
        "uid": str(craftsman.uid),
        "name": craftsman.name,
        "gender": craftsman.get_gender_display() if craftsman.gender else "",
        "organization": label(craftsman.organization),
        "occupation": label(craftsman.occupation),
        "skill_level": craftsman.get_skill_level_display() if craftsman.skill_level else "",
        "district": label(craftsman.district),
        "profile": craftsman.profile,
        "photo": craftsman.photo.name or None,
        "public_basis": craftsman.get_public_basis_display(),
        "consent_date": craftsman.consent_date.isoformat() if craftsman.consent_date else None,
        "consent_method": craftsman.get_consent_method_display(),
        "announcement": craftsman.announcement,
        "publication_state": craftsman.publication_state,
        "awards": [
            {
                "title": award.title.name,
                "year": award.year,
                "document_number": award.document_number,
            }
            for award in HonorAward.objects.filter(craftsman=craftsman).select_related("title")
        ],
        "results": [
            {"event": str(result.event), "medal": result.medal, "rank": result.rank}
            for result in CompetitionResult.objects.filter(craftsman=craftsman).select_related(
                "event__competition"
            )
        ],
        "studios_led": [s.name for s in Studio.objects.filter(leader=craftsman)],
        "history_entries": craftsman.history.count(),
    }


def erase_personal_data(*, craftsman, user):
    """Scrub a person's personal fields from the record and from every historical row of it,
    withdraw the basis for showing them and unpublish; the erasure itself stays in the history
    (who, when)."""
    from django.db import transaction
    from django.utils import timezone

    from portal.publishing.choices import PublicationState

    with transaction.atomic():
        locked = type(craftsman)._default_manager.select_for_update().get(pk=craftsman.pk)
        if locked.photo:
            locked.photo.delete(save=False)
        scrubbed = {
            "name": ERASED_NAME,
            "gender": "",
            "organization": None,
            "skill_level": "",
            "profile": "",
            "photo": "",
            "public_basis": PublicBasis.NONE,
        }
        locked.history.update(**scrubbed)
        for name, value in scrubbed.items():
            setattr(locked, name, value)
        locked.publication_state = PublicationState.ARCHIVED
        locked._history_user = user
        locked._change_reason = str(
            _("个人信息删除（%(date)s）") % {"date": timezone.localdate().isoformat()}
        )
        locked.save()
    return locked


def refresh_honor_rolls(*, cells=None):
    """Recount the public awardees of the given (title id, year) rolls, or of every roll.

    Called on every change of an award or a craftsman (talent/signals.py), by bulk writers
    (generate_volume) and by `manage.py refresh_honor_rolls`; a roll left with no public
    awardee has no row."""
    awards = public_awards()
    rolls = HonorRoll.objects.all()
    if cells is not None:
        cells = {(title, year) for title, year in cells if title is not None and year is not None}
        if not cells:
            return
        where = functools.reduce(operator.or_, (Q(title_id=t, year=y) for t, y in cells))
        awards, rolls = awards.filter(where), rolls.filter(where)
    sizes = (
        awards.filter(year__isnull=False)  # a roll is one title in one year
        .order_by()
        .values("title_id", "year")
        .annotate(size=Count("pk"), last_change=Max("updated"))
    )
    with transaction.atomic():
        rolls.delete()
        HonorRoll.objects.bulk_create(HonorRoll(**row) for row in sizes)
