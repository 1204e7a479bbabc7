"""Scheduled work of the ledger (run by `manage.py db_worker`)."""

import uuid

from django.tasks import task

from .services import payment_poll, payment_poll_later, payments_reconcile


@task()
def reconcile_payments() -> dict:
    return payments_reconcile()


@task()
def poll_payment(payment_id: str, attempt: int = 0) -> str:
    """Ask a QR payment's bank once; enqueue the next round on the back-off schedule."""
    after = payment_poll(payment_id=uuid.UUID(payment_id), attempt=attempt)
    if after is not None:
        payment_poll_later(payment_id=payment_id, attempt=attempt + 1, when=after)
    return "asked again later" if after else "done"
