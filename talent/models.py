"""The people and what they achieved: craftsmen, studios, honors, competitions and results."""

import uuid

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.choices import Gender, Level, PublicationState, SkillLevel
from portal.models import (
    District,
    IndustryCluster,
    Occupation,
    Organization,
    PublishableModel,
    PublishableQuerySet,
    TimeStampedModel,
    newest_index,
    year_range_check,
)
from portal.uploads import generated_upload_name
from portal.validators import validate_year

# The rows a public read of craftsmen can return (CraftsmanQuerySet.published).
PUBLIC = models.Q(publication_state=PublicationState.PUBLISHED, public_consent=True)


class CraftsmanQuerySet(PublishableQuerySet):
    def published(self):
        """Only people who are published and consented to be shown (个人信息保护法)."""
        return super().published().filter(public_consent=True)


class Craftsman(PublishableModel):
    """A skilled worker behind studios, honors and results; personal data kept minimal."""

    uid = models.UUIDField(_("公开标识"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("姓名"), max_length=32, db_index=True)
    gender = models.CharField(_("性别"), max_length=8, choices=Gender, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("工作单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="craftsmen",
    )
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("职业"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="craftsmen",
    )
    skill_level = models.CharField(_("技能等级"), max_length=32, choices=SkillLevel, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("所在区县"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="craftsmen",
    )
    profile = models.TextField(_("公开简介"), blank=True)
    photo = models.ImageField(
        _("照片"),
        upload_to=generated_upload_name,
        blank=True,
        help_text=_("JPEG 或 PNG，公开展示。"),
    )
    public_consent = models.BooleanField(
        _("同意公开"),
        default=False,
        help_text=_("本人同意在门户和开放接口公开姓名、单位、职业、区县、荣誉和奖牌。"),
    )

    objects = CraftsmanQuerySet.as_manager()
    rich_text_fields = ("profile",)
    identifier_fields = ("uid", "name")  # how it is found: portal.identifiers

    class Meta:
        verbose_name = _("技能人才")
        verbose_name_plural = _("技能人才")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["publication_state", "district"], name="craftsman_state_district"),
            models.Index(fields=["publication_state", "occupation"], name="craftsman_state_occ"),
            # The public order (name, id) alone and under the usual filters, over public rows
            # only: first and deep pages read the index in order instead of sorting.
            models.Index(fields=["name", "id"], name="craftsman_public_name", condition=PUBLIC),
            models.Index(
                fields=["district", "name", "id"],
                name="craftsman_public_district",
                condition=PUBLIC,
            ),
            models.Index(
                fields=["occupation", "name", "id"], name="craftsman_public_occ", condition=PUBLIC
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("talent:craftsman-detail", kwargs={"uid": self.uid})


class HonorTitle(TimeStampedModel):
    """A title such as 大国工匠 or 巴渝工匠, conferred by a named body at a level."""

    class TitleLevel(models.TextChoices):
        NATIONAL = "national", _("国家级")
        MUNICIPAL = "municipal", _("市级")
        DISTRICT = "district", _("区县级")
        INDUSTRY = "industry", _("行业级")

    slug = models.SlugField(_("标识"), max_length=64, unique=True)
    name = models.CharField(_("称号"), max_length=64, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=128, blank=True)
    level = models.CharField(_("级别"), max_length=16, choices=TitleLevel)
    conferring_body = models.CharField(_("授予机构"), max_length=128, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)
    source = models.CharField(_("来源"), max_length=500, blank=True)

    identifier_fields = ("slug", "name")  # how it is found: portal.identifiers

    class Meta:
        verbose_name = _("荣誉称号")
        verbose_name_plural = _("荣誉称号")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class HonorAward(PublishableModel):
    """One title given to one craftsman in one year."""

    craftsman = models.ForeignKey(
        Craftsman, verbose_name=_("获得者"), on_delete=models.CASCADE, related_name="awards"
    )
    title = models.ForeignKey(
        HonorTitle, verbose_name=_("荣誉称号"), on_delete=models.PROTECT, related_name="awards"
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=[validate_year])
    document_number = models.CharField(_("文号"), max_length=128, blank=True)
    note = models.CharField(_("备注"), max_length=255, blank=True)
    # The awardee's name again, so a roll is read in name order from an index: ordered through
    # the join, the largest roll read all its awards and people on every page. Set on save;
    # a rename carries over (talent/signals.py).
    craftsman_name = models.CharField(_("获得者姓名（排序用）"), max_length=32, editable=False)

    class Meta:
        verbose_name = _("荣誉授予")
        verbose_name_plural = _("荣誉授予")
        ordering = ["-year", "title__order", "craftsman__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["craftsman", "title", "year"],
                name="honor_award_once_per_craftsman_title_year",
                violation_error_message=_("同一人同一年度已获得该称号。"),
            ),
            year_range_check("year", name="honor_award_year_range"),
        ]
        indexes = [
            models.Index(fields=["title", "year", "publication_state"], name="award_roll"),
            models.Index(
                fields=["-year", "id"],
                name="award_published_year",
                condition=models.Q(publication_state=PublicationState.PUBLISHED),
            ),
            models.Index(
                fields=["title", "year", "craftsman_name", "id"],
                name="award_roll_by_name",
                condition=models.Q(publication_state=PublicationState.PUBLISHED),
            ),
            newest_index("award_newest"),  # the home page's and the feeds' latest honors
        ]

    def __str__(self):
        return f"{self.year} {self.title} {self.craftsman}"

    def save(self, *args, **kwargs):
        if self.craftsman_id is not None:
            self.craftsman_name = self.craftsman.name
        super().save(*args, **kwargs)


class HonorRoll(models.Model):
    """How many public awardees one title has in one year: the honors index and the years
    beside a roll read these rows instead of counting a million awards per view. Derived data,
    kept by talent.services.refresh_honor_rolls whenever an award or a craftsman changes."""

    title = models.ForeignKey(
        HonorTitle, verbose_name=_("荣誉称号"), on_delete=models.CASCADE, related_name="rolls"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    size = models.PositiveIntegerField(_("公开人数"))
    last_change = models.DateTimeField(_("最近更新"), help_text=_("名单中公开授予的最近修改时间。"))

    class Meta:
        verbose_name = _("荣誉名单人数")
        verbose_name_plural = _("荣誉名单人数")
        ordering = ["title", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["title", "year"], name="honor_roll_once_per_year"),
            models.CheckConstraint(condition=Q(size__gt=0), name="honor_roll_not_empty"),
        ]

    def __str__(self):
        return f"{self.year} {self.title}: {self.size}"


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
    identifier_fields = ("slug", "name")  # how it is found: portal.identifiers

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
