from portal.api.router import register

from .viewsets import (
    ProgramViewSet,
    ShortageEntryViewSet,
    ShortageListViewSet,
    TrainingBaseViewSet,
)

register("programs", ProgramViewSet)
register("training-bases", TrainingBaseViewSet)
register("shortage-lists", ShortageListViewSet)
register("shortage-entries", ShortageEntryViewSet)
