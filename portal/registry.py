"""What the apps give the site shell: filled by each app's `AppConfig.ready()`, read by `portal`.

`portal` serves the home page, the site search, the statistics, the feeds, the sitemaps, the
root URLs and the staff roles, but the apps depend on it, not the other way round: it knows
their records only through what they registered here (`site.py` of each app). Each entry has a
`position`: the order the home page, the search and the sitemap index show them in.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SearchSource:
    """One list the site search covers. `records`: its public records; `filterset`: whose `q`
    rule is used; `columns`: what a result shows, read as plain values: the detail page's
    argument (e.g. a slug), the name, then is_demo and a note; `order`: the first results'
    order when not the list's own."""

    key: str
    heading: Any
    records: Callable
    filterset: type
    columns: tuple
    list_url: str | None = None  # where "see all" continues, with the same q
    detail_url: str | None = None
    order: tuple = ()
    position: int = 0


@dataclass(frozen=True)
class HomeBlock:
    """A section of the home page: its template (an include) and the reads that fill it."""

    key: str
    template: str
    read: Callable[[], dict]
    position: int = 0


@dataclass(frozen=True)
class KeyFigure:
    """A count of the portal's own records on the home page ("本站收录"), linking to the list
    it counts. Not the bureau's published figures: those are records (portal.figures), shown
    by a HomeBlock and a StatsSection."""

    key: str
    label: Any
    count: Callable[[], int]
    url: Callable[[], str] | None = None
    position: int = 0


@dataclass(frozen=True)
class StatsChart:
    """A chart of /stats/ with its table: `rows` gives (label, count) pairs; each of `figures`
    is (position, label, function of the rows): a key figure shown above the charts."""

    key: str
    title: Any
    rows: Callable[[], list]
    unit: Any  # e.g. _("%(value)s 个")
    figures: tuple = ()
    position: int = 0


@dataclass(frozen=True)
class StatsSection:
    """A section of /stats/ that is not a chart (the official figures): its template (an
    include) and the read that fills it; shown above the counts and charts."""

    key: str
    template: str
    read: Callable[[], dict]
    position: int = 0


@dataclass(frozen=True)
class FeedSource:
    """New records of one model in the site's feeds: `newest(n)` reads the n that became public
    last; `title`, `description` and `link` tell an item of it."""

    model_label: str
    newest: Callable[[int], Any]
    title: Callable[[Any], str]
    description: Callable[[Any], str]
    link: Callable[[Any], str]


@dataclass(frozen=True)
class StaffModel:
    """A model staff keep in the admin. `vocabulary`: shared terms only bureau roles change;
    `district`: the path to its district for district editors (None: only bureau roles change
    it); `parent`: the record whose publication state governs it (a result's competition);
    `child_row`: a row a district editor may remove from inside its own draft parent."""

    label: str
    vocabulary: bool = False
    district: str | None = None
    parent: str | None = None
    child_row: bool = False


@dataclass(frozen=True)
class UrlModule:
    """An app's URLconf: `localized` ones live under the language prefix (/en/…)."""

    module: str
    localized: bool = True
    position: int = 0


@dataclass(frozen=True)
class SitemapSection:
    """A file of sitemap.xml's index (`/sitemap-<name>.xml`)."""

    name: str
    sitemap: type
    position: int = 0


@dataclass(frozen=True)
class Directory:
    """A fixed public page (a directory) the sitemap lists while `shown()`."""

    url_name: str
    shown: Callable[[], bool] = lambda: True
    position: int = 0


@dataclass(frozen=True)
class TemplateFunction:
    """A function the public templates call by `name`: a global, or a filter (`value|name`)."""

    name: str
    function: Callable
    is_filter: bool = False


# Each kind of entry, its list, and what makes two entries the same (registering one again
# replaces it: Django may run an app's ready() twice in tests).
KINDS = {
    SearchSource: "key",
    HomeBlock: "key",
    KeyFigure: "key",
    StatsChart: "key",
    StatsSection: "key",
    FeedSource: "model_label",
    StaffModel: "label",
    UrlModule: "module",
    SitemapSection: "name",
    Directory: "url_name",
    TemplateFunction: "name",
}
entries: dict[type, dict] = {kind: {} for kind in KINDS}


def register(*new):
    for entry in new:
        kind = type(entry)
        entries[kind][getattr(entry, KINDS[kind])] = entry


def registered(kind):
    """The entries of one kind, in their `position` order (registration order otherwise)."""
    return sorted(entries[kind].values(), key=lambda entry: getattr(entry, "position", 0))


def sitemaps():
    return {section.name: section.sitemap for section in registered(SitemapSection)}


def staff_model(label):
    return entries[StaffModel].get(label)
