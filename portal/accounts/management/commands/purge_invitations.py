"""Delete company invitations accepted, cancelled or expired more than
INVITATION_RETENTION_DAYS ago.

`manage.py scheduler` enqueues it once a day; this command runs it at once.
"""

from django.core.management.base import BaseCommand

from portal.accounts.retention import invitations_purge


class Command(BaseCommand):
    help = "Delete closed company invitations older than INVITATION_RETENTION_DAYS."

    def handle(self, *args, **options):
        self.stdout.write(f"{invitations_purge()} closed invitation(s) deleted.")
