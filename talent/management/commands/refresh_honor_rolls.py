"""Recount every honor roll's public awardees (after writes that bypassed the model's signals,
such as SQL run by hand)."""

from django.core.management.base import BaseCommand

from talent.models import HonorRoll
from talent.services import refresh_honor_rolls


class Command(BaseCommand):
    help = "Recount the public awardees of every honor roll (talent.HonorRoll)."

    def handle(self, *args, **options):
        refresh_honor_rolls()
        self.stdout.write(f"Honor rolls: {HonorRoll.objects.count()}")
