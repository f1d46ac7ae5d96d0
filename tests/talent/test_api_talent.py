"""The talent resources, through the shared API test mixin."""

from talent.models import Competition, CompetitionResult, Craftsman, HonorAward, HonorTitle, Studio
from tests.api_mixin import (
    DRAFT,
    BureauOnlyApiTests,
    DistrictScopedApiTests,
    OwnPublicationApiTests,
    PublishableApiTests,
)
from tests.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CompetitionResultFactory,
    CraftsmanFactory,
    HonorAwardFactory,
    HonorTitleFactory,
    OccupationFactory,
    StudioFactory,
)


class TestCraftsmen(OwnPublicationApiTests):
    resource = "craftsmen"
    model = Craftsman
    update_field = ("profile", "擅长数控车削。")
    # a filter names an occupation; a search matches organizations and occupations first
    queries = {**OwnPublicationApiTests.queries, "filtered": 2, "search": 3}

    def make(self, **kwargs):
        return CraftsmanFactory(**kwargs)

    make_in = staticmethod(lambda district, **kwargs: CraftsmanFactory(district=district, **kwargs))

    def make_draft(self):
        return CraftsmanFactory(publication_state=DRAFT)

    def identifier(self, obj):
        return str(obj.uid)

    def filter_case(self):
        welder = OccupationFactory(code="6-18-02-04", name="焊工测试")
        return {"occupation": "6-18-02-04"}, CraftsmanFactory(occupation=welder), self.make()

    def create_payload(self, district):
        return {
            "name": "新工匠",
            "district": district.code,
            "public_basis": "consent",
            "consent_date": "2025-03-01",
            "consent_method": "written",
        }

    def test_a_published_person_without_consent_is_not_shown(self):
        from tests.api_mixin import client_with, identifiers, url

        hidden = CraftsmanFactory(no_basis=True)
        assert str(hidden.uid) not in identifiers(client_with().get(url(self.resource)))


class TestHonorTitles(BureauOnlyApiTests):
    resource = "honor-titles"
    model = HonorTitle
    update_field = ("conferring_body", "重庆市人民政府")

    def make(self, **kwargs):
        return HonorTitleFactory(**kwargs)

    def identifier(self, obj):
        return obj.slug

    def filter_case(self):
        wanted = HonorTitleFactory(level=HonorTitle.TitleLevel.NATIONAL)
        return {"level": "national"}, wanted, HonorTitleFactory()

    def create_payload(self, district):
        return {"slug": "bayu-craftsman-test", "name": "巴渝工匠测试", "level": "municipal"}


class TestHonorAwards(OwnPublicationApiTests):
    resource = "honor-awards"
    model = HonorAward
    update_field = ("document_number", "渝人社发〔2024〕1号")
    # a filter names a title; a search matches the awardees' organizations and the titles
    # first (the awardee's name in place, as the award stores it)
    queries = {**OwnPublicationApiTests.queries, "filtered": 2, "search": 3}

    def make(self, **kwargs):
        return HonorAwardFactory(**kwargs)

    def make_in(self, district, **kwargs):
        return HonorAwardFactory(craftsman=CraftsmanFactory(district=district), **kwargs)

    def make_draft(self):
        return HonorAwardFactory(publication_state=DRAFT)

    def filter_case(self):
        title = HonorTitleFactory(slug="bayu-dagongjiang")
        wanted = HonorAwardFactory(title=title, year=2023)
        HonorAwardFactory(title=title, year=2024)
        return {"title": "bayu-dagongjiang", "year": 2023}, wanted, HonorAwardFactory(year=2023)

    def create_payload(self, district):
        person = CraftsmanFactory(district=district)
        return {"craftsman": str(person.uid), "title": HonorTitleFactory().slug, "year": 2024}

    def test_an_award_of_a_person_without_consent_is_not_shown(self):
        from tests.api_mixin import client_with, identifiers, url

        award = HonorAwardFactory(craftsman=CraftsmanFactory(no_basis=True))
        assert str(award.pk) not in identifiers(client_with().get(url(self.resource)))


class TestStudios(OwnPublicationApiTests):
    resource = "studios"
    model = Studio
    update_field = ("batch", "第三批")
    # each read: its rows, then their occupations and clusters; a search matches leaders and
    # organizations first
    queries = {"list": 3, "filtered": 3, "search": 5, "deep": 4, "detail": 3}

    def make(self, **kwargs):
        return StudioFactory(**kwargs)

    make_in = staticmethod(lambda district, **kwargs: StudioFactory(district=district, **kwargs))

    def make_draft(self):
        return StudioFactory(publication_state=DRAFT)

    def filter_case(self):
        wanted = StudioFactory(level="national")
        return {"level": "national"}, wanted, StudioFactory()

    def create_payload(self, district):
        occupation = OccupationFactory()
        return {
            "name": "张三车工技能大师工作室",
            "level": "district",
            "district": district.code,
            "occupations": [occupation.code],
        }


class TestCompetitions(OwnPublicationApiTests):
    resource = "competitions"
    model = Competition
    update_field = ("location", "重庆国际博览中心")
    queries = {"list": 2, "filtered": 2, "search": 2, "deep": 3, "detail": 2}  # and events

    def make(self, **kwargs):
        return CompetitionFactory(**kwargs)

    def make_in(self, district, **kwargs):
        competition = CompetitionFactory(district=district, **kwargs)
        CompetitionEventFactory(competition=competition)  # publishing needs an event
        return competition

    def make_draft(self):
        return CompetitionFactory(publication_state=DRAFT)

    def identifier(self, obj):
        return obj.slug

    def filter_case(self):
        wanted = CompetitionFactory(series=Competition.Series.WORLDSKILLS, edition=47)
        return {"series": "worldskills"}, wanted, CompetitionFactory()

    def create_payload(self, district):
        return {
            "slug": "bayu-cup-2026",
            "name": "巴渝工匠杯2026",
            "series": "bayu_cup",
            "level": "municipal",
            "year": 2026,
            "district": district.code,
        }


class TestCompetitionResults(PublishableApiTests, DistrictScopedApiTests):
    resource = "competition-results"
    model = CompetitionResult
    update_field = ("delegation", "重庆代表队")
    # a search matches people and events first
    queries = {**PublishableApiTests.queries, "search": 3}

    def make(self, **kwargs):
        return CompetitionResultFactory(**kwargs)

    def make_in(self, district, publication_state=None, **kwargs):
        competition = CompetitionFactory(
            district=district, publication_state=publication_state or "published"
        )
        return CompetitionResultFactory(event=CompetitionEventFactory(competition=competition))

    def make_draft(self):
        draft = CompetitionFactory(publication_state=DRAFT)
        return CompetitionResultFactory(event=CompetitionEventFactory(competition=draft))

    def filter_case(self):
        wanted = CompetitionResultFactory(medal=CompetitionResult.Medal.SILVER)
        return {"medal": "silver"}, wanted, CompetitionResultFactory()

    def create_payload(self, district):
        competition = CompetitionFactory(district=district, publication_state=DRAFT)
        event = CompetitionEventFactory(competition=competition, name="焊接")
        return {
            "competition": competition.slug,
            "event": event.name,
            "competitor_name": "李四",
            "medal": "gold",
        }

    def test_a_result_names_its_competition_and_event(self):
        from tests.api_mixin import client_with, url

        result = self.make()
        body = client_with().get(url(self.resource, result.pk)).json()
        assert body["competition"]["identifier"] == result.event.competition.slug
        assert body["event"]["name"] == result.event.name
