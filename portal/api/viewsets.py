"""The one base class of every `/api/v1/` resource.

Reads: published records for everyone; a token holder also reads the drafts its role may see
(portal.publishing.access). Writes: validated by the model, scoped by
portal.publishing.access, publication changes through portal.publishing.services, recorded in
the history under the token's owner. Lists are keyset paginated; every GET carries ETag,
Last-Modified and Cache-Control and answers 304.
"""

import hashlib
import re

from django.db import transaction
from django.db.models import ProtectedError, Q, RestrictedError, Subquery
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, mixins, viewsets
from rest_framework.response import Response
from rest_framework.settings import api_settings

from portal.api.models import ApiToken
from portal.finding import identifiers
from portal.publishing import access, services
from portal.publishing import cache as public_cache
from portal.publishing.choices import PublicationState
from portal.publishing.models import Tombstone
from portal.security.locking import StaleVersion

from .authentication import ApiTokenAuthentication, token_can
from .filtering import PortalFilterBackend, check_language, check_parameters
from .pagination import KeysetPagination
from .permissions import ApiPermission
from .renderers import CSVRenderer, JSONRenderer, PortalContentNegotiation
from .throttling import AnonymousThrottle, TokenThrottle

TRANSITION_TO = {
    PublicationState.DRAFT: "return_to_draft",
    PublicationState.SUBMITTED: "submit",
    PublicationState.PUBLISHED: "publish",
    PublicationState.ARCHIVED: "archive",
}


class PreconditionFailed(exceptions.APIException):
    status_code = 412
    default_code = "precondition_failed"
    default_detail = _("记录已被他人修改：If-Match 中的 ETag 不是当前版本。请重新读取后再提交。")


def record_tag(instance):
    """What identifies a record's state: its version, or for vocabulary its last change."""
    version = getattr(instance, "version", None)
    if version is not None:
        return f"v{version}"
    return f"u{int(instance.updated.timestamp() * 1_000_000)}"


def check_if_match(request, instance):
    """Refuse (412) a write whose If-Match names an older state of the record."""
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return
    tags = re.findall(r'"([^"]*)"', header)
    current = record_tag(instance)
    if not any(tag == current or tag.startswith(f"{current}-") for tag in tags):
        raise PreconditionFailed()
    if hasattr(instance, "expect_version"):
        instance.expect_version(instance.version)  # re-checked under a row lock at save


class StillReferenced(exceptions.APIException):
    status_code = 409
    default_code = "conflict"


PUBLIC_CACHE = "public, max-age=60"
SHARED_HEADERS = ("Content-Type", "Content-Disposition", "ETag", "Last-Modified", "Link")
PRIVATE_CACHE = "private, no-cache"


