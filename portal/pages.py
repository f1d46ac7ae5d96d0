"""Shared machinery of the public pages: one filtered, paginated list view for every directory.

Each directory page is a FilterSet (the same class the API uses) over a published queryset, a
page of results and a GET form that keeps its values. The list runs a fixed number of queries
whatever the page size: the view's queryset says what to join and prefetch.
"""

import html

from django import forms
from django.core.paginator import Paginator
from django.forms.utils import flatatt
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .cache import shared_page

ANY = _("全部")
BOOLEAN_CHOICES = [("", ANY), ("true", _("是")), ("false", _("否"))]
HIDDEN_FROM_FORM = ("updated_after",)


class FilterSelect(forms.Select):
    """Django's <select>, written out in Python: its templates render every <option> through
    two includes, and even its option dictionaries (a copy of the attributes each) were most
    of the filter form's time."""

    def render(self, name, value, attrs=None, renderer=None):
        attributes = self.build_attrs(self.attrs, attrs)
        chosen = set(self.format_value(value))
        parts = [format_html('<select name="{}"{}>', name, flatatt(attributes))]
        for group, options in self.grouped_choices():
            if group is not None:
                parts.append(format_html('<optgroup label="{}">', group))
            for option_value, label in options:
                text = "" if option_value is None else str(option_value)
                selected = text in chosen
                if selected:
                    chosen = set()  # the first match only, as Django marks it
                # conditional_escape's rule, without its lazy-string wrapper per call.
                shown = label.__html__() if hasattr(label, "__html__") else html.escape(str(label))
                mark = " selected" if selected else ""
                parts.append(f'<option value="{html.escape(text)}"{mark}>{shown}</option>')
            if group is not None:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))

    def grouped_choices(self):
        """(group label or None, [(value, label)]) in order, as ChoiceWidget.optgroups reads
        nested choices."""
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                yield option_value, label
            else:
                yield None, [(option_value, label)]


def tidy_filter_form(form, *, ordering_choices=None):
    """Citizens' wording for the filter form: "全部" for no choice, 是/否 for yes/no."""
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
        if type(field.widget) is forms.Select:
            field.widget = FilterSelect(attrs=field.widget.attrs, choices=field.widget.choices)
    return form


def paginate(request, items, per_page):
    """A page of `items`, a queryset or a sequence (an unknown page number gives the nearest
    page, never a 404)."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "paginator": paginator,
        "page_obj": page,
        "object_list": page.object_list,
        "query_string": query.urlencode(),
    }


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

    def get_queryset(self):
        raise NotImplementedError

    def get_filterset(self):
        filterset = self.filterset_class(self.request.GET or None, queryset=self.get_queryset())
        tidy_filter_form(filterset.form, ordering_choices=self.ordering_choices)
        return filterset

    @method_decorator(shared_page)
    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        status = 400 if context["filter_errors"] else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.get_filterset()
        valid = filterset.is_valid() if filterset.is_bound else True
        context.update(
            title=self.title,
            filterset=filterset,
            form=filterset.form,
            filter_errors=[] if valid else self.error_messages(filterset),
            is_filtered=any(
                value for key, value in self.request.GET.items() if key not in ("ordering", "page")
            ),
            **paginate(self.request, filterset.qs, self.paginate_by),
        )
        return context

    @staticmethod
    def error_messages(filterset):
        """One line per bad parameter, naming the field as the form labels it."""
        lines = []
        for name, errors in filterset.form.errors.items():
            field = filterset.form.fields.get(name)
            label = field.label if field is not None else name
            lines.extend(f"{label}（{name}）：{error}" for error in errors)
        return lines
