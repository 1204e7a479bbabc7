"""Delete sessions kept in the database that expired more than SESSION_RETENTION_DAYS ago
(Django's clearsessions, on a schedule).

`manage.py scheduler` enqueues it once a day; this command runs it at once.
"""

from django.core.management.base import BaseCommand

from portal.accounts.retention import sessions_purge


class Command(BaseCommand):
    help = "Delete expired sessions kept in the database."

    def handle(self, *args, **options):
        self.stdout.write(f"{sessions_purge()} expired session(s) deleted.")