class PortalListViewSet(viewsets.GenericViewSet):
    """Subclasses set `queryset` (with its joins), `serializer_class`, `filterset_class`,
    `default_ordering`, `ordering_fields`, and override `public()` when publication follows
    another record. A record's identifier is its model's (portal.finding.identifiers)."""

    default_ordering = ("pk",)
    ordering_fields = ("updated",)
    sync_ordering = ("updated",)  # the default order of an ?updated_after= sync
    # The default order of a ?q= search: newest first. In name order the first page of a
    # common surname (王) lay half a million names into the index; newest first, the
    # matches are met a few rows in (the site search lists people so too).
    search_ordering = ("-pk",)
    # Records that leave the public view with this one: (model label, path to this one).
    dependents = ()

    lookup_field = "identifier"
    lookup_value_regex = "[^/]+"
    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [ApiPermission]
    throttle_classes = [AnonymousThrottle, TokenThrottle]
    filter_backends = [PortalFilterBackend]
    pagination_class = KeysetPagination
    renderer_classes = [JSONRenderer, CSVRenderer]
    content_negotiation_class = PortalContentNegotiation
    metadata_class = None
    http_method_names = ["get", "head"]
    last_modified = None
    record_tag = None  # the version of the one record a response shows (portal.security.locking)
    shared = None  # this request's place in the shared response cache (portal/publishing/cache.py)
    throttles = ()  # this request's rate limits (get_throttles)
    VARY = ("Accept", "Accept-Language", "Authorization")
    public_cache_control = PUBLIC_CACHE

    # --- who sees what -------------------------------------------------------------------

    @classmethod
    def public(cls, queryset):
        """What anyone may read; `.published()` where the model has a publication state."""
        if hasattr(queryset, "published"):
            return queryset.published()
        return queryset

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if token_can(self.request, ApiToken.Scope.READ_DRAFTS):
            if access.is_bureau(user):
                return queryset
            if access.is_district_editor(user):
                model = queryset.model
                own = access.scope_queryset(user, model._default_manager.all())
                public = self.public(model._default_manager.all())
                return queryset.filter(Q(pk__in=public.values("pk")) | Q(pk__in=own.values("pk")))
        return self.public(queryset)

    def choosable(self, queryset):
        """What a writer may pick as a related record: the admin's rule."""
        if self.request.method in ("GET", "HEAD"):
            return queryset
        return access.choosable_queryset(self.request.user, queryset)

    def get_object(self):
        try:
            obj = identifiers.find(self.get_queryset(), self.kwargs[self.lookup_field])
        except identifiers.Ambiguous as error:
            raise exceptions.NotFound(str(error)) from None  # a URL names one record or none
        except identifiers.Unknown:
            raise exceptions.NotFound(_("没有找到该记录。")) from None
        self.check_object_permissions(self.request, obj)
        return obj

    # --- request set-up ------------------------------------------------------------------

    def initial(self, request, *args, **kwargs):
        # ?lang= first, else the client's Accept-Language (the site's URLs decide the pages'
        # language by their prefix; the API's have none).
        lang = check_language(request.query_params)
        lang = lang or translation.get_language_from_request(request._request)
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        if "updated_after" in request.query_params:
            self.default_ordering = self.sync_ordering
        elif request.query_params.get("q", "").strip():
            self.default_ordering = self.search_ordering
        known = self.query_parameters()
        # The shared cache keys a response by these alone (portal/publishing/cache.py): an unknown
        # parameter, refused below, never makes a new entry.
        request._request.cache_parameters = known
        super().initial(request, *args, **kwargs)  # authenticated, permitted and counted
        staff_only = getattr(self.filterset_class, "staff_only_filters", ())
        if self.action != "list" or request.auth is not None:
            staff_only = ()
        check_parameters(request.query_params, known, staff_only)

    def query_parameters(self):
        """The query parameters this route reads: the response's format and language, and for
        a list its filters (with `ordering`) and its page."""
        names = {api_settings.URL_FORMAT_OVERRIDE, "lang"}
        if self.action == "list":
            for backend in self.filter_backends:
                names.update(backend().get_filterset_class(self, self.queryset).base_filters)
            names.update((self.paginator.cursor_query_param, self.paginator.page_size_query_param))
        return names

    # --- lists and details ---------------------------------------------------------------

    def shared_variant(self, request):
        """Where an anonymous list is kept in the shared cache, or None
        (portal/publishing/cache.py)."""
        if self.action != "list" or request.auth is not None or not public_cache.timeout():
            return None
        return f"api|{request.accepted_renderer.format}"

    def get_throttles(self):
        """The rate count of an anonymous list also reads its cached response: one round trip
        to Redis for both."""
        throttles = super().get_throttles()
        variant = self.shared_variant(self.request)
        if variant is not None:
            for throttle in throttles:
                throttle.also_read = public_cache.entry_keys(self.request, variant)
        self.throttles = throttles
        return throttles

    def list(self, request, *args, **kwargs):
        variant = self.shared_variant(request)
        if variant is not None:  # what anyone may read: shared by all anonymous readers
            found = next((t.read for t in self.throttles if t.read is not None), None)
            self.shared = public_cache.lookup(request, variant, found)
            if self.shared is not None and self.shared.stored is not None:
                return public_cache.response_from(self.shared.stored)
        page = self.paginate_queryset(self.filter_queryset(self.list_queryset()))
        self.last_modified = self.latest(page)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def respond(self, instance, status=200):
        return Response(self.get_serializer(instance).data, status=status)

    def list_queryset(self):
        """What a list pages through, each row carrying the newest removal (Last-Modified)."""
        return self.with_last_removal(self.get_queryset())

    @classmethod
    def removal_times(cls):
        """When records of this kind left the public view, newest first."""
        label = cls.queryset.model._meta.label_lower
        removals = Tombstone.objects.filter(model_label=label).order_by("-removed_at")
        return removals.values_list("removed_at", flat=True)

    @classmethod
    def with_last_removal(cls, queryset):
        """Each row also carries the newest removal of this kind of record (a subquery the
        database runs once per page), which saves a round trip per list."""
        return queryset.annotate(last_removal=Subquery(cls.removal_times()[:1]))

    def latest(self, rows):
        """The last change a list can reflect: its newest row or its newest removal."""
        moments = [row.updated for row in rows]
        removed = rows[0].last_removal if rows else self.removal_times().first()
        if removed:
            moments.append(removed)
        return max(moments) if moments else None

    # --- HTTP caching and errors ---------------------------------------------------------

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400 and isinstance(response.accepted_renderer, CSVRenderer):
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        patch_vary_headers(response, self.VARY)
        renderer = getattr(response, "accepted_renderer", None)  # none on a shared-cache copy
        if response.status_code == 200 and isinstance(renderer, CSVRenderer):
            response["Content-Disposition"] = f'attachment; filename="{self.resource_name}.csv"'
        if request.method == "PATCH" and response.status_code == 200:
            response.render()
            response["ETag"] = self.etag_of(response)
        if request.method not in ("GET", "HEAD"):
            return response
        if response.status_code >= 400:  # an error is the caller's or ours: no cache keeps it
            response["Cache-Control"] = "no-store"
            return response
        response["Cache-Control"] = PRIVATE_CACHE if request.auth else self.public_cache_control
        if response.status_code != 200:
            return response
        if getattr(response, "from_shared_cache", False):
            return self.shared_copy(request, response)
        response.render()
        return self.validated(request, response)

    def etag_of(self, response):
        """The body's hash; a record's version leads it (what If-Match checks)."""
        digest = hashlib.sha256(response.content).hexdigest()
        if self.record_tag is not None:
            return f'"{self.record_tag}-{digest[:24]}"'
        return f'"{digest[:32]}"'

    def shared_copy(self, request, response):
        """A response from the shared cache, or 304 when the client's copy is current."""
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )

    def validated(self, request, response):
        """A rendered 200 with its validators (an ETag from the body, Last-Modified), kept in
        the shared cache where it belongs; or 304 when the client's copy is current."""
        etag = response["ETag"] = self.etag_of(response)
        last_modified = None
        if self.last_modified is not None:
            last_modified = int(self.last_modified.timestamp())
            response["Last-Modified"] = http_date(last_modified)
        if self.shared is not None:
            self.shared.save(public_cache.payload_of(response, SHARED_HEADERS))
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )


