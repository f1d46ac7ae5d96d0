"""Loaders for training bases, programs and the shortage catalogue."""

from portal.importing.seeding import (
    SeedError,
    citation,
    loader,
    parse_bool,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_int,
    text,
)
from portal.publishing.choices import PublicationState
from portal.vocabulary.choices import Level, SkillLevel
from portal.vocabulary.models import District, Occupation
from portal.vocabulary.seeds import district_ref, occupation_ref, organization_ref

from .models import Program, ProgramTargetGroup, ShortageEntry, ShortageList, TrainingBase

PUBLISHED = {"publication_state": PublicationState.PUBLISHED}


@loader(110)
def load_training_bases(ctx):
    columns = [
        "name",
        "kind",
        "level",
        "organization",
        "district",
        "address",
        "latitude",
        "longitude",
        "occupations",
        "worldskills_skill",
        "worldskills_edition",
        "is_leading_base",
        "yearly_capacity",
        "description",
        "is_demo",
        "source",
        "source_url",
        "staff_note",
    ]
    for where, row in ctx.csv_rows("training_bases.csv", columns):
        ctx.upsert(
            TrainingBase,
            where,
            {"name": row["name"]},
            {
                "kind": parse_choice(where, "kind", row["kind"], TrainingBase.Kind),
                "level": parse_choice(where, "level", row["level"], Level, blank=True),
                "organization": organization_ref(ctx, where, "organization", row["organization"]),
                "district": district_ref(ctx, where, "district", row["district"]),
                "address": row["address"],
                "latitude": parse_decimal(where, "latitude", row["latitude"]),
                "longitude": parse_decimal(where, "longitude", row["longitude"]),
                "worldskills_skill": row["worldskills_skill"],
                "worldskills_edition": parse_int(
                    where, "worldskills_edition", row["worldskills_edition"]
                ),
                "is_leading_base": parse_bool(where, "is_leading_base", row["is_leading_base"]),
                "yearly_capacity": parse_int(where, "yearly_capacity", row["yearly_capacity"]),
                "description": row["description"],
                "is_demo": parse_bool(where, "is_demo", row["is_demo"]),
                **citation(row),
                **PUBLISHED,
            },
            m2m={
                "occupations": ctx.resolve_many(
                    Occupation, where, "occupations", row["occupations"]
                ),
            },
        )


@loader(120)
def load_programs(ctx):
    for where, item in ctx.yaml_items("programs.yaml"):
        where = where.inside(f"slug={item.get('slug')}")
        program = ctx.upsert(
            Program,
            where,
            {"slug": text(item.get("slug"))},
            {
                "title": text(item.get("title")),
                "kind": parse_choice(where, "kind", item.get("kind"), Program.Kind),
                "provider_base": ctx.resolve(
                    TrainingBase, where, "provider_base", item.get("provider_base")
                ),
                "provider_organization": organization_ref(
                    ctx, where, "provider_organization", item.get("provider_organization")
                ),
                "mode": parse_choice(where, "mode", item.get("mode"), Program.Mode, blank=True),
                "skill_level": parse_choice(
                    where, "skill_level", item.get("skill_level"), SkillLevel, blank=True
                ),
                "enrol_start": parse_date(where, "enrol_start", item.get("enrol_start")),
                "enrol_end": parse_date(where, "enrol_end", item.get("enrol_end")),
                "start_date": parse_date(where, "start_date", item.get("start_date")),
                "end_date": parse_date(where, "end_date", item.get("end_date")),
                "hours": parse_int(where, "hours", item.get("hours")),
                "places": parse_int(where, "places", item.get("places")),
                "fee": parse_decimal(where, "fee", item.get("fee")),
                "subsidy": parse_decimal(where, "subsidy", item.get("subsidy")),
                "summary": text(item.get("summary")),
                "eligibility": text(item.get("eligibility")),
                "how_to_apply": text(item.get("how_to_apply")),
                "contact": text(item.get("contact")),
                "address": text(item.get("address")),
                "is_demo": parse_bool(where, "is_demo", item.get("is_demo")),
                **citation(item),
                **PUBLISHED,
            },
            m2m={
                "occupations": ctx.resolve_many(
                    Occupation, where, "occupations", item.get("occupations")
                ),
                "districts": ctx.resolve_many(District, where, "districts", item.get("districts")),
            },
        )
        groups = item.get("target_groups") or []
        for group in groups:
            ctx.upsert(
                ProgramTargetGroup,
                where,
                {
                    "program": program,
                    "group": parse_choice(where, "target_groups", group, ProgramTargetGroup.Group),
                },
                {},
            )
        program.target_groups.exclude(group__in=groups).delete()


@loader(130)
def load_shortage_lists(ctx):
    for where, item in ctx.yaml_items("shortage.yaml"):
        year = parse_int(where, "year", item.get("year"))
        if year is None:
            raise SeedError(where, "year", "is required")
        where = where.inside(f"year={year}")
        shortage_list = ctx.upsert(
            ShortageList,
            where,
            {"year": year},
            {
                "title": text(item.get("title")),
                "enterprises_surveyed": parse_int(
                    where, "enterprises_surveyed", item.get("enterprises_surveyed")
                ),
                "data_year": parse_int(where, "data_year", item.get("data_year")),
                "description": text(item.get("description")),
                "is_demo": parse_bool(where, "is_demo", item.get("is_demo")),
                **citation(item),
                **PUBLISHED,
            },
        )
        for number, entry in enumerate(item.get("entries") or [], start=1):
            entry_where = where.inside(f"entries[{number}]")
            ctx.upsert(
                ShortageEntry,
                entry_where,
                {
                    "shortage_list": shortage_list,
                    "rank": parse_int(entry_where, "rank", entry.get("rank")),
                },
                {
                    "occupation": occupation_ref(
                        ctx, entry_where, "occupation", entry.get("occupation"), required=True
                    ),
                    "demand": parse_int(entry_where, "demand", entry.get("demand")),
                    "gap": parse_int(entry_where, "gap", entry.get("gap")),
                },
            )
