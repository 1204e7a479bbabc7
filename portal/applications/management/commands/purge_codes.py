"""Delete expired one-time codes (guest codes, phone confirmations) and forget expired links
that add a walk-in application to an account, CODE_RETENTION_DAYS after they expired.

`manage.py scheduler` enqueues it every hour; this command runs it at once.
"""

from django.core.management.base import BaseCommand

from portal.accounts.retention import codes_purge
from portal.applications.retention import claim_links_purge


class Command(BaseCommand):
    help = "Delete one-time codes and counter links expired more than CODE_RETENTION_DAYS ago."

    def handle(self, *args, **options):
        codes, links = codes_purge(), claim_links_purge()
        self.stdout.write(f"{codes} expired code(s) deleted, {links} expired link(s) forgotten.")
