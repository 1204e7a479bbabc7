"""Scheduled work of the dashboards (run by `manage.py db_worker`)."""

from django.tasks import task

from .facts import facts_sweep


@task()
def sweep_facts() -> int:
    return facts_sweep()
