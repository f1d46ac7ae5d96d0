"""Craftsmen, and the honors conferred on them: titles, awards and the rolls' public sizes."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.importing import sources
from portal.publishing.choices import PublicationState
from portal.publishing.models import (
    PublishableModel,
    PublishableQuerySet,
    TimeStampedModel,
    newest_index,
)
from portal.security.uploads import generated_upload_name
from portal.vocabulary.choices import Gender, SkillLevel
from portal.vocabulary.models import District, Occupation, Organization
from portal.vocabulary.validators import validate_year, year_range_check


class PublicBasis(models.TextChoices):
    """Why the portal may show a person at all (个人信息保护法): without one, nowhere."""

    NONE = "", _("无（不公开）")
    CONSENT = "consent", _("本人同意")
    ANNOUNCEMENT = "announcement", _("官方公开发布")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("书面同意书")
    ONLINE = "online", _("网上表单")
    EMAIL = "email", _("电子邮件")
    OTHER = "other", _("其他方式（见编辑备注）")


# The rows a public read of craftsmen can return (CraftsmanQuerySet.published).
PUBLIC = models.Q(publication_state=PublicationState.PUBLISHED) & ~models.Q(
    public_basis=PublicBasis.NONE
)
# A person whose details beyond name, organization and honors may be shown.
CONSENTED = models.Q(public_basis=PublicBasis.CONSENT)


class CraftsmanQuerySet(PublishableQuerySet):
    def published(self):
        """Only people who are published and have a basis for being shown."""
        return super().published().filter(~models.Q(public_basis=PublicBasis.NONE))


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
    public_basis = models.CharField(
        _("公开依据"),
        max_length=16,
        choices=PublicBasis,
        blank=True,
        help_text=_(
            "本人同意：可公开姓名、单位、职业、区县、简介、照片、荣誉和成绩；"
            "官方公开发布：只公开姓名、单位和所发布的荣誉或成绩；无：不在任何公开处出现。"
            "媒体报道不等于本人同意。"
        ),
    )
    consent_date = models.DateField(_("同意日期"), null=True, blank=True)
    consent_method = models.CharField(
        _("同意方式"), max_length=16, choices=ConsentMethod, blank=True
    )
    announcement = models.CharField(
        _("公开发布出处"),
        max_length=500,
        blank=True,
        help_text=_("发布机构或媒体、标题、日期，如：重庆日报，《……》，2025年9月。"),
    )
    announcement_url = models.URLField(
        _("公开发布链接"),
        max_length=500,
        blank=True,
        help_text=_("只链接政府、官方机构和正规新闻网站。"),
    )

    objects = CraftsmanQuerySet.as_manager()
    rich_text_fields = ("profile",)
    identifier_fields = ("uid", "name")  # how it is found: portal.finding.identifiers

    class Meta:
        verbose_name = _("技能人才")
        verbose_name_plural = _("技能人才")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(public_basis__in=PublicBasis.values),
                name="craftsman_public_basis_known",
            ),
            models.CheckConstraint(
                condition=~CONSENTED | (Q(consent_date__isnull=False) & ~Q(consent_method="")),
                name="craftsman_consent_dated",
                violation_error_message=_("以本人同意为公开依据时，须填写同意日期和同意方式。"),
            ),
            models.CheckConstraint(
                condition=~Q(public_basis=PublicBasis.ANNOUNCEMENT) | ~Q(announcement=""),
                name="craftsman_announcement_cited",
                violation_error_message=_("以官方公开发布为公开依据时，须填写发布出处。"),
            ),
        ]
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

    def clean(self):
        super().clean()
        if self.announcement_url and not sources.link_allowed(self.announcement_url):
            raise ValidationError(
                {"announcement_url": _("只能链接允许名单中的政府、官方机构和正规新闻网站。")}
            )

    @property
    def is_public(self):
        """Shown in public at all: published, with a basis."""
        return self.is_published and self.public_basis != PublicBasis.NONE

    @property
    def shows_details(self):
        """Occupation, district, profile and photo go public only with the person's consent;
        an official announcement covers the name, organization and the honor or result."""
        return self.is_public and self.public_basis == PublicBasis.CONSENT


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

    identifier_fields = ("slug", "name")  # how it is found: portal.finding.identifiers

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
    # Blank when the announcement gives no year: such an award is on the person's page, not
    # on a roll (a roll is one title in one year).
    year = models.PositiveSmallIntegerField(
        _("年度"),
        null=True,
        blank=True,
        validators=[validate_year],
        help_text=_("来源未给出年度时留空：仍在本人页面公开，但不列入某一年度的名单。"),
    )
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
            models.UniqueConstraint(
                fields=["craftsman", "title"],
                condition=Q(year__isnull=True),
                name="honor_award_once_per_craftsman_title_without_year",
                violation_error_message=_("同一人已有未注明年度的该称号。"),
            ),
            year_range_check("year", name="honor_award_year_range", nullable=True),
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
        if self.year is None:
            return f"{self.title} {self.craftsman}"
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
