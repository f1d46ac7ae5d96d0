import datetime
from decimal import Decimal

import pytest

from programs.models import Program, ProgramState, ProgramTargetGroup, ShortageEntry, TrainingBase
from tests.factories import (
    DistrictFactory,
    OccupationFactory,
    ProgramFactory,
    ProgramTargetGroupFactory,
    ShortageEntryFactory,
    ShortageListFactory,
    TrainingBaseFactory,
)
from tests.helpers import assert_database_refuses, assert_invalid

pytestmark = pytest.mark.django_db

D = datetime.date


def build_program(**overrides):
    values = {
        "slug": "p",
        "title": "数控车工培训",
        "kind": Program.Kind.VOCATIONAL_TRAINING,
        "enrol_start": D(2026, 11, 1),
        "enrol_end": D(2026, 11, 30),
        "start_date": D(2026, 12, 1),
        "end_date": D(2026, 12, 31),
    }
    values.update(overrides)
    return Program(**values)


def test_enrolment_must_close_before_the_program_starts():
    program = build_program(enrol_end=D(2026, 12, 5))
    assert_invalid(program, "__all__", "报名截止日期不能晚于项目开始日期")
    assert_database_refuses(program)


def test_enrolment_cannot_open_after_it_closes():
    program = build_program(enrol_start=D(2026, 11, 30), enrol_end=D(2026, 11, 1))
    assert_invalid(program, "__all__", "报名开始日期不能晚于报名截止日期")
    assert_database_refuses(program)


def test_a_program_cannot_end_before_it_starts():
    program = build_program(end_date=D(2026, 11, 30))
    assert_invalid(program, "__all__", "结束日期不能早于开始日期")
    assert_database_refuses(program)


def test_fees_cannot_be_negative():
    program = build_program(fee=Decimal("-1"))
    assert_invalid(program, "__all__", "费用和补贴不能为负数")
    assert_database_refuses(program)


def test_a_subsidy_cannot_exceed_the_fee():
    program = build_program(fee=Decimal("800"), subsidy=Decimal("1000"))
    assert_invalid(program, "__all__", "补贴不能高于费用")
    assert_database_refuses(program)


def test_cost_after_subsidy_is_the_fee_less_the_subsidy():
    program = build_program(fee=Decimal("1200"), subsidy=Decimal("800"))
    assert program.cost_after_subsidy == Decimal("400")


@pytest.mark.parametrize(
    ("day", "state"),
    [
        (D(2026, 10, 31), ProgramState.UPCOMING),
        (D(2026, 11, 1), ProgramState.ENROLLING),
        (D(2026, 11, 30), ProgramState.ENROLLING),
        (D(2026, 12, 1), ProgramState.RUNNING),
        (D(2026, 12, 31), ProgramState.RUNNING),
        (D(2027, 1, 1), ProgramState.ENDED),
    ],
)
def test_a_program_state_follows_from_its_dates(day, state):
    program = ProgramFactory()
    assert program.state_on(day) == state
    assert list(Program.objects.in_state(state, on=day)) == [program]
    assert Program.objects.with_state(on=day).get().current_state == state


def test_citizens_see_enrolling_then_upcoming_running_and_ended_programs_nearest_deadline_first():
    day = D(2026, 11, 22)

    def program(slug, enrol, start, end):
        return ProgramFactory(
            slug=slug, enrol_start=enrol[0], enrol_end=enrol[1], start_date=start, end_date=end
        )

    ended = program("ended", (D(2025, 12, 1), D(2025, 12, 20)), D(2026, 1, 1), D(2026, 2, 1))
    running = program("running", (D(2026, 10, 1), D(2026, 10, 20)), D(2026, 11, 1), D(2027, 1, 1))
    upcoming = program("upcoming", (D(2026, 12, 1), D(2026, 12, 9)), D(2026, 12, 15), None)
    later = program("later", (D(2026, 11, 1), D(2026, 12, 20)), D(2027, 1, 1), None)
    sooner = program("sooner", (D(2026, 11, 1), D(2026, 11, 25)), D(2026, 12, 1), None)
    ordered = Program.objects.in_citizen_order(on=day)
    assert list(ordered) == [sooner, later, upcoming, running, ended]


def test_a_program_without_dates_is_a_standing_offer_open_for_enrolment():
    program = ProgramFactory(enrol_start=None, enrol_end=None, start_date=None, end_date=None)
    assert program.state_on(D(2026, 11, 22)) == ProgramState.ENROLLING
    assert list(Program.objects.in_state(ProgramState.ENROLLING, on=D(2026, 11, 22))) == [program]


def test_a_program_with_a_start_date_but_no_enrolment_window_is_upcoming_before_it_starts():
    program = ProgramFactory(enrol_start=None, enrol_end=None)
    assert program.state_on(D(2026, 11, 22)) == ProgramState.UPCOMING
    assert Program.objects.with_state(on=D(2026, 11, 22)).get().current_state == "upcoming"


