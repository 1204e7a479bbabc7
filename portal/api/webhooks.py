"""Which Events are told to webhook subscribers, and what they are told.

Every change of an application writes an Event in the transaction of the change (``workflow``,
the payments receiver); copying it to the outbox here, on the Event's save, puts each delivery
in that same transaction, however the change was made (the admin, the API, the applicant, a
gateway's webhook): the change and its deliveries commit or roll back together. What is sent
is what a subscriber needs to fetch the rest through the API, and no personal data: the
application's reference, status, stage and office, and what happened.
"""

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver

from portal.accounts.models import Office
from portal.applications.models import Event

from .models import WebhookEvent, WebhookSubscription
from .services import webhook_deliver

K = Event.Kind
EVENT_TYPES = {
    K.SUBMITTED: WebhookEvent.APPLICATION_SUBMITTED,
    K.RETURNED: WebhookEvent.RETURNED,
    K.APPROVED: WebhookEvent.DECIDED,
    K.REJECTED: WebhookEvent.DECIDED,
    K.ISSUED: WebhookEvent.ISSUED,
    K.REISSUED: WebhookEvent.ISSUED,
    K.FEE_PAID: WebhookEvent.PAYMENT_SETTLED,
    K.FEE_REFUNDED: WebhookEvent.PAYMENT_REFUNDED,
}


def event_type_of(event: Event) -> str | None:
    """The webhook event an application's Event is, if any: its own kind, else a move from
    one stage to another."""
    if event.kind in EVENT_TYPES:
        return EVENT_TYPES[event.kind]
    if event.from_stage_id != event.to_stage_id and event.to_stage_id is not None:
        return WebhookEvent.STAGE_CHANGED
    return None


def event_data(event: Event) -> dict:
    application = event.application
    return {
        "application": {
            "reference": application.reference,
            "status": application.status,
            "stage": application.stage.name if application.stage_id else None,
            "office_id": application.office_id,
            "referred_to_id": application.referred_to_id,
            "version": application.version,
        },
        "event": {
            "kind": event.kind,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "from_stage": event.from_stage_name,
            "to_stage": event.to_stage_name,
            "at": event.created_at.isoformat().replace("+00:00", "Z"),
        },
    }


@receiver(post_save, sender=Event, dispatch_uid="api_webhooks")
def event_to_webhooks(sender, instance: Event, created: bool, raw: bool = False, **kwargs):
    if not created or raw:
        return
    event_type = event_type_of(instance)
    if event_type is None:
        return
    application = instance.application
    # An office in any of its languages: the subscription names one copy of it.
    keys = Office.objects.filter(
        pk__in=[pk for pk in (application.office_id, application.referred_to_id) if pk]
    ).values("translation_key")
    subscriptions = WebhookSubscription.objects.filter(
        Q(offices=None) | Q(offices__translation_key__in=keys), active=True
    ).distinct()
    data = None
    for subscription in subscriptions:
        if event_type not in subscription.events:
            continue
        data = data or event_data(instance)
        webhook_deliver(
            subscription=subscription,
            event_type=event_type,
            data=data,
            reference=application.reference,
        )
