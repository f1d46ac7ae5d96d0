from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.publishing import cache as public_cache
from portal.publishing.choices import PublicationState
from portal.vocabulary.models import Organization
from programs.models import Program, TrainingBase
from talent.models import (
    Competition,
    CompetitionEvent,
    CompetitionResult,
    Craftsman,
    HonorAward,
    HonorRoll,
    Studio,
)
from talent.selectors import public_awards

pytestmark = pytest.mark.django_db

SYNTHETIC = "synthetic:generate_volume"


def generate(**counts):
    out = StringIO()
    call_command("generate_volume", stdout=out, **counts)
    return out.getvalue()


def synthetic(model):
    return model.objects.filter(source=SYNTHETIC).count()


@pytest.fixture
def seeded():
    call_command("load_seeds", stdout=StringIO())


def test_it_makes_the_requested_numbers_of_synthetic_records(seeded):
    generate(craftsmen=300, awards=500, programs=40, results=120)
    assert synthetic(Craftsman) == 300
    assert synthetic(HonorAward) == 500
    assert synthetic(Program) == 40
    assert synthetic(CompetitionResult) == 120


def test_a_scale_makes_every_kind_in_proportion_to_the_craftsmen(seeded):
    generate(scale=1000, bases=2, competitions=2)
    assert synthetic(Craftsman) == 1000
    assert synthetic(HonorAward) == 1000
    assert synthetic(Program) == 50
    assert synthetic(CompetitionResult) == 20
    assert synthetic(Organization) == 5
    assert synthetic(Studio) == 2
    assert synthetic(TrainingBase) == 2
    assert synthetic(Competition) == 2
    assert CompetitionEvent.objects.filter(competition__source=SYNTHETIC).count() == 20


def test_synthetic_records_are_published_demo_records(seeded):
    generate(craftsmen=50, programs=5, studios=2, bases=2)
    for model in (Craftsman, Program, Studio, TrainingBase):
        rows = model.objects.filter(source=SYNTHETIC)
        assert not rows.filter(is_demo=False).exists()
        assert not rows.exclude(publication_state=PublicationState.PUBLISHED).exists()


def test_a_second_run_adds_to_the_first_within_the_rules(seeded):
    generate(scale=200, bases=1, competitions=1, seed=1)
    generate(scale=200, bases=1, competitions=1, seed=2)
    generate(awards=200)  # the people of both runs, a title and year each has not had
    assert synthetic(Craftsman) == 400
    assert synthetic(HonorAward) == 600
    assert synthetic(Program) == 20
    assert synthetic(Studio) == 0  # 200 // 500
    assert synthetic(TrainingBase) == 2


def test_honor_roll_sizes_count_the_public_awards_after_a_run(seeded):
    generate(craftsmen=200, awards=400)
    rolls = HonorRoll.objects.all()
    # A roll is one title in one year: awards without a year are on their holders' pages only.
    assert sum(roll.size for roll in rolls) == public_awards().exclude(year=None).count()
    largest = rolls.order_by("-size").first()
    assert largest.size == public_awards().filter(title=largest.title, year=largest.year).count()


def test_a_run_makes_the_cached_public_pages_stale(seeded):
    cache.set(public_cache.GENERATION_KEY, "before", None)
    generate(craftsmen=10)
    assert cache.get(public_cache.GENERATION_KEY) != "before"


def test_it_shows_its_progress_in_rows_done_of_the_total(seeded):
    output = generate(craftsmen=300, awards=100)
    assert "craftsmen: 300 / 300 (100%)" in output
    assert "awards: 100 / 100 (100%)" in output
    assert "rows/s" in output


def test_the_same_seed_gives_the_same_names(seeded):
    generate(craftsmen=20)
    first = list(Craftsman.objects.filter(source=SYNTHETIC).values_list("name", flat=True))
    call_command("generate_volume", remove=True, stdout=StringIO())
    generate(craftsmen=20)
    second = list(Craftsman.objects.filter(source=SYNTHETIC).values_list("name", flat=True))
    assert first == second


def test_remove_deletes_every_synthetic_record_and_keeps_the_seeds(seeded):
    real = {model: model.objects.count() for model in (Craftsman, Studio, Organization)}
    generate(scale=500, bases=2, competitions=1)
    call_command("generate_volume", remove=True, stdout=StringIO())
    for model in (Craftsman, Studio, Organization):
        assert model.objects.count() == real[model]
    for model in (HonorAward, Program, TrainingBase, Competition, CompetitionResult):
        assert not model.objects.filter(source=SYNTHETIC).exists()
    rolled = public_awards().exclude(year=None)  # a roll is one title in one year
    assert sum(roll.size for roll in HonorRoll.objects.all()) == rolled.count()


def test_without_reference_data_it_says_to_load_seeds_first():
    with pytest.raises(CommandError, match="load_seeds"):
        generate(craftsmen=10)
