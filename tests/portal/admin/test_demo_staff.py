from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_dir(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    settings.DEBUG = True
    return tmp_path


def run():
    out = StringIO()
    call_command("ensure_demo_staff", stdout=out)
    return out.getvalue()


def test_make_run_gets_a_demo_superuser_whose_password_it_prints(project_dir):
    printed = run()
    password = printed.split("password ")[1].strip()
    user = get_user_model().objects.get(username="demo")
    assert user.is_superuser and user.check_password(password)


def test_a_second_run_reuses_the_same_login(project_dir):
    assert run() == run()
    assert get_user_model().objects.filter(username="demo").count() == 1


def test_the_demo_account_is_refused_when_debug_is_off(project_dir, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local development only"):
        run()
    assert not get_user_model().objects.filter(username="demo").exists()
