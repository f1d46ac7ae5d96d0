"""The publication workflow 草稿 → 待审核 → 已发布 → 已归档: the one write path for states.

Admin actions, change-form buttons, the API and imports all call these functions, so the
rules (who may, from which state, what a public page needs) live here once. Each function
validates the whole record, writes it in its own transaction and records who did it in the
history.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.publishing import access
from portal.publishing.choices import PublicationState

S = PublicationState

# Per model label, functions(record) -> list of messages naming what the public page still
# lacks. Apps register theirs in their services.py (see `publish_requirement`), which their
# AppConfig.ready() imports.
PUBLISH_REQUIREMENTS = {}


def publish_requirement(model_label):
    """Register a check run before a record of `model_label` may be published."""

    def register(func):
        PUBLISH_REQUIREMENTS.setdefault(model_label, []).append(func)
        return func

    return register


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    needs_publisher: bool
    change_reason: str


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("submit", _("提交审核"), (S.DRAFT,), S.SUBMITTED, False, _("提交审核")),
        Transition(
            "publish",
            _("发布"),
            (S.DRAFT, S.SUBMITTED, S.ARCHIVED),
            S.PUBLISHED,
            True,
            _("发布"),
        ),
        Transition("archive", _("归档"), (S.PUBLISHED,), S.ARCHIVED, True, _("归档")),
        Transition(
            "return_to_draft",
            _("退回草稿"),
            (S.SUBMITTED, S.PUBLISHED, S.ARCHIVED),
            S.DRAFT,
            False,
            _("退回草稿"),
        ),
    )
}


def allowed_transitions(user, record):
    """The transitions `user` may apply to `record` now (for buttons; the service re-checks)."""
    return [t for t in TRANSITIONS.values() if _refusal(user, record, t) is None]


def _refusal(user, record, transition):
    """Why `user` may not apply `transition` to `record`, or None."""
    if not hasattr(record, "publication_state"):
        return PermissionDenied(_("该类记录没有发布状态。"))
    if transition.needs_publisher and not access.can_publish(user):
        return PermissionDenied(_("只有市局审核员或管理员可以发布或归档。"))
    if not access.can_set_state(user, transition.target):
        return PermissionDenied(
            _("您的角色不能把记录设为“%(state)s”。") % {"state": S(transition.target).label}
        )
    if not access.can_edit(user, record):
        return PermissionDenied(_("您无权修改这条记录。"))
    if record.publication_state not in transition.sources:
        return ValidationError(
            _("“%(state)s”的记录不能%(action)s。")
            % {"state": record.get_publication_state_display(), "action": transition.label}
        )
    return None


def missing_for_publication(record):
    """Messages naming what `record` lacks before its public page can show it."""
    try:
        record.full_clean()
        problems = []
    except ValidationError as error:
        problems = [
            f"{_field_label(record, name)}：{message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    for check in PUBLISH_REQUIREMENTS.get(record._meta.label, []):
        problems.extend(str(message) for message in check(record))
    return problems


def _field_label(record, name):
    if name == "__all__":
        return _("记录")
    try:
        return record._meta.get_field(name).verbose_name
    except Exception:  # a non-field key still deserves a readable label
        return name


def apply_transition(*, record, user, transition):
    """Move `record` through `transition` (a name in TRANSITIONS) or raise, changing nothing."""
    step = TRANSITIONS[transition]
    with transaction.atomic():
        locked = type(record)._default_manager.select_for_update().get(pk=record.pk)
        refusal = _refusal(user, locked, step)
        if refusal is not None:
            raise refusal
        if step.target == S.PUBLISHED:
            problems = missing_for_publication(locked)
            if problems:
                raise ValidationError(
                    _("不能发布，缺少：%(missing)s") % {"missing": "；".join(problems)}
                )
        locked.publication_state = step.target
        if step.target == S.PUBLISHED:
            locked.published_at = timezone.now()
            locked.published_by = user
        locked._history_user = user
        locked._change_reason = str(step.change_reason)
        locked.save()
    for name in ("publication_state", "published_at", "published_by_id", "updated", "version"):
        setattr(record, name, getattr(locked, name))
    return record


def submit_record(*, record, user):
    return apply_transition(record=record, user=user, transition="submit")


def publish_record(*, record, user):
    return apply_transition(record=record, user=user, transition="publish")


def archive_record(*, record, user):
    return apply_transition(record=record, user=user, transition="archive")


def return_to_draft(*, record, user):
    return apply_transition(record=record, user=user, transition="return_to_draft")


@dataclass
class BulkOutcome:
    """What a bulk action did: how many records moved and why the others did not."""

    done: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # (record, message)


def apply_to_each(*, records, user, transition):
    """Apply `transition` to each record in its own transaction; one failure stops no other."""
    outcome = BulkOutcome()
    for record in records:
        try:
            apply_transition(record=record, user=user, transition=transition)
        except (ValidationError, PermissionDenied) as error:
            outcome.failed.append((record, error_text(error)))
        else:
            outcome.done.append(record)
    return outcome


def error_text(error):
    if isinstance(error, ValidationError):
        return "；".join(str(message) for message in error.messages)
    return str(error) or str(_("没有权限。"))
