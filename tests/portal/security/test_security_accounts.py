"""Staff accounts: lockout per username and address, audit log, TOTP sign-in, session limits."""

import logging
import re
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.publishing.access import Role
from portal.security.middleware import LAST_SEEN, STARTED
from tests.factories import UserFactory, staff_with_role

PASSWORD = "correct horse battery staple"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_roles")]


@pytest.fixture
def bureau():
    return staff_with_role(Role.BUREAU_ADMIN, username="chen")


def sign_in(client, username, password=PASSWORD, *, ip="10.0.0.1", **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, **extra},
        REMOTE_ADDR=ip,
    )


def signed_in(response):
    return response.status_code == 302 and "login" not in response.headers["Location"]


def current_token(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


# --- lockout -----------------------------------------------------------------------------


def test_five_failures_lock_that_username_from_that_address(client, bureau):
    for _ in range(5):
        sign_in(client, "chen", "wrong password")
    response = sign_in(client, "chen")
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()


def test_a_locked_username_still_signs_in_from_another_address(client, bureau):
    for _ in range(5):
        sign_in(client, "chen", "wrong password", ip="10.0.0.1")
    assert signed_in(sign_in(client, "chen", ip="10.0.0.2"))


def test_a_colleague_behind_the_same_address_is_not_locked_out(client, bureau):
    staff_with_role(Role.BUREAU_ADMIN, username="li")
    for _ in range(5):
        sign_in(client, "chen", "wrong password", ip="10.0.0.1")
    assert signed_in(sign_in(client, "li", ip="10.0.0.1"))


def test_the_lockout_ends_after_the_cool_off(client, bureau, settings):
    from axes.models import AccessAttempt

    for _ in range(5):
        sign_in(client, "chen", "wrong password")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time.replace(year=2000)
    )
    assert signed_in(sign_in(client, "chen"))


# --- audit log ---------------------------------------------------------------------------


def test_a_sign_in_is_logged_with_a_utc_timestamp(client, bureau, caplog):
    from portal.security.audit import UTCFormatter

    with caplog.at_level(logging.INFO, logger="portal.security"):
        sign_in(client, "chen")
    record = next(r for r in caplog.records if "event=login " in r.getMessage())
    line = UTCFormatter("%(asctime)s %(message)s").format(record)
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z event=login user=\"chen\"", line)


def test_a_failed_sign_in_and_the_lockout_are_logged(client, bureau, caplog):
    with caplog.at_level(logging.INFO, logger="portal.security"):
        for _ in range(5):
            sign_in(client, "chen", "wrong password")
    messages = [r.getMessage() for r in caplog.records]
    assert sum("event=login_failed" in m for m in messages) == 5
    assert any(m.startswith('event=lockout user="chen"') for m in messages)


def test_a_username_cannot_forge_a_log_line(client, caplog):
    forged = 'x\n2030-01-01T00:00:00Z INFO portal.security event=login user="admin"\x1b[2J'
    with caplog.at_level(logging.INFO, logger="portal.security"):
        sign_in(client, forged, "wrong password")
    message = next(r.getMessage() for r in caplog.records if "login_failed" in r.getMessage())
    assert "\n" not in message and "\x1b" not in message
    assert "\\n2030" in message and "\\x1b" in message


def test_a_permission_refusal_is_logged(client, caplog):
    from tests.factories import DistrictFactory

    editor = staff_with_role(Role.DISTRICT_EDITOR, district=DistrictFactory(), username="wang")
    client.force_login(editor)
    with caplog.at_level(logging.INFO, logger="portal.security"):
        response = client.get(reverse("admin:portal_district_add"))
    assert response.status_code == 403
    assert any(
        'event=permission_denied user="wang"' in r.getMessage()
        and "/admin/portal/district/add/" in r.getMessage()
        for r in caplog.records
    )


# --- passwords and sessions --------------------------------------------------------------


