"""What a payment gateway is to us: it starts a payment, tells what happened, and refunds.

Gateways never write a payment's status: they return results, and
``payments.services.payment_apply_result`` applies them under a lock.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class GatewayResult:
    """What a gateway says about a payment: a status it reports, and the facts behind it."""

    status: str  # one of Payment.Status, or "refunded" with ``refunded_amount``
    amount: int | None = None
    currency: str | None = None
    provider_reference: str = ""
    event_id: str = ""
    refunded_amount: int | None = None
    raw: dict = field(default_factory=dict)
    # Why the gateway's report cannot be applied (it lacks a fact we need, or has one we
    # cannot read): recorded as not applicable, and nothing changes.
    problem: str = ""


@dataclass(frozen=True)
class StartResult:
    """Where to send the payer, and the gateway's reference for the attempt."""

    redirect_url: str
    provider_reference: str = ""
    expires_at: object = None
    data: dict = field(default_factory=dict)


class RefundNotSupported(Exception):
    """The gateway cannot give money back: finance records a cash refund instead."""


class RefundRefused(Exception):
    """The gateway said no to a refund: nothing was refunded, and asking again is a new
    request (not a replay of this one)."""


class GatewayUnavailable(Exception):
    """The gateway could not be asked (a network failure, an outage): try again later."""


class Gateway(ABC):
    """The base of every gateway; subclasses register themselves in ``payments.registry``."""

    key: str = ""
    label: str | Promise = ""
    online = True  # the payer is sent somewhere; False for money taken at the counter
    offered = True  # payers can choose it; False for records such as a waiver
    supports_refunds = False

    def currencies(self) -> set[str]:
        return set()

    def is_enabled(self) -> bool:
        return True

    @abstractmethod
    def start(self, *, payment, return_url: str) -> StartResult:
        """Begin the payment at the gateway: where to send the payer, and its reference."""

    def fetch(self, *, payment) -> GatewayResult | None:
        """The payment's state as the gateway knows it now, or None when it cannot say."""
        return None

    def refund(self, *, payment, amount: int, reason: str) -> GatewayResult:
        raise RefundNotSupported(self.key)
