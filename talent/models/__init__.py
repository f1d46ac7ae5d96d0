"""The talent records, one module per kind: people and their honors, studios, competitions."""

from .competitions import Competition, CompetitionEvent, CompetitionResult
from .people import (
    CONSENTED,
    PUBLIC,
    ConsentMethod,
    Craftsman,
    CraftsmanQuerySet,
    HonorAward,
    HonorRoll,
    HonorTitle,
    PublicBasis,
)
from .studios import Studio

__all__ = [
    "CONSENTED",
    "PUBLIC",
    "Competition",
    "CompetitionEvent",
    "CompetitionResult",
    "ConsentMethod",
    "Craftsman",
    "CraftsmanQuerySet",
    "HonorAward",
    "HonorRoll",
    "HonorTitle",
    "PublicBasis",
    "Studio",
]
