"""Which status moves a payment may make. Nothing moves backwards; a late "paid" after a
failure, an expiry or a cancellation wins (the money moved) and is flagged for review. A
waiver is a record of its own that settles the fee without money."""

from .models import Payment

S = Payment.Status

TRANSITIONS: dict[str, set[str]] = {
    S.CREATED: {S.PENDING, S.PAID, S.FAILED, S.EXPIRED, S.CANCELLED, S.WAIVED},
    S.PENDING: {S.PAID, S.FAILED, S.EXPIRED, S.CANCELLED},
    S.FAILED: {S.PAID},
    S.EXPIRED: {S.PAID},
    S.CANCELLED: {S.PAID},
    S.PAID: {S.PARTIALLY_REFUNDED, S.REFUNDED, S.VOIDED},
    S.PARTIALLY_REFUNDED: {S.PARTIALLY_REFUNDED, S.REFUNDED},
    S.REFUNDED: set(),
    S.VOIDED: set(),
    S.WAIVED: set(),
}

LATE_SUCCESS = {S.FAILED, S.EXPIRED, S.CANCELLED}
SETTLED = {S.PAID, S.PARTIALLY_REFUNDED}
# A waived fee is settled without money: nothing to refund, nothing collected.
SETTLES_FEE = {*SETTLED, S.WAIVED}
# The money was taken (some or all of it may have been given back since): what the money
# reports count as collected. A voided record, a waiver, and failed, expired and cancelled
# attempts took nothing.
COLLECTED = {S.PAID, S.PARTIALLY_REFUNDED, S.REFUNDED}
OPEN = {S.CREATED, S.PENDING}


def transition_allowed(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS[from_status]
