"""What each program record needs before its public page can show it (see
portal.publishing.services)."""

from django.utils.translation import gettext_lazy as _

from portal.publishing.services import publish_requirement


@publish_requirement("programs.Program")
def program_requirements(program):
    problems = []
    if not program.summary.strip():
        problems.append(_("项目简介"))
    if not program.how_to_apply.strip() and not program.contact.strip():
        problems.append(_("报名方式或咨询电话（市民须知道如何报名）"))
    if not program.provider_base_id and not program.provider_organization_id:
        problems.append(_("承办基地或承办单位"))
    return problems


@publish_requirement("programs.TrainingBase")
def training_base_requirements(base):
    if not base.organization_id and not base.address.strip():
        return [_("依托单位或地址（公开页面须说明基地在哪里）")]
    return []


@publish_requirement("programs.ShortageList")
def shortage_list_requirements(shortage_list):
    if not shortage_list.entries.exists():
        return [_("至少一个紧缺职业条目")]
    return []
