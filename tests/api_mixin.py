"""A reusable set of API tests, applied to every `/api/v1/` resource.

A resource's test class says how to make its records, which filter to try and what a valid
new record looks like; the mixins check the rest: list, detail, filter, fixed query counts,
writes allowed and refused per role, drafts hidden from anonymous callers.
"""

from urllib.parse import urlencode

import pytest
from rest_framework.test import APIClient
from simple_history.utils import get_history_manager_for_model

from portal.api.models import ApiToken
from portal.api.pagination import Estimates
from portal.publishing.access import Role
from portal.publishing.choices import PublicationState
from portal.publishing.models import Tombstone
from tests.factories import DistrictFactory, staff_with_role

DRAFT = PublicationState.DRAFT
PUBLISHED = PublicationState.PUBLISHED


def url(resource, identifier=None):
    return f"/api/v1/{resource}/" + (f"{identifier}/" if identifier is not None else "")


def client_with(token_key=None):
    client = APIClient()
    if token_key:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_key}")
    return client


def token_for(user, scope=ApiToken.Scope.WRITE):
    return ApiToken.issue(name=f"{user.username}-token", owner=user, scope=scope)[1]


def identifiers(response):
    return [row["identifier"] for row in response.json()["results"]]


@pytest.mark.django_db
@pytest.mark.usefixtures("staff_roles")
class ApiResourceTests:
    """Every resource: read for everyone, write for a bureau token, refused otherwise."""

    resource = None
    model = None
    # Queries per read whatever the number of rows (NetBox keeps such a table per view), so an
    # N+1 shows as a changed figure. "list": an anonymous first page (the page, carrying the
    # last removal, plus one per prefetched relation); "filtered": filter_case's parameters
    # (plus one per record named by identifier); "search": `?q=` (plus the related tables'
    # matches); "deep": a page reached by its cursor (plus the bounded count); "detail".
    queries = {"list": 1, "filtered": 1, "search": 1, "deep": 2, "detail": 1}
    search_text = "测试"  # found in the factories' names

    # --- what each resource provides -------------------------------------------------------

    def make(self, **kwargs):
        """A public record."""
        raise NotImplementedError

    def identifier(self, obj):
        return str(obj.pk)

    def filter_case(self):
        """(query parameters, a record they match, a record they do not)."""
        raise NotImplementedError

    def create_payload(self, district):
        raise NotImplementedError

    update_field = None  # (field, new value) for PATCH

    # --- fixtures --------------------------------------------------------------------------

    @pytest.fixture
    def district(self):
        return DistrictFactory(code="500103", name="渝中区测试", slug="yuzhong-test")

    @pytest.fixture
    def other_district(self):
        return DistrictFactory(code="500105", name="江北区测试", slug="jiangbei-test")

    @pytest.fixture
    def bureau(self):
        return staff_with_role(Role.BUREAU_ADMIN, username="bureau-admin")

    @pytest.fixture
    def bureau_client(self, bureau):
        return client_with(token_for(bureau))

    @pytest.fixture
    def editor(self, district):
        return staff_with_role(Role.DISTRICT_EDITOR, district=district, username="district-ed")

    @pytest.fixture
    def editor_client(self, editor):
        return client_with(token_for(editor))

    # --- reads -----------------------------------------------------------------------------

    def test_the_list_shows_a_public_record_by_its_identifier(self):
        obj = self.make()
        response = client_with().get(url(self.resource))
        assert response.status_code == 200
        assert self.identifier(obj) in identifiers(response)

    def test_the_detail_is_found_by_its_identifier(self):
        obj = self.make()
        response = client_with().get(url(self.resource, self.identifier(obj)))
        assert response.status_code == 200
        assert response.json()["identifier"] == self.identifier(obj)

    def test_an_unknown_identifier_is_a_json_404(self):
        response = client_with().get(url(self.resource, "no-such-record"))
        assert response.status_code == 404
        assert response.json()["status"] == 404

    def test_a_filter_narrows_the_list(self):
        params, wanted, unwanted = self.filter_case()
        response = client_with().get(url(self.resource), params)
        assert response.status_code == 200
        found = identifiers(response)
        assert self.identifier(wanted) in found and self.identifier(unwanted) not in found

    @pytest.mark.parametrize("read", ["list", "filtered", "search", "deep", "detail"])
    def test_a_read_takes_the_same_queries_for_three_rows_and_for_thirty(
        self, read, monkeypatch, django_assert_num_queries
    ):
        monkeypatch.setattr("portal.api.pagination.ESTIMATES", Estimates())
        params, wanted, _unwanted = self.filter_case()
        paths = {
            "list": url(self.resource),
            "filtered": url(self.resource) + "?" + urlencode(params),
            "search": url(self.resource) + "?" + urlencode({"q": self.search_text}),
            "detail": url(self.resource, self.identifier(wanted)),
        }
        for total in (3, 30):
            self.make_many(total - self.model._default_manager.count())
            path = paths.get(read)
            if read == "deep":  # the second page of two rows each
                path = client_with().get(url(self.resource), {"page_size": 2}).json()["next"]
            with django_assert_num_queries(self.queries[read]):
                response = client_with().get(path)
            assert response.status_code == 200
            if read != "detail":
                assert response.json()["results"]

    def make_many(self, n):
        for _ in range(n):
            self.make()

    # --- writes ----------------------------------------------------------------------------

    def test_a_bureau_token_creates_a_record_recorded_in_history_under_its_owner(
        self, bureau, bureau_client, district
    ):
        response = bureau_client.post(url(self.resource), self.create_payload(district))
        assert response.status_code == 201, response.json()
        created = self.model._default_manager.get(pk=self.pk_from(response))
        history = get_history_manager_for_model(self.model).filter(id=created.pk).first()
        assert history.history_user == bureau

    def pk_from(self, response):
        obj = self.find(response.json()["identifier"])
        return obj.pk

    def find(self, identifier):
        from portal.finding.identifiers import find

        return find(self.model._default_manager.all(), identifier)

    def test_a_bureau_token_updates_a_field(self, bureau_client):
        obj = self.make()
        field, value = self.update_field
        response = bureau_client.patch(url(self.resource, self.identifier(obj)), {field: value})
        assert response.status_code == 200, response.json()
        obj.refresh_from_db()
        assert getattr(obj, field) == value

    def test_a_bureau_token_deletes_a_record_and_leaves_a_tombstone(self, bureau_client):
        obj = self.make()
        identifier = self.identifier(obj)
        response = bureau_client.delete(url(self.resource, identifier))
        assert response.status_code == 204
        assert not self.model._default_manager.filter(pk=obj.pk).exists()
        assert Tombstone.objects.filter(identifier=identifier).exists()

    def test_an_anonymous_write_is_refused_with_401(self, district):
        response = client_with().post(url(self.resource), self.create_payload(district))
        assert response.status_code == 401
        assert response.json()["status"] == 401

    def test_a_read_only_token_cannot_write(self, bureau, district):
        client = client_with(token_for(bureau, ApiToken.Scope.READ_DRAFTS))
        response = client.post(url(self.resource), self.create_payload(district))
        assert response.status_code == 403


