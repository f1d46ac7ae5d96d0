"""The talent records, one module per kind: people and their honors, studios, competitions."""

from .competitions import Competition, CompetitionEvent, CompetitionResult
from .people import PUBLIC, Craftsman, CraftsmanQuerySet, HonorAward, HonorRoll, HonorTitle
from .studios import Studio

__all__ = [
    "PUBLIC",
    "Competition",
    "CompetitionEvent",
    "CompetitionResult",
    "Craftsman",
    "CraftsmanQuerySet",
    "HonorAward",
    "HonorRoll",
    "HonorTitle",
    "Studio",
]
