"""Shared machinery of the public pages: one filtered, paginated list view for every directory.

Each directory page is a FilterSet (the same class the API uses) over a published queryset, a
page of results and a GET form that keeps its values. The list runs a fixed number of queries
whatever the page size: the view's queryset says what to join and prefetch.
"""

from django import forms
from django.core.paginator import Paginator
from django.forms.renderers import Jinja2
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from portal.publishing.cache import shared_page

ANY = _("全部")
BOOLEAN_CHOICES = [("", ANY), ("true", _("是")), ("false", _("否"))]
HIDDEN_FROM_FORM = ("updated_after",)
# The filter form's widgets in Jinja2 like the pages: Django's template engine took 15 ms
# to write a <select> of 500 training bases.
FORM_RENDERER = Jinja2()
# The pages a directory lists (DirectoryPaginator).
MAX_PAGES = 50
# Parameters that choose how a list is shown, not which records are in it.
PRESENTATION_PARAMETERS = ("ordering", "page")


def tidy_filter_form(form, *, ordering_choices=None):
    """Citizens' wording for the filter form: "全部" for no choice, 是/否 for yes/no."""
    form.renderer = FORM_RENDERER
    for name in HIDDEN_FROM_FORM:
        form.fields.pop(name, None)
    for name, field in form.fields.items():
        if isinstance(field, forms.NullBooleanField):
            field.widget = forms.Select(choices=BOOLEAN_CHOICES)
        elif isinstance(field, forms.ModelChoiceField):
            field.empty_label = ANY
            if hasattr(field.queryset, "published"):
                field.queryset = field.queryset.published()  # no draft names in a <select>
        elif isinstance(field, forms.ChoiceField):
            if name == "ordering" and ordering_choices is not None:
                field.choices = ordering_choices
            empty = _("默认") if name == "ordering" else ANY
            options = [(value, label) for value, label in field.choices if value != ""]
            field.widget.choices = [("", empty), *options]
        elif name == "q":
            field.widget.input_type = "search"
    return form


class DirectoryPaginator(Paginator):
    """Numbered pages of a directory, each page read in one query as "the records whose keys
    are the page's keys in the list's order": the database sorts only the keys (an index can
    hold them and the columns the order reads: programs' `program_citizen_order`), then reads
    the page's records whole, instead of reading and sorting every matching record whole.

    At most MAX_PAGES pages are listed; past them a citizen narrows the list with its filters.
    The database then never sorts more than MAX_PAGES pages of keys (a page in the middle of
    50,000 programs sorted them all: 40 ms)."""

    @property
    def num_pages(self):
        return min(super().num_pages, MAX_PAGES)

    @property
    def beyond(self):
        """Whether records lie past the last page listed."""
        return self.count > self.num_pages * self.per_page

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=keys), number, self)


def to_page_served(request, page, other=()):
    """A redirect to `page` when the request named another (`?page=abc`, a page past the
    last), keeping the `other` parameters; None when it named this one. So each page has one
    address, and one entry in the shared cache."""
    if request.GET.get("page", str(page.number)) == str(page.number):
        return None
    query = urlencode([*other, *([("page", page.number)] if page.number > 1 else [])])
    return redirect(f"{request.path}?{query}" if query else request.path)


def paginate(request, paginator):
    """The context of the requested page of `paginator` (an unknown page number gives the
    nearest page, never a 404)."""
    page = paginator.get_page(request.GET.get("page"))
    return {"paginator": paginator, "page_obj": page, "object_list": page.object_list}


class FilteredListView(TemplateView):
    """A published queryset narrowed by a FilterSet, paginated, with messages for bad filters.

    Subclasses set `filterset_class`, `template_name`, and `get_queryset()`; optionally
    `ordering_choices` (a subset of the FilterSet's ordering, in plain words) and `paginate_by`.
    A filter value that does not validate is named in a message and ignored; the page answers
    400 so a link checker notices, but the citizen still gets a page, never an error page.
    """

    filterset_class = None
    paginate_by = 20
    ordering_choices = None
    title = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # The shared page cache keys a page on these alone: a parameter the list does not
        # know cannot make a new entry.
        request.cache_parameters = self.known_parameters()

    def known_parameters(self):
        return {*self.filterset_class.base_filters, *PRESENTATION_PARAMETERS}

    def get_queryset(self):
        raise NotImplementedError

    def get_filterset(self):
        filterset = self.filterset_class(self.request.GET or None, queryset=self.get_queryset())
        tidy_filter_form(filterset.form, ordering_choices=self.ordering_choices)
        return filterset

    @method_decorator(shared_page)
    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        other = [item for item in self.given_parameters() if item[0] != "page"]
        moved = to_page_served(request, context["page_obj"], other)
        if moved is not None:
            return moved
        status = 400 if context["filter_errors"] else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.get_filterset()
        valid = filterset.is_valid() if filterset.is_bound else True
        errors = [] if valid else self.error_messages(filterset)
        is_filtered = self.is_filtered()
        context.update(
            title=self.title,
            filter_form=self.render_filter_form(filterset.form, errors, is_filtered),
            filter_errors=errors,
            is_filtered=is_filtered,
            query_string=self.query_string(),
            **paginate(self.request, DirectoryPaginator(filterset.qs, self.paginate_by)),
        )
        return context

    def given_parameters(self):
        """(name, value) of every non-empty parameter the list knows, in the request's order."""
        known = self.request.cache_parameters
        return [
            (name, value)
            for name, values in self.request.GET.lists()
            if name in known
            for value in values
            if value
        ]

    def query_string(self):
        """What a link to another page of the same list carries: the list's own parameters."""
        return urlencode([item for item in self.given_parameters() if item[0] != "page"])

    def is_filtered(self):
        return any(name not in PRESENTATION_PARAMETERS for name, _value in self.given_parameters())

    def render_filter_form(self, form, errors, is_filtered):
        context = {"form": form, "filter_errors": errors, "is_filtered": is_filtered}
        return mark_safe(render_to_string("includes/filter_form.html", context, self.request))

    @staticmethod
    def error_messages(filterset):
        """One line per bad parameter, naming the field as the form labels it."""
        lines = []
        for name, errors in filterset.form.errors.items():
            field = filterset.form.fields.get(name)
            label = field.label if field is not None else name
            lines.extend(f"{label}（{name}）：{error}" for error in errors)
        return lines
