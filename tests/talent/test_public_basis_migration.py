"""Migration 0012 turns the consent flag into a recorded basis honestly: being in the press was
never consent, so a press-only row gets no basis; a row resting on an official announcement
gets that basis with its citation."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("talent", "0011_source_link_and_staff_note")]
AFTER = [("talent", "0012_public_basis")]


@pytest.fixture
def executor():
    """Migrations of talent run back to before the basis; afterwards, forward to the end."""
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("talent")
    executor.migrate(BEFORE)
    yield executor
    executor = MigrationExecutor(connection)
    executor.migrate(latest)


def migrate_people(executor, people):
    """Create the rows as they were under the consent flag, migrate, and read them back."""
    old = executor.loader.project_state(BEFORE).apps.get_model("talent", "Craftsman")
    for fields in people:
        old.objects.create(publication_state="published", **fields)
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("talent", "Craftsman")
    return {
        person.name: person
        for person in new.objects.only(
            "name", "public_basis", "consent_date", "announcement", "staff_note"
        )
    }


@pytest.mark.django_db(transaction=True)
def test_press_only_rows_get_no_basis_and_say_why_in_the_staff_note(executor):
    people = migrate_people(
        executor, [{"name": "聂凤", "public_consent": True, "source": "新闻报道"}]
    )
    assert people["聂凤"].public_basis == ""
    assert people["聂凤"].consent_date is None
    assert "不等于本人同意" in people["聂凤"].staff_note


@pytest.mark.django_db(transaction=True)
def test_rows_resting_on_an_official_announcement_get_it_with_its_citation(executor):
    people = migrate_people(executor, [{"name": "杨波", "public_consent": True}])
    assert people["杨波"].public_basis == "announcement"
    assert people["杨波"].announcement.startswith("上游财经-重庆晨报")


@pytest.mark.django_db(transaction=True)
def test_rows_that_were_not_shown_stay_unshown_and_demo_rows_stay_in_development(executor):
    people = migrate_people(
        executor,
        [
            {"name": "唐跃辉", "public_consent": False},
            {"name": "示例工匠甲", "public_consent": True, "is_demo": True},
        ],
    )
    assert people["唐跃辉"].public_basis == ""
    assert people["示例工匠甲"].public_basis == "consent"
    assert people["示例工匠甲"].consent_date is not None
    assert "虚构人物" in people["示例工匠甲"].staff_note
