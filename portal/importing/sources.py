"""Which sources the portal may cite and link: the allow-list in `seeds/source_sites.csv`.

A citation names its publisher, title and date; it is allowed when it begins with the name of
an allowed publisher (or is one of the reference articles, listed there by the way their
citation begins). A link is allowed only to an allowed site, never to a bare IP address. The
seed loaders, the tests and the public pages' sweep all ask this one module.
"""

import csv
import ipaddress
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

SITES_FILE = "source_sites.csv"
SITE_COLUMNS = ["domain", "name", "kind", "reason"]
# The one citation a demo row carries; no real row may carry it.
DEMO_SOURCE = "demo: illustrative, not a real record"
# Several citations in one cell are separated by a full-width semicolon.
CITATION_SEPARATOR = "；"
# Editors' remarks and internal references that must never reach the public.
EDITOR_MARKERS = re.compile(
    r"DESIGN|\.md\b|\.csv\b|\.ya?ml\b|字段|语料|来源未说明|来源未给出|staff_note|未带URL"
    r"|https?://|www\.",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Site:
    domain: str
    name: str
    kind: str
    reason: str


def read_sites(seeds_dir):
    """The allow-list rows of `seeds_dir`, checked for shape."""
    path = Path(seeds_dir) / SITES_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != SITE_COLUMNS:
            raise ValueError(f"seeds/{SITES_FILE}: expected columns {','.join(SITE_COLUMNS)}")
        rows = [Site(*(cell.strip() for cell in row)) for row in reader if any(row)]
    for site in rows:
        if not site.name or not site.kind or not site.reason:
            raise ValueError(f"seeds/{SITES_FILE}: '{site.domain or site.name}' lacks a field")
    return tuple(rows)


@cache
def default_sites():
    return read_sites(Path(settings.BASE_DIR) / "seeds")


def host_of(url):
    try:
        parts = urlsplit(str(url).strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"}:
        return None
    return (parts.hostname or "").lower() or None


def is_bare_ip(host):
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def link_allowed(url, sites=None):
    """True when `url` points to a site on the allow-list (or a subdomain of one)."""
    host = host_of(url)
    if not host or is_bare_ip(host):
        return False
    domains = {site.domain.lower() for site in sites or default_sites() if site.domain}
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def citation_problem(citation, url="", *, is_demo=False, sites=None):
    """What is wrong with a record's source (citation and link), or None if it may be shown."""
    sites = sites or default_sites()
    citation = (citation or "").strip()
    if not citation:
        return "every row must say where its facts come from (publication, title, date)"
    if citation == DEMO_SOURCE:
        return None if is_demo else "only a demo row may carry the demo source"
    if is_demo:
        return f"a demo row cites exactly '{DEMO_SOURCE}'"
    if url and not link_allowed(url, sites):
        return f"'{url}' is not on the allow-list of seeds/{SITES_FILE} (or is a bare IP)"
    marker = EDITOR_MARKERS.search(citation)
    if marker:
        return (
            f"'{marker.group(0)}' does not belong in a public citation: a link goes in "
            "source_url, an editor's remark in staff_note"
        )
    names = [site.name for site in sites]
    for part in citation.split(CITATION_SEPARATOR):
        if not any(part.strip().startswith(name) for name in names):
            return f"'{part.strip()[:40]}' does not begin with a publisher on the allow-list"
    return None
