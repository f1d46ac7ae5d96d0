"""Record a Tombstone when a public record leaves the public view, so mirrors can drop it.

A record leaves when it is deleted, unpublished (or archived), or — for a craftsman — when consent
is withdrawn; records whose publication follows it (a craftsman's awards, a competition's
results, an edition's entries) leave with it. "Public" is exactly what the anonymous API shows:
each resource's `public()`. When a record becomes public again, its dependents are touched so
they reappear in `?updated_after=` syncs.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from portal.api import router
from portal.finding.identifiers import identifier_of
from portal.publishing.models import Tombstone


def _tracked(sender):
    return router.viewset_for(sender)


def _public_ids(viewset, queryset):
    return list(viewset.public(queryset).values_list("pk", flat=True))


def _dependents(viewset, instance):
    """(viewset, model, queryset of records that follow `instance`) for each dependent kind."""
    for label, path in viewset.dependents:
        model = apps.get_model(label)
        yield _tracked(model), model, model._default_manager.filter(**{path: instance.pk})


def _snapshot(viewset, instance):
    """Whether `instance` is public now, and the public dependents that would leave with it."""
    model = type(instance)
    public = bool(_public_ids(viewset, model._default_manager.filter(pk=instance.pk)))
    leaving = []
    if public:
        for dep_viewset, dep_model, queryset in _dependents(viewset, instance):
            ids = _public_ids(dep_viewset, queryset)
            leaving.extend(dep_model._default_manager.filter(pk__in=ids))
    return public, leaving


def bury(records):
    Tombstone.objects.bulk_create(
        Tombstone(model_label=record._meta.label_lower, identifier=identifier_of(record)[:200])
        for record in records
    )


def before_save(sender, instance, raw=False, **kwargs):
    viewset = _tracked(sender)
    if viewset is None or raw or instance.pk is None:
        return
    if not any(f.name == "publication_state" for f in sender._meta.concrete_fields):
        return
    instance._public_before = _snapshot(viewset, instance)


def after_save(sender, instance, created=False, raw=False, **kwargs):
    before = getattr(instance, "_public_before", None)
    if before is None:
        return
    del instance._public_before
    was_public, leaving = before
    viewset = _tracked(sender)
    now_public = bool(_public_ids(viewset, sender._default_manager.filter(pk=instance.pk)))
    if was_public and not now_public:
        bury([instance, *leaving])
    elif now_public and not was_public:
        for _viewset, _model, queryset in _dependents(viewset, instance):
            queryset.update(updated=timezone.now())


def before_delete(sender, instance, **kwargs):
    viewset = _tracked(sender)
    if viewset is None:
        return
    instance._public_before_delete = bool(
        _public_ids(viewset, sender._default_manager.filter(pk=instance.pk))
    )


def after_delete(sender, instance, **kwargs):
    if getattr(instance, "_public_before_delete", False):
        bury([instance])


def connect():
    router.discover()
    pre_save.connect(before_save, dispatch_uid="tombstones-pre-save")
    post_save.connect(after_save, dispatch_uid="tombstones-post-save")
    pre_delete.connect(before_delete, dispatch_uid="tombstones-pre-delete")
    post_delete.connect(after_delete, dispatch_uid="tombstones-post-delete")
