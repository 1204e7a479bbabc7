"""Background work of the outbox (run by `manage.py db_worker`)."""

from django.tasks import task

from .services import outbox_deliver, outbox_purge, outbox_sweep


@task()
def deliver_outbox_message(message_id: int) -> bool:
    return outbox_deliver(message_id=message_id)


@task()
def sweep_outbox() -> int:
    return outbox_sweep()


@task()
def purge_outbox() -> int:
    return outbox_purge()
