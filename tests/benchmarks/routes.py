"""The requests `make bench` makes: every route of the URLconf, found in a child process with
Django set up (so the bench itself holds no database connection while it measures).

Routes without parameters are requested as they are, the public pages also in English. A list
(a page with a FilterSet, an API list) is also requested filtered (its first public filter,
with the value most records have), searched (two-character Chinese: an occupation, a person's
name; a three-character name where people are searched) and deep (a keyset cursor at the middle
of the API list; a directory's last page). Detail pages are sampled from the
sitemap files, API details from the lists' rows; records withdrawn for the run and unknown
paths must answer 404. Each request is a dict: path (ASCII, quoted), route, variant, kind
(page, api or site), expect (status), first (a list's first page), list, sitemap (a file).
"""

import base64
import binascii
import functools
import json
import re
import urllib.parse
from xml.etree import ElementTree

from django.conf import settings
from django.db.models import Count
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from portal.publishing.choices import PublicationState
from programs.synthetic import SOURCE

SEARCHES = ("焊工", "王伟")  # two Chinese characters: an occupation, a common name
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOT_SWEPT = {
    "admin": "the back office: staff only, signed in",
    "set_language": "POST only",
    "bench-baseline": "the baseline itself",
}
SKIPPED_FILTERS = {"q", "ordering", "updated_after"}
SITEMAP_CHECKS = 60  # sitemap files whose first build is timed, spread over every section


def quoted(path, **query):
    path = urllib.parse.quote(path, safe="/:@%")  # reverse() has quoted what it made
    return f"{path}?{urllib.parse.urlencode(query)}" if query else path


class Found:
    """The requests found so far, one per path, and why a route has none."""

    def __init__(self, host):
        self.client = Client(raise_request_exception=False, HTTP_HOST=host)
        self.requests = {}
        self.routes = {}  # route name -> None (requested) or why not

    def add(self, path, variant, *, kind=None, expect=200, **flags):
        if path in self.requests:
            return
        route = route_of(path)
        if kind is None:
            kind = "api" if path.startswith("/api/") else "page"
        self.requests[path] = {
            "path": path,
            "route": route,
            "variant": variant,
            "kind": kind,
            "expect": expect,
            "first": flags.get("first", False),
            "list": flags.get("list", False),
            "sitemap": flags.get("sitemap", False),
        }
        self.routes[route] = None

    def get(self, path):
        return self.client.get(path)


def route_of(path):
    """The URL name `path` resolves to, in the language its prefix names."""
    path = urllib.parse.unquote(path.split("?")[0])
    language = "en" if path.startswith("/en/") else settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            return resolve(path).view_name
    except Resolver404:
        return "(no route)"


def walk(patterns, namespace=(), localized=False):
    """(pattern, full name, under i18n_patterns) of every URL pattern."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespace, entry.namespace) if entry.namespace else namespace
            i18n = localized or isinstance(entry.pattern, LocalePrefixPattern)
            yield from walk(entry.url_patterns, inner, i18n)
        else:
            name = ":".join((*namespace, entry.name)) if entry.name else None
            yield entry, name, localized


def has_parameters(pattern):
    return bool(pattern.pattern.regex.groups)


def public(model_or_queryset):
    queryset = getattr(model_or_queryset, "_default_manager", model_or_queryset)
    queryset = queryset.all()
    return queryset.published() if hasattr(queryset, "published") else queryset


def filter_value(filterset_class, queryset):
    """(name, value) of the list's first public filter with the value most rows have."""
    staff_only = set(getattr(filterset_class, "staff_only_filters", ()))
    filters = sorted(filterset_class.base_filters.items(), key=lambda item: item[0] != "district")
    for name, declared in filters:
        if name in SKIPPED_FILTERS or name in staff_only:
            continue
        if getattr(declared, "method", None):
            choices = declared.extra.get("choices")
            choices = choices() if callable(choices) else choices
            if choices:
                return name, str(choices[0][0])
            continue
        field = declared.field_name
        try:
            top = (
                queryset.order_by()
                .exclude(**{f"{field}__isnull": True})
                .values(field)
                .annotate(n=Count("pk"))
                .order_by("-n")[:1]
            )
            row = next(iter(top), None)
        except Exception:
            continue
        if row is None:
            continue
        value = row[field]
        related = declared.extra.get("queryset")
        if related is not None:
            related = related() if callable(related) else related
            record = related.model._default_manager.get(pk=value)
            identifier = declared.extra.get("identifier") or (lambda obj: obj.pk)
            value = identifier(record)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        return name, str(value)
    return None


def searches_people(filterset_class):
    """Whether the list's `q` reads craftsmen's names (then a full name is searched too)."""
    model = filterset_class._meta.model
    for path in getattr(filterset_class, "search_fields", ()):
        *through, last = path.split("__")
        target = model
        try:
            for part in through:
                target = target._meta.get_field(part).related_model
        except Exception:
            continue
        if target._meta.label == "talent.Craftsman" and last == "name":
            return True
    return False


