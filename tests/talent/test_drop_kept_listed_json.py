"""Migration 0007 removes what the former kept-JSON path installed outside migrations on
PostgreSQL: the craftsman and award tables' triggers, their functions and hidden column."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

pytestmark = pytest.mark.django_db

migration = importlib.import_module("talent.migrations.0007_drop_kept_listed_json")
ON_POSTGRESQL = connection.vendor == "postgresql"


def leftovers():
    """Each table's kept trigger, function and column still in the database."""
    found = []
    with connection.cursor() as cursor:
        for table in migration.TABLES:
            name = f"{table}_{migration.COLUMN}"
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND tgname = %s",
                [table, name],
            )
            found += ["trigger"] * cursor.fetchone()[0]
            cursor.execute("SELECT count(*) FROM pg_proc WHERE proname = %s", [name])
            found += ["function"] * cursor.fetchone()[0]
            cursor.execute(
                "SELECT count(*) FROM pg_attribute WHERE attrelid = %s::regclass "
                "AND attname = %s AND NOT attisdropped",
                [table, migration.COLUMN],
            )
            found += ["column"] * cursor.fetchone()[0]
    return found


def install_as_kept_did():
    """The column, function and trigger as the former kept-JSON path created them."""
    with connection.cursor() as cursor:
        for table in migration.TABLES:
            name = f"{table}_{migration.COLUMN}"
            cursor.execute(f'ALTER TABLE "{table}" ADD COLUMN "{migration.COLUMN}" text')
            cursor.execute(
                f'CREATE OR REPLACE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql '
                f"AS $kept$\nBEGIN\n  NEW.\"{migration.COLUMN}\" := '';\n  RETURN NEW;\nEND\n$kept$"
            )
            cursor.execute(
                f'CREATE TRIGGER "{name}" BEFORE INSERT OR UPDATE ON "{table}" '
                f'FOR EACH ROW EXECUTE FUNCTION "{name}"()'
            )


def run_migration():
    """The migration's function (SQLite's editor cannot open inside a test's transaction,
    and on SQLite the function reads no more than the editor's connection)."""
    schema_editor = connection.schema_editor()
    if ON_POSTGRESQL:
        with schema_editor:
            migration.drop_kept_json(apps, schema_editor)
    else:
        migration.drop_kept_json(apps, schema_editor)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="only PostgreSQL databases ever had them")
def test_a_migrated_database_has_no_kept_trigger_function_or_column():
    assert leftovers() == []


@pytest.mark.skipif(not ON_POSTGRESQL, reason="only PostgreSQL databases ever had them")
def test_the_migration_drops_the_triggers_functions_and_columns_a_deploy_installed():
    install_as_kept_did()
    assert len(leftovers()) == 6
    run_migration()
    assert leftovers() == []


def test_the_migration_runs_again_on_a_database_without_them():
    run_migration()
    if ON_POSTGRESQL:
        assert leftovers() == []
