"""Headers and cookies: a CSP without inline script everywhere (pages, admin, API docs), and the
production settings' HSTS, secure cookies and a clean `check --deploy`."""

import os
import re
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.factories import ProgramFactory
from tests.throwaway import ROOT

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def csp(response):
    return dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )


@pytest.mark.parametrize("path", ["/", "/programs/", "/stats/", "/admin/login/", "/api/docs/"])
def test_every_kind_of_page_carries_a_csp_without_inline_script(client, path):
    policy = csp(client.get(path))
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"


def test_public_pages_have_no_inline_script_or_event_handler(client):
    program = ProgramFactory()
    for path in ["/", "/programs/", "/stats/", "/search/?q=焊工", program.get_absolute_url()]:
        page = client.get(path).content.decode()
        assert not INLINE_SCRIPT.search(page), path
        assert not INLINE_HANDLER.search(page), path


def test_the_api_docs_load_their_start_up_script_from_a_url(client):
    page = client.get("/api/docs/").content.decode()
    assert not INLINE_SCRIPT.search(page)
    script = re.search(r'<script src="([^"]*script[^"]*)"', page).group(1).replace("&amp;", "&")
    response = client.get(script)
    assert response.status_code == 200
    assert "SwaggerUIBundle" in response.content.decode()


def test_pages_say_nosniff_same_origin_referrer_and_deny_framing(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/api/v1/districts/", "/robots.txt"])
def test_every_response_denies_camera_microphone_and_location(client, path):
    policy = client.get(path)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy


def test_the_session_cookie_is_http_only_and_same_site(client):
    from tests.factories import UserFactory

    client.post(
        reverse("admin:login"),
        {"username": UserFactory().username, "password": "correct horse battery staple"},
    )
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def prod(code, *args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.prod",
        "SECRET_KEY": "prod-check-" + "".join(chr(97 + i % 26) for i in range(60)),
        "ALLOWED_HOSTS": "portal.example.gov.cn",
    }
    return subprocess.run(
        [sys.executable, *code, *args], env=env, cwd=ROOT, capture_output=True, text=True
    )


def test_production_settings_pass_check_deploy():
    result = prod(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stderr


def test_production_settings_turn_on_hsts_and_secure_cookies():
    names = [
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SECURE_SSL_REDIRECT",
    ]
    code = (
        "import django; django.setup(); from django.conf import settings as s; print("
        + (", ".join(f"s.{n}" for n in names))
        + ")"
    )
    values = prod(["-c", code]).stdout.split()
    assert int(values[0]) >= 31536000
    assert values[1:] == ["True"] * 4
