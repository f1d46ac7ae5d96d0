"""Fill the database with synthetic records at city scale, for benchmarks; remove them again.

`--scale N` makes N craftsmen and N honor awards and the rest in the proportions of RATIO
(one per so many craftsmen): at a million, 50,000 programs, 20,000 results, 5,000
organizations, 2,000 studios, 500 training bases and 200 competitions of 10 events each. Each
count can also be given on its own (`--programs 50000`), overriding its proportion.
What the records look like: programs/synthetic.py.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from portal.publishing import cache as public_cache
from portal.vocabulary.models import Organization
from programs.models import Program, ProgramTargetGroup, TrainingBase
from programs.synthetic import RATIO, SOURCE, SyntheticRecords
from talent.models import (
    Competition,
    CompetitionEvent,
    CompetitionResult,
    Craftsman,
    HonorAward,
    Studio,
)
from talent.services import refresh_honor_rolls


class Command(BaseCommand):
    help = "Generate (or --remove) synthetic records at city scale, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="N craftsmen and N awards, the other kinds in proportion",
        )
        parser.add_argument("--craftsmen", type=int)
        for kind in RATIO:
            parser.add_argument(f"--{kind}", type=int)
        parser.add_argument("--seed", type=int, default=20261122)
        parser.add_argument(
            "--remove", action="store_true", help="delete every synthetic record and stop"
        )

    def handle(self, *args, scale, seed, remove, **options):
        if remove:
            self.remove()
            return
        counts = {kind: options[kind] for kind in ("craftsmen", *RATIO)}
        for kind, given in counts.items():
            counts[kind] = given if given is not None else scale // RATIO.get(kind, 1)
        if min(counts.values()) < 0 or scale < 0:
            raise CommandError("Counts must be zero or more.")
        make = SyntheticRecords(self.stdout, seed)
        if not make.districts or not make.occupations or (counts["awards"] and not make.titles):
            raise CommandError("Load the reference data first: python manage.py load_seeds")
        started = time.monotonic()
        make.organizations = make.make_organizations(counts["organizations"]) or list(
            Organization.objects.filter(source=SOURCE).values_list("pk", flat=True)
        )
        people = make.make_craftsmen(counts["craftsmen"])
        if not people and (counts["awards"] or counts["results"] or counts["studios"]):
            people = list(
                Craftsman.objects.filter(source=SOURCE).order_by("pk").values_list("pk", "name")
            )
            if not people:
                raise CommandError("Awards, results and studios need craftsmen: pass --craftsmen.")
        make.make_awards(counts["awards"], people)
        bases = make.make_bases(counts["bases"]) or list(
            TrainingBase.objects.filter(source=SOURCE).values_list("pk", flat=True)
        )
        make.make_programs(counts["programs"], bases)
        make.make_studios(counts["studios"], people)
        # Results need events: one competition at least when results are asked for.
        events = make.make_competitions(counts["competitions"] or int(bool(counts["results"])))
        make.make_results(counts["results"], events, people)
        self.stdout.write("recounting the honor rolls")
        refresh_honor_rolls()  # bulk inserts send no signals
        public_cache.invalidate()
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")

    def remove(self):
        """Delete in dependency order with plain SQL: the ORM's cascade walk is too slow at 10^6."""

        def of_synthetic(column, model):
            return f"{column} IN (SELECT id FROM {model._meta.db_table} WHERE source = %s)"

        events = (
            f"event_id IN (SELECT id FROM {CompetitionEvent._meta.db_table} "
            f"WHERE {of_synthetic('competition_id', Competition)})"
        )
        tables = [
            (CompetitionResult, f"source = %s OR {events}"),
            (HonorAward, f"source = %s OR {of_synthetic('craftsman_id', Craftsman)}"),
            (Program.districts.through, of_synthetic("program_id", Program)),
            (Program.occupations.through, of_synthetic("program_id", Program)),
            (ProgramTargetGroup, of_synthetic("program_id", Program)),
            (Program, "source = %s"),
            (Studio.occupations.through, of_synthetic("studio_id", Studio)),
            (Studio.clusters.through, of_synthetic("studio_id", Studio)),
            (Studio, "source = %s"),
            (TrainingBase.occupations.through, of_synthetic("trainingbase_id", TrainingBase)),
            (TrainingBase.clusters.through, of_synthetic("trainingbase_id", TrainingBase)),
            (TrainingBase, "source = %s"),
            (CompetitionEvent, of_synthetic("competition_id", Competition)),
            (Competition, "source = %s"),
            (Craftsman, "source = %s"),
            (Organization, "source = %s"),
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            for model, where in tables:
                sql = f"DELETE FROM {model._meta.db_table} WHERE {where}"
                cursor.execute(sql, [SOURCE] * where.count("%s"))
                self.stdout.write(f"{model._meta.label}: removed {cursor.rowcount}")
            refresh_honor_rolls()
        public_cache.invalidate()
