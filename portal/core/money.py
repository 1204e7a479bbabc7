"""Money: integer amounts in minor units with an ISO 4217 currency; never a float.

Minor units follow ISO 4217 (two for LAK, KHR and USD); what is shown follows local use:
kip and riel without decimals, dollars with cents.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Currency:
    code: str
    name: str
    exponent: int  # minor units per major unit, as a power of ten (ISO 4217)
    shown_decimals: int


CURRENCIES = {
    "LAK": Currency("LAK", _("Lao kip"), 2, 0),
    "KHR": Currency("KHR", _("Cambodian riel"), 2, 0),
    "USD": Currency("USD", _("US dollar"), 2, 2),
    "THB": Currency("THB", _("Thai baht"), 2, 2),
}
CURRENCY_CHOICES = [(code, f"{code}: {currency.name}") for code, currency in CURRENCIES.items()]


# The largest amount kept, in minor units: the ledger's and the fee's columns are 64-bit.
MAX_MINOR = 2**63 - 1


def money_to_minor(amount: Decimal | str | int, currency: str) -> int:
    """Major units (as typed by an editor or a cashier) to an integer of minor units.

    ``ValueError`` for anything that is not an amount: not a number, not finite ("Infinity",
    "NaN"), or too large to keep ("1e999999999").
    """
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        raise ValueError(f"{amount!r} is not an amount") from None
    # Checked before scaling: an exponent of a billion would not fit Decimal's context.
    if not value.is_finite() or value.adjusted() > len(str(MAX_MINOR)):
        raise ValueError(f"{amount!r} is not an amount that can be kept")
    scaled = value.scaleb(CURRENCIES[currency].exponent)
    minor = int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if abs(minor) > MAX_MINOR:
        raise ValueError(f"{amount!r} is not an amount that can be kept")
    return minor


def money_to_major(amount_minor: int, currency: str) -> Decimal:
    return Decimal(amount_minor).scaleb(-CURRENCIES[currency].exponent)


def money_format(amount_minor: int, currency: str) -> str:
    """``KHR 600,000``, ``USD 25.00``: the code, then the amount as the language groups digits."""
    info = CURRENCIES[currency]
    major = money_to_major(amount_minor, currency).quantize(
        Decimal(1).scaleb(-info.shown_decimals), rounding=ROUND_HALF_UP
    )
    shown = number_format(major, decimal_pos=info.shown_decimals, force_grouping=True)
    return f"{currency}\u00a0{shown}"
