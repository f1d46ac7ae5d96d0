"""A page's query run as a statement written once per shape (portal.prepared.rows)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import prepared
from talent.views import roll_page
from tests.factories import CraftsmanFactory, HonorAwardFactory, HonorTitleFactory

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture
def rolls():
    title = HonorTitleFactory(slug="bayu-gongjiang")
    for year, names in ((2024, ["张三", "李四"]), (2025, ["王五"])):
        for name in names:
            HonorAwardFactory(title=title, year=year, craftsman=CraftsmanFactory(name=name))
    return title


def names(title, year):
    return [
        row.craftsman__name
        for row in prepared.rows(("test-roll",), roll_page, [title.pk, year], using="default")
    ]


def test_each_years_rows_come_from_one_statement_written_for_every_year(rolls):
    prepared._shapes.pop(("default", ("test-roll",)), None)
    assert (names(rolls, 2024), names(rolls, 2025)) == (["张三", "李四"], ["王五"])
    written = prepared._shapes.get(("default", ("test-roll",)))
    assert (written is not None) == ON_POSTGRESQL  # the year (a small integer) is a parameter


def test_the_rows_are_the_querysets_own(rolls):
    expected = list(roll_page(rolls.pk, 2024))
    assert prepared.rows(("test-roll",), roll_page, [rolls.pk, 2024]) == expected


def test_a_statement_is_one_query_and_reads_changes_made_after_it_was_written(rolls):
    names(rolls, 2025)
    HonorAwardFactory(title=rolls, year=2025, craftsman=CraftsmanFactory(name="赵六"))
    with CaptureQueriesContext(connection) as queries:
        found = names(rolls, 2025)
    assert (len(queries), found) == (1, ["王五", "赵六"])


def test_a_connections_first_prepared_statement_adds_no_query_to_the_page(rolls):
    connection.ensure_connection()
    if ON_POSTGRESQL:
        connection.connection.prepare_threshold = None  # as a new connection has it
    with CaptureQueriesContext(connection) as queries:
        names(rolls, 2024)
    assert len(queries) == 1


def test_placeholders_become_postgresqls_own_and_a_doubled_percent_one_percent():
    sql = "SELECT %s, '100%%', %s WHERE name LIKE %s"
    assert prepared.numbered(sql) == "SELECT $1, '100%', $2 WHERE name LIKE $3"


def test_a_statement_finds_a_percent_sign_written_into_it(rolls):
    ahead = prepared.supported("default")  # elsewhere Django's own cursor reads it
    found = prepared.fetchall("SELECT %s || '%%'", ["100"], using="default", prepare=ahead)
    assert found == [("100%",)]


def test_a_count_is_the_querysets_own_for_each_value(rolls):
    counted = [
        prepared.count_along(("test-roll-count",), roll_page, [rolls.pk, y])[0]
        for y in (2024, 2025)
    ]
    assert counted == [roll_page(rolls.pk, 2024).count(), roll_page(rolls.pk, 2025).count()]


def test_a_count_reads_a_value_along_in_the_same_query_on_postgresql(rolls):
    with CaptureQueriesContext(connection) as captured:
        found = prepared.count_along(
            ("test-roll-count",), roll_page, [rolls.pk, 2024], also="'along'"
        )
    assert (found, len(captured)) == ((2, "along" if ON_POSTGRESQL else None), 1)
