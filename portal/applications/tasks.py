"""Scheduled work of the case file (run by `manage.py db_worker`)."""

from django.tasks import task

from portal.accounts.retention import codes_purge

from .retention import claim_links_purge, orphan_files_purge


@task()
def purge_codes() -> int:
    return codes_purge() + claim_links_purge()


@task()
def purge_orphan_files() -> int:
    return orphan_files_purge()
