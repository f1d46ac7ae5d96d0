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
    list_queries = 4  # page (with the last removal), occupations, districts, target groups

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
    list_queries = 3  # page (with the last removal), occupations, clusters

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

    def make(self, **kwargs):
        return ShortageEntryFactory(**kwargs)

    def make_draft(self):
        return ShortageEntryFactory(shortage_list=ShortageListFactory(publication_state=DRAFT))

    def filter_case(self):
        edition = ShortageListFactory(year=2023)
        wanted = ShortageEntryFactory(shortage_list=edition)
        return {"year": 2023}, wanted, ShortageEntryFactory(shortage_list__year=2024)

    def create_payload(self, district):
        ShortageListFactory(year=2032)
        return {"shortage_list": "2032", "rank": 1, "occupation": OccupationFactory().code}