class PortalReadOnlyViewSet(PortalListViewSet):
    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.last_modified = instance.updated
        self.record_tag = record_tag(instance)
        return self.respond(instance)


class PortalViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    PortalReadOnlyViewSet,
):
    """A resource integrators may also write, with a write-scoped token."""

    # No PUT: a replace would have to reset every field left out, and DRF's keeps them (a
    # second PATCH). Writers send PATCH with the fields they change.
    http_method_names = ["get", "post", "patch", "delete", "head"]

    # --- writes --------------------------------------------------------------------------

    def perform_create(self, serializer):
        self.save_within_scope(serializer)

    def perform_update(self, serializer):
        self.save_within_scope(serializer)

    def save_within_scope(self, serializer):
        """Save, then refuse (rolling back) a record that lands outside the writer's scope;
        a change of publication state goes through portal.publishing.services like the admin's."""
        user = self.request.user
        target = serializer.validated_data.pop("publication_state", None)
        with transaction.atomic():
            instance = serializer.save()
            if not access.can_edit(user, instance) and not access.is_bureau(user):
                raise exceptions.PermissionDenied(_("您只能写入本区县的记录。"))
            if target is not None and target != instance.publication_state:
                services.apply_transition(
                    record=instance, user=user, transition=TRANSITION_TO[target]
                )
        return instance

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.save_within_scope(serializer)
        response = self.respond(instance, status=201)
        response["Location"] = self.detail_url(instance)
        return response

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        check_if_match(request, instance)
        try:
            instance = self.save_within_scope(serializer)
        except StaleVersion as error:
            raise PreconditionFailed() from error
        instance = type(instance)._default_manager.get(pk=instance.pk)
        self.record_tag = record_tag(instance)  # the ETag a GET of it gives (finalize_response)
        return self.respond(instance)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        check_if_match(request, instance)
        self.perform_destroy(instance)
        return Response(status=204)

    def perform_destroy(self, instance):
        try:
            with transaction.atomic():
                instance._history_user = self.request.user
                instance.delete()
        except (ProtectedError, RestrictedError) as error:
            blocking = getattr(error, "protected_objects", None) or error.restricted_objects
            kinds = sorted({str(obj._meta.verbose_name) for obj in blocking})
            raise StillReferenced(
                _("仍有记录引用它（%(kinds)s），不能删除。") % {"kinds": "、".join(kinds)}
            ) from error

    def detail_url(self, instance):
        return self.request.build_absolute_uri(
            f"/api/v1/{self.resource_name}/{identifiers.identifier_of(instance)}/"
        )
