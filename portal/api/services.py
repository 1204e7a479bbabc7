"""Writes of the API's own records: clients and their keys, the answers kept for idempotent
retries, webhook subscriptions and their deliveries (through the outbox)."""

import hashlib
import hmac
import json
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.accounts.models import Office, User
from portal.notifications.models import OutboxMessage
from portal.notifications.services import outbox_enqueue

from .models import ApiClient, IdempotentAnswer, Scope, WebhookDelivery, WebhookSubscription

KEY_START = "odk_"  # an Onedoor key: easy to find in a leaked file, and by secret scanners
PREFIX_LENGTH = 8
VIEW_PERMISSION = ("applications", "view_application")


def key_hash(key: str) -> str:
    """The SHA-256 of a key: a key is 256 random bits, so a slow hash adds nothing."""
    return hashlib.sha256(key.encode()).hexdigest()


def _new_key() -> tuple[str, str]:
    """A new key and its prefix (the part kept in clear to find the client)."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    return f"{KEY_START}{prefix}_{secrets.token_urlsafe(32)}", prefix


def _account_sync(client: ApiClient, *, groups) -> None:
    """The client's account serves the client's offices (in every language, as officers'
    offices are read), belongs to the groups it acts with, and may read applications only
    with the read scope."""
    user = client.user
    user.offices.set(client.offices.all())
    if groups is not None:
        user.groups.set(groups)
    permission = Permission.objects.get(
        content_type__app_label=VIEW_PERMISSION[0], codename=VIEW_PERMISSION[1]
    )
    if client.has_scope(Scope.APPLICATIONS_READ):
        user.user_permissions.add(permission)
    else:
        user.user_permissions.remove(permission)


def api_client_create(
    *,
    name: str,
    scopes: list[str],
    offices: list[Office],
    groups: list[Group] | None = None,
    rate_limit: int = 120,
    created_by: User | None = None,
) -> tuple[ApiClient, str]:
    """Register a client; the key, which is shown once and never kept in clear."""
    key, prefix = _new_key()
    with transaction.atomic():
        user = User.objects.create_user(
            email=f"api-client-{uuid.uuid4().hex[:12]}@clients.invalid",
            password=None,
            first_name=name[:150],
            last_name="(API)",
            is_service_account=True,
        )
        client = ApiClient.objects.create(
            name=name,
            scopes=list(scopes),
            user=user,
            key_prefix=prefix,
            key_hash=key_hash(key),
            rate_limit=rate_limit,
            created_by=created_by,
        )
        client.offices.set(offices)
        _account_sync(client, groups=groups or [])
    return client, key


def api_client_update(
    *,
    client: ApiClient,
    name: str,
    scopes: list[str],
    offices: list[Office],
    groups: list[Group] | None,
    rate_limit: int,
) -> ApiClient:
    with transaction.atomic():
        client.name, client.scopes, client.rate_limit = name, list(scopes), rate_limit
        client.save(update_fields=["name", "scopes", "rate_limit"])
        client.offices.set(offices)
        client.user.first_name = name[:150]
        client.user.save(update_fields=["first_name"])
        _account_sync(client, groups=groups)
    return client


def api_client_rotate(*, client: ApiClient) -> str:
    """A new key for the client (shown once); the old one stops working at once."""
    key, prefix = _new_key()
    ApiClient.objects.filter(pk=client.pk).update(
        key_prefix=prefix, key_hash=key_hash(key), key_rotated_at=timezone.now()
    )
    client.refresh_from_db()
    return key


def api_client_revoke(*, client: ApiClient) -> None:
    """The client's key stops working for good (its history stays)."""
    ApiClient.objects.filter(pk=client.pk, revoked_at=None).update(revoked_at=timezone.now())
    client.refresh_from_db()


def api_client_for_key(key: str) -> ApiClient | None:
    """The active client whose key this is, or None (a wrong, old or revoked key)."""
    if not key.startswith(KEY_START):
        return None
    prefix = key[len(KEY_START) :].partition("_")[0]
    if len(prefix) != PREFIX_LENGTH:
        return None
    client = (
        ApiClient.objects.select_related("user").filter(key_prefix=prefix, revoked_at=None).first()
    )
    # The same work whether or not the prefix is known, so timing tells nothing of it.
    expected = client.key_hash if client is not None else "0" * 64
    if not hmac.compare_digest(expected, key_hash(key)) or client is None:
        return None
    return client


def api_client_used(*, client: ApiClient) -> None:
    """Note when the client called last (at most once a minute: a busy client writes little)."""
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at > timedelta(minutes=1):
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now


# --- idempotent writes ---------------------------------------------------------------------


def request_fingerprint(*, method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + body).hexdigest()


def idempotent_answer_get(*, client: ApiClient, key: str) -> IdempotentAnswer | None:
    cutoff = timezone.now() - timedelta(hours=settings.API_IDEMPOTENCY_HOURS)
    return IdempotentAnswer.objects.filter(client=client, key=key, created_at__gt=cutoff).first()


