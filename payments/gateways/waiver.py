"""A waived fee: not a way to pay, but the ledger's record that a supervisor let the applicant
off the fee, with the reason. It settles the fee without money and is never offered."""

from django.utils.translation import gettext_lazy as _

from portal.core.money import CURRENCIES

from ..registry import register
from .base import Gateway, StartResult


@register
class WaiverGateway(Gateway):
    key = "waiver"
    label = _("Fee waived")
    online = False
    offered = False

    def currencies(self) -> set[str]:
        return set(CURRENCIES)

    def start(self, *, payment, return_url: str) -> StartResult:
        raise ValueError("A waiver is recorded by a supervisor; nobody pays it.")
