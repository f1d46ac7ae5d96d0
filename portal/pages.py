"""Shared machinery of the public pages: one filtered, paginated list view for every directory.

Each directory page is a FilterSet (the same class the API uses) over a published queryset, a
page of results and a GET form that keeps its values. The list runs a fixed number of queries
whatever the page size: the view's queryset says what to join and prefetch.

A directory that can read its page as plain rows (`page_rows`) answers the common requests (no
filter, or plain ones: a kind, a search, an equality needing no DISTINCT) without building its
FilterSet: the
filters are read from the FilterSet's declarations (portal.filter_plans, as the API's
anonymous path reads them), the count and the rows come from statements compiled once per
shape (portal.prepared), and the filter form's HTML is rendered once per set of values and
state of the vocabularies it lists (`FilterForms`). Anything else takes the FilterSet's way.
"""

import hashlib
import html

from django import forms
from django.core.paginator import Paginator
from django.db import connections
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from . import prepared
from .cache import shared_page
from .filter_plans import each, narrow

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


class FilterForms:
    """The filter form's HTML, kept per process for each page, language, set of values and
    state of the vocabularies its lists show: building a FilterSet and rendering its form
    (three <select>s of districts, occupations and bases) was a third of a directory page.

    The vocabularies' state is read on every request, as one digest the database computes of
    the very rows the lists show (an md5 of their identifiers and names; on other databases,
    the rows themselves): a district renamed in another process is on the next page."""

    kept = {}
    size = 512
    option_lists = {}
    expressions = {}

    @classmethod
    def html(cls, view, values, is_filtered, digest):
        """The form's HTML for the request `view` answers; `values`: its filters' values,
        `digest`: the vocabularies' state (`digest_sql`, `vocabulary_digest`)."""
        key = (
            type(view),
            translation.get_language(),
            view.request.path,
            tuple(sorted((name, tuple(given)) for name, given in values.lists())),
            is_filtered,
            digest,
        )
        found = cls.kept.get(key)
        if found is None:
            filterset = view.get_filterset()
            if filterset.is_bound and not filterset.is_valid():
                return None
            found = view.render_filter_form(filterset.form, [], is_filtered)
            if len(cls.kept) >= cls.size:
                cls.kept.clear()
            cls.kept[key] = found
        return found

    @classmethod
    def lists(cls, filterset_class):
        """The options' rows of each list in the (tidied) form, as querysets; False when a
        list labels its options otherwise than by columns (its labels could change unseen)."""
        found = cls.option_lists.get(filterset_class)
        if found is None:
            form = tidy_filter_form(filterset_class(None).form)
            found = []
            for field in form.fields.values():
                if not isinstance(field, forms.ModelChoiceField):
                    continue
                columns = getattr(field, "option_fields", None)
                if columns is None:
                    found = False
                    break
                found.append(field.queryset.values_list(*dict.fromkeys(("pk", *columns))))
            cls.option_lists[filterset_class] = found
        return found

    @classmethod
    def digest_sql(cls, filterset_class):
        """The digest as a PostgreSQL expression, to read along another statement: the md5 of
        each list's rows in the list's order, joined. None where there is none to read."""
        lists = cls.lists(filterset_class)
        if not lists or not prepared.supported(lists[0].db):
            return None
        if filterset_class not in cls.expressions:
            connection = connections[lists[0].db]
            parts = []
            for rows in lists:
                inner, params = rows.query.sql_with_params()
                inner = connection.ops.compose_sql(inner, params).replace("%", "%%")
                parts.append(
                    f"(SELECT md5(coalesce(string_agg(o::text, ','), '')) FROM ({inner}) o)"
                )
            cls.expressions[filterset_class] = " || ".join(parts)
        return cls.expressions[filterset_class]

    @classmethod
    def vocabulary_digest(cls, filterset_class):
        """The digest read on its own: by its statement, or on other databases from the
        rows themselves (read afresh)."""
        lists = cls.lists(filterset_class)
        if not lists:
            return ""
        sql = cls.digest_sql(filterset_class)
        if sql is not None:
            return prepared.fetchall(f"SELECT {sql}", [], using=lists[0].db)[0][0]
        rows = repr([list(rows.all()) for rows in lists]).encode()
        return hashlib.md5(rows, usedforsecurity=False).hexdigest()


