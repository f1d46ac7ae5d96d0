"""A shared cache (Redis via REDIS_URL) of whole public responses: API lists, the public
pages, feeds, robots.txt and the sitemaps.

Public data is read far more often than it is written, and the same few first pages are asked
for again and again. A response is kept under its path, the parameters its view reads, its
language and format, stamped with the cache's *generation*; any write to a public record
(save, delete, many-to-many change, after its transaction commits) replaces the generation,
so every stamped response stops matching at once: nothing is served that a publish or an edit
has made stale. Bulk writes that send no signals call `invalidate()` themselves;
PUBLIC_CACHE_SECONDS (60, like the Cache-Control the API already promises) bounds anything
missed.

On by default only with REDIS_URL (a per-process memory cache could not be invalidated across
workers); PUBLIC_CACHE_SECONDS=0 turns it off.
"""

import hashlib
import uuid
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.http import urlencode

from portal import registry

GENERATION_KEY = "public:generation"
# Saved on every authenticated request or never public: no reason to drop the cache.
IGNORED = {"portal.apitoken", "portal.staffprofile"}


def timeout():
    return getattr(settings, "PUBLIC_CACHE_SECONDS", 0)


def invalidate():
    """Make every cached public response stale (a new generation)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def public_apps():
    """The apps whose records the public site shows: those with records staff keep."""
    return {label.split(".")[0] for label in registry.entries[registry.StaffModel]}


def _changed(sender, **kwargs):
    label = sender._meta.label_lower
    if sender._meta.app_label in public_apps() and label not in IGNORED and timeout():
        transaction.on_commit(invalidate)


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"public-cache-{signal!r}")


def entry_keys(request, variant):
    """The cache keys a request's Entry reads: the generation and the response (worked out
    once per request: the rate count reads them too).

    A response is keyed by what it depends on: the variant, the language, the site it is
    served as (sitemaps and feeds write absolute links), the path and the non-empty values of
    the parameters the view reads (`request.cache_parameters`, none when unset), in name
    order. So a parameter the view does not know, or the same parameters in another order,
    never makes a new entry: nobody can bypass the cache by adding `?zz=<random>`."""
    known = request.__dict__.setdefault("_public_cache_keys", {})
    if variant not in known:
        # In name order; a name's repeated values keep their order, which a view may read.
        parameters = [
            (name, value)
            for name in sorted(getattr(request, "cache_parameters", ()))
            for value in request.GET.getlist(name)
            if value
        ]
        raw = "|".join(
            (
                variant,
                translation.get_language() or "",
                request.scheme,
                request.get_host(),
                request.path,
                urlencode(parameters),
            )
        )
        known[variant] = [GENERATION_KEY, "public:" + hashlib.sha256(raw.encode()).hexdigest()]
    return known[variant]


class Entry:
    """One request's place in the cache: its key, the generation seen, and what was found
    (read here, or already read with the request's rate count: `found`)."""

    def __init__(self, request, variant, found=None):
        keys = entry_keys(request, variant)
        self.key = keys[1]
        if found is None:
            found = cache.get_many(keys)
        self.generation = found.get(GENERATION_KEY)
        if self.generation is None:
            self.generation = uuid.uuid4().hex
            if not cache.add(GENERATION_KEY, self.generation, None):
                self.generation = cache.get(GENERATION_KEY)
        stored = found.get(self.key)
        self.stored = stored[1] if stored and stored[0] == self.generation else None

    def save(self, payload):
        cache.set(self.key, (self.generation, payload), timeout())


def lookup(request, variant, found=None):
    """The request's Entry, or None when the cache is off or the request is not public."""
    if not timeout() or request.method not in ("GET", "HEAD"):
        return None
    return Entry(request, variant, found)


def response_from(payload):
    response = HttpResponse(payload["content"], status=200)
    for name, value in payload["headers"].items():
        response[name] = value
    response.from_shared_cache = True
    return response


def payload_of(response, headers):
    return {
        "content": response.content,
        "headers": {name: response[name] for name in headers if response.has_header(name)},
    }


# What a kept response says about itself besides its body (sitemaps and feeds send the last
# change, sitemaps ask not to be indexed).
KEPT_HEADERS = ("Content-Type", "Last-Modified", "X-Robots-Tag")


def shared_page(view=None, *, parameters=None):
    """Serve a public page from the shared cache; keep a 200 there for the next reader. A
    public page has nothing per visitor (no form that posts, no token): the same bytes serve
    everyone.

    `parameters`: the query parameters the view reads (`@shared_page(parameters={"q"})`); any
    other is left out of the key. Without it, a view that sets `request.cache_parameters`
    itself (the directories) is keyed by those, and any other by its path alone."""
    if view is None:
        return partial(shared_page, parameters=parameters)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if parameters is not None:
            request.cache_parameters = parameters
        entry = lookup(request, "html")
        if entry is not None and entry.stored is not None:
            return response_from(entry.stored)
        response = view(request, *args, **kwargs)
        if entry is not None and response.status_code == 200:
            if hasattr(response, "render"):
                response.render()
            entry.save(payload_of(response, KEPT_HEADERS))
        return response

    return wrapper
