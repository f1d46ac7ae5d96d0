"""How a card and a program page word enrolment, dates, place and cost (programs/presentation)."""

import datetime

import pytest
from django.template import engines
from django.utils import translation

from programs.models import Program
from programs.presentation import program_state
from tests.factories import DistrictFactory, ProgramFactory, TrainingBaseFactory

pytestmark = pytest.mark.django_db

CARD_LINES = (
    "{{ program_enrolment(program) }}|{{ program_dates(program) }}|"
    "{{ program_place(program) }}|{{ program_cost(program) }}"
)


def lines(program):
    """The four lines as a page's template renders them (escaped)."""
    return engines["jinja2"].from_string(CARD_LINES).render({"program": program}).split("|")


def test_a_program_with_dates_shows_both_periods():
    enrolment, dates, _place, _cost = lines(ProgramFactory())
    assert enrolment == "2026-11-01 – 2026-11-30"
    assert dates == "2026-12-01 – 2026-12-31"


def test_a_program_without_dates_runs_all_year_and_takes_anyone_any_time():
    program = ProgramFactory(enrol_start=None, enrol_end=None, start_date=None, end_date=None)
    enrolment, dates, _place, _cost = lines(program)
    assert (enrolment, dates) == ("常年开展，随时报名", "常年开展")


def test_enrolment_without_announced_dates_says_not_announced():
    enrolment, *_rest = lines(ProgramFactory(enrol_start=None, enrol_end=None))
    assert enrolment == "未公布"


def test_the_place_is_online_or_the_address_or_the_base_or_the_districts_or_the_city():
    online = ProgramFactory(mode=Program.Mode.ONLINE, address="不显示")
    addressed = ProgramFactory(address="沙坪坝区大学城")
    based = ProgramFactory(provider_base=TrainingBaseFactory(name="重庆示例实训基地"))
    spread = ProgramFactory()
    spread.districts.set([DistrictFactory(name="渝中区"), DistrictFactory(name="江北区")])
    citywide = ProgramFactory()
    places = [lines(p)[2] for p in (online, addressed, based, spread, citywide)]
    assert places[:3] == ["线上", "沙坪坝区大学城", "重庆示例实训基地"]
    assert sorted(places[3].split("、")) == sorted(["渝中区", "江北区"])
    assert places[4] == "全市"


def test_the_cost_is_what_remains_after_the_subsidy_with_both_shown():
    cost = lines(ProgramFactory(fee=1200, subsidy=1000))[3]
    assert cost == '200 元 <span class="muted">（费用 1,200 元，补贴 1,000 元）</span>'


def test_a_subsidy_without_a_fee_and_a_program_without_either():
    assert lines(ProgramFactory(fee=None, subsidy=500))[3] == "补贴 500 元"
    assert lines(ProgramFactory(fee=None, subsidy=None))[3] == "未公布"
    assert lines(ProgramFactory(fee=0, subsidy=None))[3] == "免费"


def test_an_address_is_escaped():
    assert lines(ProgramFactory(address="<b>楼</b>"))[2] == "&lt;b&gt;楼&lt;/b&gt;"


@pytest.mark.parametrize(
    ("language", "label"), [("zh-hans", "报名中"), ("en", "Open for enrolment")]
)
def test_a_programs_state_is_worded_in_the_pages_language(language, label):
    with translation.override(language):
        assert program_state("enrolling") == label


def test_a_date_before_the_year_1000_keeps_four_digits_as_djangos_format_did():
    program = ProgramFactory(enrol_start=datetime.date(999, 1, 2), enrol_end=None)
    assert lines(program)[0] == "0999-01-02 – "


def test_the_same_cost_reads_in_each_language_it_is_shown_in():
    program = ProgramFactory(fee=1200, subsidy=1000)
    chinese = lines(program)[3]
    with translation.override("en"):
        english = lines(program)[3]
    assert (chinese.startswith("200 元"), english.startswith("¥200")) == (True, True)
