"""What a key figure can be: the database refuses what no source could say."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from portal.figures.models import KeyFigure

from .factories import KeyFigureFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "change",
    [
        {"value": Decimal("-1")},
        {"unit": ""},
        {"unit": "%", "value": Decimal("120")},
        {"source": ""},
        {"scope": ""},
        {"is_demo": True},
        {"topic": "weather"},
        {"qualifier": "roughly"},
        {"as_of_month": 13},
        {"as_of_year": 1900},
        {"since_year": 2026, "as_of_year": 2025},
    ],
)
def test_the_database_refuses_a_figure_no_source_could_give(change):
    figure = KeyFigureFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        KeyFigure.objects.filter(pk=figure.pk).update(**change)


def test_a_demo_figure_is_refused_with_a_message_before_the_database():
    figure = KeyFigureFactory.build(is_demo=True)
    with pytest.raises(Exception, match="官方数据不能是演示数据"):
        figure.full_clean()


@pytest.mark.parametrize(
    ("qualifier", "value", "unit", "shown"),
    [
        ("exact", "36", "个", "36个"),
        ("more_than", "110", "人", "超过110人"),
        ("about", "70", "万人", "约70万人"),
        ("at_least", "1", "万名", "1万名以上"),
        ("under", "5", "%", "不足5%"),
        ("exact", "6.70", "万人", "6.7万人"),
        ("exact", "15283", "家", "15283家"),
    ],
)
def test_a_figure_reads_as_its_source_says_it(qualifier, value, unit, shown):
    figure = KeyFigureFactory.build(qualifier=qualifier, value=Decimal(value), unit=unit)
    assert str(figure.display_value) == shown


def test_the_period_says_since_when_and_until_when():
    cumulative = KeyFigureFactory.build(since_year=2022, as_of_year=2025)
    dated = KeyFigureFactory.build(as_of_year=2024, as_of_month=12)
    goal = KeyFigureFactory.build(kind="target", period_note="未来十年", as_of_year=2026)
    assert str(cumulative.display_period) == "2022年以来（截至2025年）"
    assert str(dated.display_period) == "截至2024年12月"
    assert str(goal.display_period) == "未来十年目标（2026年提出）"
