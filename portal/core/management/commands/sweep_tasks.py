"""Mark failed the tasks a lost worker left "running" (see portal.core.task_sweep).

manage.py sweep_tasks --worker-id web-1-worker   # before starting that worker again
manage.py sweep_tasks                            # those older than TASK_RUNNING_TIMEOUT_MINUTES
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.core.task_sweep import tasks_sweep


class Command(BaseCommand):
    help = 'Mark failed the tasks a lost worker left "running".'

    def add_arguments(self, parser):
        parser.add_argument(
            "--worker-id",
            default="",
            help="the id of a worker about to start again: what it still runs is lost",
        )

    def handle(self, *args, worker_id, **options):
        if worker_id:
            count = tasks_sweep(worker_id=worker_id)
        else:
            count = tasks_sweep(older_than=timedelta(minutes=settings.TASK_RUNNING_TIMEOUT_MINUTES))
        self.stdout.write(f"{count} lost task(s) marked failed.")
