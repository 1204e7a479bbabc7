"""Re-queue outbox messages whose sending was interrupted, and any that are due.

`manage.py scheduler` enqueues it every five minutes; this command runs it at once.
"""

from django.core.management.base import BaseCommand

from portal.notifications.services import outbox_sweep


class Command(BaseCommand):
    help = "Re-queue interrupted and due outbox messages."

    def handle(self, *args, **options):
        count = outbox_sweep()
        self.stdout.write(f"{count} outbox message(s) queued.")
