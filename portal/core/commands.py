"""Management commands that write demo or synthetic data (known passwords, fake cases).

They run as a matter of course in development (``DEBUG`` on). With ``DEBUG`` off the database
may be a real one, so they refuse unless told ``--not-production``: a benchmark or a staging
copy says so explicitly.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class NotForProductionCommand(BaseCommand):
    """A command that refuses to run with ``DEBUG`` off unless given ``--not-production``."""

    #: What the command writes, for the refusal message.
    writes = "demo data"

    def add_arguments(self, parser):
        parser.add_argument(
            "--not-production",
            action="store_true",
            help="Run with DEBUG off: this database is not a production one.",
        )

    def execute(self, *args, **options):
        if not settings.DEBUG and not options.get("not_production"):
            raise CommandError(
                f"This command writes {self.writes}, and DEBUG is off: this may be a production "
                "database. Run it with DEBUG=1, or add --not-production if this database is not "
                "a production one."
            )
        return super().execute(*args, **options)