def idempotent_answer_keep(
    *, client: ApiClient, key: str, fingerprint: str, status: int, body: str, content_type: str
) -> None:
    """Keep the answer; of two writes with the same key at once, the first kept wins (the
    second's action was refused by the application's version anyway)."""
    try:
        with transaction.atomic():
            IdempotentAnswer.objects.filter(
                client=client,
                key=key,
                created_at__lte=timezone.now() - timedelta(hours=settings.API_IDEMPOTENCY_HOURS),
            ).delete()
            IdempotentAnswer.objects.create(
                client=client,
                key=key,
                request_hash=fingerprint,
                status_code=status,
                body=body,
                content_type=content_type,
            )
    except IntegrityError:
        return  # another write with this key kept its answer first: that one is given again


def idempotent_answers_purge(*, now=None) -> int:
    cutoff = (now or timezone.now()) - timedelta(hours=settings.API_IDEMPOTENCY_HOURS)
    deleted, _by_model = IdempotentAnswer.objects.filter(created_at__lte=cutoff).delete()
    return deleted


# --- webhooks ----------------------------------------------------------------------------------


def webhook_secret_new() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


def webhook_subscription_create(
    *, name: str, url: str, events: list[str], offices: list[Office], active: bool = True
) -> WebhookSubscription:
    with transaction.atomic():
        subscription = WebhookSubscription.objects.create(
            name=name, url=url, events=list(events), secret=webhook_secret_new(), active=active
        )
        subscription.offices.set(offices)
    return subscription


def webhook_subscription_update(
    *,
    subscription: WebhookSubscription,
    name: str,
    url: str,
    events: list[str],
    offices: list[Office],
    active: bool,
) -> WebhookSubscription:
    """Change a subscription; deliveries still waiting go to its new address."""
    with transaction.atomic():
        WebhookSubscription.objects.filter(pk=subscription.pk).update(
            name=name, url=url, events=list(events), active=active
        )
        subscription.offices.set(offices)
        OutboxMessage.objects.filter(
            webhook_delivery__subscription=subscription, status=OutboxMessage.Status.PENDING
        ).update(recipient=url)
    subscription.refresh_from_db()
    return subscription


def webhook_secret_rotate(*, subscription: WebhookSubscription) -> str:
    """A new signing secret; deliveries not yet sent are signed with it."""
    secret = webhook_secret_new()
    with transaction.atomic():
        WebhookSubscription.objects.filter(pk=subscription.pk).update(secret=secret)
        OutboxMessage.objects.filter(
            webhook_delivery__subscription=subscription, status=OutboxMessage.Status.PENDING
        ).update(secret_values={"signing_secret": secret})
    subscription.secret = secret
    return secret


def _payload(event_id: uuid.UUID, event_type: str, created_at, data: dict) -> str:
    return json.dumps(
        {
            "id": str(event_id),
            "type": event_type,
            "created_at": created_at.isoformat().replace("+00:00", "Z"),
            "data": data,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def webhook_deliver(
    *,
    subscription: WebhookSubscription,
    event_type: str,
    data: dict,
    reference: str = "",
    event_id: uuid.UUID | None = None,
    body: str | None = None,
) -> WebhookDelivery:
    """Write one delivery to the outbox, in the surrounding transaction: it leaves only if that
    commits, and is tried again with backoff until the receiver answers 2xx."""
    event_id = event_id or uuid.uuid4()
    body = body or _payload(event_id, event_type, timezone.now(), data)
    message = outbox_enqueue(
        recipient=subscription.url,
        subject=event_type,
        body=body,
        language=settings.LANGUAGE_CODE,
        channel=OutboxMessage.Channel.WEBHOOK,
        secret_values={"signing_secret": subscription.secret},
    )
    return WebhookDelivery.objects.create(
        subscription=subscription,
        message=message,
        event_id=event_id,
        event_type=event_type,
        reference=reference,
    )


WAITING = (OutboxMessage.Status.PENDING, OutboxMessage.Status.SENDING)


def webhook_send_again(*, delivery: WebhookDelivery) -> WebhookDelivery | None:
    """The same event (same id and body) delivered again, as a new delivery: the receiver can
    tell it is the same event by its id. None while a delivery of that event to that
    subscription is still waiting to be sent (a second click makes no second copy)."""
    subscription = WebhookSubscription.objects.get(pk=delivery.subscription_id)
    with transaction.atomic():
        waiting = WebhookDelivery.objects.filter(
            subscription=subscription, event_id=delivery.event_id, message__status__in=WAITING
        )
        if waiting.exists():
            return None
        return webhook_deliver(
            subscription=subscription,
            event_type=delivery.event_type,
            data={},
            reference=delivery.reference,
            event_id=delivery.event_id,
            body=delivery.message.body,
        )
