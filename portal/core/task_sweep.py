"""Tasks a lost worker left "running".

A worker that is killed (SIGKILL, its machine lost) while it runs a task leaves the task's row
"running" for ever: django-tasks-db has no heartbeat. Two ways find them:

- by the worker's id, when a worker starts again under the id it had (`manage.py sweep_tasks
  --worker-id ID` before `manage.py db_worker --worker-id ID`): whatever that id still runs is
  from its previous life;
- by age, every few minutes (`SCHEDULED_TASKS`): running longer than
  ``TASK_RUNNING_TIMEOUT_MINUTES``, far beyond any of our tasks.

Such a task is marked failed, not run again: every task of ours that must not be lost is
recovered by a sweep of its own (the outbox's lease, the payments' reconciliation, the
dashboards' facts), and a task run twice might do its work twice.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

LOST = "portal.core.task_sweep.WorkerLost"


def tasks_sweep(
    *, worker_id: str = "", older_than: timedelta | None = None, now: datetime | None = None
) -> int:
    """Mark failed the running tasks last claimed by ``worker_id``, or started more than
    ``older_than`` ago; how many."""
    now = now or timezone.now()
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    if older_than is not None:
        running = running.filter(started_at__lt=now - older_than)
    swept = 0
    for pk, worker_ids in running.values_list("pk", "worker_ids"):
        if worker_id and (worker_ids or [""])[-1] != worker_id:
            continue
        reason = (
            f"The worker {worker_id} started again while this task was still marked running."
            if worker_id
            else f"Still running after {older_than}: its worker was lost."
        )
        # Only if it is still running: a worker that finished it meanwhile wins.
        swept += DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=LOST,
            traceback=reason,
            return_value=None,
        )
        logger.warning("Task %s marked failed: %s", pk, reason)
    return swept


@task()
def sweep_tasks() -> int:
    return tasks_sweep(older_than=timedelta(minutes=settings.TASK_RUNNING_TIMEOUT_MINUTES))