@pytest.mark.parametrize("password", ["Short1!", "password1234", "123456789012345"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, UserFactory.build(username="zhao"))


def test_a_long_uncommon_password_is_accepted():
    validate_password("青山绿水-welding-2025", UserFactory.build(username="zhao"))


def test_signing_in_gives_a_new_session_key(client, bureau):
    client.get(reverse("admin:login"))
    client.cookies["sessionid"] = "attackerchosenkey0000000000000000"
    session = client.session
    session["planted"] = True
    session.save()
    before = session.session_key
    assert signed_in(sign_in(client, "chen"))
    assert client.session.session_key != before


def age_session(client, **seconds):
    session = client.session
    now = int(time.time())
    session[STARTED] = now - seconds.get("started", 0)
    session[LAST_SEEN] = now - seconds.get("idle", 0)
    session.save()


def test_thirty_idle_minutes_sign_a_staff_member_out(client, bureau):
    client.force_login(bureau)
    age_session(client, started=31 * 60, idle=31 * 60)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("admin:login"))


def test_activity_within_thirty_minutes_keeps_the_session(client, bureau):
    client.force_login(bureau)
    age_session(client, started=60 * 60, idle=29 * 60)
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_active_session_still_ends_after_eight_hours(client, bureau):
    client.force_login(bureau)
    age_session(client, started=8 * 3600 + 60, idle=10)
    assert client.get(reverse("admin:index")).status_code == 302


# --- two-factor sign-in --------------------------------------------------------------------


@pytest.fixture
def two_factor(settings):
    settings.PORTAL_REQUIRE_2FA = True


@pytest.fixture
def enrolled(bureau):
    device = TOTPDevice.objects.create(user=bureau, name="phone", confirmed=True)
    recovery = StaticDevice.objects.create(user=bureau, name="recovery")
    recovery.token_set.create(token="recover123")
    return device


def test_production_settings_require_two_factor():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.prod",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "portal.example.gov.cn",
    }
    env.pop("PORTAL_REQUIRE_2FA", None)
    code = "from django.conf import settings; print(settings.PORTAL_REQUIRE_2FA)"
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "True"


def test_the_login_page_asks_for_the_code(client, two_factor):
    assert 'name="otp_token"' in client.get(reverse("admin:login")).content.decode()


def test_a_password_alone_does_not_open_the_admin_of_an_enrolled_user(client, two_factor, enrolled):
    response = sign_in(client, "chen")
    assert response.status_code == 200
    assert "请输入动态验证码" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_wrong_code_is_refused(client, two_factor, enrolled):
    response = sign_in(client, "chen", otp_token="000000")
    assert "动态验证码不正确" in response.content.decode()


def test_password_and_current_code_open_the_admin(client, two_factor, enrolled):
    assert signed_in(sign_in(client, "chen", otp_token=current_token(enrolled)))
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_recovery_code_works_once(client, two_factor, enrolled):
    assert signed_in(sign_in(client, "chen", otp_token="recover123"))
    client.logout()
    assert not signed_in(sign_in(client, "chen", otp_token="recover123"))


def test_a_staff_member_without_a_device_is_sent_to_enrol(client, two_factor, bureau):
    sign_in(client, "chen")
    assert client.get(reverse("admin:index")).status_code == 302
    response = client.get(reverse("admin:login"))
    assert response.headers["Location"] == reverse("admin:otp-enrol")
    page = client.get(reverse("admin:otp-enrol")).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page


def test_enrolment_confirms_the_device_and_shows_ten_recovery_codes(client, two_factor, bureau):
    sign_in(client, "chen")
    client.get(reverse("admin:otp-enrol"))
    device = TOTPDevice.objects.get(user=bureau)
    response = client.post(reverse("admin:otp-enrol"), {"otp_token": current_token(device)})
    assert response.status_code == 200
    assert response.content.decode().count("<li><code>") == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("admin:index")).status_code == 200


def test_two_factor_is_off_in_tests_unless_turned_on(client, bureau):
    assert 'name="otp_token"' not in client.get(reverse("admin:login")).content.decode()
    assert signed_in(sign_in(client, "chen"))
