"""Loaders for craftsmen, honor titles and awards, studios, competitions with events and results."""

from portal.importing import sources
from portal.importing.seeding import (
    SeedError,
    citation,
    loader,
    parse_bool,
    parse_choice,
    parse_date,
    parse_int,
    text,
)
from portal.publishing.choices import PublicationState
from portal.vocabulary.choices import Gender, Level, SkillLevel
from portal.vocabulary.models import IndustryCluster, Occupation
from portal.vocabulary.seeds import district_ref, occupation_ref, organization_ref

from .models import (
    Competition,
    CompetitionEvent,
    CompetitionResult,
    ConsentMethod,
    Craftsman,
    HonorAward,
    HonorTitle,
    PublicBasis,
    Studio,
)

PUBLISHED = {"publication_state": PublicationState.PUBLISHED}


def craftsman_ref(ctx, where, field_name, reference, required=False):
    return ctx.resolve(Craftsman, where, field_name, reference, required=required)


@loader(60)
def load_honor_titles(ctx):
    columns = [
        "slug",
        "name",
        "name_en",
        "level",
        "conferring_body",
        "order",
        "is_demo",
        "source",
    ]
    for where, row in ctx.csv_rows("honor_titles.csv", columns):
        ctx.upsert(
            HonorTitle,
            where,
            {"slug": row["slug"]},
            {
                "name": row["name"],
                "name_en": row["name_en"],
                "level": parse_choice(where, "level", row["level"], HonorTitle.TitleLevel),
                "conferring_body": row["conferring_body"],
                "order": parse_int(where, "order", row["order"]) or 100,
                "source": row["source"],
            },
        )


@loader(70)
def load_craftsmen(ctx):
    columns = [
        "name",
        "gender",
        "organization",
        "occupation",
        "skill_level",
        "district",
        "profile",
        "public_basis",
        "consent_date",
        "consent_method",
        "announcement",
        "announcement_url",
        "is_demo",
        "source",
        "source_url",
        "staff_note",
    ]
    for where, row in ctx.csv_rows("craftsmen.csv", columns):
        organization = organization_ref(ctx, where, "organization", row["organization"])
        ctx.upsert(
            Craftsman,
            where,
            {"name": row["name"], "organization": organization},
            {
                "gender": parse_choice(where, "gender", row["gender"], Gender, blank=True),
                "occupation": occupation_ref(ctx, where, "occupation", row["occupation"]),
                "skill_level": parse_choice(
                    where, "skill_level", row["skill_level"], SkillLevel, blank=True
                ),
                "district": district_ref(ctx, where, "district", row["district"]),
                "profile": row["profile"],
                **public_basis(where, row, ctx.sites),
                "is_demo": parse_bool(where, "is_demo", row["is_demo"]),
                **citation(row),
                **PUBLISHED,
            },
        )


def public_basis(where, row, sites):
    """A person's basis for being shown; an announcement cites an allowed publisher, as every
    source does (portal.importing.sources)."""
    basis = parse_choice(where, "public_basis", row["public_basis"], PublicBasis, blank=True)
    if basis == PublicBasis.ANNOUNCEMENT:
        problem = sources.citation_problem(
            row["announcement"], row["announcement_url"], sites=sites
        )
        if problem:
            raise SeedError(where, "announcement", problem)
    return {
        "public_basis": basis,
        "consent_date": parse_date(where, "consent_date", row["consent_date"]),
        "consent_method": parse_choice(
            where, "consent_method", row["consent_method"], ConsentMethod, blank=True
        ),
        "announcement": row["announcement"],
        "announcement_url": row["announcement_url"],
    }


@loader(80)
def load_honor_awards(ctx):
    columns = [
        "craftsman",
        "title",
        "year",
        "document_number",
        "is_demo",
        "source",
        "source_url",
        "staff_note",
    ]
    for where, row in ctx.csv_rows("honor_awards.csv", columns):
        craftsman = craftsman_ref(ctx, where, "craftsman", row["craftsman"], required=True)
        title = ctx.resolve(HonorTitle, where, "title", row["title"], required=True)
        # Blank when the source gives no year: the award is then on its holder's page only.
        year = parse_int(where, "year", row["year"])
        ctx.upsert(
            HonorAward,
            where,
            {"craftsman": craftsman, "title": title, "year": year},
            {
                "document_number": row["document_number"],
                "is_demo": parse_bool(where, "is_demo", row["is_demo"]),
                **citation(row),
                **PUBLISHED,
            },
        )


