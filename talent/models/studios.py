"""Skill-master studios (技能大师工作室), each led by a craftsman."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.publishing.models import (
    PublishableModel,
)
from portal.vocabulary.choices import Level
from portal.vocabulary.models import District, IndustryCluster, Occupation, Organization
from portal.vocabulary.validators import validate_year, year_range_check

from .people import Craftsman


class Studio(PublishableModel):
    """A 技能大师工作室, usually named "{leader}{occupation}技能大师工作室"."""

    class Status(models.TextChoices):
        BUILDING = "building", _("建设中")
        ACCEPTED = "accepted", _("已验收")
        REVOKED = "revoked", _("撤销")

    name = models.CharField(_("工作室名称"), max_length=128, unique=True)
    level = models.CharField(_("级别"), max_length=16, choices=Level, db_index=True)
    leader = models.ForeignKey(
        Craftsman,
        verbose_name=_("领办人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="studios",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("依托单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="studios",
    )
    occupations = models.ManyToManyField(
        Occupation, verbose_name=_("职业"), blank=True, related_name="studios"
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("所在区县"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="studios",
    )
    clusters = models.ManyToManyField(
        IndustryCluster, verbose_name=_("产业集群"), blank=True, related_name="studios"
    )
    approval_year = models.PositiveSmallIntegerField(
        _("批准年度"), null=True, blank=True, validators=[validate_year]
    )
    batch = models.CharField(_("批次"), max_length=64, blank=True)
    is_digital = models.BooleanField(_("数字领域"), default=False)
    status = models.CharField(
        _("建设状态"),
        max_length=16,
        choices=Status,
        blank=True,
        help_text=_("来源未说明时留空。"),
    )
    innovation_projects = models.PositiveIntegerField(_("技术创新项目数"), null=True, blank=True)
    patents = models.PositiveIntegerField(_("专利数"), null=True, blank=True)
    apprentices_trained = models.PositiveIntegerField(_("带徒人数"), null=True, blank=True)
    description = models.TextField(_("简介"), blank=True)

    rich_text_fields = ("description",)

    class Meta:
        verbose_name = _("技能大师工作室")
        verbose_name_plural = _("技能大师工作室")
        ordering = ["level", "-approval_year", "name"]
        constraints = [
            year_range_check("approval_year", name="studio_approval_year_range", nullable=True),
            models.CheckConstraint(
                name="studio_counts_non_negative",
                condition=(Q(innovation_projects__isnull=True) | Q(innovation_projects__gte=0))
                & (Q(patents__isnull=True) | Q(patents__gte=0))
                & (Q(apprentices_trained__isnull=True) | Q(apprentices_trained__gte=0)),
                violation_error_message=_("成果数量不能为负数。"),
            ),
        ]
        indexes = [
            models.Index(fields=["publication_state", "level", "district"], name="studio_filters"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("talent:studio-detail", kwargs={"pk": self.pk})
