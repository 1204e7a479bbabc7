"""The database refuses to change or delete an audit record, whoever asks: a trigger on
PostgreSQL and on SQLite raises on every UPDATE and DELETE of a row.

PostgreSQL's TRUNCATE fires no row trigger: the role the portal connects with should not own
the table (README, "Audit trail")."""

from django.db import migrations

TABLE = "audit_auditrecord"

POSTGRESQL_CREATE = [
    """
    CREATE OR REPLACE FUNCTION audit_record_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION USING MESSAGE = 'audit records are kept as written: ' || TG_OP || ' refused';
    END
    $$
    """,
    f"""
    CREATE TRIGGER audit_record_kept BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_record_kept()
    """,
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS audit_record_kept ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_record_kept()",
]

SQLITE_CREATE = [
    f"""
    CREATE TRIGGER audit_record_not_updated BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'audit records are kept as written: UPDATE refused'); END
    """,
    f"""
    CREATE TRIGGER audit_record_not_deleted BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'audit records are kept as written: DELETE refused'); END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_record_not_updated",
    "DROP TRIGGER IF EXISTS audit_record_not_deleted",
]

STATEMENTS = {
    "postgresql": (POSTGRESQL_CREATE, POSTGRESQL_DROP),
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
}


def _run(schema_editor, which: int) -> None:
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    if statements is None:
        return
    for sql in statements[which]:
        schema_editor.execute(sql)


def create(apps, schema_editor):
    _run(schema_editor, 0)


def drop(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_records")]

    operations = [migrations.RunPython(create, drop)]
