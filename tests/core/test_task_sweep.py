"""A task its killed worker left "running" is found by the worker's id or by its age."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.core.task_sweep import LOST, tasks_sweep

pytestmark = pytest.mark.django_db


def running(worker_ids: list[str], *, minutes_ago: int = 0) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="portal.core.tasks.purge_rate_limits",
        backend_name="default",
        queue_name="default",
        run_after=now,
        started_at=now - timedelta(minutes=minutes_ago),
        worker_ids=worker_ids,
    )


def test_a_worker_starting_again_fails_what_it_left_running_and_nothing_else():
    mine = running(["web-1", "web-2"])  # claimed last by web-2
    retried_elsewhere = running(["web-2", "web-1"])
    done = running(["web-2"])
    DBTaskResult.objects.filter(pk=done.pk).update(status=TaskResultStatus.SUCCESSFUL)

    assert tasks_sweep(worker_id="web-2") == 1

    mine.refresh_from_db()
    assert mine.status == TaskResultStatus.FAILED
    assert mine.exception_class_path == LOST
    assert mine.finished_at is not None
    assert DBTaskResult.objects.get(pk=retried_elsewhere.pk).status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.get(pk=done.pk).status == TaskResultStatus.SUCCESSFUL


def test_the_periodic_sweep_fails_only_tasks_running_past_the_timeout(settings):
    settings.TASK_RUNNING_TIMEOUT_MINUTES = 60
    old = running(["web-1"], minutes_ago=61)
    young = running(["web-1"], minutes_ago=5)

    out = io.StringIO()
    call_command("sweep_tasks", stdout=out)

    assert "1 lost task(s)" in out.getvalue()
    assert DBTaskResult.objects.get(pk=old.pk).status == TaskResultStatus.FAILED
    assert DBTaskResult.objects.get(pk=young.pk).status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count() == 1
