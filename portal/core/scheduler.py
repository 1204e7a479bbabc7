"""Periodic tasks: each ``SCHEDULED_TASKS`` entry is enqueued when it is due, once.

``django.tasks`` and its database backend run tasks but schedule none, so ``manage.py
scheduler`` calls ``scheduled_tasks_enqueue_due`` in a small loop. Each task has a row with the
time it runs next; a scheduler enqueues a due task only if it moves that time on by
compare-and-set in the same transaction, so two schedulers (a second one started by mistake,
or one on each of two machines) never enqueue one run twice. The tasks themselves are found by
their dotted paths: this module imports nothing of the portal's other packages.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledTask

logger = logging.getLogger(__name__)


def scheduled_tasks() -> dict[str, timedelta]:
    """The periodic tasks and how often each runs, from ``SCHEDULED_TASKS``; every task is
    imported, so a wrong path fails at once."""
    schedule = dict(settings.SCHEDULED_TASKS)
    for name in schedule:
        import_string(name)
    return schedule


def scheduled_task_claim(row: ScheduledTask, *, now: datetime, every: timedelta) -> bool:
    """Move the task's next run from what ``row`` says to ``now + every``; False if another
    scheduler moved it first."""
    return bool(
        ScheduledTask.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
            next_run_at=now + every, last_enqueued_at=now
        )
    )


def scheduled_tasks_enqueue_due(*, now: datetime | None = None) -> list[str]:
    """Enqueue every periodic task whose time has come; the names of those enqueued."""
    now = now or timezone.now()
    enqueued = []
    for name, every in scheduled_tasks().items():
        row, _created = ScheduledTask.objects.get_or_create(
            name=name, defaults={"next_run_at": now}
        )
        # Due, or its interval was shortened since the row was written.
        if now < row.next_run_at <= now + every:
            continue
        with transaction.atomic():
            if scheduled_task_claim(row, now=now, every=every):
                import_string(name).enqueue()
                enqueued.append(name)
    return enqueued


def scheduled_tasks_next_due() -> datetime | None:
    """When the next periodic task is due, if any has run yet."""
    return (
        ScheduledTask.objects.filter(name__in=list(settings.SCHEDULED_TASKS))
        .order_by("next_run_at")
        .values_list("next_run_at", flat=True)
        .first()
    )
