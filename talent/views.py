"""Public pages of the talent records: honor rolls, craftsmen, studios, competitions."""

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from portal.pages.directory import FilteredListView, paginate, to_page_served
from portal.publishing.cache import shared_page
from portal.security.views import sandboxed_file

from .filters import CompetitionFilterSet, StudioFilterSet
from .models import (
    CONSENTED,
    Competition,
    CompetitionEvent,
    CompetitionResult,
    Craftsman,
    HonorRoll,
    HonorTitle,
    Studio,
)
from .selectors import public_awards, public_results

MEDALS = [
    CompetitionResult.Medal.GOLD,
    CompetitionResult.Medal.SILVER,
    CompetitionResult.Medal.BRONZE,
    CompetitionResult.Medal.EXCELLENCE,
]


def medal_table(results):
    """Gold, silver, bronze and 优胜奖 counts per delegation, best first, in one query."""
    counts = {medal.value: Count("id", filter=Q(medal=medal)) for medal in MEDALS}
    return (
        results.exclude(medal="")
        .values("delegation")
        .annotate(**counts, total=Count("id"))
        .order_by(*(f"-{medal.value}" for medal in MEDALS), "delegation")
    )


@method_decorator(shared_page, name="get")
class HonorIndexView(TemplateView):
    """Titles × years with the number of awardees, read from the rolls' sizes (one query)."""

    template_name = "talent/honor_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cells = HonorRoll.objects.values(
            "title__slug", "title__name", "title__level", "year", "size"
        ).order_by("title__order", "title__name", "-year")
        titles = {}
        years = set()
        for cell in cells:
            entry = titles.setdefault(
                cell["title__slug"],
                {
                    "slug": cell["title__slug"],
                    "name": cell["title__name"],
                    "level": HonorTitle.TitleLevel(cell["title__level"]).label,
                    "years": {},
                },
            )
            entry["years"][cell["year"]] = cell["size"]
            years.add(cell["year"])
        years = sorted(years, reverse=True)
        for entry in titles.values():
            entry["cells"] = [(year, entry["years"].get(year, 0)) for year in years]
        context.update(titles=list(titles.values()), years=years)
        return context


class HonorRollPaginator(Paginator):
    """Pages of one roll, counted by its HonorRoll size: no COUNT over the awards."""

    def __init__(self, awards, per_page, *, size):
        super().__init__(awards, per_page)
        self.size = size

    @cached_property
    def count(self):
        return self.size


@method_decorator(shared_page, name="get")
class HonorRollView(TemplateView):
    """One title in one year: the awardees with organization, occupation and district."""

    template_name = "talent/honor_roll.html"
    paginate_by = 50

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        request.cache_parameters = {"page"}

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        return to_page_served(request, context["page_obj"]) or self.render_to_response(context)

    def get_context_data(self, **kwargs):
        # Every public roll of the title, with the title: the years beside this one.
        rolls = list(HonorRoll.objects.filter(title__slug=kwargs["title"]).select_related("title"))
        sizes = {roll.year: roll.size for roll in rolls}
        year = kwargs["year"]
        if not sizes.get(year):
            raise Http404(_("没有这一年度的公开名单。"))
        honor_title = rolls[0].title
        # In name order, as the roll's index (title, year, craftsman_name, id) keeps them.
        awards = (
            public_awards()
            .filter(title=honor_title, year=year)
            .select_related(
                "craftsman__organization", "craftsman__occupation", "craftsman__district"
            )
            .order_by("craftsman_name", "pk")
        )
        paginator = HonorRollPaginator(awards, self.paginate_by, size=sizes[year])
        context = super().get_context_data(**kwargs)
        context.update(
            honor_title=honor_title,
            year=year,
            other_years=sorted(sizes, reverse=True),
            **paginate(self.request, paginator),
        )
        return context


class CraftsmanDetailView(DetailView):
    """A public profile: only published people with a basis, else 404; the details beyond
    name, organization and honors only with consent (Craftsman.shows_details)."""

    template_name = "talent/craftsman_detail.html"
    context_object_name = "craftsman"
    slug_field = "uid"
    slug_url_kwarg = "uid"

    def get_queryset(self):
        return Craftsman.objects.published().select_related(
            "organization", "occupation", "district"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        context.update(
            awards=public_awards()
            .filter(craftsman=person)
            .select_related("title")
            .order_by(F("year").desc(nulls_last=True), "title__order"),
            studios=Studio.objects.published()
            .filter(leader=person)
            .select_related("organization", "district"),
            results=public_results()
            .filter(craftsman=person)
            .select_related("event__competition")
            .order_by("-event__competition__year", "event__name"),
        )
        return context


class StudioListView(FilteredListView):
    template_name = "talent/studio_list.html"
    filterset_class = StudioFilterSet
    title = _("技能大师工作室")
    ordering_choices = [
        ("-approval_year", _("批准年度从新到旧")),
        ("approval_year", _("批准年度从旧到新")),
        ("name", _("名称")),
    ]

    def get_queryset(self):
        return (
            Studio.objects.published()
            .select_related("district", "organization", "leader")
            .prefetch_related("occupations")
        )


class StudioDetailView(DetailView):
    template_name = "talent/studio_detail.html"
    context_object_name = "studio"

    def get_queryset(self):
        return (
            Studio.objects.published()
            .select_related("district", "organization", "leader")
            .prefetch_related("occupations", "clusters")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        leader = self.object.leader
        context["leader"] = leader if leader is not None and leader.is_public else None
        return context


class CompetitionListView(FilteredListView):
    """Competitions grouped by year, filterable by level and series."""

    template_name = "talent/competition_list.html"
    filterset_class = CompetitionFilterSet
    title = _("技能竞赛")
    paginate_by = 30
    ordering_choices = [
        ("-year", _("年度从新到旧")),
        ("year", _("年度从旧到新")),
        ("-start_date", _("开始日期从新到旧")),
    ]

    def get_queryset(self):
        return (
            Competition.objects.published()
            .select_related("district")
            .annotate(event_count=Count("events", distinct=True))
            .order_by("-year", "name")
        )


class CompetitionDetailView(DetailView):
    """Events with their results, and the medal table per delegation."""

    template_name = "talent/competition_detail.html"
    context_object_name = "competition"

    def get_queryset(self):
        results = CompetitionResult.objects.select_related("craftsman").order_by(
            "rank", "medal", "pk"
        )
        events = CompetitionEvent.objects.select_related("occupation").prefetch_related(
            Prefetch("results", queryset=results)
        )
        return (
            Competition.objects.published()
            .select_related("district")
            .prefetch_related(Prefetch("events", queryset=events))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        table = list(medal_table(public_results().filter(event__competition=self.object)))
        context.update(medal_table=table, medals=MEDALS)
        return context


def craftsman_photo(request, uid):
    """A public craftsman's re-encoded photo: shown only with their consent."""
    people = Craftsman.objects.published().filter(CONSENTED).exclude(photo="")
    person = get_object_or_404(people, uid=uid)
    kind = "image/png" if person.photo.name.endswith(".png") else "image/jpeg"
    return sandboxed_file(person.photo, content_type=kind)
