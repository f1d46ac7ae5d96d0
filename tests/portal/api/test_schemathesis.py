"""Schemathesis (all checks) against the live OpenAPI document: anonymous and with a token.

It runs the `st` command against pytest-django's live server on loopback, with a small number
of examples per operation so the suite stays quick. Reference lookups that name no record (a
district code that does not exist, a cursor not taken from a page) are rightly refused with a
400 naming the parameter: the schema cannot list every existing code, so 400 counts as an
accepted answer to schema-valid data, and so is 409 for deleting a record others still
reference (a district that has organizations), and 412 for a write whose If-Match names no
current version of the record (a made-up ETag: optimistic locking refuses it, as it should).
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from portal.publishing.access import Role
from tests.api_mixin import token_for
from tests.factories import (
    CompetitionResultFactory,
    HonorAwardFactory,
    ProgramTargetGroupFactory,
    ShortageEntryFactory,
    StudioFactory,
    TrainingBaseFactory,
    staff_with_role,
)

pytestmark = pytest.mark.django_db(transaction=True)

CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "400", "401", "403", "404", "409", "412"]
"""


@pytest.fixture
def published_records(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "token": "100000/minute"},
    }
    HonorAwardFactory()
    StudioFactory()
    CompetitionResultFactory()
    ProgramTargetGroupFactory()
    TrainingBaseFactory()
    ShortageEntryFactory()


def run_schemathesis(live_server, tmp_path, *options):
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    command = [
        str(Path(sys.executable).with_name("st")),
        "--config-file",
        str(config),
        "run",
        f"{live_server.url}/api/schema/",
        "--checks",
        "all",
        "--max-examples",
        "5",
        "--phases",
        "examples,fuzzing,stateful",
        "--seed",
        "20260101",
        "--generation-database",
        "none",
        "--no-color",
        *options,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path)


def test_schemathesis_finds_nothing_for_anonymous_callers(live_server, published_records, tmp_path):
    result = run_schemathesis(live_server, tmp_path)
    assert result.returncode == 0, result.stdout[-6000:]


def test_schemathesis_finds_nothing_with_a_bureau_token(live_server, published_records, tmp_path):
    call_command("setup_roles", verbosity=0)
    key = token_for(staff_with_role(Role.BUREAU_ADMIN, username="schemathesis"))
    result = run_schemathesis(live_server, tmp_path, "--header", f"Authorization: Bearer {key}")
    assert result.returncode == 0, result.stdout[-6000:]
