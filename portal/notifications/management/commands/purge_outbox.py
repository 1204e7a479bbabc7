"""Delete sent and given-up outbox messages older than OUTBOX_RETENTION_DAYS.

`manage.py scheduler` enqueues it once a day; this command runs it at once.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.notifications.services import outbox_purge


class Command(BaseCommand):
    help = "Delete sent and given-up outbox messages older than OUTBOX_RETENTION_DAYS."

    def handle(self, *args, **options):
        count = outbox_purge()
        self.stdout.write(
            f"{count} outbox message(s) older than {settings.OUTBOX_RETENTION_DAYS} days deleted."
        )
