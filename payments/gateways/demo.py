"""The demo gateway: a page of our own where the payer chooses what happens, in their language
(the page is under the language prefix of the page they paid from). For trying the portal; off
when DEBUG is off unless ``PAYMENTS_DEMO_ENABLED`` says otherwise."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.money import CURRENCIES

from ..registry import register
from .base import Gateway, GatewayResult, StartResult

# An abandoned demo payment expires after this, like a gateway's checkout page.
LIFETIME = datetime.timedelta(hours=1)


@register
class DemoGateway(Gateway):
    key = "demo"
    label = _("Demo payment (no money moves)")
    supports_refunds = True

    def currencies(self) -> set[str]:
        return set(CURRENCIES)

    def is_enabled(self) -> bool:
        return settings.PAYMENTS_DEMO_ENABLED

    def start(self, *, payment, return_url: str) -> StartResult:
        return StartResult(
            redirect_url=reverse("checkout:demo_checkout", args=[payment.pk]),
            provider_reference=f"demo_{payment.pk.hex}",
            expires_at=timezone.now() + LIFETIME,
            data={"return_url": return_url},
        )

    def fetch(self, *, payment) -> GatewayResult | None:
        outcome = payment.gateway_data.get("outcome")
        if outcome is None:
            return None
        return GatewayResult(
            status=outcome,
            amount=payment.amount,
            currency=payment.currency,
            provider_reference=payment.provider_reference,
        )

    def refund(self, *, payment, amount: int, reason: str) -> GatewayResult:
        return GatewayResult(status="refunded", refunded_amount=payment.refunded_amount + amount)
