"""SQL that a migration runs on PostgreSQL alone: extensions and index kinds SQLite has no
such thing as (the trigram indexes of the officers' queue's search)."""

from django.db import migrations


def _statements_run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


def postgresql_only(create: list[str], drop: list[str]) -> migrations.RunPython:
    """An operation running ``create`` forwards and ``drop`` backwards, on PostgreSQL only;
    nothing on SQLite."""
    return migrations.RunPython(_statements_run(create), _statements_run(drop), elidable=False)
