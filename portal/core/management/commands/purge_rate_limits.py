"""Delete the database's rate-limit counters whose window has passed.

`manage.py scheduler` enqueues it every hour; this command runs it at once.
"""

from django.core.management.base import BaseCommand

from portal.core.limits import rate_limit_purge


class Command(BaseCommand):
    help = "Delete the rate-limit counters whose window has passed."

    def handle(self, *args, **options):
        count = rate_limit_purge()
        self.stdout.write(f"{count} rate-limit counter(s) deleted.")
