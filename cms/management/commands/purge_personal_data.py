"""Remove the personal data of finished applications past their service's retention time.

`manage.py scheduler` enqueues it once a day; this command runs it at once.
"""

from django.core.management.base import BaseCommand

from cms.retention import personal_data_purge


class Command(BaseCommand):
    help = (
        "Remove the answers, documents, names and contact details of finished applications "
        "kept longer than their service's retention time (PERSONAL_DATA_RETENTION_DAYS "
        "by default)."
    )

    def handle(self, *args, **options):
        count = personal_data_purge()
        self.stdout.write(f"Personal data of {count} finished application(s) removed.")
