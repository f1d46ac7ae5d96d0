"""seeds/key_figures.csv: every figure of the source articles, loaded on its slug."""

import csv
import re
from pathlib import Path

import pytest
from django.conf import settings

from portal.figures.models import KeyFigure
from portal.figures.seeds import load_key_figures
from portal.importing.seeding import SeedContext

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "seeds"
SOURCES = Path(settings.BASE_DIR).parent / "shared" / "sources" / "README.md"


def load():
    ctx = SeedContext(seeds_dir=SEEDS)
    load_key_figures(ctx)
    return ctx.counts["portal.KeyFigure"]


def test_loading_the_figures_twice_changes_nothing_the_second_time():
    first = load()
    rows = KeyFigure.objects.count()
    second = load()
    assert first["created"] == rows > 40
    assert KeyFigure.objects.count() == rows
    assert second == {"unchanged": rows}


def test_a_changed_row_updates_its_figure_found_by_slug(tmp_path):
    load()
    for other in SEEDS.glob("source_sites.csv"):  # the allow-list, where seeds keep one
        (tmp_path / other.name).write_bytes(other.read_bytes())
    path = tmp_path / "key_figures.csv"
    text = (SEEDS / "key_figures.csv").read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "rural-craftsman-stations,“巴渝工匠”乡村驿站", "rural-craftsman-stations,乡村驿站"
        ),
        encoding="utf-8",
    )
    ctx = SeedContext(seeds_dir=tmp_path)
    load_key_figures(ctx)
    assert ctx.counts["portal.KeyFigure"]["updated"] == 1
    assert KeyFigure.objects.get(slug="rural-craftsman-stations").label == "乡村驿站"


def test_every_seeded_figure_is_published_and_cites_an_article_as_its_readme_does():
    citations = set(re.findall(r"^\| `\d{3}_\w+\.txt` \| ([^|]+?) \|", SOURCES.read_text(), re.M))
    with (SEEDS / "key_figures.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["source"] for row in rows} <= citations
    load()
    assert not KeyFigure.objects.exclude(publication_state="published").exists()
    assert not KeyFigure.objects.filter(is_demo=True).exists()


@pytest.mark.parametrize(
    ("slug", "shown", "scope"),
    [
        ("digital-master-studios", "36个", "全市"),
        ("principal-technicians", "超过110人", "全市"),
        ("special-allowance-experts", "173名", "全市"),
        ("digital-skill-trainings", "超过9万人次", "全市"),
        ("digital-skill-workers", "约70万人", "全市"),
        ("bayu-craftsmen-digital-share", "不足5%", "全市"),
        ("contest-digital-talents", "1万名以上", "全市"),
        ("science-city-high-skilled-share", "39.7%", "西部（重庆）科学城"),
        ("goal-craftsman-talents", "24000名", "全市"),
    ],
)
def test_the_figures_read_as_the_articles_give_them(slug, shown, scope):
    load()
    figure = KeyFigure.objects.get(slug=slug)
    assert (str(figure.display_value), figure.scope) == (shown, scope)
