"""Delete stored document files that no document row names (their transaction never
committed), once ORPHAN_FILE_RETENTION_HOURS old.

`manage.py scheduler` enqueues it once a day; this command runs it at once.
"""

from django.core.management.base import BaseCommand

from portal.applications.retention import orphan_files_purge


class Command(BaseCommand):
    help = "Delete stored document files that no document names."

    def handle(self, *args, **options):
        self.stdout.write(f"{orphan_files_purge()} orphaned file(s) deleted.")
