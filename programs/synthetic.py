"""Synthetic records at city scale, written in batches with bulk_create (generate_volume).

Everything made here carries `is_demo=True` and `source="synthetic:generate_volume"`, is
published, and uses the real districts, occupations, clusters and honor titles loaded by
`load_seeds`. Names come from a fixed-seed generator, so two runs with the same numbers give
the same people. Bulk inserts send no signals: whoever calls these recounts the honor rolls
and makes the public cache stale.
"""

import datetime
import random
import time
from decimal import Decimal

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from portal.publishing.choices import PublicationState
from portal.vocabulary.choices import Level, SkillLevel
from portal.vocabulary.models import District, IndustryCluster, Occupation, Organization
from programs.models import Program, ProgramTargetGroup, TrainingBase
from talent.models import (
    Competition,
    CompetitionEvent,
    CompetitionResult,
    ConsentMethod,
    Craftsman,
    HonorAward,
    HonorTitle,
    PublicBasis,
    Studio,
)

SOURCE = "synthetic:generate_volume"
BATCH = 5000
# One record of each kind per this many craftsmen, under --scale.
RATIO = {
    "awards": 1,
    "programs": 20,
    "results": 50,
    "organizations": 200,
    "studios": 500,
    "bases": 2000,
    "competitions": 5000,
}
EVENTS_PER_COMPETITION = 10

# Common surnames first, so the skew looks like a real registry.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢"
    "宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志文辉鹏宇浩然晨欣怡婷"
COMPANY = ("机械", "电子", "汽车", "建筑", "化工", "食品", "物流", "能源", "材料", "软件")


def zipf_weights(count, exponent=1.1):
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


class Progress:
    """Rows done of the total and the rate, printed at most once a second."""

    def __init__(self, stdout, label, total):
        self.stdout, self.label, self.total = stdout, label, total
        self.done, self.started, self.shown = 0, time.monotonic(), 0.0

    def advance(self, rows):
        self.done += rows
        now = time.monotonic()
        if now - self.shown >= 1 or self.done >= self.total:
            self.shown = now
            rate = self.done / max(now - self.started, 1e-6)
            self.stdout.write(
                f"{self.label}: {self.done:,} / {self.total:,} "
                f"({100 * self.done / max(self.total, 1):.0f}%), {rate:,.0f} rows/s"
            )