@loader(90)
def load_studios(ctx):
    columns = [
        "name",
        "level",
        "leader",
        "organization",
        "occupations",
        "district",
        "approval_year",
        "batch",
        "is_digital",
        "status",
        "clusters",
        "innovation_projects",
        "patents",
        "apprentices_trained",
        "description",
        "is_demo",
        "source",
        "source_url",
        "staff_note",
    ]
    for where, row in ctx.csv_rows("studios.csv", columns):
        ctx.upsert(
            Studio,
            where,
            {"name": row["name"]},
            {
                "level": parse_choice(where, "level", row["level"], Level),
                "leader": craftsman_ref(ctx, where, "leader", row["leader"]),
                "organization": organization_ref(ctx, where, "organization", row["organization"]),
                "district": district_ref(ctx, where, "district", row["district"]),
                "approval_year": parse_int(where, "approval_year", row["approval_year"]),
                "batch": row["batch"],
                "is_digital": parse_bool(where, "is_digital", row["is_digital"]),
                "status": parse_choice(where, "status", row["status"], Studio.Status, blank=True),
                "innovation_projects": parse_int(
                    where, "innovation_projects", row["innovation_projects"]
                ),
                "patents": parse_int(where, "patents", row["patents"]),
                "apprentices_trained": parse_int(
                    where, "apprentices_trained", row["apprentices_trained"]
                ),
                "description": row["description"],
                "is_demo": parse_bool(where, "is_demo", row["is_demo"]),
                **citation(row),
                **PUBLISHED,
            },
            m2m={
                "occupations": ctx.resolve_many(
                    Occupation, where, "occupations", row["occupations"]
                ),
                "clusters": ctx.resolve_many(IndustryCluster, where, "clusters", row["clusters"]),
            },
        )


@loader(100)
def load_competitions(ctx):
    for where, item in ctx.yaml_items("competitions.yaml"):
        where = where.inside(f"slug={item.get('slug')}")
        competition = ctx.upsert(
            Competition,
            where,
            {"slug": text(item.get("slug"))},
            {
                "name": text(item.get("name")),
                "name_en": text(item.get("name_en")),
                "series": parse_choice(where, "series", item.get("series"), Competition.Series),
                "edition": parse_int(where, "edition", item.get("edition")),
                "level": parse_choice(
                    where, "level", item.get("level"), Competition.CompetitionLevel
                ),
                "year": parse_int(where, "year", item.get("year")),
                "start_date": parse_date(where, "start_date", item.get("start_date")),
                "end_date": parse_date(where, "end_date", item.get("end_date")),
                "location": text(item.get("location")),
                "district": district_ref(ctx, where, "district", item.get("district")),
                "participants": parse_int(where, "participants", item.get("participants")),
                "countries_regions": parse_int(
                    where, "countries_regions", item.get("countries_regions")
                ),
                "description": text(item.get("description")),
                "is_demo": parse_bool(where, "is_demo", item.get("is_demo")),
                **citation(item),
                **PUBLISHED,
            },
        )
        for number, event_item in enumerate(item.get("events") or [], start=1):
            load_event(ctx, where.inside(f"events[{number}]"), competition, event_item, item)


def load_event(ctx, where, competition, item, parent):
    event = ctx.upsert(
        CompetitionEvent,
        where,
        {"competition": competition, "name": text(item.get("name"))},
        {
            "name_en": text(item.get("name_en")),
            "skill_number": text(item.get("skill_number")),
            "occupation": occupation_ref(ctx, where, "occupation", item.get("occupation")),
        },
    )
    for number, result in enumerate(item.get("results") or [], start=1):
        result_where = where.inside(f"results[{number}]")
        if not ctx.wanted_part(result_where, result, parent.get("is_demo", False)):
            continue
        competitor = text(result.get("competitor"))
        craftsman = Craftsman.objects.filter(name=competitor).first() if competitor else None
        ctx.upsert(
            CompetitionResult,
            result_where,
            {
                "event": event,
                "craftsman": craftsman,
                "competitor_name": "" if craftsman else competitor,
                "delegation": text(result.get("delegation")),
            },
            {
                "medal": parse_choice(
                    result_where,
                    "medal",
                    result.get("medal"),
                    CompetitionResult.Medal,
                    blank=True,
                ),
                "rank": parse_int(result_where, "rank", result.get("rank")),
                "is_demo": parse_bool(
                    result_where, "is_demo", result.get("is_demo", parent.get("is_demo"))
                ),
                "source": text(result.get("source") or parent.get("source")),
            },
        )
