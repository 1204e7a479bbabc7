"""Enqueue the periodic tasks (outbox sweep and purge, payment reconciliation, draft purge)
when each is due; the task workers (``db_worker``) run them.

Run one beside the workers: ``make run`` starts it with the development server, and a
deployment runs one ``manage.py scheduler`` process. A second one does no harm (each run is
enqueued once), so a standby may run too. ``--once`` runs one round and stops (for cron).
"""

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from portal.core.scheduler import (
    scheduled_tasks,
    scheduled_tasks_enqueue_due,
    scheduled_tasks_next_due,
)

logger = logging.getLogger("portal.core.scheduler")

# Look again at least this often (a task added, an interval shortened, another scheduler).
LONGEST_WAIT = 60
# After a failed round (the database away), wait this long before the next.
RETRY_WAIT = 10


class Command(BaseCommand):
    help = "Enqueue the periodic tasks when each is due (one process beside the workers)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run one round and stop.")

    def handle(self, *args, once=False, verbosity=1, **options):
        schedule = scheduled_tasks()
        if once:
            self._round(verbosity)
            return
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_args: stop.set())
        if verbosity:
            self.stdout.write(
                "Scheduler started: "
                + ", ".join(f"{name} every {every}" for name, every in schedule.items())
            )
        while not stop.is_set():
            close_old_connections()
            try:
                self._round(verbosity)
                next_due = scheduled_tasks_next_due()
                wait = (next_due - timezone.now()).total_seconds() if next_due else LONGEST_WAIT
            except Exception:
                logger.exception("The scheduler's round failed; trying again.")
                wait = RETRY_WAIT
            stop.wait(min(max(wait, 1), LONGEST_WAIT))

    def _round(self, verbosity: int) -> None:
        for name in scheduled_tasks_enqueue_due():
            if verbosity:
                self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} enqueued {name}")
