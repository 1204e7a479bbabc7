"""Scheduled work of the shared primitives (run by `manage.py db_worker`)."""

from django.tasks import task

from .limits import rate_limit_purge


@task()
def purge_rate_limits() -> int:
    return rate_limit_purge()
