"""Trigram indexes for the officers' queue's search, on PostgreSQL.

The queue finds an application by any part of its reference or of the title it was submitted
under (``LIKE '%...%'``, which no B-tree index serves): at a million applications, reading every
one of them took seconds. pg_trgm's GIN indexes answer such a pattern from the index: the
reference as it is stored (a search is upper-cased as references are written), the title as
Django compares it case-insensitively (``UPPER(service_title::text)``). Built concurrently, so
the table stays writable while they are made.

SQLite has no such index and reads the queue's index in its order (plans in
portal/review/views.py): nothing is done there.
"""

from django.db import migrations

from portal.core.migrations_sql import postgresql_only

# pg_trgm is a trusted extension (PostgreSQL 13 and later): the database's owner may create it
# without being a superuser.

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS application_reference_trgm"
    " ON applications_application USING gin (reference gin_trgm_ops)",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS application_title_trgm"
    " ON applications_application USING gin ((UPPER(service_title::text)) gin_trgm_ops)",
    # The planner's statistics of the indexed expressions: until they are gathered it
    # guesses how many rows a pattern matches.
    "ANALYZE applications_application",
]
DROP = [
    "DROP INDEX CONCURRENTLY IF EXISTS application_reference_trgm",
    "DROP INDEX CONCURRENTLY IF EXISTS application_title_trgm",
]


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("applications", "0020_retention")]

    operations = [postgresql_only(CREATE, DROP)]
