"""Scheduled work of the ledger (run by `manage.py db_worker`)."""

from django.tasks import task

from .services import payments_reconcile


@task()
def reconcile_payments() -> dict:
    return payments_reconcile()
