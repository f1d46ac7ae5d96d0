"""Public pages: the program directory, training bases and the shortage catalogue."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from portal.pages.charts import bar_chart
from portal.pages.directory import FilteredListView
from portal.security.views import sandboxed_file

from .filters import ProgramFilterSet, TrainingBaseFilterSet
from .models import Program, ShortageList, TrainingBase
from .selectors import program_cards, public_programs


class ProgramListView(FilteredListView):
    template_name = "programs/program_list.html"
    filterset_class = ProgramFilterSet
    title = _("培训项目")
    ordering_choices = [
        ("enrol_end", _("报名截止从近到远")),
        ("start_date", _("开始日期从近到远")),
        ("-created", _("最新发布")),
    ]

    def get_queryset(self):
        return program_cards().in_citizen_order()


class ProgramDetailView(DetailView):
    """Who may apply, how, and until when."""

    template_name = "programs/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return public_programs().prefetch_related("occupations")


class BaseListView(FilteredListView):
    template_name = "programs/base_list.html"
    filterset_class = TrainingBaseFilterSet
    title = _("培训基地")

    def get_queryset(self):
        return (
            TrainingBase.objects.published()
            .select_related("district", "organization")
            .prefetch_related("occupations")
        )


class BaseDetailView(DetailView):
    """A base's address and the published programs it runs."""

    template_name = "programs/base_detail.html"
    context_object_name = "base"

    def get_queryset(self):
        programs = program_cards().in_citizen_order()
        return (
            TrainingBase.objects.published()
            .select_related("district", "organization")
            .prefetch_related(
                "occupations",
                "clusters",
                Prefetch("programs", queryset=programs, to_attr="public_programs"),
            )
        )


class ShortageView(TemplateView):
    """One edition of the catalogue (the latest by default), ranked, with a chart of the gap."""

    template_name = "programs/shortage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editions = ShortageList.objects.published()
        year = kwargs.get("year")
        if year is None:
            edition = editions.order_by("-year").first()
            if edition is None:
                raise Http404(_("还没有公开的急需紧缺职业目录。"))
        else:
            edition = get_object_or_404(editions, year=year)
        entries = list(edition.entries.select_related("occupation").order_by("rank"))
        chart = bar_chart(
            [(f"{e.rank}. {e.occupation.name}", e.gap) for e in entries],
            title=gettext("%(year)s 年目录各职业缺口人数") % {"year": edition.year},
            chart_id="gap-chart",
            value_format=gettext("%(value)s 人"),
        )
        context.update(
            edition=edition,
            entries=entries,
            chart=chart,
            has_numbers=any(e.gap is not None for e in entries),
            editions=list(editions.order_by("-year").values("year", "title", "is_demo")),
        )
        return context


def program_attachment(request, slug):
    """A published program's PDF: always a download, never shown inline."""
    program = get_object_or_404(Program.objects.published().exclude(attachment=""), slug=slug)
    return sandboxed_file(
        program.attachment, content_type="application/pdf", download_as=f"{program.slug}.pdf"
    )
