"""What each talent record needs before its public page can show it (see portal.services)."""

from django.utils.translation import gettext_lazy as _

from portal.services import publish_requirement


@publish_requirement("talent.Craftsman")
def craftsman_requirements(craftsman):
    problems = []
    if not craftsman.public_consent:
        problems.append(_("本人同意公开（个人信息保护法：未同意不得公开）"))
    if not craftsman.organization_id and not craftsman.occupation_id:
        problems.append(_("工作单位或职业（公开页面至少显示其一）"))
    return problems


@publish_requirement("talent.HonorAward")
def honor_award_requirements(award):
    problems = []
    if not award.craftsman.is_published or not award.craftsman.public_consent:
        problems.append(_("获得者须先发布且本人同意公开"))
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
