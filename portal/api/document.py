"""`/api/schema/`: the OpenAPI document, built once per process for each language and format.

The document describes the code, not the data: it changes only with a deploy. Building it walks
every viewset and serializer and rendering it as YAML takes most of a second, so the rendered
bytes are kept for the life of the process, keyed only by what can change them (the language
and the negotiated format), never by anything else a client puts in the query string.
`build_documents()` builds them when a server process starts (portal/wsgi.py), so that no
reader waits for a build.
"""

from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView

from .filtering import check_language, check_parameters

KNOWN_PARAMETERS = {"lang", "format"}


class SchemaView(SpectacularAPIView):
    built = {}

    @extend_schema(exclude=True)  # the document does not describe itself
    def get(self, request, *args, **kwargs):
        check_parameters(request.query_params, KNOWN_PARAMETERS)
        check_language(request.query_params)
        key = (
            request.query_params.get("lang") or translation.get_language(),
            request.accepted_media_type,
        )
        if key not in self.built:
            response = super().get(request, *args, **kwargs)
            response.accepted_renderer = request.accepted_renderer
            response.accepted_media_type = request.accepted_media_type
            response.renderer_context = self.get_renderer_context()
            response.render()
            self.built[key] = (
                response.content,
                response["Content-Type"],
                response["Content-Disposition"],
            )
        content, content_type, disposition = self.built[key]
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = disposition
        return response

    def _get_version_parameter(self, request):
        return None  # one version, /api/v1/: `?version=` changes nothing


def build_documents():
    """Build the document in every language, as YAML and as JSON, as a reader would ask."""
    view = SchemaView.as_view()
    for language, _name in settings.LANGUAGES:
        for format in ("yaml", "json"):
            view(RequestFactory().get("/api/schema/", {"lang": language, "format": format}))
