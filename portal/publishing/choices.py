"""The states a record goes through before and after citizens see it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已发布")
    ARCHIVED = "archived", _("已归档")
