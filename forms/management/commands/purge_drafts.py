"""Delete abandoned drafts with their temporary files, and temporary files no draft uses.

`manage.py scheduler` enqueues it once a day; this command runs it at once.
"""

from django.core.management.base import BaseCommand

from forms.drafts import DRAFT_RETENTION, draft_purge


class Command(BaseCommand):
    help = (
        f"Delete drafts untouched for {DRAFT_RETENTION.days} days and unused temporary "
        "wizard files."
    )

    def handle(self, *args, **options):
        counts = draft_purge()
        self.stdout.write(
            f"{counts['drafts']} abandoned draft(s) and "
            f"{counts['files']} temporary file(s) deleted."
        )
