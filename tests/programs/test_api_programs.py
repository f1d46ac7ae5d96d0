"""Programs, training bases and the shortage catalogue, through the shared API test mixin."""

from programs.models import Program, ShortageEntry, ShortageList, TrainingBase
from tests.api_mixin import (
    DRAFT,
    BureauOnlyApiTests,
    OwnPublicationApiTests,
    PublishableApiTests,
    client_with,
    url,
)
from tests.factories import (
    OccupationFactory,
    OrganizationFactory,
    ProgramFactory,
    ProgramTargetGroupFactory,
    ShortageEntryFactory,
    ShortageListFactory,
    TrainingBaseFactory,
)


def program_in(district, **kwargs):
    program = ProgramFactory(**kwargs)
    program.districts.add(district)
    return program


class TestPrograms(OwnPublicationApiTests):
    resource = "programs"
    model = Program
    update_field = ("hours", 64)
    # each read: its rows, then their occupations, districts and target groups; a search
    # matches organizations and bases first
    queries = {"list": 4, "filtered": 4, "search": 6, "deep": 5, "detail": 4}

    def make(self, **kwargs):
        return ProgramFactory(**kwargs)

    def make_in(self, district, **kwargs):
        return program_in(
            district,
            summary="面向高校毕业生的数控车工培训。",
            contact="023-00000000",
            provider_organization=OrganizationFactory(),
            **kwargs,
        )

    def make_draft(self):
        return ProgramFactory(publication_state=DRAFT)

    def identifier(self, obj):
        return obj.slug

    def filter_case(self):
        wanted = ProgramTargetGroupFactory(group="veterans").program
        return {"target_group": "veterans"}, wanted, ProgramFactory()

    def create_payload(self, district):
        return {
            "slug": "cnc-turning-2026",
            "title": "数控车工技能培训",
            "kind": "vocational_training",
            "districts": [district.code],
            "target_groups": ["graduates", "unemployed"],
        }

    def test_target_groups_are_written_as_values_and_read_with_labels(
        self, bureau_client, district
    ):
        bureau_client.post(url(self.resource), self.create_payload(district))
        body = client_with().get(url(self.resource, "cnc-turning-2026"), {"lang": "zh-hans"})
        assert body.status_code == 404  # a new record is a draft until published
        program = Program.objects.get(slug="cnc-turning-2026")
        assert sorted(program.target_groups.values_list("group", flat=True)) == [
            "graduates",
            "unemployed",
        ]


class TestTrainingBases(OwnPublicationApiTests):
    resource = "training-bases"
    model = TrainingBase
    update_field = ("address", "重庆市渝中区测试路 1 号")
    # each read: its rows, then their occupations and clusters; a search matches
    # organizations first
    queries = {"list": 3, "filtered": 3, "search": 4, "deep": 4, "detail": 3}

    def make(self, **kwargs):
        return TrainingBaseFactory(**kwargs)

    def make_in(self, district, **kwargs):
        return TrainingBaseFactory(district=district, **kwargs)

    def make_draft(self):
        return TrainingBaseFactory(publication_state=DRAFT)

    def filter_case(self):
        wanted = TrainingBaseFactory(kind=TrainingBase.Kind.PUBLIC_TRAINING_BASE)
        return {"kind": "public_training_base"}, wanted, TrainingBaseFactory()

    def create_payload(self, district):
        return {
            "name": "渝中公共实训基地",
            "kind": "public_training_base",
            "district": district.code,
        }


class TestShortageLists(PublishableApiTests, BureauOnlyApiTests):
    resource = "shortage-lists"
    model = ShortageList
    update_field = ("enterprises_surveyed", 15283)
    search_text = "目录"

    def make(self, **kwargs):
        kwargs.setdefault("year", 2100 - ShortageList.objects.count())
        return ShortageListFactory(**kwargs)

    def make_draft(self):
        return ShortageListFactory(publication_state=DRAFT)

    def identifier(self, obj):
        return str(obj.year)

    def filter_case(self):
        return {"year": 2023}, ShortageListFactory(year=2023), ShortageListFactory(year=2024)

    def create_payload(self, district):
        return {"year": 2031, "title": "2031年急需紧缺职业目录"}


class TestShortageEntries(PublishableApiTests, BureauOnlyApiTests):
    resource = "shortage-entries"
    model = ShortageEntry
    update_field = ("demand", 1200)
    queries = {**PublishableApiTests.queries, "search": 3}  # occupations by name, by code

    def make(self, **kwargs):
        """An entry of one published edition (a new edition each would run out of years)."""
        edition = ShortageList.objects.filter(year=2099).first() or ShortageListFactory(year=2099)
        return ShortageEntryFactory(**{"shortage_list": edition, **kwargs})

    def make_draft(self):
        return ShortageEntryFactory(shortage_list=ShortageListFactory(publication_state=DRAFT))

    def filter_case(self):
        edition = ShortageListFactory(year=2023)
        wanted = ShortageEntryFactory(shortage_list=edition)
        return {"year": 2023}, wanted, ShortageEntryFactory(shortage_list__year=2024)

    def create_payload(self, district):
        ShortageListFactory(year=2032)
        return {"shortage_list": "2032", "rank": 1, "occupation": OccupationFactory().code}
