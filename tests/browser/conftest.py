"""Debian's headless Chromium driven by Playwright, against a live server with the seeds."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: browser tests need Debian's chromium "
            "(apt-get install -y chromium); they never download a browser."
        )
    # Playwright's sync API keeps an event loop in this thread; the ORM calls made by fixtures
    # here are ordinary blocking calls, so Django's async guard does not apply.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    call_command("load_seeds", demo=True, verbosity=0)  # as `make run` shows the site
    return live_server.url


@pytest.fixture(params=[375, 1280], ids=["phone", "desktop"])
def page(request, chromium, site):
    width = request.param
    # bypass_csp: the test injects axe-core as an inline script, which the site's CSP refuses.
    context = chromium.new_context(
        viewport={"width": width, "height": 800},
        locale="zh-CN",
        java_script_enabled=True,
        bypass_csp=True,
    )
    browser_page = context.new_page()
    browser_page.width = width
    browser_page.site = site
    # Nothing may be fetched from outside the site.
    outside = []
    browser_page.on(
        "request",
        lambda req: (
            None
            if req.url.startswith(site) or req.url.startswith("data:")
            else outside.append(req.url)
        ),
    )
    browser_page.outside_requests = outside
    yield browser_page
    context.close()


def run_axe(browser_page):
    browser_page.add_script_tag(path=str(AXE))
    return browser_page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary),
            }));
        }"""
    )


def screenshot(browser_page, name):
    """The first screen (what a citizen sees on arrival) and the whole page."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    stem = SCREENSHOTS / f"{name}-{browser_page.width}"
    browser_page.screenshot(path=f"{stem}-top.png")
    browser_page.screenshot(path=f"{stem}.png", full_page=True)
