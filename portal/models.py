"""The shared vocabulary (districts, occupations, clusters, organizations) and base classes."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Now
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import PublicationState
from .validators import YEAR_MAX, YEAR_MIN, validate_credit_code, validate_occupation_code


def year_range_check(field, *, name, nullable=False):
    """The database twin of validate_year, so no write path can store an absurd year."""
    condition = Q(**{f"{field}__gte": YEAR_MIN, f"{field}__lte": YEAR_MAX})
    if nullable:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(
        name=name,
        condition=condition,
        violation_error_message=_("年份超出合理范围（1949–2100）。"),
    )


class TimeStampedModel(models.Model):
    """Every record knows when it was made and last changed; sync and sitemaps read `updated`."""

    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("更新时间"), auto_now=True, db_index=True)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


# When a record became public: published through the workflow, or else when it was made (seeds,
# imports and generated records are published as they are made).
PUBLIC_SINCE = Coalesce("published_at", "created")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: the only entry point for public reads."""
        return self.filter(publication_state=PublicationState.PUBLISHED)

    def newest_first(self):
        """What became public last first (feeds, the home page), in the order of the model's
        `newest_index`."""
        return self.order_by(PUBLIC_SINCE.desc(), "-pk")


def newest_index(name):
    """The index of a model whose newest published records are shown (`newest_first`): read
    in order, a few of a million rows are found without sorting them."""
    return models.Index(
        PUBLIC_SINCE.desc(),
        F("id").desc(),
        name=name,
        condition=Q(publication_state=PublicationState.PUBLISHED),
    )


class PublishableModel(TimeStampedModel):
    """A record that goes through 草稿 → 待审核 → 已发布 → 已归档 before citizens see it."""

    publication_state = models.CharField(
        _("发布状态"),
        max_length=16,
        choices=PublicationState,
        default=PublicationState.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    is_demo = models.BooleanField(
        _("演示数据"), default=False, help_text=_("示例记录，不是真实的公开信息。")
    )
    source = models.CharField(_("来源"), max_length=500, blank=True)
    version = models.PositiveIntegerField(
        _("版本"),
        default=1,
        editable=False,
        help_text=_("每次保存加一，用于防止并发编辑互相覆盖。"),
    )

    objects = PublishableQuerySet.as_manager()
    # Text fields that may hold markup: sanitised with nh3 on every save (portal.security).
    rich_text_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Every save moves the version on; a save that names the version it was loaded with
        (`expect_version()`) is refused if someone saved in between (optimistic locking)."""
        from .security.locking import save_versioned

        save_versioned(self, super().save, args, kwargs)

    @property
    def is_published(self):
        return self.publication_state == PublicationState.PUBLISHED

    def expect_version(self, version):
        """The version this edit started from: save() refuses it if the record moved on."""
        self._expected_version = version


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

    # How a district is named anywhere (seeds, filters, imports, the API): portal.identifiers.
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
    is_digital = models.BooleanField(_("数字职业"), default=False)
    is_green = models.BooleanField(_("绿色职业"), default=False)
    source = models.CharField(_("来源"), max_length=500, blank=True)

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


class StaffProfile(TimeStampedModel):
    """Which district a staff member works for; empty means the municipal bureau."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("所属区县"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("区县人社局工作人员填写；市局工作人员留空。"),
    )

    class Meta:
        verbose_name = _("工作人员档案")
        verbose_name_plural = _("工作人员档案")

    def __str__(self):
        return str(self.user)


class ApiToken(TimeStampedModel):
    """An integrator's token; only its SHA-256 is kept, the key is shown once at creation."""

    class Scope(models.TextChoices):
        READ_DRAFTS = "read_drafts", _("读取草稿")
        WRITE = "write", _("读写")

    name = models.CharField(_("名称"), max_length=100)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("持有人"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    prefix = models.CharField(_("前缀"), max_length=8, editable=False, db_index=True)
    key_hash = models.CharField(_("密钥摘要"), max_length=64, unique=True, editable=False)
    scope = models.CharField(_("权限范围"), max_length=16, choices=Scope, default=Scope.READ_DRAFTS)
    last_used = models.DateTimeField(_("最近使用"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("过期时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.name}（{self.prefix}…）"

    @staticmethod
    def hash_key(key):
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, *, name, owner, scope):
        """Create a token and return it with its plain key, which is never stored."""
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(
            name=name, owner=owner, scope=scope, prefix=key[:8], key_hash=cls.hash_key(key)
        )
        return token, key


class TombstoneQuerySet(models.QuerySet):
    def since(self, moment):
        return self.filter(removed_at__gt=moment)


class Tombstone(models.Model):
    """A record that left the public view (deleted or unpublished), so mirrors can drop it."""

    model_label = models.CharField(_("模型"), max_length=64)
    identifier = models.CharField(_("标识"), max_length=200)
    removed_at = models.DateTimeField(_("移除时间"), db_default=Now(), db_index=True)

    objects = TombstoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("删除记录")
        verbose_name_plural = _("删除记录")
        ordering = ["removed_at"]
        indexes = [models.Index(fields=["model_label", "removed_at"], name="tombstone_model_time")]

    def __str__(self):
        return f"{self.model_label}:{self.identifier}"
