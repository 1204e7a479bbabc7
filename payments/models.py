"""The payments ledger: one Payment per attempt to collect a fee, and its PaymentEvents.

Rows are never deleted and status only moves forward (see ``payments.ledger``). A payment links
to its application by a string foreign key: this package never imports application code.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.core.money import money_format


class Payment(models.Model):
    class Status(models.TextChoices):
        CREATED = "created", _("Created")
        PENDING = "pending", _("Waiting for payment")
        PAID = "paid", _("Paid")
        FAILED = "failed", pgettext_lazy("payment status", "Failed")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")
        PARTIALLY_REFUNDED = "partially_refunded", _("Partly refunded")
        REFUNDED = "refunded", _("Refunded")
        VOIDED = "voided", _("Voided")
        WAIVED = "waived", _("Waived")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    amount = models.PositiveBigIntegerField(_("amount (minor units)"))
    currency = models.CharField(_("currency"), max_length=3)
    gateway = models.CharField(_("method"), max_length=32)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.CREATED
    )
    provider_reference = models.CharField(_("provider reference"), max_length=255, blank=True)
    gateway_data = models.JSONField(default=dict, blank=True, editable=False)
    receipt_number = models.CharField(
        _("receipt number"), max_length=32, unique=True, null=True, blank=True
    )
    refunded_amount = models.PositiveBigIntegerField(_("refunded (minor units)"), default=0)
    review_reason = models.CharField(
        _("to review"),
        max_length=255,
        blank=True,
        help_text=_("Why finance must look at this payment; empty when nothing is wrong."),
    )
    review_resolved_at = models.DateTimeField(_("review resolved"), null=True, blank=True)
    office = models.ForeignKey(
        "accounts.Office",
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The day it was made in the portal's time zone: the day money reports count it on, kept
    # as a column so reports group by it without converting every row's time.
    created_on = models.DateField(_("day"), default=timezone.localdate, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at"]
        permissions = [
            ("record_cash", _("Can record cash payments at the counter")),
            ("void_payment", _("Can void a mistaken cash payment")),
            ("refund_payment", _("Can refund payments and resolve reviews")),
            ("view_reconciliation", _("Can see the reconciliation report")),
            ("confirm_payment", _("Can confirm QR payments by hand and import bank statements")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["gateway", "provider_reference"],
                condition=~models.Q(provider_reference=""),
                name="one_payment_per_provider_reference",
            )
        ]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["gateway", "status"]),
            models.Index(fields=["created_by", "created_at"]),
            models.Index(fields=["created_on", "office"], name="payment_day"),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_number or self.pk} · {self.amount_display}"

    @property
    def amount_display(self) -> str:
        return money_format(self.amount, self.currency)

    @property
    def refunded_amount_display(self) -> str:
        return money_format(self.refunded_amount, self.currency)

    @property
    def method_label(self) -> str:
        from .registry import gateway_get

        try:
            return str(gateway_get(self.gateway).label)
        except KeyError:
            return self.gateway

    @property
    def flagged(self) -> bool:
        return bool(self.review_reason) and self.review_resolved_at is None


class PaymentEvent(models.Model):
    """One thing that happened to a payment, from whichever source told us."""

    class Source(models.TextChoices):
        USER = "user", _("Applicant")
        WEBHOOK = "webhook", _("Gateway notification")
        POLL = "poll", _("Gateway query")
        CASHIER = "cashier", _("Cashier")
        SYSTEM = "system", _("System")
        BY_HAND = "by_hand", _("Confirmed by hand")
        STATEMENT = "statement", _("Bank statement")

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="events")
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    gateway = models.CharField(max_length=32)
    gateway_event_id = models.CharField(max_length=255, blank=True)
    reported_status = models.CharField(_("reported"), max_length=24, blank=True)
    from_status = models.CharField(_("from"), max_length=24)
    to_status = models.CharField(_("to"), max_length=24)
    amount = models.BigIntegerField(_("amount (minor units)"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")
        ordering = ["created_at", "id"]
        constraints = [
            # A gateway's event is recorded once, however often it is delivered.
            models.UniqueConstraint(
                fields=["gateway", "gateway_event_id"],
                condition=~models.Q(gateway_event_id=""),
                name="one_row_per_gateway_event",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status} ({self.source})"


class FeeSettlement(models.Model):
    """The one payment that settles an application's fee. The unique application makes a
    second payment for the same fee (cash racing an online payment) fail to settle it."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="fee_settlement"
    )
    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="settlement")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.application_id}: {self.payment_id}"


class TillClosure(models.Model):
    """A cashier's day, closed: the cash taken, by currency, as counted by the ledger when
    the day was closed (``payments.selectors.till_figures``: payments, collected, refunded,
    net, voided_payments and voided, in minor units)."""

    cashier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="till_closures"
    )
    day = models.DateField(_("day"))
    totals = models.JSONField(_("totals"), default=dict)
    count = models.PositiveIntegerField(_("payments"), default=0)
    closed_at = models.DateTimeField(_("closed"), auto_now_add=True)

    class Meta:
        verbose_name = _("closed till")
        verbose_name_plural = _("closed tills")
        constraints = [
            models.UniqueConstraint(fields=["cashier", "day"], name="one_closure_per_cashier_day")
        ]

    def __str__(self) -> str:
        return f"{self.cashier} · {self.day}"
