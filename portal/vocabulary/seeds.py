"""Loaders for the shared vocabulary: districts, occupations, clusters, the skill ladder,
organizations."""

from portal.importing.seeding import (
    SeedError,
    Where,
    loader,
    parse_bool,
    parse_choice,
    parse_int,
    parse_known_bool,
    text,
)
from portal.vocabulary.choices import SkillLevel
from portal.vocabulary.models import District, IndustryCluster, Occupation, Organization


def district_ref(ctx, where, field_name, reference, required=False):
    return ctx.resolve(District, where, field_name, reference, required=required)


def occupation_ref(ctx, where, field_name, reference, required=False):
    return ctx.resolve(Occupation, where, field_name, reference, required=required)


def organization_ref(ctx, where, field_name, reference, required=False):
    return ctx.resolve(Organization, where, field_name, reference, required=required)


@loader(10)
def load_districts(ctx):
    columns = ["code", "name", "name_en", "kind", "slug", "source"]
    for where, row in ctx.csv_rows("districts.csv", columns):
        ctx.upsert(
            District,
            where,
            {"name": row["name"]},
            {
                "code": row["code"] or None,
                "name_en": row["name_en"],
                "kind": parse_choice(where, "kind", row["kind"], District.Kind),
                "slug": row["slug"],
                "source": row["source"],
            },
        )


@loader(20)
def load_occupations(ctx):
    columns = [
        "code",
        "former_code",
        "name",
        "name_en",
        "is_digital",
        "is_green",
        "source",
        "source_url",
    ]
    for where, row in ctx.csv_rows("occupations.csv", columns):
        ctx.upsert(
            Occupation,
            where,
            {"name": row["name"]},
            {
                "code": row["code"] or None,
                "former_code": row["former_code"],
                "name_en": row["name_en"],
                "is_digital": parse_known_bool(where, "is_digital", row["is_digital"]),
                "is_green": parse_known_bool(where, "is_green", row["is_green"]),
                "source": row["source"],
                "source_url": row["source_url"],
            },
        )


@loader(30)
def load_clusters(ctx):
    columns = ["slug", "name", "name_en", "tier", "source"]
    for where, row in ctx.csv_rows("industry_clusters.csv", columns):
        ctx.upsert(
            IndustryCluster,
            where,
            {"slug": row["slug"]},
            {
                "name": row["name"],
                "name_en": row["name_en"],
                "tier": parse_choice(where, "tier", row["tier"], IndustryCluster.Tier),
                "source": row["source"],
            },
        )


@loader(40)
def check_skill_ladder(ctx):
    """The ladder lives in code (SkillLevel); the seed file is its reviewed, sourced twin."""
    columns = ["code", "order", "name", "name_en", "national_grade", "source"]
    members = list(SkillLevel)
    rows = list(ctx.csv_rows("skill_ladder.csv", columns))
    for position, (where, row) in enumerate(rows, start=1):
        if parse_int(where, "order", row["order"]) != position:
            raise SeedError(where, "order", f"expected {position}: rows must be in ladder order")
        if position > len(members) or row["code"] != members[position - 1].value:
            raise SeedError(where, "code", f"'{row['code']}' is not level {position} of SkillLevel")
        if not members[position - 1].label.startswith(row["name"]):
            raise SeedError(
                where, "name", f"'{row['name']}' differs from '{members[position - 1].label}'"
            )
    if len(rows) != len(members):
        raise SeedError(
            Where("seeds/skill_ladder.csv", "(file)"),
            "(file)",
            f"has {len(rows)} levels, expected {len(members)}",
        )
    ctx.counts.setdefault("portal.SkillLevel (checked)", {})["unchanged"] = len(rows)


@loader(50)
def load_organizations(ctx):
    columns = ["name", "kind", "district", "credit_code", "is_demo", "source", "source_url"]
    for where, row in ctx.csv_rows("organizations.csv", columns):
        ctx.upsert(
            Organization,
            where,
            {"name": row["name"]},
            {
                "kind": parse_choice(where, "kind", row["kind"], Organization.Kind),
                "district": district_ref(ctx, where, "district", row["district"]),
                "credit_code": row["credit_code"] or None,
                "is_demo": parse_bool(where, "is_demo", row["is_demo"]),
                "source": text(row["source"]),
                "source_url": row["source_url"],
            },
        )
