"""The program records, one module per kind: training bases, programs, the shortage catalogue."""

from .bases import TrainingBase
from .shortage import ShortageEntry, ShortageList
from .training import (
    Program,
    ProgramQuerySet,
    ProgramState,
    ProgramTargetGroup,
    cost_after_subsidy,
    today,
)

__all__ = [
    "Program",
    "ProgramQuerySet",
    "ProgramState",
    "ProgramTargetGroup",
    "ShortageEntry",
    "ShortageList",
    "TrainingBase",
    "cost_after_subsidy",
    "today",
]
