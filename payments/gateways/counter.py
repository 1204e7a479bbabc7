"""Cash at the cashier's desk: recorded by an officer, with a receipt number."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.core.money import CURRENCIES

from ..registry import register
from .base import Gateway, StartResult


@register
class CounterGateway(Gateway):
    key = "counter"
    label = _("Cash at the counter")
    online = False

    def currencies(self) -> set[str]:
        return set(CURRENCIES)

    def is_enabled(self) -> bool:
        return settings.PAYMENTS_COUNTER_ENABLED

    def start(self, *, payment, return_url: str) -> StartResult:
        # Nobody is sent anywhere: a cashier records the cash (payment_record_cash).
        raise ValueError("Cash is recorded by a cashier; it is not started online.")
