"""Background work of the API (run by `manage.py db_worker`)."""

from django.tasks import task

from .services import idempotent_answers_purge


@task()
def purge_idempotent_answers() -> int:
    return idempotent_answers_purge()
