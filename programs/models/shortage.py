"""The shortage-occupation catalogue (急需紧缺职业目录): editions and entries."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.publishing.models import (
    PublishableModel,
    TimeStampedModel,
)
from portal.vocabulary.models import Occupation
from portal.vocabulary.validators import (
    validate_year,
    year_range_check,
)


class ShortageList(PublishableModel):
    """One edition of 重庆市急需紧缺职业（工种）目录."""

    year = models.PositiveSmallIntegerField(_("目录年度"), unique=True, validators=[validate_year])
    title = models.CharField(_("目录名称"), max_length=160)
    enterprises_surveyed = models.PositiveIntegerField(_("调查企业数"), null=True, blank=True)
    data_year = models.PositiveSmallIntegerField(
        _("数据年度"), null=True, blank=True, validators=[validate_year]
    )
    description = models.TextField(_("说明"), blank=True)

    rich_text_fields = ("description",)
    identifier_fields = ("year",)  # how it is found: portal.finding.identifiers

    class Meta:
        verbose_name = _("急需紧缺职业目录")
        verbose_name_plural = _("急需紧缺职业目录")
        ordering = ["-year"]
        constraints = [
            year_range_check("year", name="shortage_list_year_range"),
            year_range_check("data_year", name="shortage_list_data_year_range", nullable=True),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programs:shortage-year", kwargs={"year": self.year})


class ShortageEntry(TimeStampedModel):
    """A ranked occupation in an edition; demand and gap stay empty where unpublished."""

    shortage_list = models.ForeignKey(
        ShortageList, verbose_name=_("目录"), on_delete=models.CASCADE, related_name="entries"
    )
    rank = models.PositiveSmallIntegerField(_("排名"))
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("职业（工种）"),
        on_delete=models.PROTECT,
        related_name="shortage_entries",
    )
    demand = models.PositiveIntegerField(_("需求人数"), null=True, blank=True)
    gap = models.PositiveIntegerField(_("缺口人数"), null=True, blank=True)

    class Meta:
        verbose_name = _("紧缺职业条目")
        verbose_name_plural = _("紧缺职业条目")
        ordering = ["shortage_list", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["shortage_list", "rank"],
                name="shortage_entry_rank_unique_in_list",
                violation_error_message=_("该目录中已有此排名。"),
            ),
            models.UniqueConstraint(
                fields=["shortage_list", "occupation"],
                name="shortage_entry_occupation_unique_in_list",
                violation_error_message=_("该目录中已有此职业。"),
            ),
            models.CheckConstraint(
                name="shortage_entry_rank_positive",
                condition=Q(rank__gte=1),
                violation_error_message=_("排名从 1 开始。"),
            ),
            models.CheckConstraint(
                name="shortage_entry_counts_non_negative",
                condition=(Q(demand__isnull=True) | Q(demand__gte=0))
                & (Q(gap__isnull=True) | Q(gap__gte=0)),
                violation_error_message=_("需求和缺口人数不能为负数。"),
            ),
            models.CheckConstraint(
                name="shortage_entry_gap_within_demand",
                condition=Q(demand__isnull=True) | Q(gap__isnull=True) | Q(gap__lte=F("demand")),
                violation_error_message=_("缺口人数不能大于需求人数。"),
            ),
        ]

    def __str__(self):
        return f"{self.shortage_list.year} #{self.rank} {self.occupation.name}"

    @property
    def gap_ratio(self):
        """Gap as a share of demand, or None where either is unpublished."""
        if not self.demand or self.gap is None:
            return None
        return self.gap / self.demand
