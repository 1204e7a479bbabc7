"""Bring the statistics' facts up to date now (the scheduler does it every minute), or
rebuild them all with ``--rebuild`` (after a change in how they are counted)."""

from django.core.management.base import BaseCommand

from portal.dashboard.facts import facts_rebuild, facts_sweep


class Command(BaseCommand):
    help = "Bring the dashboards' counts up to date (--rebuild: recount every application)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true")

    def handle(self, *args, rebuild, **options):
        built = facts_rebuild() if rebuild else facts_sweep()
        self.stdout.write(f"{built} applications counted.")
