"""Ask the gateways about payments still waiting, and expire old ones.

Run it every few minutes (cron, a systemd timer, or a scheduler beside the workers).
"""

from django.core.management.base import BaseCommand

from payments.services import payments_reconcile


class Command(BaseCommand):
    help = "Re-query pending online payments and expire those past their time."

    def handle(self, *args, **options):
        counts = payments_reconcile()
        self.stdout.write(f"{counts['checked']} payment(s) checked, {counts['changed']} changed.")