def test_between_enrolment_and_start_a_program_is_upcoming():
    program = build_program(enrol_end=D(2026, 11, 20))
    assert program.state_on(D(2026, 11, 25)) == ProgramState.UPCOMING


def test_a_target_group_is_listed_once_per_program():
    group = ProgramTargetGroupFactory()
    again = ProgramTargetGroup(program=group.program, group=group.group)
    assert_invalid(again, "__all__", "已包含此面向群体")
    assert_database_refuses(again)


def test_only_one_leading_base_per_worldskills_skill_and_edition():
    TrainingBaseFactory(
        kind=TrainingBase.Kind.WORLDSKILLS_CHINA_BASE,
        worldskills_skill="Welding",
        worldskills_edition=47,
        is_leading_base=True,
    )
    second = TrainingBaseFactory.build(
        kind=TrainingBase.Kind.WORLDSKILLS_CHINA_BASE,
        worldskills_skill="Welding",
        worldskills_edition=47,
        is_leading_base=True,
        district=DistrictFactory(),
        organization=None,
    )
    assert_invalid(second, "__all__", "已有牵头集训基地")
    assert_database_refuses(second)


def test_a_worldskills_base_names_its_skill():
    base = TrainingBaseFactory.build(
        kind=TrainingBase.Kind.WORLDSKILLS_CHINA_BASE, district=DistrictFactory(), organization=None
    )
    assert_invalid(base, "__all__", "须填写世赛项目")
    assert_database_refuses(base)


def test_base_coordinates_must_lie_in_chongqing():
    base = TrainingBaseFactory.build(
        district=DistrictFactory(),
        organization=None,
        latitude=Decimal("39.904200"),
        longitude=Decimal("116.407400"),
    )
    assert_invalid(base, "latitude", "不在重庆市范围内")
    assert_database_refuses(base)


def test_ranks_are_unique_within_a_shortage_edition():
    entry = ShortageEntryFactory(rank=1)
    again = ShortageEntry(shortage_list=entry.shortage_list, rank=1, occupation=OccupationFactory())
    assert_invalid(again, "__all__", "已有此排名")
    assert_database_refuses(again)


def test_an_occupation_appears_once_in_a_shortage_edition():
    entry = ShortageEntryFactory(rank=1)
    again = ShortageEntry(shortage_list=entry.shortage_list, rank=2, occupation=entry.occupation)
    assert_invalid(again, "__all__", "已有此职业")
    assert_database_refuses(again)


def test_a_shortage_rank_starts_at_one():
    entry = ShortageEntry(
        shortage_list=ShortageListFactory(), rank=0, occupation=OccupationFactory()
    )
    assert_invalid(entry, "__all__", "排名从 1 开始")
    assert_database_refuses(entry)


def test_a_gap_cannot_exceed_the_demand():
    entry = ShortageEntry(
        shortage_list=ShortageListFactory(),
        rank=1,
        occupation=OccupationFactory(),
        demand=100,
        gap=150,
    )
    assert_invalid(entry, "__all__", "缺口人数不能大于需求人数")
    assert_database_refuses(entry)


def test_demand_and_gap_may_stay_empty_where_unpublished():
    entry = ShortageEntry(
        shortage_list=ShortageListFactory(), rank=1, occupation=OccupationFactory()
    )
    entry.full_clean()
    assert entry.gap_ratio is None


def test_the_gap_ratio_is_gap_over_demand():
    entry = ShortageEntryFactory.build(demand=200, gap=50)
    assert entry.gap_ratio == 0.25


def test_a_shortage_edition_year_is_in_the_sane_range():
    shortage_list = ShortageListFactory.build(year=1900)
    assert_invalid(shortage_list, "year", "合理范围")
    assert_database_refuses(shortage_list)


def test_a_base_capacity_cannot_be_negative():
    base = TrainingBaseFactory.build(
        district=DistrictFactory(), organization=None, yearly_capacity=-5
    )
    assert_invalid(base, "yearly_capacity", "")
    assert_database_refuses(base)


def test_a_base_approval_year_outside_the_range_is_refused():
    base = TrainingBaseFactory.build(
        district=DistrictFactory(), organization=None, approval_year=1800
    )
    assert_invalid(base, "approval_year", "合理范围")
    assert_database_refuses(base)


def test_a_shortage_data_year_outside_the_range_is_refused():
    shortage_list = ShortageListFactory.build(data_year=2500)
    assert_invalid(shortage_list, "data_year", "合理范围")
    assert_database_refuses(shortage_list)


def test_one_edition_per_year():
    ShortageListFactory(year=2023)
    again = ShortageListFactory.build(year=2023)
    assert_invalid(again, "year", "已存在")
