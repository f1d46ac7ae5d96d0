"""The trigram and bigram indexes behind `?q=` on programs (programs/migrations/0003 and 0004)
match the SQL the search issues: PostgreSQL can answer a program search from them without
reading the table."""

import pytest
from django.db import connection

from programs.filters import ProgramFilterSet
from programs.models import Program
from tests.factories import ProgramFactory
from tests.query_plans import plan_of

pytestmark = pytest.mark.django_db


def test_a_program_search_reads_the_title_and_summary_trigram_indexes():
    ProgramFactory(title="数控车工技能培训")
    searched = ProgramFilterSet.search_queryset(Program.objects.order_by(), "车工技能")
    if connection.vendor != "postgresql":  # SQLite has no trigram index: the search scans
        assert list(searched.values_list("title", flat=True)) == ["数控车工技能培训"]
        return
    plan = plan_of(searched)
    assert "program_title_trgm" in plan and "program_summary_trgm" in plan


def test_a_two_character_program_search_reads_the_title_and_summary_bigram_indexes():
    ProgramFactory(title="数控车工技能培训", summary="面向制造业")
    ProgramFactory(title="养老护理培训", summary="也教车工")
    ProgramFactory(title="电工培训", summary="车辆工程")
    searched = ProgramFilterSet.search_queryset(Program.objects.order_by(), "车工")
    assert sorted(searched.values_list("title", flat=True)) == ["养老护理培训", "数控车工技能培训"]
    if connection.vendor == "postgresql":  # SQLite has no bigram index: the search scans
        plan = plan_of(searched)
        assert "program_title_bigram" in plan and "program_summary_bigram" in plan
