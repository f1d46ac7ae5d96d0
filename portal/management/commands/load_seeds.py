"""Load the reviewed seed files in seeds/ — idempotently, all or nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.importing.seeding import LOADERS, SeedContext, SeedError


class Command(BaseCommand):
    help = (
        "Load the reviewed data in seeds/ (update-or-create on natural keys); "
        "--demo adds the illustrative rows, for development only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds-dir",
            default=str(Path(settings.BASE_DIR) / "seeds"),
            help="folder holding the seed files (default: seeds/ in the project)",
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help="also load the demo rows (is_demo): for development, never in production",
        )

    def handle(self, *args, seeds_dir, demo, **options):
        if demo and not settings.SHOW_DEMO_DATA:
            raise CommandError(
                "Demo rows are for development: these settings do not show them "
                "(SHOW_DEMO_DATA is off), so they are not loaded."
            )
        try:
            ctx = SeedContext(seeds_dir=Path(seeds_dir), demo=demo)
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
