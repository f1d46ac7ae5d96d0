"""Fixed sets shared by the apps: record levels, the skill ladder, gender."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The administrative level that approved a studio, base or honor."""

    NATIONAL = "national", _("国家级")
    MUNICIPAL = "municipal", _("市级")
    DISTRICT = "district", _("区县级")


class SkillLevel(models.TextChoices):
    """新八级工, lowest first; the order of members is the order of the ladder."""

    APPRENTICE = "apprentice", _("学徒工")
    JUNIOR = "junior", _("初级工（五级）")
    INTERMEDIATE = "intermediate", _("中级工（四级）")
    SENIOR = "senior", _("高级工（三级）")
    TECHNICIAN = "technician", _("技师（二级）")
    SENIOR_TECHNICIAN = "senior_technician", _("高级技师（一级）")
    SPECIAL_TECHNICIAN = "special_technician", _("特级技师")
    CHIEF_TECHNICIAN = "chief_technician", _("首席技师")


class Gender(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")