class BureauOnlyApiTests(ApiResourceTests):
    """Records without a district (vocabulary, titles, the shortage catalogue): only bureau
    roles change them."""

    def test_a_district_editor_cannot_write_them(self, editor_client, district):
        payload = self.create_payload(district)
        before = self.model._default_manager.count()
        response = editor_client.post(url(self.resource), payload)
        assert response.status_code == 403
        assert self.model._default_manager.count() == before


class PublishableApiTests(ApiResourceTests):
    """Records with a publication state (their own or their parent's)."""

    def make_draft(self, **kwargs):
        raise NotImplementedError

    def test_anonymous_callers_see_no_drafts_in_the_list(self):
        draft = self.make_draft()
        response = client_with().get(url(self.resource))
        assert self.identifier(draft) not in identifiers(response)

    def test_anonymous_callers_get_404_for_a_draft(self):
        draft = self.make_draft()
        response = client_with().get(url(self.resource, self.identifier(draft)))
        assert response.status_code == 404

    def test_a_bureau_token_reads_drafts(self, bureau_client):
        draft = self.make_draft()
        response = bureau_client.get(url(self.resource, self.identifier(draft)))
        assert response.status_code == 200


class DistrictScopedApiTests(ApiResourceTests):
    """Records a district editor may write, in its own district only."""

    def make_in(self, district, **kwargs):
        raise NotImplementedError

    def test_a_district_editor_creates_a_draft_in_its_own_district(self, editor_client, district):
        response = editor_client.post(url(self.resource), self.create_payload(district))
        assert response.status_code == 201, response.json()

    def test_a_district_editor_cannot_change_another_districts_draft(
        self, editor_client, other_district
    ):
        obj = self.make_in(other_district, **self.draft_state())
        field, value = self.update_field
        response = editor_client.patch(url(self.resource, self.identifier(obj)), {field: value})
        assert response.status_code in (403, 404)
        obj.refresh_from_db()
        assert getattr(obj, field) != value

    def test_a_district_editor_cannot_create_in_another_district(
        self, editor_client, other_district
    ):
        before = self.model._default_manager.count()
        response = editor_client.post(url(self.resource), self.create_payload(other_district))
        assert response.status_code in (400, 403)
        assert self.model._default_manager.count() == before

    def draft_state(self):
        return {"publication_state": DRAFT}


class OwnPublicationApiTests(PublishableApiTests, DistrictScopedApiTests):
    """Records with a publication state of their own: only bureau roles publish."""

    def test_a_district_editor_cannot_publish_its_own_draft(self, editor_client, district):
        obj = self.make_in(district, publication_state=DRAFT)
        response = editor_client.patch(
            url(self.resource, self.identifier(obj)), {"publication_state": PUBLISHED}
        )
        assert response.status_code == 403
        obj.refresh_from_db()
        assert obj.publication_state == DRAFT

    def test_a_bureau_token_publishes_a_draft_and_is_named_as_publisher(
        self, bureau, bureau_client, district
    ):
        obj = self.make_in(district, publication_state=DRAFT)
        response = bureau_client.patch(
            url(self.resource, self.identifier(obj)), {"publication_state": PUBLISHED}
        )
        assert response.status_code == 200, response.json()
        obj.refresh_from_db()
        assert (obj.publication_state, obj.published_by) == (PUBLISHED, bureau)
