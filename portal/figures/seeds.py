"""The loader of the bureau's key figures (seeds/key_figures.csv), upserted on their slug."""

from portal.importing.seeding import (
    loader,
    parse_bool,
    parse_choice,
    parse_decimal,
    parse_int,
)
from portal.publishing.choices import PublicationState

from .models import FigureKind, KeyFigure, Qualifier, Topic

COLUMNS = [
    "slug",
    "label",
    "topic",
    "kind",
    "value",
    "qualifier",
    "unit",
    "scope",
    "since_year",
    "as_of_year",
    "as_of_month",
    "period_note",
    "note",
    "featured",
    "position",
    "source",
    "source_url",
]


@loader(55)
def load_key_figures(ctx):
    """Seeded figures are published: each was reviewed against the article it cites."""
    for where, row in ctx.csv_rows("key_figures.csv", COLUMNS):
        ctx.upsert(
            KeyFigure,
            where,
            {"slug": row["slug"]},
            {
                "label": row["label"],
                "topic": parse_choice(where, "topic", row["topic"], Topic),
                "kind": parse_choice(where, "kind", row["kind"], FigureKind),
                "value": parse_decimal(where, "value", row["value"]),
                "qualifier": parse_choice(where, "qualifier", row["qualifier"], Qualifier),
                "unit": row["unit"],
                "scope": row["scope"],
                "since_year": parse_int(where, "since_year", row["since_year"]),
                "as_of_year": parse_int(where, "as_of_year", row["as_of_year"]),
                "as_of_month": parse_int(where, "as_of_month", row["as_of_month"]),
                "period_note": row["period_note"],
                "note": row["note"],
                "featured": parse_bool(where, "featured", row["featured"]),
                "position": parse_int(where, "position", row["position"]) or 0,
                "source": row["source"],
                "source_url": row["source_url"],
                "publication_state": PublicationState.PUBLISHED,
            },
        )
