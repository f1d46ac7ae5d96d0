from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from programs.models import Program
from talent.models import CompetitionResult, Craftsman, HonorAward

pytestmark = pytest.mark.django_db

SYNTHETIC = "synthetic:generate_volume"


def generate(**counts):
    call_command("generate_volume", stdout=StringIO(), **counts)


@pytest.fixture
def seeded():
    call_command("load_seeds", stdout=StringIO())


def test_it_makes_the_requested_numbers_of_synthetic_records(seeded):
    generate(craftsmen=300, awards=500, programs=40, results=120)
    assert Craftsman.objects.filter(source=SYNTHETIC).count() == 300
    assert HonorAward.objects.filter(source=SYNTHETIC).count() == 500
    assert Program.objects.filter(source=SYNTHETIC).count() == 40
    assert CompetitionResult.objects.filter(source=SYNTHETIC).count() == 120


def test_synthetic_records_are_marked_as_demo(seeded):
    generate(craftsmen=50, programs=5)
    assert not Craftsman.objects.filter(source=SYNTHETIC, is_demo=False).exists()
    assert not Program.objects.filter(source=SYNTHETIC, is_demo=False).exists()


def test_the_same_seed_gives_the_same_names(seeded):
    generate(craftsmen=20)
    first = list(Craftsman.objects.filter(source=SYNTHETIC).values_list("name", flat=True))
    call_command("generate_volume", remove=True, stdout=StringIO())
    generate(craftsmen=20)
    second = list(Craftsman.objects.filter(source=SYNTHETIC).values_list("name", flat=True))
    assert first == second


def test_remove_deletes_every_synthetic_record_and_keeps_the_seeds(seeded):
    real_craftsmen = Craftsman.objects.count()
    generate(craftsmen=100, awards=150, programs=10, results=30)
    call_command("generate_volume", remove=True, stdout=StringIO())
    assert Craftsman.objects.count() == real_craftsmen
    assert not HonorAward.objects.filter(source=SYNTHETIC).exists()
    assert not Program.objects.filter(source=SYNTHETIC).exists()
    assert not CompetitionResult.objects.filter(source=SYNTHETIC).exists()


def test_without_reference_data_it_says_to_load_seeds_first():
    with pytest.raises(CommandError, match="load_seeds"):
        generate(craftsmen=10)
