"""The seed loading machinery: read reviewed data files, resolve references, upsert on natural keys.

Each app registers its loaders (in its `seeds.py`, imported by its AppConfig) so that `portal`
does not import `talent` or `programs`; `load_seeds` runs them in order inside one transaction.
"""

import csv
import datetime
import decimal
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import models

from portal.finding import identifiers
from portal.importing import sources

LOADERS = []


def loader(order):
    """Register a function(ctx) that loads one or more seed files."""

    def register(func):
        LOADERS.append((order, func))
        LOADERS.sort(key=lambda item: item[0])
        return func

    return register


class SeedError(Exception):
    """A bad seed row: names the file, the row and the field so a reviewer can fix it."""

    def __init__(self, where, field_name, message):
        self.where = where
        self.field_name = field_name
        self.message = message
        super().__init__(f"{where}, field '{field_name}': {message}")


@dataclass(frozen=True)
class Where:
    """A position in a seed file: `seeds/x.csv row 5` or `seeds/x.yaml item 3 › events[2]`."""

    file: str
    row: str

    def __str__(self):
        return f"{self.file} {self.row}"

    def inside(self, part):
        return Where(self.file, f"{self.row} › {part}")


@dataclass
class SeedContext:
    seeds_dir: Path
    # Demo rows (is_demo true) are read only when asked for (`load_seeds --demo`, development).
    demo: bool = False
    counts: dict = field(default_factory=dict)
    seen: dict = field(default_factory=dict)
    sites: tuple = ()

    def __post_init__(self):
        try:
            self.sites = sources.read_sites(self.seeds_dir)
        except (OSError, ValueError) as error:
            raise SeedError(
                Where(f"seeds/{sources.SITES_FILE}", "(file)"), "(file)", str(error)
            ) from error

    # -- reading -------------------------------------------------------------------------
    def csv_rows(self, name, columns):
        """Yield (where, row) for each data row; the header must be exactly `columns`."""
        path = self.seeds_dir / name
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header != list(columns):
                raise SeedError(
                    Where(f"seeds/{name}", "row 1"),
                    "(header)",
                    f"expected columns {','.join(columns)}, found {','.join(header or [])}",
                )
            for number, values in enumerate(reader, start=2):
                where = Where(f"seeds/{name}", f"row {number}")
                if not any(value.strip() for value in values):
                    continue
                if len(values) != len(columns):
                    raise SeedError(
                        where, "(row)", f"has {len(values)} cells, expected {len(columns)}"
                    )
                row = {key: value.strip() for key, value in zip(columns, values, strict=True)}
                if self.wanted(where, row):
                    yield where, row

    def yaml_items(self, name):
        path = self.seeds_dir / name
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise SeedError(Where(f"seeds/{name}", "(file)"), "(yaml)", str(error)) from error
        if not isinstance(data, list):
            raise SeedError(Where(f"seeds/{name}", "(file)"), "(yaml)", "must be a list of items")
        for number, item in enumerate(data, start=1):
            where = Where(f"seeds/{name}", f"item {number}")
            if not isinstance(item, dict):
                raise SeedError(where, "(item)", "must be a mapping")
            if self.wanted(where, item):
                yield where, item

    def wanted(self, where, row):
        """Whether to load a row: its source is allowed (else the load stops), and it is real
        or demo rows were asked for."""
        is_demo = parse_bool(where, "is_demo", row.get("is_demo", False))
        problem = sources.citation_problem(
            text(row.get("source")),
            text(row.get("source_url")),
            is_demo=is_demo,
            sites=self.sites,
        )
        if problem:
            raise SeedError(where, "source", problem)
        return self.demo or not is_demo

    def wanted_part(self, where, row, parent_is_demo):
        """Whether to load a nested part (a competition result): demo parts only with demo."""
        return self.demo or not parse_bool(where, "is_demo", row.get("is_demo", parent_is_demo))

    # -- writing -------------------------------------------------------------------------
    def upsert(self, model, where, lookup, values, m2m=None):
        """Update-or-create on the natural key `lookup`, validating like a form would."""
        key = (
            model._meta.label,
            *sorted((name, getattr(v, "pk", v)) for name, v in lookup.items()),
        )
        if key in self.seen:
            raise SeedError(
                where, ", ".join(lookup), f"repeats the key of {self.seen[key]} in the same load"
            )
        self.seen[key] = where
        obj = model.objects.filter(**lookup).first()
        created = obj is None
        if created:
            obj = model(**lookup)
        changed = created
        for name, value in values.items():
            model_field = model._meta.get_field(name)
            if isinstance(model_field, models.ForeignKey):
                name, value = model_field.attname, (value.pk if value is not None else None)
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
        if changed:
            try:
                obj.full_clean()
            except ValidationError as error:
                raise self.validation_error(where, error) from error
            obj.save()
        for name, related in (m2m or {}).items():
            manager = getattr(obj, name)
            wanted = {item.pk for item in related}
            if set(manager.values_list("pk", flat=True)) != wanted:
                manager.set(wanted)
                changed = True
        outcome = "created" if created else ("updated" if changed else "unchanged")
        self.counts.setdefault(model._meta.label, Counter())[outcome] += 1
        return obj

    @staticmethod
    def validation_error(where, error):
        if hasattr(error, "error_dict"):
            name, errors = next(iter(error.error_dict.items()))
            messages = [str(message) for item in errors for message in item.messages]
            return SeedError(where, "(row)" if name == "__all__" else name, " ".join(messages))
        return SeedError(where, "(row)", " ".join(error.messages))

    def resolve(self, model, where, field_name, reference, *, required=False):
        """The record a cell names by any of its identifiers (portal.finding.identifiers)."""
        reference = text(reference)
        if not reference:
            if required:
                raise SeedError(where, field_name, "is required")
            return None
        try:
            return identifiers.find(model._default_manager.all(), reference)
        except identifiers.Ambiguous as error:
            raise SeedError(
                where,
                field_name,
                f"more than one {model._meta.model_name} has {error.field} '{reference}'",
            ) from None
        except identifiers.Unknown as error:
            *others, last = error.fields
            names = f"{', '.join(others)} or {last}" if others else last
            raise SeedError(
                where, field_name, f"no {model._meta.model_name} with {names} '{reference}'"
            ) from None

    def resolve_many(self, model, where, field_name, references):
        if isinstance(references, str):
            references = [part for part in references.split(";") if part.strip()]
        return [self.resolve(model, where, field_name, reference) for reference in references or []]


