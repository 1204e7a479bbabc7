"""Stripe: a hosted Checkout Session per attempt, signed webhooks, queries to reconcile, refunds.

Configured by ``STRIPE_SECRET_KEY``, ``STRIPE_WEBHOOK_SECRET`` and ``STRIPE_CURRENCIES``; without
the keys the gateway is not offered. The browser's return is never trusted: the return page and
the ``reconcile_payments`` task ask Stripe, and webhooks are verified on the raw body.
"""

import datetime
import logging
import re

import stripe
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.money import CURRENCIES

from ..registry import register
from .base import Gateway, GatewayResult, GatewayUnavailable, RefundRefused, StartResult

logger = logging.getLogger(__name__)

# Stripe's zero-decimal currencies (https://docs.stripe.com/currencies#zero-decimal): Stripe
# wants whole units for these. LAK and KHR are not among them, and amounts are capped at eight
# digits, so in practice this gateway is for USD here.
ZERO_DECIMAL = {
    "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV",
    "XAF", "XOF", "XPF",
}  # fmt: skip
MAX_AMOUNT = 99_999_999
CURRENCY_CODE = re.compile(r"[A-Za-z]{3}")
SESSION_LIFETIME = datetime.timedelta(minutes=60)

PAID_EVENTS = {"checkout.session.completed", "checkout.session.async_payment_succeeded"}
STATUS_OF_EVENT = {
    "checkout.session.async_payment_failed": "failed",
    "checkout.session.expired": "expired",
}


