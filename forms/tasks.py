"""Scheduled work of the form engine (run by `manage.py db_worker`)."""

from django.tasks import task

from .drafts import draft_purge


@task()
def purge_drafts() -> dict:
    return draft_purge()
