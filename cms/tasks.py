"""Scheduled work of the catalogue (run by `manage.py db_worker`)."""

from django.tasks import task

from .retention import personal_data_purge


@task()
def purge_personal_data() -> int:
    return personal_data_purge()