# -- cell parsers -------------------------------------------------------------------------
def parse_bool(where, field_name, value):
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in {"true", "1", "yes", "是"}:
        return True
    if text in {"false", "0", "no", "否", ""}:
        return False
    raise SeedError(where, field_name, f"'{value}' is not true or false")


def parse_known_bool(where, field_name, value):
    """True, false, or None when the cell is empty: unknown is not false."""
    if value is None or str(value).strip() == "":
        return None
    return parse_bool(where, field_name, value)


def parse_int(where, field_name, value):
    if value is None or str(value).strip() == "":
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise SeedError(where, field_name, f"'{value}' is not a whole number") from None


def parse_decimal(where, field_name, value):
    if value is None or str(value).strip() == "":
        return None
    try:
        return decimal.Decimal(str(value).strip())
    except decimal.InvalidOperation:
        raise SeedError(where, field_name, f"'{value}' is not a number") from None


def parse_date(where, field_name, value):
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise SeedError(where, field_name, f"'{value}' is not a date (YYYY-MM-DD)") from None


def parse_choice(where, field_name, value, choices, *, blank=False):
    value = "" if value is None else str(value).strip()
    if value == "" and blank:
        return ""
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        raise SeedError(where, field_name, f"'{value}' is not one of: {allowed}")
    return value


def citation(row):
    """A publishable record's source, its link and the editors' note, as the row gives them."""
    return {
        "source": text(row.get("source")),
        "source_url": text(row.get("source_url")),
        "staff_note": text(row.get("staff_note")),
    }


def text(value):
    return "" if value is None else str(value).strip()
