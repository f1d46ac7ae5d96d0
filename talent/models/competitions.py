"""Competitions, their events (赛项) and results."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.publishing.models import (
    PublishableModel,
    TimeStampedModel,
)
from portal.vocabulary.models import District, Occupation
from portal.vocabulary.validators import validate_year, year_range_check

from .people import Craftsman


class Competition(PublishableModel):
    class Series(models.TextChoices):
        WORLDSKILLS = "worldskills", _("世界技能大赛")
        BELT_AND_ROAD = "belt_and_road", _("一带一路国际技能大赛")
        NATIONAL_SKILLS = "national_skills", _("全国职业技能大赛")
        BAYU_CUP = "bayu_cup", _("巴渝工匠杯")
        GAOXIN_CUP = "gaoxin_cup", _("高新工匠杯")
        MANTIANXING = "mantianxing", _("满天星软件大赛")
        OTHER = "other", _("其他")

    class CompetitionLevel(models.TextChoices):
        INTERNATIONAL = "international", _("国际")
        NATIONAL = "national", _("全国")
        MUNICIPAL = "municipal", _("市级")
        DISTRICT = "district", _("区县级")

    slug = models.SlugField(_("标识"), max_length=80, unique=True)
    name = models.CharField(_("赛事名称"), max_length=128)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    series = models.CharField(_("赛事系列"), max_length=32, choices=Series, db_index=True)
    edition = models.PositiveSmallIntegerField(_("届次"), null=True, blank=True)
    level = models.CharField(_("级别"), max_length=16, choices=CompetitionLevel, db_index=True)
    year = models.PositiveSmallIntegerField(_("年度"), validators=[validate_year], db_index=True)
    start_date = models.DateField(_("开始日期"), null=True, blank=True)
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    location = models.CharField(_("举办地"), max_length=128, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("举办区县"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competitions",
    )
    participants = models.PositiveIntegerField(_("参赛人数"), null=True, blank=True)
    countries_regions = models.PositiveIntegerField(_("国家和地区数"), null=True, blank=True)
    description = models.TextField(_("简介"), blank=True)

    rich_text_fields = ("description",)
    identifier_fields = ("slug", "name")  # how it is found: portal.finding.identifiers

    class Meta:
        verbose_name = _("技能竞赛")
        verbose_name_plural = _("技能竞赛")
        ordering = ["-year", "name"]
        constraints = [
            year_range_check("year", name="competition_year_range"),
            models.CheckConstraint(
                name="competition_ends_after_start",
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
            models.UniqueConstraint(
                fields=["series", "edition"],
                name="competition_series_edition_unique",
                condition=Q(edition__isnull=False) & ~Q(series="other"),
                violation_error_message=_("该赛事系列的这一届已存在。"),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("talent:competition-detail", kwargs={"slug": self.slug})


class CompetitionEvent(TimeStampedModel):
    """A 赛项 of a competition; WorldSkills skills carry their number."""

    competition = models.ForeignKey(
        Competition, verbose_name=_("赛事"), on_delete=models.CASCADE, related_name="events"
    )
    name = models.CharField(_("赛项名称"), max_length=128)
    name_en = models.CharField(_("英文名称"), max_length=128, blank=True)
    skill_number = models.CharField(_("项目编号"), max_length=8, blank=True)
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("对应职业"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competition_events",
    )

    class Meta:
        verbose_name = _("赛项")
        verbose_name_plural = _("赛项")
        ordering = ["competition", "skill_number", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "name"],
                name="competition_event_unique_name",
                violation_error_message=_("该赛事已有同名赛项。"),
            ),
        ]

    def __str__(self):
        if self.skill_number:
            return f"{self.skill_number} {self.name}"
        return self.name


class CompetitionResult(TimeStampedModel):
    """A competitor's medal or rank in one event; public when its competition is."""

    class Medal(models.TextChoices):
        GOLD = "gold", _("金牌")
        SILVER = "silver", _("银牌")
        BRONZE = "bronze", _("铜牌")
        EXCELLENCE = "excellence", _("优胜奖")

    event = models.ForeignKey(
        CompetitionEvent, verbose_name=_("赛项"), on_delete=models.CASCADE, related_name="results"
    )
    craftsman = models.ForeignKey(
        Craftsman,
        verbose_name=_("选手（人才库）"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="results",
    )
    competitor_name = models.CharField(
        _("选手姓名"), max_length=64, blank=True, help_text=_("不在人才库的选手填写姓名。")
    )
    delegation = models.CharField(_("代表队"), max_length=64, blank=True)
    medal = models.CharField(_("奖牌"), max_length=16, choices=Medal, blank=True, db_index=True)
    rank = models.PositiveSmallIntegerField(_("名次"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    source = models.CharField(_("来源"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("竞赛成绩")
        verbose_name_plural = _("竞赛成绩")
        ordering = ["event", "rank", "medal"]
        constraints = [
            models.CheckConstraint(
                name="competition_result_has_medal_or_rank",
                condition=~Q(medal="") | Q(rank__isnull=False),
                violation_error_message=_("成绩须填写奖牌或名次。"),
            ),
            models.CheckConstraint(
                name="competition_result_rank_positive",
                condition=Q(rank__isnull=True) | Q(rank__gte=1),
                violation_error_message=_("名次从 1 开始。"),
            ),
        ]

    def __str__(self):
        who = self.craftsman.name if self.craftsman_id else (self.competitor_name or "—")
        return f"{self.event} {who} {self.get_medal_display() or self.rank}"
