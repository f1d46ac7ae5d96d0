"""Reads of talent records shared by the pages, the API, the feeds, the sitemap and the home
page: what the public may see is decided here once."""

from django.db.models import F, Q
from django.utils import timezone

from portal.publishing.choices import PublicationState

from .models import Competition, CompetitionResult, HonorAward, HonorRoll, PublicBasis

PUBLISHED = PublicationState.PUBLISHED


def public_awards(awards=None):
    """Published awards of people who are published and have a basis for being shown."""
    awards = HonorAward.objects.all() if awards is None else awards
    return awards.published().filter(
        ~Q(craftsman__public_basis=PublicBasis.NONE), craftsman__publication_state=PUBLISHED
    )


def public_results(results=None):
    """Results are public when their competition is (its `published()`, which also keeps demo
    competitions out where the settings hide them)."""
    results = CompetitionResult.objects.all() if results is None else results
    return results.filter(event__competition__in=Competition.objects.published())


def latest_awards(limit=6):
    """For the home page and the feeds: the awards that became public last, with who received
    them (read in the order of the awards' `award_newest` index). Each links to its roll, so an
    award without a year (on its holder's page only) is not among them."""
    return (
        public_awards()
        .filter(year__isnull=False)
        .select_related("title", "craftsman__organization")
        .newest_first()[:limit]
    )


def upcoming_competitions(limit=4):
    """Published competitions of this year and later, the soonest first."""
    return (
        Competition.objects.published()
        .filter(year__gte=timezone.localdate().year)
        .order_by("start_date", "year", "name")[:limit]
    )


def honor_rolls():
    """(title slug, year, last change) of every public roll, for the sitemap."""
    return HonorRoll.objects.values("title__slug", "year", lastmod=F("last_change")).order_by(
        "title__slug", "-year"
    )
