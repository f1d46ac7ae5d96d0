"""API tokens: integrators' keys, stored only as hashes."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.publishing.models import TimeStampedModel


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
