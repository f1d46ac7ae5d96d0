"""Load the reviewed seed files in seeds/ — idempotently, all or nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.importing.seeding import LOADERS, SeedContext, SeedError


class Command(BaseCommand):
    help = "Load reference and demo data from seeds/ (update-or-create on natural keys)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds-dir",
            default=str(Path(settings.BASE_DIR) / "seeds"),
            help="folder holding the seed files (default: seeds/ in the project)",
        )

    def handle(self, *args, seeds_dir, **options):
        ctx = SeedContext(seeds_dir=Path(seeds_dir))
        try:
            with transaction.atomic():
                for _order, load in LOADERS:
                    load(ctx)
        except SeedError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        except FileNotFoundError as error:
            raise CommandError(
                f"Nothing was loaded. Missing seed file: {error.filename}"
            ) from error
        for label, counts in sorted(ctx.counts.items()):
            summary = ", ".join(
                f"{outcome} {counts.get(outcome, 0)}"
                for outcome in ("created", "updated", "unchanged")
            )
            self.stdout.write(f"{label}: {summary}")
        self.stdout.write(self.style.SUCCESS("Seeds loaded."))