class NotAnEvent(ValueError):
    """A correctly signed body that is not a Stripe event we can read."""


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
        """What a Checkout Session says: ``status`` if the event told it, else read from the
        session (None while it is open or waits for an asynchronous payment). A session that
        lacks a fact we need gives a result with a ``problem``, applied as not applicable."""
        session_id = _text(getattr(session, "id", None))
        if not status:
            if getattr(session, "status", None) == "complete" and getattr(
                session, "payment_status", None
            ) in ("paid", "no_payment_required"):
                status = "paid"
            elif getattr(session, "status", None) == "expired":
                status = "expired"
            else:
                return None  # open, or waiting for an asynchronous payment
        currency = _currency(getattr(session, "currency", None))
        amount = _whole(getattr(session, "amount_total", None))
        intent = _text(getattr(session, "payment_intent", None))
        problems = []
        if currency is None:
            problems.append("the session has no currency, or not three letters")
        if amount is None:
            problems.append("the session has no amount")
        if status == "paid" and not intent:
            problems.append("the session has no payment_intent")
        return GatewayResult(
            status=status,
            amount=(
                from_stripe_amount(amount, currency)
                if amount is not None and currency in CURRENCIES
                else amount
            ),
            currency=currency,
            provider_reference=session_id,
            event_id=event_id,
            raw={"session": session_id, "payment_intent": intent},
            problem="; ".join(problems),
        )

    def fetch(self, *, payment) -> GatewayResult | None:
        if not payment.provider_reference:
            return None
        session = self.client().v1.checkout.sessions.retrieve(payment.provider_reference)
        return self._result_from_session(session)

    def refund(self, *, payment, amount: int, reason: str) -> GatewayResult:
        # One idempotency key per refund asked: a retry after no answer replays the first
        # request (never two refunds), while a refund Stripe refused is asked afresh (Stripe
        # would replay its refusal under the same key for a day).
        refused_before = payment.gateway_data.get("refunds_refused", 0)
        key = f"onedoor-refund-{payment.pk}-{payment.refunded_amount + amount}"
        if refused_before:
            key += f"-{refused_before}"
        try:
            session = self.client().v1.checkout.sessions.retrieve(payment.provider_reference)
            refund = self.client().v1.refunds.create(
                params={
                    "payment_intent": session.payment_intent,
                    "amount": to_stripe_amount(amount, payment.currency),
                    "metadata": {"payment_id": str(payment.pk)},
                },
                options={"idempotency_key": key},
            )
        except stripe.StripeError as error:
            said = error.user_message or type(error).__name__
            if error.http_status in (400, 402, 403, 404):
                raise RefundRefused(said) from error
            # No answer, or a server error: whether the refund was made is not known. The
            # charge.refunded notification tells if it was.
            raise GatewayUnavailable(said) from error
        return GatewayResult(
            status="refunded",
            refunded_amount=payment.refunded_amount + amount,
            raw={"refund": refund.id},
        )

    def parse_webhook(
        self, *, body: bytes, signature: str
    ) -> tuple[str | None, GatewayResult | None]:
        """The payment id and the result an event reports; (None, None) for an event we do not
        act on. Raises ValueError or stripe.SignatureVerificationError for a bad or stale
        signature, NotAnEvent for a signed body that is no event, GatewayUnavailable when
        Stripe cannot be asked about it now. An event that lacks what we need gives a result
        with a ``problem``."""
        try:
            event = stripe.Webhook.construct_event(body, signature, settings.STRIPE_WEBHOOK_SECRET)
        except stripe.SignatureVerificationError:
            raise
        except (ValueError, AttributeError, TypeError, KeyError) as error:
            raise NotAnEvent(f"not a Stripe event: {error}") from error
        event_id = _text(getattr(event, "id", None))
        event_type = _text(getattr(event, "type", None))
        data = getattr(getattr(event, "data", None), "object", None)
        if not event_id or not event_type or not isinstance(data, stripe.StripeObject):
            raise NotAnEvent("not a Stripe event: no id, type or object")
        if event_type in PAID_EVENTS or event_type in STATUS_OF_EVENT:
            reference = _text(getattr(data, "client_reference_id", None)) or None
            status = STATUS_OF_EVENT.get(event_type, "paid")
            if event_type == "checkout.session.completed":
                payment_status = getattr(data, "payment_status", None)
                if payment_status == "unpaid":
                    status = "pending"  # an asynchronous method: wait for its own event
                elif payment_status not in ("paid", "no_payment_required"):
                    problem = (
                        f"the session's payment_status is {payment_status!r}"
                        if payment_status is not None
                        else "the session has no payment_status"
                    )
                    return reference, GatewayResult(
                        status="",
                        event_id=event_id,
                        provider_reference=_text(getattr(data, "id", None)),
                        problem=problem,
                    )
            return reference, self._result_from_session(data, event_id=event_id, status=status)
        if event_type == "charge.refunded":
            return self._refund_of_charge(data, event_id=event_id)
        logger.info("Stripe event %s of type %s ignored", event_id, event_type)
        return None, None

    def _refund_of_charge(
        self, charge, *, event_id: str
    ) -> tuple[str | None, GatewayResult | None]:
        """The payment of a refunded charge (found through its payment intent's metadata), and
        how much of it is refunded in all."""
        intent_id = _text(getattr(charge, "payment_intent", None))
        if not intent_id:
            logger.info("Stripe event %s: a refunded charge of no payment intent", event_id)
            return None, None
        try:
            intent = self.client().v1.payment_intents.retrieve(intent_id)
        except stripe.InvalidRequestError:
            logger.warning(
                "Stripe event %s: Stripe does not know payment intent %s", event_id, intent_id
            )
            return None, None
        except stripe.StripeError as error:
            raise GatewayUnavailable(str(error)) from error
        metadata = getattr(intent, "metadata", None)
        payment_id = metadata.to_dict().get("payment_id") if metadata else None
        currency = _currency(getattr(charge, "currency", None))
        refunded = _whole(getattr(charge, "amount_refunded", None))
        problems = []
        if currency is None:
            problems.append("the charge has no currency, or not three letters")
        if not refunded:
            problems.append("the charge has no amount refunded")
        return payment_id, GatewayResult(
            status="refunded",
            refunded_amount=(
                from_stripe_amount(refunded, currency)
                if refunded and currency in CURRENCIES
                else refunded
            ),
            currency=currency,
            event_id=event_id,
            raw={"charge": _text(getattr(charge, "id", None))},
            problem="; ".join(problems),
        )


def _text(value) -> str:
    """A field that should be text: itself, or "" when missing or not text."""
    return value if isinstance(value, str) else ""


def _currency(value) -> str | None:
    """A currency code as Stripe writes it (three letters), in upper case; None otherwise."""
    if isinstance(value, str) and CURRENCY_CODE.fullmatch(value):
        return value.upper()
    return None


def _whole(value) -> int | None:
    """A count of minor units: a whole number, not below zero; None otherwise."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None
