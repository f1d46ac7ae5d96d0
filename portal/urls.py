"""Root URLs: public pages under i18n_patterns (Chinese at /, English at /en/), admin, API."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from portal import registry
from portal.pages import views
from portal.pages.feeds import NewRecordsAtomFeed, NewRecordsFeed
from portal.pages.sitemaps import sections
from portal.publishing.cache import shared_page

sitemaps = sections()

# A database outage anywhere in the stack is a 503 page, not a 500 (portal/security/).
handler500 = "portal.security.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # An index of the sections' files (?p=2… for a section's further pages), each file
    # built once per generation of the shared cache.
    path(
        "sitemap.xml",
        shared_page(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        shared_page(sitemap_views.sitemap, parameters={"p"}),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("portal.api.urls")),
]
# The apps' own URLs (registered in their AppConfig.ready): files outside the language prefix,
# pages under it.
apps_urls = registry.registered(registry.UrlModule)
urlpatterns += [path("", include(urls.module)) for urls in apps_urls if not urls.localized]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("stats/", views.stats, name="stats"),
    path("feeds/programs/", shared_page(NewRecordsFeed()), name="feed-rss"),
    path("feeds/programs/atom/", shared_page(NewRecordsAtomFeed()), name="feed-atom"),
    *(path("", include(urls.module)) for urls in apps_urls if urls.localized),
    prefix_default_language=False,
)
