"""The vocabulary resources, through the shared API test mixin."""

from portal.vocabulary.models import District, IndustryCluster, Occupation, Organization
from tests.api_mixin import BureauOnlyApiTests, DistrictScopedApiTests
from tests.factories import (
    DistrictFactory,
    IndustryClusterFactory,
    OccupationFactory,
    OrganizationFactory,
)


class TestDistricts(BureauOnlyApiTests):
    resource = "districts"
    model = District
    update_field = ("name_en", "Renamed District")
    # A zone has no code: its slug is tried after its code.
    queries = {**BureauOnlyApiTests.queries, "detail": 2}

    def make(self, **kwargs):
        return DistrictFactory(**kwargs)

    def identifier(self, obj):
        return obj.code or obj.slug

    def filter_case(self):
        zone = DistrictFactory(code=None, kind=District.Kind.ZONE, name="测试新区", slug="zone-t")
        return {"kind": "zone"}, zone, DistrictFactory()

    def create_payload(self, district):
        return {"code": "500199", "name": "新设区", "kind": "district", "slug": "new-district"}


class TestOccupations(BureauOnlyApiTests):
    resource = "occupations"
    model = Occupation
    update_field = ("name_en", "Lathe operator")

    def make(self, **kwargs):
        return OccupationFactory(**kwargs)

    def identifier(self, obj):
        return obj.code or obj.name

    def filter_case(self):
        return {"is_digital": "true"}, OccupationFactory(is_digital=True), OccupationFactory()

    def create_payload(self, district):
        return {"code": "4-04-05-05", "name": "人工智能训练师"}


class TestIndustryClusters(BureauOnlyApiTests):
    resource = "industry-clusters"
    model = IndustryCluster
    update_field = ("name_en", "Satellite internet")

    def make(self, **kwargs):
        return IndustryClusterFactory(**kwargs)

    def identifier(self, obj):
        return obj.slug

    def filter_case(self):
        wanted = IndustryClusterFactory(tier=IndustryCluster.Tier.TRILLION)
        return {"tier": "trillion"}, wanted, IndustryClusterFactory()

    def create_payload(self, district):
        return {"slug": "satellite-internet", "name": "卫星互联网", "tier": "rising"}


class TestOrganizations(DistrictScopedApiTests):
    """Organizations have no publication state; a district editor still writes its own only."""

    resource = "organizations"
    model = Organization
    update_field = ("name", "改名后的单位")

    def make(self, **kwargs):
        return OrganizationFactory(**kwargs)

    def make_in(self, district, **kwargs):
        kwargs.pop("publication_state", None)
        return OrganizationFactory(district=district, **kwargs)

    def identifier(self, obj):
        return obj.credit_code or obj.name

    def filter_case(self):
        wanted = OrganizationFactory(kind=Organization.Kind.TECHNICIAN_COLLEGE)
        return {"kind": "technician_college"}, wanted, OrganizationFactory()

    def create_payload(self, district):
        return {"name": "重庆新单位有限公司", "kind": "enterprise", "district": district.code}
