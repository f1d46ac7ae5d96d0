"""Fill the database with synthetic records at city scale, for benchmarks; remove them again.

Everything made here carries `is_demo=True` and `source="synthetic:generate_volume"`, is
published, and uses the real districts and occupations loaded by `load_seeds`. Names come from a
fixed-seed generator so two runs with the same numbers give the same people.
"""

import datetime
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from portal import cache as public_cache
from portal.choices import PublicationState, SkillLevel
from portal.models import District, Occupation
from programs.models import Program, ProgramTargetGroup
from talent.models import (
    Competition,
    CompetitionEvent,
    CompetitionResult,
    Craftsman,
    HonorAward,
    HonorTitle,
)
from talent.services import refresh_honor_rolls

SOURCE = "synthetic:generate_volume"
BATCH = 5000

# Common surnames first, so the skew looks like a real registry.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢"
    "宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志文辉鹏宇浩然晨欣怡婷"


def zipf_weights(count, exponent=1.1):
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


class Command(BaseCommand):
    help = (
        "Generate (or --remove) synthetic craftsmen, awards, programs and results for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--craftsmen", type=int, default=0)
        parser.add_argument("--awards", type=int, default=0)
        parser.add_argument("--programs", type=int, default=0)
        parser.add_argument("--results", type=int, default=0)
        parser.add_argument("--seed", type=int, default=20261122)
        parser.add_argument(
            "--remove", action="store_true", help="delete every synthetic record and stop"
        )

    def handle(self, *args, craftsmen, awards, programs, results, seed, remove, **options):
        if remove:
            self.remove()
            return
        if min(craftsmen, awards, programs, results) < 0:
            raise CommandError("Counts must be zero or more.")
        districts = list(District.objects.exclude(kind=District.Kind.ZONE))
        occupations = list(Occupation.objects.all())
        titles = list(HonorTitle.objects.all())
        if not districts or not occupations or (awards and not titles):
            raise CommandError("Load the reference data first: python manage.py load_seeds")
        self.rng = random.Random(seed)
        self.district_weights = zipf_weights(len(districts))
        self.occupation_weights = zipf_weights(len(occupations))
        self.districts, self.occupations, self.titles = districts, occupations, titles
        started = time.monotonic()
        people = self.make_craftsmen(craftsmen) if craftsmen else []
        if (awards or results) and not people:
            people = list(Craftsman.objects.filter(source=SOURCE).values_list("pk", "name"))
            if not people:
                raise CommandError("Awards and results need synthetic craftsmen: pass --craftsmen.")
        craftsman_ids = [pk for pk, _name in people]
        if awards:
            self.make_awards(awards, people)
        if programs:
            self.make_programs(programs)
        if results:
            self.make_results(results, craftsman_ids)
        refresh_honor_rolls()  # bulk inserts send no signals
        public_cache.invalidate()
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")

    def pick_district(self):
        return self.rng.choices(self.districts, self.district_weights)[0]

    def pick_occupation(self):
        return self.rng.choices(self.occupations, self.occupation_weights)[0]

    def name(self):
        given = "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
        surname = SURNAMES[min(int(self.rng.expovariate(0.08)), len(SURNAMES) - 1)]
        return surname + given

    def insert(self, model, rows):
        """Insert `rows` in batches, each in its own transaction; return how many."""
        for start in range(0, len(rows), BATCH):
            with transaction.atomic():
                model.objects.bulk_create(rows[start : start + BATCH], batch_size=BATCH)
        return len(rows)

    def make_craftsmen(self, count):
        levels = list(SkillLevel.values)
        level_weights = [2, 8, 10, 8, 4, 2, 0.3, 0.1]
        ids = []
        for start in range(0, count, BATCH):
            rows = [
                Craftsman(
                    name=self.name(),
                    gender=self.rng.choice(("male", "female", "male")),
                    occupation=self.pick_occupation(),
                    district=self.pick_district(),
                    skill_level=self.rng.choices(levels, level_weights)[0],
                    public_consent=self.rng.random() < 0.95,
                    publication_state=PublicationState.PUBLISHED,
                    is_demo=True,
                    source=SOURCE,
                )
                for _ in range(min(BATCH, count - start))
            ]
            with transaction.atomic():
                ids.extend((obj.pk, obj.name) for obj in Craftsman.objects.bulk_create(rows))
        self.stdout.write(f"craftsmen: {len(ids)}")
        return ids

    def make_awards(self, count, people):
        """Awards of the (pk, name) `people`, the name copied for the roll's order."""
        years = list(range(2000, 2027))
        pairs = [(title, year) for title in self.titles for year in years]
        if count > len(people) * len(pairs):
            raise CommandError("More awards than craftsmen × titles × years allow.")
        # Award k goes to craftsman k mod n; its round picks a distinct (title, year) pair.
        n = len(people)
        rows, made = [], 0
        for k in range(count):
            pair_index = (k // n + k % n * 7) % len(pairs)
            title, year = pairs[pair_index]
            craftsman_id, name = people[k % n]
            rows.append(
                HonorAward(
                    craftsman_id=craftsman_id,
                    craftsman_name=name,
                    title=title,
                    year=year,
                    publication_state=PublicationState.PUBLISHED,
                    is_demo=True,
                    source=SOURCE,
                )
            )
            if len(rows) == BATCH:
                made += self.insert(HonorAward, rows)
                rows = []
        made += self.insert(HonorAward, rows)
        self.stdout.write(f"awards: {made}")

    def make_programs(self, count):
        kinds = list(Program.Kind.values)
        groups = list(ProgramTargetGroup.Group.values)
        base = datetime.date(2024, 1, 1)
        rows = []
        for number in range(count):
            start = base + datetime.timedelta(days=self.rng.randrange(0, 1200))
            fee = self.rng.choice((None, 0, 800, 1500, 3000))
            rows.append(
                Program(
                    slug=f"synthetic-{number}-{self.rng.randrange(10**9)}",
                    title=f"{self.pick_occupation().name}技能提升培训（合成数据）",
                    kind=self.rng.choice(kinds),
                    mode=self.rng.choice(Program.Mode.values),
                    enrol_start=start - datetime.timedelta(days=45),
                    enrol_end=start - datetime.timedelta(days=5),
                    start_date=start,
                    end_date=start + datetime.timedelta(days=self.rng.randrange(3, 120)),
                    fee=fee,
                    subsidy=None if fee is None else fee * self.rng.choice((0, 0.5, 1)),
                    places=self.rng.randrange(20, 200),
                    publication_state=PublicationState.PUBLISHED,
                    is_demo=True,
                    source=SOURCE,
                )
            )
        with transaction.atomic():
            made = Program.objects.bulk_create(rows, batch_size=BATCH)
            through = Program.districts.through
            through.objects.bulk_create(
                [through(program_id=p.pk, district_id=self.pick_district().pk) for p in made],
                batch_size=BATCH,
            )
            ProgramTargetGroup.objects.bulk_create(
                [ProgramTargetGroup(program=p, group=self.rng.choice(groups)) for p in made],
                batch_size=BATCH,
            )
        self.stdout.write(f"programs: {len(made)}")

    def make_results(self, count, craftsman_ids):
        competition, _ = Competition.objects.get_or_create(
            slug="synthetic-volume",
            defaults={
                "name": "合成数据技能竞赛（基准测试）",
                "series": Competition.Series.OTHER,
                "level": Competition.CompetitionLevel.MUNICIPAL,
                "year": 2026,
                "publication_state": PublicationState.PUBLISHED,
                "is_demo": True,
                "source": SOURCE,
            },
        )
        events = [
            CompetitionEvent.objects.get_or_create(
                competition=competition, name=f"{occupation.name}赛项"
            )[0]
            for occupation in self.occupations
        ]
        medals = ["gold", "silver", "bronze", "excellence", ""]
        rows = []
        for k in range(count):
            medal = self.rng.choices(medals, (1, 2, 3, 6, 30))[0]
            rows.append(
                CompetitionResult(
                    event=events[k % len(events)],
                    craftsman_id=craftsman_ids[k % len(craftsman_ids)],
                    delegation=self.pick_district().name,
                    medal=medal,
                    rank=None if medal else self.rng.randrange(4, 200),
                    is_demo=True,
                    source=SOURCE,
                )
            )
        self.stdout.write(f"results: {self.insert(CompetitionResult, rows)}")

    def remove(self):
        """Delete in dependency order with plain SQL: the ORM's cascade walk is too slow at 10^6."""
        tables = [
            (CompetitionResult, "source = %s"),
            (HonorAward, "source = %s"),
            (
                ProgramTargetGroup,
                "program_id IN (SELECT id FROM programs_program WHERE source = %s)",
            ),
            (
                Program.districts.through,
                "program_id IN (SELECT id FROM programs_program WHERE source = %s)",
            ),
            (
                CompetitionEvent,
                "competition_id IN (SELECT id FROM talent_competition WHERE source = %s)",
            ),
            (Competition, "source = %s"),
            (Program, "source = %s"),
            (Craftsman, "source = %s"),
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            for model, where in tables:
                cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE {where}", [SOURCE])
                self.stdout.write(f"{model._meta.label}: removed {cursor.rowcount}")
            refresh_honor_rolls()
        public_cache.invalidate()
