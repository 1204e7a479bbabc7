from decimal import Decimal

import pytest
from django.utils import translation

from portal.core.money import money_format, money_to_major, money_to_minor


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("600000", "KHR", "KHR\u00a0600,000"),
        ("1500000", "LAK", "LAK\u00a01,500,000"),
        ("25", "USD", "USD\u00a025.00"),
        ("25.5", "USD", "USD\u00a025.50"),
        ("0", "LAK", "LAK\u00a00"),
    ],
)
@pytest.mark.parametrize("language", ["en", "lo", "km"])
def test_kip_and_riel_without_decimals_dollars_with_cents(amount, currency, shown, language):
    with translation.override(language):
        assert money_format(money_to_minor(amount, currency), currency) == shown


def test_amounts_are_integers_of_minor_units():
    assert money_to_minor("600000", "KHR") == 60_000_000
    assert money_to_minor(Decimal("12.345"), "USD") == 1235
    assert money_to_major(2550, "USD") == Decimal("25.50")
    with pytest.raises(ValueError):
        money_to_minor("twelve", "USD")


@pytest.mark.parametrize(
    "amount", ["1e999999999", "Infinity", "-Infinity", "NaN", "sNaN", "9" * 40]
)
def test_an_amount_that_cannot_be_kept_is_not_an_amount(amount):
    with pytest.raises(ValueError):
        money_to_minor(amount, "USD")


def test_the_largest_amount_kept_fits_a_64_bit_column():
    assert money_to_minor("92233720368547758.07", "USD") == 2**63 - 1
    with pytest.raises(ValueError):
        money_to_minor("92233720368547758.08", "USD")
