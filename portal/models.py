"""The app's models for Django to find; each lives with its job (see docs/architecture.md)."""

from portal.api.models import ApiToken
from portal.figures.models import KeyFigure
from portal.publishing.models import (
    PublishableModel,
    PublishableQuerySet,
    StaffProfile,
    TimeStampedModel,
    Tombstone,
)
from portal.vocabulary.models import District, IndustryCluster, Occupation, Organization, WorkType

__all__ = [
    "ApiToken",
    "District",
    "IndustryCluster",
    "KeyFigure",
    "Occupation",
    "Organization",
    "PublishableModel",
    "PublishableQuerySet",
    "StaffProfile",
    "TimeStampedModel",
    "Tombstone",
    "WorkType",
]