class FilteredListView(TemplateView):
    """A published queryset narrowed by a FilterSet, paginated, with messages for bad filters.

    Subclasses set `filterset_class`, `template_name`, and `get_queryset()`; optionally
    `ordering_choices` (a subset of the FilterSet's ordering, in plain words), `paginate_by`,
    and the plain rows' methods below (see the module's text).
    A filter value that does not validate is named in a message and ignored; the page answers
    400 so a link checker notices, but the citizen still gets a page, never an error page.
    """

    filterset_class = None
    paginate_by = 20
    ordering_choices = None
    title = ""
    # A directory read as plain rows: get_listed() gives the listed records in the page's
    # order (the FilterSet's filters apply to it), page_rows(keys) the rows of a page's keys,
    # in that order (values_list(named=True)), page_row their named tuple class.
    get_listed = None
    page_rows = None
    page_row = None

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
        context.update(title=self.title, **(self.plain_listing() or self.filtered_listing()))
        return context

    def filtered_listing(self):
        """The page by way of the FilterSet: every parameter, every message."""
        filterset = self.get_filterset()
        valid = filterset.is_valid() if filterset.is_bound else True
        errors = [] if valid else self.error_messages(filterset)
        is_filtered = self.is_filtered()
        return {
            "filter_form": self.render_filter_form(filterset.form, errors, is_filtered),
            "filter_errors": errors,
            "is_filtered": is_filtered,
            **paginate(self.request, filterset.qs, self.paginate_by),
        }

    def plain_listing(self):
        """The page from plain rows, or None when the request needs the FilterSet."""
        params = self.request.GET
        if self.get_listed is None or "ordering" in params:
            return None
        filterset_class = self.filterset_class
        if filterset_class.staff_only_filters and self.request.user.is_authenticated:
            return None
        values = params.copy()
        values.pop("page", None)
        steps = filterset_class.plain_filters(values)
        if steps is None or any(step.shape is None for step in steps):
            return None
        if FilterForms.lists(filterset_class) is False:
            return None
        given = [value for step in steps if step.marked for value in each(step.value)]
        searched = any(step.planned_per_value for step in steps)

        def narrowed(*values):
            """The listed records narrowed by the steps, with `values` in `given`'s order."""
            values = iter(values)

            def value_of(step):
                if not step.marked:
                    return step.value
                taken = tuple(next(values) for _item in each(step.value))
                return taken if type(step.value) is tuple else taken[0]

            return narrow(self.get_listed(), steps, value_of)

        # The day is part of a shape: a list's rows may depend on it (a program's state).
        shape = (type(self), timezone.localdate(), tuple(step.shape for step in steps))
        # The vocabularies' state is read with the count: one round trip less.
        total, digest = prepared.count_along(
            shape,
            narrowed,
            given,
            also=FilterForms.digest_sql(filterset_class),
            prepare=not searched,
        )
        if digest is None:
            digest = FilterForms.vocabulary_digest(filterset_class)
        is_filtered = self.is_filtered()
        form = FilterForms.html(self, values, is_filtered, digest)
        if form is None:
            return None
        size = self.paginate_by
        pages = paginate(self.request, range(total), size)
        bottom = (pages["page_obj"].number - 1) * size
        # The page's keys first, then their rows: what a row shows is worked out for the
        # page alone, not for every row an offset skips.
        rows = prepared.rows(
            (*shape, bottom, size),
            lambda *values: self.page_rows(narrowed(*values)[bottom : bottom + size].values("pk")),
            given,
            prepare=not searched,
            row=self.page_row,
        )
        pages["object_list"] = pages["page_obj"].object_list = rows
        return {"filter_form": form, "filter_errors": [], "is_filtered": is_filtered, **pages}

    def is_filtered(self):
        return any(
            value for key, value in self.request.GET.items() if key not in ("ordering", "page")
        )

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
