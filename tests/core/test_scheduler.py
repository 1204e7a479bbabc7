"""The scheduler enqueues each periodic task when it is due, once, however many schedulers run."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.tasks.signals import task_enqueued

from portal.core.models import ScheduledTask
from portal.core.scheduler import scheduled_task_claim, scheduled_tasks_enqueue_due

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
SWEEP = "portal.notifications.tasks.sweep_outbox"
RECONCILE = "payments.tasks.reconcile_payments"
PURGE_DRAFTS = "forms.tasks.purge_drafts"
PURGE_OUTBOX = "portal.notifications.tasks.purge_outbox"
PURGE_RATE_LIMITS = "portal.core.tasks.purge_rate_limits"


@pytest.fixture
def enqueued():
    """The dotted paths of the tasks enqueued during the test, in order."""
    names = []

    def record(sender, task_result, **kwargs):
        names.append(task_result.task.module_path)

    task_enqueued.connect(record, weak=False)
    yield names
    task_enqueued.disconnect(record)


CLEAN_UPS = {
    SWEEP: timedelta(minutes=5),
    RECONCILE: timedelta(minutes=5),
    PURGE_DRAFTS: timedelta(days=1),
    PURGE_OUTBOX: timedelta(days=1),
}


@pytest.fixture(autouse=True)
def _the_clean_ups_only(settings):
    """The timelines below follow the four clean-ups (the project also counts the dashboards'
    figures every minute)."""
    settings.SCHEDULED_TASKS = dict(CLEAN_UPS)


def test_every_task_the_readme_names_is_scheduled():
    import portal.settings as project

    assert {
        **CLEAN_UPS,
        "portal.dashboard.tasks.sweep_facts": timedelta(minutes=1),
        PURGE_RATE_LIMITS: timedelta(hours=1),
        "cms.tasks.purge_personal_data": timedelta(days=1),
        "portal.applications.tasks.purge_codes": timedelta(hours=1),
        "portal.accounts.tasks.purge_invitations": timedelta(days=1),
        "portal.accounts.tasks.purge_sessions": timedelta(days=1),
        "portal.applications.tasks.purge_orphan_files": timedelta(days=1),
        "portal.core.task_sweep.sweep_tasks": timedelta(minutes=5),
        "portal.api.tasks.purge_idempotent_answers": timedelta(hours=1),
    } == project.SCHEDULED_TASKS


@pytest.mark.django_db
def test_due_tasks_are_enqueued_once_and_the_others_wait(enqueued):
    # The first run: nothing has run yet, so everything is due.
    assert sorted(scheduled_tasks_enqueue_due(now=T0)) == sorted(
        [SWEEP, RECONCILE, PURGE_DRAFTS, PURGE_OUTBOX]
    )
    assert sorted(enqueued) == sorted([SWEEP, RECONCILE, PURGE_DRAFTS, PURGE_OUTBOX])

    # The same moment again (a second scheduler, or the loop coming round): nothing.
    assert scheduled_tasks_enqueue_due(now=T0) == []
    # Four minutes later nothing is due yet.
    assert scheduled_tasks_enqueue_due(now=T0 + timedelta(minutes=4)) == []
    # Five minutes later the frequent ones are due, the daily ones are not.
    assert sorted(scheduled_tasks_enqueue_due(now=T0 + timedelta(minutes=5))) == sorted(
        [SWEEP, RECONCILE]
    )
    assert scheduled_tasks_enqueue_due(now=T0 + timedelta(minutes=6)) == []
    # A day later, all of them, once.
    assert len(scheduled_tasks_enqueue_due(now=T0 + timedelta(days=1))) == 4
    assert scheduled_tasks_enqueue_due(now=T0 + timedelta(days=1, seconds=1)) == []
    assert enqueued.count(SWEEP) == 3 and enqueued.count(PURGE_DRAFTS) == 2
    assert len(enqueued) == 10


@pytest.mark.django_db
def test_a_second_scheduler_that_read_the_same_row_does_not_enqueue_again(enqueued):
    scheduled_tasks_enqueue_due(now=T0)
    stale = ScheduledTask.objects.get(name=SWEEP)  # read by two schedulers at once
    later = T0 + timedelta(minutes=5)
    assert scheduled_task_claim(stale, now=later, every=timedelta(minutes=5)) is True
    assert scheduled_task_claim(stale, now=later, every=timedelta(minutes=5)) is False
    assert ScheduledTask.objects.get(name=SWEEP).next_run_at == later + timedelta(minutes=5)


@pytest.mark.django_db
def test_a_shortened_interval_applies_at_once(settings, enqueued):
    scheduled_tasks_enqueue_due(now=T0)
    settings.SCHEDULED_TASKS = {**settings.SCHEDULED_TASKS, PURGE_DRAFTS: timedelta(hours=1)}
    assert scheduled_tasks_enqueue_due(now=T0 + timedelta(minutes=1)) == [PURGE_DRAFTS]
    assert scheduled_tasks_enqueue_due(now=T0 + timedelta(minutes=4)) == []


@pytest.mark.django_db
def test_the_command_runs_one_round_with_once(enqueued):
    call_command("scheduler", "--once")
    assert sorted(enqueued) == sorted([SWEEP, RECONCILE, PURGE_DRAFTS, PURGE_OUTBOX])
    call_command("scheduler", "--once")
    assert len(enqueued) == 4


@pytest.mark.django_db
def test_the_rate_limit_purge_is_enqueued_every_hour(settings, enqueued):
    settings.SCHEDULED_TASKS = {PURGE_RATE_LIMITS: timedelta(hours=1)}
    assert scheduled_tasks_enqueue_due(now=T0) == [PURGE_RATE_LIMITS]
    assert scheduled_tasks_enqueue_due(now=T0 + timedelta(minutes=59)) == []
    assert scheduled_tasks_enqueue_due(now=T0 + timedelta(hours=1)) == [PURGE_RATE_LIMITS]
