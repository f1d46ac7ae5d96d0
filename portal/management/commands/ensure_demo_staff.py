"""Create (once) the demo staff account `make run` prints, for trying the admin locally."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "demo"


class Command(BaseCommand):
    help = "Create a demo superuser for local use and print its login (never in production)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo account is for local development only (DEBUG is off).")
        login_file = Path(settings.BASE_DIR) / ".demo-login"
        user = get_user_model().objects.filter(username=USERNAME).first()
        if user is None or not login_file.exists():
            password = secrets.token_urlsafe(12)
            if user is None:
                user = get_user_model().objects.create_superuser(USERNAME, password=password)
            else:
                user.set_password(password)
                user.save()
            login_file.write_text(password + "\n", encoding="utf-8")
        password = login_file.read_text(encoding="utf-8").strip()
        self.stdout.write(
            f"Demo staff login (local only): username {USERNAME}  password {password}"
        )
