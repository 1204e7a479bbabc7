"""Scheduled work of accounts (run by `manage.py db_worker`)."""

from django.tasks import task

from .retention import invitations_purge, sessions_purge


@task()
def purge_invitations() -> int:
    return invitations_purge()


@task()
def purge_sessions() -> int:
    return sessions_purge()
