"""Training bases (培训基地): where programs are given."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.publishing.models import (
    PublishableModel,
)
from portal.vocabulary.choices import Level
from portal.vocabulary.models import District, IndustryCluster, Occupation, Organization
from portal.vocabulary.validators import (
    validate_latitude,
    validate_longitude,
    validate_year,
    year_range_check,
)


class TrainingBase(PublishableModel):
    class Kind(models.TextChoices):
        HIGH_SKILL_BASE = "high_skill_base", _("高技能人才培训基地")
        WORLDSKILLS_CHINA_BASE = "worldskills_china_base", _("世界技能大赛中国集训基地")
        MUNICIPAL_COMPETITION_BASE = "municipal_competition_base", _("市级竞赛集训基地")
        PUBLIC_TRAINING_BASE = "public_training_base", _("公共实训基地")

    name = models.CharField(_("基地名称"), max_length=128, unique=True)
    kind = models.CharField(_("基地类型"), max_length=32, choices=Kind, db_index=True)
    level = models.CharField(_("级别"), max_length=16, choices=Level, blank=True, db_index=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("依托单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_bases",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("所在区县"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_bases",
    )
    address = models.CharField(_("地址"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[validate_latitude],
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[validate_longitude],
    )
    occupations = models.ManyToManyField(
        Occupation, verbose_name=_("培训职业"), blank=True, related_name="training_bases"
    )
    clusters = models.ManyToManyField(
        IndustryCluster, verbose_name=_("产业集群"), blank=True, related_name="training_bases"
    )
    worldskills_skill = models.CharField(_("世赛项目"), max_length=64, blank=True)
    worldskills_edition = models.PositiveSmallIntegerField(_("世赛届次"), null=True, blank=True)
    is_leading_base = models.BooleanField(
        _("牵头基地"), default=False, help_text=_("每个世赛项目每届只有一个牵头集训基地。")
    )
    approval_year = models.PositiveSmallIntegerField(
        _("认定年度"), null=True, blank=True, validators=[validate_year]
    )
    yearly_capacity = models.PositiveIntegerField(_("年培训能力（人次）"), null=True, blank=True)
    description = models.TextField(_("简介"), blank=True)

    rich_text_fields = ("description",)
    identifier_fields = ("pk", "name")  # how it is found: portal.finding.identifiers

    class Meta:
        verbose_name = _("培训基地")
        verbose_name_plural = _("培训基地")
        ordering = ["kind", "level", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["worldskills_skill", "worldskills_edition"],
                condition=Q(is_leading_base=True),
                name="training_base_one_leading_base_per_skill_edition",
                violation_error_message=_("该世赛项目本届已有牵头集训基地。"),
            ),
            models.CheckConstraint(
                name="training_base_latitude_in_chongqing",
                condition=Q(latitude__isnull=True) | Q(latitude__gte=28.10, latitude__lte=32.25),
                violation_error_message=_("纬度不在重庆市范围内。"),
            ),
            models.CheckConstraint(
                name="training_base_longitude_in_chongqing",
                condition=Q(longitude__isnull=True)
                | Q(longitude__gte=105.25, longitude__lte=110.25),
                violation_error_message=_("经度不在重庆市范围内。"),
            ),
            models.CheckConstraint(
                name="training_base_worldskills_needs_skill",
                condition=~Q(kind="worldskills_china_base") | ~Q(worldskills_skill=""),
                violation_error_message=_("世界技能大赛中国集训基地须填写世赛项目。"),
            ),
            models.CheckConstraint(
                name="training_base_capacity_non_negative",
                condition=Q(yearly_capacity__isnull=True) | Q(yearly_capacity__gte=0),
                violation_error_message=_("年培训能力不能为负数。"),
            ),
            year_range_check("approval_year", name="training_base_year_range", nullable=True),
        ]
        indexes = [
            models.Index(
                fields=["publication_state", "kind", "district"], name="training_base_filters"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs:base-detail", kwargs={"pk": self.pk})
