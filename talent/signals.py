"""Keep the honor rolls' sizes (HonorRoll) and the awards' copy of their awardee's name in step
with every change of an award or a person.

The recount runs in the same transaction as the change, so a rolled-back change leaves the
sizes as they were. Bulk writes that send no signals call services.refresh_honor_rolls."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import Craftsman, HonorAward
from .services import refresh_honor_rolls


def roll_of(award):
    return (award.title_id, award.year)


@receiver(pre_save, sender=HonorAward, dispatch_uid="honor-roll-before-award-save")
def remember_previous_roll(sender, instance, raw=False, **kwargs):
    instance._previous_roll = None
    if instance.pk and not raw:
        instance._previous_roll = (
            HonorAward.objects.filter(pk=instance.pk).values_list("title_id", "year").first()
        )


@receiver(post_save, sender=HonorAward, dispatch_uid="honor-roll-after-award-save")
def recount_after_award_save(sender, instance, raw=False, **kwargs):
    cells = {roll_of(instance)}
    if getattr(instance, "_previous_roll", None):
        cells.add(instance._previous_roll)
    refresh_honor_rolls(cells=cells)


@receiver(post_delete, sender=HonorAward, dispatch_uid="honor-roll-after-award-delete")
def recount_after_award_delete(sender, instance, **kwargs):
    refresh_honor_rolls(cells={roll_of(instance)})


@receiver(post_save, sender=Craftsman, dispatch_uid="honor-roll-after-craftsman-save")
def recount_after_craftsman_save(sender, instance, created=False, raw=False, **kwargs):
    """Publishing, withdrawing or a change of consent moves a person in or out of rolls."""
    if created:
        return  # a new person has no awards yet
    awards = HonorAward.objects.filter(craftsman=instance)
    awards.exclude(craftsman_name=instance.name).update(craftsman_name=instance.name)
    cells = set(awards.values_list("title_id", "year"))
    if cells:
        refresh_honor_rolls(cells=cells)