class SyntheticRecords:
    """Makes each kind of record; `stdout` hears the progress."""

    def __init__(self, stdout, seed):
        self.stdout = stdout
        self.districts = list(District.objects.exclude(kind=District.Kind.ZONE))
        self.occupations = list(Occupation.objects.all())
        self.titles = list(HonorTitle.objects.all())
        self.clusters = list(IndustryCluster.objects.all())
        self.rng = random.Random(seed)
        self.district_weights = zipf_weights(len(self.districts))
        self.occupation_weights = zipf_weights(len(self.occupations))
        self.now = timezone.now()
        self.organizations = []

    # --- picking ---------------------------------------------------------------------------

    def pick_district(self):
        return self.rng.choices(self.districts, self.district_weights)[0]

    def pick_occupation(self):
        return self.rng.choices(self.occupations, self.occupation_weights)[0]

    def pick_organization(self):
        return self.rng.choice(self.organizations) if self.organizations else None

    def name(self):
        given = "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
        surname = SURNAMES[min(int(self.rng.expovariate(0.08)), len(SURNAMES) - 1)]
        return surname + given

    def published_at(self):
        """Published at some moment of the last three years."""
        return self.now - datetime.timedelta(seconds=self.rng.randrange(3 * 365 * 86400))

    def published(self):
        """The fields every synthetic public record shares."""
        return {
            "publication_state": PublicationState.PUBLISHED,
            "published_at": self.published_at(),
            "is_demo": True,
            "source": SOURCE,
        }

    def offset(self, model):
        """Where this run's numbering starts, so unique names never meet an earlier run's."""
        return model.objects.filter(source=SOURCE).count()

    # --- writing ---------------------------------------------------------------------------

    def insert(self, label, total, rows, keep=lambda row: row):
        """bulk_create `rows` (model instances) in batches; return `keep` of each (None: no
        list, for the kinds counted in millions that nothing refers to afterwards)."""
        progress = Progress(self.stdout, label, total)
        remembered, batch = [], []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                self.flush(batch, progress, remembered, keep)
                batch = []
        if batch:
            self.flush(batch, progress, remembered, keep)
        return remembered

    @staticmethod
    def flush(batch, progress, remembered, keep):
        model = type(batch[0])
        # An award already given (people of an earlier run) is skipped, not an error.
        quietly = model is HonorAward
        with transaction.atomic():
            made = model.objects.bulk_create(batch, batch_size=BATCH, ignore_conflicts=quietly)
        if keep is not None:
            remembered.extend(keep(row) for row in made)
        progress.advance(len(batch))

    def link(self, label, through, pairs):
        """Rows of a many-to-many table from (owner id, target id) pairs."""
        owner, target = (f.attname for f in through._meta.concrete_fields if f.is_relation)
        rows = [through(**{owner: a, target: b}) for a, b in pairs]
        self.insert(label, len(rows), rows, keep=None)

    # --- the kinds -------------------------------------------------------------------------

    def make_organizations(self, count):
        start = self.offset(Organization)
        rows = (
            Organization(
                name=f"重庆{self.rng.choice(COMPANY)}合成企业{start + n}号有限公司",
                kind=Organization.Kind.ENTERPRISE,
                district=self.pick_district(),
                is_demo=True,
                source=SOURCE,
            )
            for n in range(count)
        )
        return self.insert("organizations", count, rows, keep=lambda org: org.pk)

    def make_craftsmen(self, count):
        levels = list(SkillLevel.values)
        level_weights = [2, 8, 10, 8, 4, 2, 0.3, 0.1]
        rows = (
            Craftsman(
                name=self.name(),
                gender=self.rng.choice(("male", "female", "male")),
                organization_id=self.pick_organization(),
                occupation=self.pick_occupation(),
                district=self.pick_district(),
                skill_level=self.rng.choices(levels, level_weights)[0],
                **self.basis(),
                **self.published(),
            )
            for _ in range(count)
        )
        return self.insert("craftsmen", count, rows, keep=lambda person: (person.pk, person.name))

    def basis(self):
        """Most synthetic people consented (on a dated form), some are shown on an
        announcement, a few have no basis and appear nowhere public."""
        draw = self.rng.random()
        if draw < 0.80:
            return {
                "public_basis": PublicBasis.CONSENT,
                "consent_date": self.now.date(),
                "consent_method": ConsentMethod.ONLINE,
            }
        if draw < 0.95:
            return {
                "public_basis": PublicBasis.ANNOUNCEMENT,
                "announcement": "演示：虚构的公开发布",
            }
        return {"public_basis": PublicBasis.NONE}

    def make_awards(self, count, people):
        """Awards of the (pk, name) `people`, the name copied for the roll's order. Award k
        goes to person k mod n, each round of people to a different (title, year): one award
        per person, title and year, as the database requires."""
        if not count:
            return
        pairs = [(title, year) for title in self.titles for year in range(2000, 2027)]
        n = len(people)
        if count > n * len(pairs):
            raise CommandError("More awards than craftsmen × titles × years allow.")
        # People of an earlier run: carry on after the rounds they already had.
        rounds = HonorAward.objects.filter(craftsman_id=people[0][0]).count()

        def rows():
            for k in range(rounds * n, rounds * n + count):
                title, year = pairs[(k // n + k % n * 7) % len(pairs)]
                person, name = people[k % n]
                yield HonorAward(
                    craftsman_id=person,
                    craftsman_name=name,
                    title=title,
                    year=year,
                    **self.published(),
                )

        self.insert("awards", count, rows(), keep=None)

    def make_bases(self, count):
        kinds = list(TrainingBase.Kind.values)
        start = self.offset(TrainingBase)
        made = []
        for n in range(count):
            district, occupation = self.pick_district(), self.pick_occupation()
            kind = self.rng.choice(kinds)
            worldskills = kind == TrainingBase.Kind.WORLDSKILLS_CHINA_BASE
            made.append(
                TrainingBase(
                    name=f"{district.name}{occupation.name}培训基地（合成{start + n}）",
                    kind=kind,
                    level=self.rng.choice(Level.values),
                    organization_id=self.pick_organization(),
                    district=district,
                    address=f"重庆市{district.name}合成路{n % 500 + 1}号",
                    latitude=Decimal(f"{self.rng.uniform(28.2, 32.2):.6f}"),
                    longitude=Decimal(f"{self.rng.uniform(105.3, 110.2):.6f}"),
                    worldskills_skill=occupation.name if worldskills else "",
                    worldskills_edition=self.rng.choice((45, 46, 47)) if worldskills else None,
                    approval_year=self.rng.randrange(2010, 2026),
                    yearly_capacity=self.rng.randrange(200, 5000),
                    **self.published(),
                )
            )
            made[-1].picked = occupation.pk
        self.insert("training bases", count, made, keep=None)
        self.link(
            "base occupations",
            TrainingBase.occupations.through,
            [(base.pk, base.picked) for base in made],
        )
        return [base.pk for base in made]

    def make_programs(self, count, bases):
        kinds, groups = list(Program.Kind.values), list(ProgramTargetGroup.Group.values)
        start, first_day = self.offset(Program), datetime.date(2024, 1, 1)
        made = []
        for n in range(count):
            begins = first_day + datetime.timedelta(days=self.rng.randrange(0, 1200))
            fee = self.rng.choice((None, 0, 800, 1500, 3000))
            occupation, district = self.pick_occupation(), self.pick_district()
            made.append(
                Program(
                    slug=f"synthetic-{start + n}",
                    title=f"{occupation.name}技能提升培训（合成数据）",
                    kind=self.rng.choice(kinds),
                    provider_base_id=self.rng.choice(bases) if bases else None,
                    provider_organization_id=self.pick_organization(),
                    mode=self.rng.choice(Program.Mode.values),
                    skill_level=self.rng.choice(SkillLevel.values),
                    enrol_start=begins - datetime.timedelta(days=45),
                    enrol_end=begins - datetime.timedelta(days=5),
                    start_date=begins,
                    end_date=begins + datetime.timedelta(days=self.rng.randrange(3, 120)),
                    hours=self.rng.randrange(16, 400),
                    places=self.rng.randrange(20, 200),
                    fee=fee,
                    subsidy=None if fee is None else Decimal(fee) * self.rng.choice((0, 1, 2)) / 2,
                    summary=f"面向{district.name}{occupation.name}从业人员的技能提升培训。",
                    **self.published(),
                )
            )
            made[-1].picked = (occupation.pk, district.pk, self.rng.choice(groups))
        self.insert("programs", count, made, keep=None)
        self.link(
            "program districts",
            Program.districts.through,
            [(p.pk, p.picked[1]) for p in made],
        )
        self.link(
            "program occupations",
            Program.occupations.through,
            [(p.pk, p.picked[0]) for p in made],
        )
        groups = [ProgramTargetGroup(program_id=p.pk, group=p.picked[2]) for p in made]
        self.insert("program target groups", count, groups, keep=None)

    def make_studios(self, count, people):
        statuses = [*Studio.Status.values, ""]
        start = self.offset(Studio)
        made = []
        for n in range(count):
            leader, leader_name = self.rng.choice(people)
            occupation = self.pick_occupation()
            made.append(
                Studio(
                    name=f"{leader_name}{occupation.name}技能大师工作室（合成{start + n}）",
                    level=self.rng.choices(Level.values, (1, 4, 8))[0],
                    leader_id=leader,
                    organization_id=self.pick_organization(),
                    district=self.pick_district(),
                    approval_year=self.rng.randrange(2008, 2026),
                    is_digital=self.rng.random() < 0.2,
                    status=self.rng.choice(statuses),
                    patents=self.rng.randrange(0, 30),
                    apprentices_trained=self.rng.randrange(0, 300),
                    **self.published(),
                )
            )
            made[-1].picked = (occupation.pk, self.rng.choice(self.clusters).pk)
        self.insert("studios", count, made, keep=None)
        self.link(
            "studio occupations", Studio.occupations.through, [(s.pk, s.picked[0]) for s in made]
        )
        if self.clusters:
            self.link(
                "studio clusters", Studio.clusters.through, [(s.pk, s.picked[1]) for s in made]
            )

    def make_competitions(self, count):
        """`count` competitions of EVENTS_PER_COMPETITION events each; the events' ids."""
        start = self.offset(Competition)
        made = []
        for n in range(count):
            year, district = self.rng.randrange(2010, 2027), self.pick_district()
            opens = datetime.date(year, 1, 1) + datetime.timedelta(days=self.rng.randrange(330))
            made.append(
                Competition(
                    slug=f"synthetic-{start + n}",
                    name=f"{year}年{district.name}职业技能竞赛（合成{start + n}）",
                    series=self.rng.choice(Competition.Series.values),
                    level=self.rng.choice(Competition.CompetitionLevel.values),
                    year=year,
                    start_date=opens,
                    end_date=opens + datetime.timedelta(days=self.rng.randrange(1, 5)),
                    location=f"重庆市{district.name}",
                    district=district,
                    participants=self.rng.randrange(50, 2000),
                    **self.published(),
                )
            )
        self.insert("competitions", count, made, keep=None)
        per = min(EVENTS_PER_COMPETITION, len(self.occupations))
        events = (
            CompetitionEvent(competition_id=c.pk, name=f"{o.name}赛项", occupation_id=o.pk)
            for c in made
            for o in self.rng.sample(self.occupations, per)
        )
        return self.insert("events", count * per, events, keep=lambda event: event.pk)

    def make_results(self, count, events, people):
        medals = ["gold", "silver", "bronze", "excellence", ""]

        def rows():
            for k in range(count):
                medal = self.rng.choices(medals, (1, 2, 3, 6, 30))[0]
                yield CompetitionResult(
                    event_id=events[k % len(events)],
                    craftsman_id=people[k % len(people)][0],
                    delegation=self.pick_district().name,
                    medal=medal,
                    rank=None if medal else self.rng.randrange(4, 200),
                    is_demo=True,
                    source=SOURCE,
                )

        self.insert("results", count, rows(), keep=None)