@functools.cache
def full_name():
    """A three-character name of a public craftsman, from the middle of the register."""
    from talent.models import Craftsman

    names = Craftsman.objects.published().order_by("pk").values_list("name", flat=True)
    total = names.count()
    for name in names[total // 2 : total // 2 + 500]:
        if len(name) == 3:
            return name
    return "王建国"


def list_variants(found, path, filterset_class, queryset, *, api):
    found.add(path, "first page", first=True, list=True)
    chosen = filter_value(filterset_class, queryset)
    if chosen:
        found.add(quoted(path, **{chosen[0]: chosen[1]}), f"filtered {chosen[0]}", list=True)
    if "q" in filterset_class.base_filters:
        terms = [*SEARCHES, full_name()] if searches_people(filterset_class) else [SEARCHES[0]]
        for term in terms:
            found.add(quoted(path, q=term), f"searched {term}", list=True)
    if api:
        deep = deep_cursor(found, path, queryset)
        if deep:  # a list on one page has none
            found.add(quoted(path, cursor=deep), "deep cursor (middle)", list=True)
    else:
        far = farthest_page(found, path)
        if far:
            found.add(quoted(path, page=far), f"far page {far}", list=True)


def deep_cursor(found, path, queryset):
    """A cursor at the middle row of the list, in the form of its own `next` link."""
    response = found.get(path)
    if response.status_code != 200:
        return None
    link = response.json().get("next")
    if not link:
        return None
    raw = urllib.parse.parse_qs(urllib.parse.urlparse(link).query).get("cursor", [""])[0]
    try:
        cursor = json.loads(base64.urlsafe_b64decode(raw + "==="))
        keys = cursor["o"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None
    ordered = queryset.order_by(*keys)
    middle = ordered.values_list(*(key.lstrip("-") for key in keys))[ordered.count() // 2]
    values = [json.loads(json.dumps(value, default=str)) for value in middle]
    cursor = json.dumps({**cursor, "v": values, "r": False}, separators=(",", ":"))
    return base64.urlsafe_b64encode(cursor.encode()).decode().rstrip("=")


def farthest_page(found, path):
    """The last page of a paged view: a directory sends a number past the end to its last
    page (a redirect naming it); other views show the last page (Django's get_page), whose
    link back names the page before it."""
    past = 10**6
    response = found.get(quoted(path, page=past))
    if response.status_code == 302:
        named = re.search(r"[?&]page=(\d+)", response["Location"])
        return int(named.group(1)) if named else None
    if response.status_code != 200:
        return None
    pages = [int(n) for n in re.findall(r"[?&;]page=(\d+)", response.content.decode())]
    pages = [n for n in pages if n != past]
    return max(pages) + 1 if pages else None


def api_details(found, list_path, detail_name):
    """Details of the first and last rows of the list's first page and the first row of its
    deep page, by the identifier each row carries."""
    deep = [
        r["path"]
        for r in found.requests.values()
        if r["variant"].startswith("deep") and r["path"].startswith(list_path + "?")
    ]
    rows = page_rows(found, list_path)
    rows = rows[:1] + rows[-1:]
    for path in deep:
        rows += page_rows(found, path)[:1]
    for row in rows:
        if "identifier" in row:
            detail = reverse(detail_name, kwargs={"identifier": row["identifier"]})
            found.add(quoted(detail), "detail")


def page_rows(found, path):
    response = found.get(path)
    return response.json().get("results", []) if response.status_code == 200 else []


def withdrawn(model, count=2):
    """Synthetic records archived for the run (their pages and API details must be 404)."""
    rows = list(
        model.objects.filter(source=SOURCE, publication_state=PublicationState.ARCHIVED)[:count]
    )
    for record in (
        model.objects.published().filter(source=SOURCE).order_by("pk")[: count - len(rows)]
    ):
        record.publication_state = PublicationState.ARCHIVED
        record.save()  # through the signals: a tombstone, the rolls, the cache
        rows.append(record)
    return rows


def local(url):
    """The path and query of an absolute URL."""
    parts = urllib.parse.urlparse(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sitemap_requests(found):
    """The sitemap index, the first and last file of each section, detail pages sampled from
    them; returns every file's path (their first builds are timed)."""
    response = found.get(reverse("sitemap"))
    root = ElementTree.fromstring(response.content)
    files = []
    if root.tag == f"{SITEMAP}sitemapindex":
        files = [local(loc.text) for loc in root.iter(f"{SITEMAP}loc")]
        sections = {}
        for path in files:
            sections.setdefault(path.split("?")[0], []).append(path)
        read = []
        for section in sections.values():
            for path in dict.fromkeys([section[0], section[-1]]):
                found.add(path, "sitemap file", kind="site", sitemap=True)
                read.append(path)
        documents = [ElementTree.fromstring(found.get(path).content) for path in read]
    else:
        documents = [root]
    pages = {}
    for document in documents:
        for loc in document.iter(f"{SITEMAP}loc"):
            path = urllib.parse.urlparse(loc.text).path
            english = path.startswith("/en/")
            pages.setdefault((route_of(path), english), []).append(path)
    for (_route, english), paths in pages.items():
        chosen = [paths[0]] if english else [paths[0], paths[len(paths) // 2]]
        for path in dict.fromkeys(chosen):
            found.add(path, "detail (sitemap)" + (", en" if english else ""))
    return files


def not_swept(name):
    """(what the table names, why) for a route the sweep leaves out, else None."""
    namespace, _, short = name.rpartition(":")
    if namespace in NOT_SWEPT:
        return f"{namespace}:*", NOT_SWEPT[namespace]
    if short in NOT_SWEPT:
        return name, NOT_SWEPT[short]
    return None


def route_requests(found, pattern, name, localized, names):
    """The requests of a route without parameters: itself, a list's variants, the details
    its rows name, its English page."""
    kind = "site" if not localized and not name.startswith("api:") else None
    path = quoted(reverse(name))
    callback = pattern.callback
    viewset = getattr(callback, "cls", None)
    view_class = getattr(callback, "view_class", None)
    is_list = True
    if viewset is not None and getattr(callback, "actions", {}).get("get") == "list":
        reads = getattr(viewset, "public", public)
        list_variants(found, path, viewset.filterset_class, reads(viewset.queryset.all()), api=True)
        detail = name.removesuffix("-list") + "-detail"
        if detail in names:
            api_details(found, path, detail)
    elif view_class is not None and getattr(view_class, "filterset_class", None):
        filterset_class = view_class.filterset_class
        queryset = public(filterset_class._meta.model)
        list_variants(found, path, filterset_class, queryset, api=False)
    else:
        is_list = False
        found.add(path, "page", kind=kind, first=True)
    if name == "search":
        for term in [*SEARCHES, full_name()]:
            found.add(quoted(path, q=term), f"searched {term}")
    if localized:
        with translation.override("en"):
            found.add(quoted(reverse(name)), "en", first=True, list=is_list)


def discover(host):
    """Every request of the sweep, the routes not swept and why, the sitemap files."""
    from programs.models import Program
    from talent.models import Craftsman, HonorRoll

    found = Found(host)
    gone = withdrawn(Program) + withdrawn(Craftsman)
    patterns = list(walk(get_resolver().url_patterns))
    names = {name for _pattern, name, _localized in patterns}
    for pattern, name, localized in patterns:
        if name is None:  # the API's catch-all
            found.add("/api/v1/no-such-resource/", "unknown resource", expect=404)
        elif skipped := not_swept(name):
            found.routes[skipped[0]] = skipped[1]
        elif has_parameters(pattern):
            found.routes.setdefault(name, "no sample found in the sitemap or the data")
        else:
            route_requests(found, pattern, name, localized, names)
    files = sitemap_requests(found)
    largest = HonorRoll.objects.order_by("-size").select_related("title").first()
    if largest is not None:
        roll = reverse(
            "talent:honor-roll", kwargs={"title": largest.title.slug, "year": largest.year}
        )
        found.add(quoted(roll), f"largest roll ({largest.size:,})")
        far = farthest_page(found, quoted(roll))
        if far:
            found.add(quoted(roll, page=far), f"largest roll, far page {far}")
    for record in gone:
        found.add(quoted(record.get_absolute_url()), "withdrawn record", expect=404)
        resource, identifier = (
            ("programs", record.slug) if isinstance(record, Program) else ("craftsmen", record.uid)
        )
        detail = reverse(f"api:{resource}-detail", kwargs={"identifier": identifier})
        found.add(quoted(detail), "withdrawn record", expect=404)
    found.add("/programs/no-such-program/", "unknown record", expect=404)
    files_of(found)
    return {
        "requests": list(found.requests.values()),
        "not_swept": {name: why for name, why in found.routes.items() if why},
        "sitemap_files": spread(files, SITEMAP_CHECKS),
        "sitemap_file_count": len(files),
        "language": settings.LANGUAGE_CODE,
    }


def files_of(found):
    """A program's attachment and a craftsman's photo, where the data has one."""
    from programs.models import Program
    from talent.models import Craftsman

    attached = Program.objects.published().exclude(attachment="").first()
    if attached is not None:
        found.add(
            reverse("program-attachment", kwargs={"slug": attached.slug}), "file", kind="site"
        )
    pictured = Craftsman.objects.published().exclude(photo="").first()
    if pictured is not None:
        found.add(reverse("craftsman-photo", kwargs={"uid": pictured.uid}), "file", kind="site")


def spread(items, most):
    """At most `most` of `items`, evenly spaced, first and last included."""
    if len(items) <= most:
        return items
    step = (len(items) - 1) / (most - 1)
    return [items[round(i * step)] for i in range(most)]
