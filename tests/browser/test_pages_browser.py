"""The public pages in a real browser at phone and desktop widths: readable, accessible, usable."""

import pytest

from programs.models import Program
from talent.models import Competition, HonorRoll

from .conftest import run_axe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def main_pages():
    program = Program.objects.published().filter(slug__startswith="demo-").first()
    competition = Competition.objects.published().get(slug="worldskills-2019-kazan")
    roll = HonorRoll.objects.select_related("title").order_by("-year", "title__order").first()
    return [
        ("home", "/"),
        ("programs", "/programs/"),
        ("program", program.get_absolute_url()),
        ("honors", "/honors/"),
        ("honor-roll", f"/honors/{roll.title.slug}/{roll.year}/"),
        ("studios", "/studios/"),
        ("bases", "/bases/"),
        ("competitions", "/competitions/"),
        ("competition", competition.get_absolute_url()),
        ("shortage", "/shortage/"),
        ("shortage-demo", "/shortage/1950/"),
        ("stats", "/stats/"),
        ("search", "/search/?q=焊工"),
        ("filter-error", "/programs/?district=999999"),
        ("en-home", "/en/"),
        ("en-programs", "/en/programs/"),
        ("not-found", "/no-such-page/"),
    ]


def test_main_pages_have_no_axe_violations_and_no_horizontal_scroll(page):
    problems = {}
    for name, path in main_pages():
        page.goto(page.site + path)
        screenshot(page, name)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems[f"{path} scrolls sideways by"] = overflow
        violations = run_axe(page)
        if violations:
            problems[path] = violations
    assert problems == {}
    assert page.outside_requests == []


def test_a_citizen_finds_a_program_open_for_enrolment_with_the_filter_form(page):
    page.goto(page.site + "/programs/")
    page.get_by_text("更多筛选条件").click()
    page.get_by_label("状态").select_option("enrolling")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**/programs/?*state=enrolling*")
    assert page.get_by_label("状态").input_value() == "enrolling"
    count = page.locator(".result-count").inner_text()
    cards = page.locator(".program-card")
    assert count == f"共 {cards.count()} 条"
    assert cards.count() > 0
    for state in cards.locator(".state").all_inner_texts():
        assert state == "报名中"
    screenshot(page, "programs-enrolling")


def test_the_language_switcher_shows_the_same_page_in_english_and_back(page):
    page.goto(page.site + "/programs/?state=enrolling")
    with page.expect_navigation():
        page.get_by_role("link", name="English").click()
    assert page.url == page.site + "/en/programs/?state=enrolling"
    assert page.locator("html").get_attribute("lang") == "en"
    with page.expect_navigation():
        page.get_by_role("link", name="中文").click()
    assert page.url == page.site + "/programs/?state=enrolling"
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


def test_the_skip_link_is_the_first_stop_for_the_keyboard(page):
    page.goto(page.site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
