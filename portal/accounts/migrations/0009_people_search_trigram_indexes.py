"""Trigram indexes for finding people by part of their email address or last name, on
PostgreSQL.

The officers' queue finds applications by their applicant (``UPPER(email::text) LIKE
'%...%'``, the same for the last name): without an index every person is read (tens of
milliseconds at 50,000 people, growing with them). pg_trgm's GIN indexes answer the pattern
from the index. Built concurrently, so the table stays writable while they are made. Nothing
is done on SQLite.
"""

from django.db import migrations

from portal.core.migrations_sql import postgresql_only

# pg_trgm is a trusted extension (PostgreSQL 13 and later): the database's owner may create it
# without being a superuser.

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS user_email_trgm"
    " ON accounts_user USING gin ((UPPER(email::text)) gin_trgm_ops)",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS user_last_name_trgm"
    " ON accounts_user USING gin ((UPPER(last_name::text)) gin_trgm_ops)",
    # The planner's statistics of the indexed expressions: until they are gathered it
    # guesses how many rows a pattern matches.
    "ANALYZE accounts_user",
]
DROP = [
    "DROP INDEX CONCURRENTLY IF EXISTS user_email_trgm",
    "DROP INDEX CONCURRENTLY IF EXISTS user_last_name_trgm",
]


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("accounts", "0008_service_accounts")]

    operations = [postgresql_only(CREATE, DROP)]
