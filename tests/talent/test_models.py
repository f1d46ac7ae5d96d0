import pytest
from django.db import IntegrityError, transaction

from portal.publishing.choices import PublicationState
from talent.models import (
    Competition,
    CompetitionEvent,
    CompetitionResult,
    Craftsman,
    HonorAward,
    Studio,
)
from tests.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CraftsmanFactory,
    DistrictFactory,
    HonorAwardFactory,
    HonorTitleFactory,
    StudioFactory,
)
from tests.helpers import assert_database_refuses, assert_invalid

pytestmark = pytest.mark.django_db


def test_a_craftsman_receives_a_title_only_once_a_year():
    award = HonorAwardFactory(year=2024)
    again = HonorAward(craftsman=award.craftsman, title=award.title, year=2024)
    assert_invalid(again, "__all__", "同一人同一年度已获得该称号")
    assert_database_refuses(again)


def test_the_same_title_in_another_year_is_a_new_award():
    award = HonorAwardFactory(year=2024)
    HonorAward(craftsman=award.craftsman, title=award.title, year=2025).full_clean()


def test_an_award_year_outside_the_sane_range_is_refused():
    award = HonorAward(craftsman=CraftsmanFactory(), title=HonorTitleFactory(), year=1900)
    assert_invalid(award, "year", "合理范围")
    assert_database_refuses(award)


def test_an_honor_title_in_use_cannot_be_deleted():
    award = HonorAwardFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        award.title.delete()


def test_published_craftsmen_exclude_people_without_consent():
    shown = CraftsmanFactory()
    CraftsmanFactory(no_basis=True)
    CraftsmanFactory(publication_state=PublicationState.DRAFT)
    assert list(Craftsman.objects.published()) == [shown]


def test_studio_outputs_cannot_be_negative():
    studio = StudioFactory.build(
        district=DistrictFactory(), leader=None, organization=None, patents=-1
    )
    assert_invalid(studio, "patents", "")
    assert_database_refuses(studio)


def test_a_studio_approval_year_outside_the_range_is_refused():
    studio = StudioFactory.build(
        district=DistrictFactory(), leader=None, organization=None, approval_year=3000
    )
    assert_invalid(studio, "approval_year", "合理范围")
    assert_database_refuses(studio)


def test_studio_names_are_unique():
    existing = StudioFactory()
    duplicate = StudioFactory.build(
        name=existing.name, district=existing.district, leader=None, organization=None
    )
    assert_invalid(duplicate, "name", "已存在")


def test_a_studio_needs_a_level():
    studio = Studio(name="某工作室")
    assert_invalid(studio, "level", "")


def test_a_competition_cannot_end_before_it_starts():
    import datetime

    competition = CompetitionFactory.build(
        start_date=datetime.date(2024, 9, 15), end_date=datetime.date(2024, 9, 10)
    )
    assert_invalid(competition, "__all__", "结束日期不能早于开始日期")
    assert_database_refuses(competition)


def test_an_edition_of_a_series_exists_once():
    CompetitionFactory(series=Competition.Series.WORLDSKILLS, edition=47)
    again = CompetitionFactory.build(series=Competition.Series.WORLDSKILLS, edition=47)
    assert_invalid(again, "__all__", "这一届已存在")
    assert_database_refuses(again)


def test_a_competition_year_outside_the_range_is_refused():
    competition = CompetitionFactory.build(year=1800)
    assert_invalid(competition, "year", "合理范围")
    assert_database_refuses(competition)


def test_an_event_name_is_unique_within_its_competition():
    event = CompetitionEventFactory()
    again = CompetitionEvent(competition=event.competition, name=event.name)
    assert_invalid(again, "__all__", "同名赛项")
    assert_database_refuses(again)


def test_a_result_needs_a_medal_or_a_rank():
    result = CompetitionResult(event=CompetitionEventFactory(), competitor_name="某选手")
    assert_invalid(result, "__all__", "须填写奖牌或名次")
    assert_database_refuses(result)


def test_a_rank_starts_at_one():
    result = CompetitionResult(event=CompetitionEventFactory(), competitor_name="某选手", rank=0)
    assert_invalid(result, "__all__", "名次从 1 开始")
    assert_database_refuses(result)


def test_a_rank_without_a_medal_is_a_valid_result():
    CompetitionResult(
        event=CompetitionEventFactory(), competitor_name="某选手", rank=4
    ).full_clean()


def test_deleting_a_craftsman_removes_their_awards():
    award = HonorAwardFactory()
    award.craftsman.delete()
    assert not HonorAward.objects.exists()


def test_honor_title_names_are_unique():
    from talent.models import HonorTitle

    HonorTitleFactory(name="巴渝工匠")
    again = HonorTitle(slug="another", name="巴渝工匠", level="municipal")
    assert_invalid(again, "name", "已存在")
