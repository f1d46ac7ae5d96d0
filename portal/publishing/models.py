"""What every record shares: timestamps and history, the publication workflow's state and the
public reads' entry point (`published()`), staff profiles (a staff member's district) and the
tombstones mirrors read when a record leaves the public view."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Now
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.publishing.choices import PublicationState


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
        """What the public may see: the only entry point for public reads. Demo records only
        where the settings show them (development), never in production."""
        public = self.filter(publication_state=PublicationState.PUBLISHED)
        if not settings.SHOW_DEMO_DATA:
            public = public.filter(is_demo=False)
        return public

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
    source = models.CharField(
        _("来源"),
        max_length=500,
        blank=True,
        help_text=_("公开的出处：发布单位或媒体、标题、日期。"),
    )
    source_url = models.URLField(
        _("来源链接"),
        max_length=500,
        blank=True,
        help_text=_("出处的网址；只链接政府、官方机构和正规新闻网站。"),
    )
    staff_note = models.TextField(
        _("编辑备注"),
        blank=True,
        help_text=_("工作人员之间的说明，不在网站和接口上公开。"),
    )
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
        from portal.security.locking import save_versioned

        save_versioned(self, super().save, args, kwargs)

    @property
    def is_published(self):
        return self.publication_state == PublicationState.PUBLISHED

    def expect_version(self, version):
        """The version this edit started from: save() refuses it if the record moved on."""
        self._expected_version = version


class StaffProfile(TimeStampedModel):
    """Which district a staff member works for; empty means the municipal bureau."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    district = models.ForeignKey(
        "portal.District",
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
