"""The `q` search of every list and of the site search: the typed text as a substring of any of
a FilterSet's `search_fields` (Chinese has no word breaks), one rule for pages and the API.

Two things keep it fast at a city's size:

- A field behind a to-one relation is matched in its own table first ("search related names
  first"): `organization__name__icontains` would join every row to its organization and test
  each one, while "organization among the organizations whose name matches" lets the database
  combine indexes (the related table's, then a foreign-key index). The matching keys go into the
  search as a list; past RELATED_KEYS_LIMIT the name is so common that testing it row by row
  meets matches soon enough (see matching_keys).
- A field matched in place uses `contains_text`: `icontains`, which a trigram index serves from
  three characters on; on PostgreSQL one or two characters (王, 焊工) are looked up in the
  character-bigram index instead (portal/migrations/0003_text_bigrams.py).

Related records are matched only among those the public is shown (`.published()` where the
related model has one): the name of a person who is not public finds nothing, not even their
studio or their competition results.
"""

from django.db.models import CharField, OuterRef, Q, Subquery, TextField
from django.db.models.expressions import Col
from django.db.models.lookups import IContains

# Related records matched by a search are listed up to this many; past it, matched row by row.
RELATED_KEYS_LIMIT = 1000
# The longest value the character-bigram index answers (one or two characters).
SHORT_TEXT = 2


class ContainsText(IContains):
    """Case-insensitive substring, as `icontains`. On PostgreSQL a value of one or two
    characters is asked instead as "one of the column's bigrams", which a GIN index on
    `portal_bigrams(column)` answers (a trigram index cannot: it needs three characters). The
    two questions are the same for such a value; asking only the second keeps the planner's
    estimate right (the index's statistics know how common each bigram is), where asking both
    made it guess a tenth of the rows and pick plans for few matches when there were many.
    A value that is not a column (a related record's name read per row) has no index: it is
    asked as `icontains`, which tests a row many times faster than working out its bigrams."""

    def as_postgresql(self, compiler, connection):
        short = isinstance(self.rhs, str) and 0 < len(self.rhs) <= SHORT_TEXT
        if not short or not isinstance(self.lhs, Col):
            return self.as_sql(compiler, connection)
        column, params = compiler.compile(self.lhs)
        return f"portal_bigrams({column}) @> ARRAY[UPPER(%s::text)]", [*params, self.rhs]


# Registered under its own name; the SQL is icontains' (its operator and UPPER casts).
for text_field in (CharField, TextField):
    text_field.register_lookup(ContainsText, lookup_name="contains_text")


class SearchPlan:
    """How one model's `fields` are searched: which are matched in place and which through a
    to-one related table (`related`: {path: (relation, related model, column)})."""

    _plans = {}

    def __init__(self, model, fields):
        self.model = model
        self.fields = tuple(fields)
        self.related = {}
        for path in self.fields:
            found = to_one(model, path)
            if found is not None:
                self.related[path] = found

    @classmethod
    def of(cls, model, fields):
        key = (model, tuple(fields))
        if key not in cls._plans:
            cls._plans[key] = cls(model, fields)
        return cls._plans[key]

    def related_keys(self, value, *, using, known=None):
        """{path: the keys of the related records matching `value`} for each related path: a
        list, or None past RELATED_KEYS_LIMIT. One query per related table and column;
        `known` ({(model, column): keys}) shares them between the lists of one site search
        (four lists search organizations' names)."""
        known = {} if known is None else known
        keys = {}
        for path, (_relation, model, column) in self.related.items():
            if (model, column) not in known:
                known[model, column] = matching_keys(model, column, value, using)
            keys[path] = known[model, column]
        return keys

    def condition(self, value, keys):
        """The search as one condition, the related paths by `keys` (see related_keys). A
        related path that matched nothing is `relation__in=[]`, which the ORM leaves out of
        the OR (and a search where nothing can match asks the database nothing). One that
        matched too many is asked row by row, "the name of the related record, if shown,
        contains the value": a lookup by key per row, where a join or `EXISTS` made
        PostgreSQL read every matching person first (73,000 王 for 2,000 studios: 150 ms)."""
        # Tested row by row anyway, a row's own columns are asked the cheap way (icontains),
        # not by working out each one's bigrams.
        row_by_row = any(keys.get(path) is None for path in self.related)
        in_place = "icontains" if row_by_row else "contains_text"
        condition = Q()
        for path in self.fields:
            if path not in self.related:
                condition |= Q(**{f"{path}__{in_place}": value})
            elif keys.get(path) is not None:
                condition |= Q(**{f"{self.related[path][0]}__in": keys[path]})
            else:
                relation, model, column = self.related[path]
                shown = shown_records(model).filter(pk=OuterRef(relation))
                condition |= ContainsText(Subquery(shown.order_by().values(column)[:1]), value)
        return condition


def shown_records(model, using=None):
    """The records of `model` the public is shown: its `.published()` where it has one."""
    manager = model._default_manager.db_manager(using)
    return manager.published() if hasattr(manager, "published") else manager.all()


def matching_keys(model, column, value, using):
    """The keys of `model`'s shown records whose `column` contains `value`, or None when there
    are more than RELATED_KEYS_LIMIT (王 names a tenth of a city's craftsmen). Such a value is
    then matched row by row (SearchPlan.condition): a list's first page or bounded count meets
    its matches after a few rows, where `relation__in=<subquery>` (an OR keeps PostgreSQL
    from making it a join) would read every match first, 70 ms for 15,000 craftsmen behind 11
    studios."""
    matches = shown_records(model, using).filter(**{f"{column}__contains_text": value})
    found = list(matches.order_by().values_list("pk", flat=True)[: RELATED_KEYS_LIMIT + 1])
    return found if len(found) <= RELATED_KEYS_LIMIT else None


def to_one(model, path):
    """(relation, related model, column) when `path` ends in a column of a record reached
    through to-one relations; None for a column of `model` or a many-valued relation."""
    relation, _sep, column = path.rpartition("__")
    if not relation:
        return None
    for part in relation.split("__"):
        field = model._meta.get_field(part)
        if not field.concrete or not (field.many_to_one or field.one_to_one):
            return None
        model = field.related_model
    return relation, model, column
