"""The shared vocabulary every app's records use: districts, occupations, work types,
industry clusters and organizations."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.publishing.models import TimeStampedModel
from portal.vocabulary.validators import validate_credit_code, validate_occupation_code


class District(TimeStampedModel):
    class Kind(models.TextChoices):
        DISTRICT = "district", _("区")
        COUNTY = "county", _("县")
        ZONE = "zone", _("功能区")

    code = models.CharField(
        _("行政区划代码"),
        max_length=6,
        unique=True,
        null=True,
        blank=True,
        help_text=_("GB/T 2260 代码；功能区没有代码。"),
    )
    name = models.CharField(_("名称"), max_length=32, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=100, blank=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind)
    slug = models.SlugField(_("标识"), max_length=64, unique=True)
    source = models.CharField(_("来源"), max_length=500, blank=True)

    # How a district is named anywhere (seeds, filters, imports, the API):
    # portal.finding.identifiers.
    identifier_fields = ("code", "slug", "name")

    class Meta:
        verbose_name = _("区县")
        verbose_name_plural = _("区县")
        ordering = ["kind", "code", "name"]
        constraints = [
            models.CheckConstraint(
                name="district_code_six_digits_or_zone",
                condition=(Q(kind="zone") & Q(code__isnull=True))
                | (~Q(kind="zone") & Q(code__regex=r"^50\d{4}$")),
                violation_error_message=_("区县须有 50 开头的 6 位代码，功能区不填代码。"),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def identifier(self):
        return self.code or self.slug


class Occupation(TimeStampedModel):
    """An occupation of the 中华人民共和国职业分类大典 (2022); the code may be unknown."""

    code = models.CharField(
        _("职业编码"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_occupation_code],
        help_text=_("2022 版大典编码，如 6-18-01-01；来源未给出时留空。"),
    )
    former_code = models.CharField(
        _("原编码"),
        max_length=11,
        blank=True,
        validators=[validate_occupation_code],
        help_text=_("2015 版大典编码，技能标准仍可能引用。"),
    )
    name = models.CharField(_("职业名称"), max_length=64, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=128, blank=True)
    major_group = models.PositiveSmallIntegerField(_("大类"), null=True, blank=True, editable=False)
    # Unknown (null) unless a source says so: "not digital" is a claim too.
    is_digital = models.BooleanField(_("数字职业"), null=True, blank=True, default=None)
    is_green = models.BooleanField(_("绿色职业"), null=True, blank=True, default=None)
    source = models.CharField(_("来源"), max_length=500, blank=True)
    source_url = models.URLField(_("来源链接"), max_length=500, blank=True)

    # The 2015 code last: standards still cite it, and two occupations may share one.
    identifier_fields = ("code", "name", "former_code")

    class Meta:
        verbose_name = _("职业")
        verbose_name_plural = _("职业")
        ordering = ["code", "name"]
        constraints = [
            models.CheckConstraint(
                name="occupation_code_format",
                condition=Q(code__isnull=True)
                | Q(code__regex=r"^[1-8]-[0-9]{2}-[0-9]{2}-[0-9]{2}$"),
                violation_error_message=_("职业编码应为“D-DD-DD-DD”格式。"),
            ),
            models.CheckConstraint(
                name="occupation_former_code_format",
                condition=Q(former_code="")
                | Q(former_code__regex=r"^[1-8]-[0-9]{2}-[0-9]{2}-[0-9]{2}$"),
                violation_error_message=_("原编码应为“D-DD-DD-DD”格式。"),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}" if self.code else self.name

    def save(self, *args, **kwargs):
        self.code = self.code or None
        self.major_group = int(self.code[0]) if self.code else None
        super().save(*args, **kwargs)

    def clean(self):
        # An empty code means "not published": store NULL so uniqueness ignores it.
        self.code = self.code or None


class WorkType(TimeStampedModel):
    """A 工种 within an occupation."""

    occupation = models.ForeignKey(
        Occupation, verbose_name=_("职业"), on_delete=models.PROTECT, related_name="work_types"
    )
    name = models.CharField(_("工种名称"), max_length=64)
    source = models.CharField(_("来源"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("工种")
        verbose_name_plural = _("工种")
        ordering = ["occupation", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "name"],
                name="work_type_unique_per_occupation",
                violation_error_message=_("该职业下已有同名工种。"),
            ),
        ]

    def __str__(self):
        return f"{self.occupation.name}（{self.name}）"


class IndustryCluster(TimeStampedModel):
    """A cluster of Chongqing's "33618" modern manufacturing system."""

    class Tier(models.TextChoices):
        TRILLION = "trillion", _("万亿级产业集群")
        FIVE_HUNDRED_BILLION = "five_hundred_billion", _("五千亿级支柱产业集群")
        HUNDRED_BILLION = "hundred_billion", _("千亿级特色优势产业集群")
        RISING = "rising", _("未来产业和高成长性产业集群")

    slug = models.SlugField(_("标识"), max_length=64, unique=True)
    name = models.CharField(_("名称"), max_length=64, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=128, blank=True)
    tier = models.CharField(_("层级"), max_length=32, choices=Tier)
    source = models.CharField(_("来源"), max_length=500, blank=True)

    identifier_fields = ("slug", "name")

    class Meta:
        verbose_name = _("产业集群")
        verbose_name_plural = _("产业集群")
        ordering = ["tier", "name"]

    def __str__(self):
        return self.name


class Organization(TimeStampedModel):
    """A host organization (依托单位): enterprise, college, school or training institution."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("企业")
        TECHNICIAN_COLLEGE = "technician_college", _("技工院校")
        VOCATIONAL_SCHOOL = "vocational_school", _("职业院校")
        UNIVERSITY = "university", _("高等院校")
        TRAINING_INSTITUTION = "training_institution", _("培训机构")
        PUBLIC_INSTITUTION = "public_institution", _("事业单位")
        OTHER = "other", _("其他")

    name = models.CharField(_("单位名称"), max_length=128, unique=True)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_credit_code],
    )
    kind = models.CharField(_("单位类型"), max_length=32, choices=Kind, default=Kind.ENTERPRISE)
    district = models.ForeignKey(
        District,
        verbose_name=_("所在区县"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)
    source = models.CharField(_("来源"), max_length=500, blank=True)
    source_url = models.URLField(_("来源链接"), max_length=500, blank=True)

    identifier_fields = ("credit_code", "name")

    class Meta:
        verbose_name = _("依托单位")
        verbose_name_plural = _("依托单位")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="organization_credit_code_length",
                condition=Q(credit_code__isnull=True) | Q(credit_code__regex=r"^[0-9A-Z]{18}$"),
                violation_error_message=_("统一社会信用代码应为 18 位数字或大写字母。"),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = self.credit_code or None
        super().save(*args, **kwargs)

    def clean(self):
        self.credit_code = self.credit_code or None
