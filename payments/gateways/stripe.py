"""Stripe: a hosted Checkout Session per attempt, signed webhooks, queries to reconcile, refunds.

Configured by ``STRIPE_SECRET_KEY``, ``STRIPE_WEBHOOK_SECRET`` and ``STRIPE_CURRENCIES``; without
the keys the gateway is not offered. The browser's return is never trusted: the return page and
the ``reconcile_payments`` task ask Stripe, and webhooks are verified on the raw body.
"""

import datetime
import logging

import stripe
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.money import CURRENCIES

from ..registry import register
from .base import Gateway, GatewayResult, StartResult

logger = logging.getLogger(__name__)

# Stripe's zero-decimal currencies (https://docs.stripe.com/currencies#zero-decimal): Stripe
# wants whole units for these. LAK and KHR are not among them, and amounts are capped at eight
# digits, so in practice this gateway is for USD here.
ZERO_DECIMAL = {
    "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV",
    "XAF", "XOF", "XPF",
}  # fmt: skip
MAX_AMOUNT = 99_999_999
SESSION_LIFETIME = datetime.timedelta(minutes=60)

PAID_EVENTS = {"checkout.session.completed", "checkout.session.async_payment_succeeded"}
STATUS_OF_EVENT = {
    "checkout.session.async_payment_failed": "failed",
    "checkout.session.expired": "expired",
}


def to_stripe_amount(amount: int, currency: str) -> int:
    if currency in ZERO_DECIMAL:
        return amount // 10 ** CURRENCIES[currency].exponent
    return amount


def from_stripe_amount(amount: int, currency: str) -> int:
    if currency in ZERO_DECIMAL:
        return amount * 10 ** CURRENCIES[currency].exponent
    return amount


@register
class StripeGateway(Gateway):
    key = "stripe"
    label = _("Card (Stripe)")
    supports_refunds = True
    # Tests put a fake stripe.HTTPClient here; None is the SDK's own client.
    http_client = None

    def currencies(self) -> set[str]:
        return {code for code in settings.STRIPE_CURRENCIES if code in CURRENCIES}

    def is_enabled(self) -> bool:
        return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)

    def client(self) -> stripe.StripeClient:
        return stripe.StripeClient(
            settings.STRIPE_SECRET_KEY, http_client=self.http_client, max_network_retries=2
        )

    def start(self, *, payment, return_url: str) -> StartResult:
        amount = to_stripe_amount(payment.amount, payment.currency)
        if amount > MAX_AMOUNT:
            raise ValueError("The amount is over Stripe's limit.")
        expires_at = timezone.now() + SESSION_LIFETIME
        metadata = {"payment_id": str(payment.pk), "application_id": str(payment.application_id)}
        session = self.client().v1.checkout.sessions.create(
            params={
                "mode": "payment",
                "client_reference_id": str(payment.pk),
                "metadata": metadata,
                "payment_intent_data": {"metadata": metadata},
                "line_items": [
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": payment.currency.lower(),
                            "unit_amount": amount,
                            "product_data": {"name": str(_("Fee for application"))},
                        },
                    }
                ],
                "success_url": f"{settings.PORTAL_BASE_URL}{return_url}",
                "cancel_url": f"{settings.PORTAL_BASE_URL}{return_url}",
                "expires_at": int(expires_at.timestamp()),
            },
            options={"idempotency_key": f"onedoor-checkout-{payment.pk}"},
        )
        return StartResult(
            redirect_url=session.url,
            provider_reference=session.id,
            expires_at=expires_at,
        )

    def _result_from_session(
        self, session, *, event_id: str = "", status: str = ""
    ) -> GatewayResult | None:
        currency = (session.currency or "").upper()
        if not status:
            if session.status == "complete" and session.payment_status in (
                "paid",
                "no_payment_required",
            ):
                status = "paid"
            elif session.status == "expired":
                status = "expired"
            else:
                return None  # open, or waiting for an asynchronous payment
        return GatewayResult(
            status=status,
            amount=(
                from_stripe_amount(session.amount_total, currency)
                if session.amount_total is not None and currency in CURRENCIES
                else session.amount_total
            ),
            currency=currency or None,
            provider_reference=session.id,
            event_id=event_id,
            raw={"session": session.id, "payment_intent": session.payment_intent or ""},
        )

    def fetch(self, *, payment) -> GatewayResult | None:
        if not payment.provider_reference:
            return None
        session = self.client().v1.checkout.sessions.retrieve(payment.provider_reference)
        return self._result_from_session(session)

    def refund(self, *, payment, amount: int, reason: str) -> GatewayResult:
        session = self.client().v1.checkout.sessions.retrieve(payment.provider_reference)
        refund = self.client().v1.refunds.create(
            params={
                "payment_intent": session.payment_intent,
                "amount": to_stripe_amount(amount, payment.currency),
                "metadata": {"payment_id": str(payment.pk)},
            },
            options={
                "idempotency_key": f"onedoor-refund-{payment.pk}-{payment.refunded_amount + amount}"
            },
        )
        return GatewayResult(
            status="refunded",
            refunded_amount=payment.refunded_amount + amount,
            raw={"refund": refund.id},
        )

    def parse_webhook(
        self, *, body: bytes, signature: str
    ) -> tuple[str | None, GatewayResult | None]:
        """The payment id and the result an event reports; (None, None) for an event type we
        do not act on. Raises ValueError or stripe.SignatureVerificationError for a bad or
        stale signature."""
        event = stripe.Webhook.construct_event(body, signature, settings.STRIPE_WEBHOOK_SECRET)
        data = event.data.object
        if event.type in PAID_EVENTS or event.type in STATUS_OF_EVENT:
            status = STATUS_OF_EVENT.get(event.type, "")
            if event.type == "checkout.session.completed" and data.payment_status == "unpaid":
                status = "pending"  # an asynchronous method: wait for its own event
            result = self._result_from_session(data, event_id=event.id, status=status or "paid")
            return data.client_reference_id, result
        if event.type == "charge.refunded":
            if not data.payment_intent:
                logger.info("Stripe event %s: a refunded charge of no payment intent", event.id)
                return None, None
            intent = self.client().v1.payment_intents.retrieve(data.payment_intent)
            currency = (data.currency or "").upper()
            return (
                (intent.metadata.to_dict() if intent.metadata else {}).get("payment_id"),
                GatewayResult(
                    status="refunded",
                    refunded_amount=from_stripe_amount(data.amount_refunded, currency),
                    event_id=event.id,
                    raw={"charge": data.id},
                ),
            )
        logger.info("Stripe event %s of type %s ignored", event.id, event.type)
        return None, None
