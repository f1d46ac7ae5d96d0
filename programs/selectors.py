"""Reads of programs shared by the pages, the API, the feeds and the home page: what the
public may see, and what a program card needs, are decided here once."""

from django.db.models import Prefetch

from portal.vocabulary.models import District

from .models import Program


def public_programs():
    """Published programs with their state for today, joined for a program's page."""
    return (
        Program.objects.published()
        .with_state()
        .select_related("provider_base", "provider_organization")
        .prefetch_related("districts", "target_groups")
    )


# What a program card shows (jinja2/macros/cards.html and programs/presentation.py).
CARD_FIELDS = (
    "slug",
    "title",
    "is_demo",
    "kind",
    "mode",
    "address",
    "enrol_start",
    "enrol_end",
    "start_date",
    "end_date",
    "fee",
    "subsidy",
    "provider_base",
    "provider_base__name",
)


def program_cards():
    """Published programs as their cards show them, with their state for today: the base
    joined, the districts prefetched (a fixed number of queries), and none of the long texts
    a card does not show."""
    return (
        Program.objects.published()
        .with_state()
        .select_related("provider_base")
        .only(*CARD_FIELDS)
        .prefetch_related(Prefetch("districts", queryset=District.objects.only("name")))
    )


def enrolling_programs():
    """Published programs open for enrolment today."""
    return Program.objects.published().in_state("enrolling")


def newest_programs(limit):
    """The programs that became public last (for the feeds), read in their index's order."""
    return Program.objects.published().newest_first()[:limit]
