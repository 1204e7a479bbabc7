"""Who may call the API (registered clients and their keys), the answers kept for writes
retried with an ``Idempotency-Key``, and the webhook subscriptions with their delivery log."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a client may do, beside reading the public catalogue and statistics."""

    APPLICATIONS_READ = "applications:read", _("Read applications of its offices")
    DOCUMENTS_READ = "documents:read", _("Download the documents of those applications")
    APPLICATIONS_WRITE = "applications:write", _("Act on those applications as an officer")


class ApiClient(models.Model):
    """Another agency's system or an app that calls the API with a key.

    The client acts through an account of its own (``user``, made with it, never signed in
    with): its offices are the client's, and its groups say at which stages it may act, as an
    officer's do; so the rules of who sees and who acts are the officers' own. The key is shown
    once; only its SHA-256 is kept, found by its prefix.
    """

    name = models.CharField(_("name"), max_length=255, unique=True)
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    offices = models.ManyToManyField(
        "accounts.Office",
        verbose_name=_("offices it may see"),
        blank=True,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_client",
        editable=False,
    )
    key_prefix = models.CharField(max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    rate_limit = models.PositiveIntegerField(
        _("calls allowed per minute"),
        default=120,
        help_text=_("Calls beyond it within a minute are refused (429)."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    key_rotated_at = models.DateTimeField(_("key changed"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])


class IdempotentAnswer(models.Model):
    """The answer to a write sent with an ``Idempotency-Key``: the same write sent again with
    the same key gets it again instead of acting twice."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.TextField()
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "key"], name="one_answer_per_key")]

    def __str__(self) -> str:
        return f"{self.client_id}: {self.key}"


class WebhookEvent(models.TextChoices):
    APPLICATION_SUBMITTED = "application.submitted", _("Application submitted")
    STAGE_CHANGED = "application.stage_changed", _("Stage changed")
    RETURNED = "application.returned", _("Returned for more information")
    DECIDED = "application.decided", _("Decided (approved or rejected)")
    ISSUED = "application.issued", _("Result issued")
    PAYMENT_SETTLED = "payment.settled", _("Fee paid")
    PAYMENT_REFUNDED = "payment.refunded", _("Fee refunded")


class WebhookSubscription(models.Model):
    """A URL told of events about applications, each delivery signed with ``secret``."""

    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("address (URL)"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    offices = models.ManyToManyField(
        "accounts.Office",
        verbose_name=_("offices"),
        blank=True,
        related_name="+",
        help_text=_("Only events about these offices' applications. Empty: every office."),
    )
    secret = models.CharField(_("signing secret"), max_length=128, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    """One delivery of one event to one subscription: the outbox message that carries it (its
    status, attempts and last error are the outbox's)."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    message = models.OneToOneField(
        "notifications.OutboxMessage", on_delete=models.CASCADE, related_name="webhook_delivery"
    )
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4)
    event_type = models.CharField(_("event"), max_length=64, choices=WebhookEvent.choices)
    reference = models.CharField(_("application"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.subscription}"
