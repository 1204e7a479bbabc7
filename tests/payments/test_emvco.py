"""The QR codes citizens scan: KHQR and LaoQR payloads, field by field, against NBC's format as
the bakong-khqr package writes it, and their checksum against an independent CRC."""

import binascii
import uuid

import pytest
from bakong_khqr import KHQR
from bakong_khqr.sdk import timestamp as oracle_timestamp

from payments.gateways import emvco

PAYMENT = uuid.UUID("6f1c2a9e-3b5d-4c7e-9f10-1234567890ab")
MADE = 1_796_000_000_000  # milliseconds since 1970
DAY = 86_400_000


def crc_independent(text: str) -> str:
    """CRC-16/CCITT-FALSE through the standard library's XMODEM CRC, started at 0xFFFF."""
    return f"{binascii.crc_hqx(text.encode(), 0xFFFF):04X}"


def khqr(**overrides):
    arguments = {
        "payment_id": PAYMENT,
        "amount": 60_000_000,  # 600,000 riel in minor units
        "currency": "KHR",
        "account_id": "onedoor_owso@aclb",
        "merchant_name": "Daun Penh OWSO",
        "merchant_city": "Phnom Penh",
        "created_ms": MADE,
        "expires_ms": MADE + DAY,
    }
    return emvco.khqr_code(**{**arguments, **overrides})


def test_a_khqr_for_riel_carries_each_field_nbc_asks_for():
    code = khqr()
    fields = emvco.tlv_parse(code.payload)
    assert list(fields) == ["00", "01", "29", "52", "53", "54", "58", "59", "60", "62", "99", "63"]
    assert fields["00"] == "01"
    assert fields["01"] == "12"  # dynamic: one amount, one payment
    assert emvco.tlv_parse(fields["29"]) == {"00": "onedoor_owso@aclb"}
    assert fields["52"] == "5999"
    assert fields["53"] == "116"
    assert fields["54"] == "600000"
    assert fields["58"] == "KH"
    assert fields["59"] == "Daun Penh OWSO"
    assert fields["60"] == "Phnom Penh"
    assert emvco.tlv_parse(fields["62"]) == {"01": code.bill_number}
    assert emvco.tlv_parse(fields["99"]) == {"00": str(MADE), "01": str(MADE + DAY)}
    assert fields["63"] == crc_independent(code.payload[:-4])
    assert emvco.crc_valid(code.payload)


def test_a_khqr_in_dollars_writes_cents_and_a_merchant_account():
    code = khqr(amount=2550, currency="USD", merchant_id="OWSO-12", acquiring_bank="ACLEDA Bank")
    fields = emvco.tlv_parse(code.payload)
    assert "29" not in fields
    assert emvco.tlv_parse(fields["30"]) == {
        "00": "onedoor_owso@aclb",
        "01": "OWSO-12",
        "02": "ACLEDA Bank",
    }
    assert fields["53"] == "840"
    assert fields["54"] == "25.5"
    assert khqr(amount=2500, currency="USD").payload.count("540225") == 1


@pytest.mark.parametrize(
    ("amount", "currency", "major"),
    [(60_000_000, "KHR", 600000), (10_000, "KHR", 100), (2500, "USD", 25), (1999, "USD", 19.99)],
)
def test_the_khqr_is_the_one_bakong_khqr_writes(monkeypatch, amount, currency, major):
    """Byte for byte the payload of the bakong-khqr package (offline: no token, no call)."""
    monkeypatch.setattr(oracle_timestamp.time, "time", lambda: MADE / 1000)
    code = khqr(amount=amount, currency=currency)
    theirs = KHQR().create_qr(
        amount=major,
        account_id="onedoor_owso@aclb",
        merchant_name="Daun Penh OWSO",
        merchant_city="Phnom Penh",
        currency=currency,
        bill_number=code.bill_number,
        expiration=1,
    )
    assert code.payload == str(theirs)
    assert code.md5 == theirs.md5


def test_a_laoqr_carries_lapnets_account_template():
    code = emvco.laoqr_code(
        payment_id=PAYMENT,
        amount=5_000_000,  # 50,000 kip
        currency="LAK",
        iin="27710418",
        receiver_id="mch19B73F61B9E",
        merchant_name="Xaysetha ODSC",
        merchant_city="Vientiane",
    )
    fields = emvco.tlv_parse(code.payload)
    assert list(fields) == ["00", "01", "38", "52", "53", "54", "58", "59", "60", "62", "63"]
    assert emvco.tlv_parse(fields["38"]) == {
        "00": "A005266284662577",
        "01": "27710418",
        "02": "002",
        "03": "mch19B73F61B9E",
    }
    assert (fields["53"], fields["54"], fields["58"]) == ("418", "50000", "LA")
    assert emvco.tlv_parse(fields["62"]) == {"01": code.bill_number}
    assert fields["63"] == crc_independent(code.payload[:-4])


def test_the_bill_number_gives_back_the_payment():
    for payment_id in (PAYMENT, uuid.UUID(int=0), uuid.UUID(int=2**128 - 1), uuid.uuid4()):
        bill = emvco.bill_number(payment_id)
        assert len(bill) == 25 and bill.isalnum() and bill == bill.upper()
        assert emvco.payment_id_of(bill) == payment_id
        assert emvco.payment_id_of(f"  {bill.lower()} ") == payment_id
    assert emvco.payment_id_of("INV-2026-0001") is None
    assert emvco.payment_id_of("Z" * 25) is None  # beyond 128 bits


def test_the_crc_matches_known_check_values():
    # The catalogued check value of CRC-16/CCITT-FALSE, and a payload printed by a Bakong
    # merchant's documentation.
    assert emvco.crc16_ccitt(b"123456789") == 0x29B1
    printed = (
        "00020101021229220018chamroeun_tam@wing520459995303116540710000005802KH"
        "5913Chamroeun Tam6010PHNOM PENH9917001317627644609676304198A"
    )
    assert emvco.crc_valid(printed)
    assert not emvco.crc_valid(printed.replace("1000000", "1000001"))


@pytest.mark.parametrize(
    ("overrides", "said"),
    [
        ({"currency": "LAK"}, "KHR and USD"),
        ({"amount": 60_000_050}, "whole units"),
        ({"merchant_name": "ការិយាល័យច្រកចេញចូលតែមួយ"}, "Latin letters"),
        ({"merchant_name": "A" * 26}, "longer than 25"),
        ({"account_id": "no-bank"}, "name@bank"),
    ],
)
def test_what_a_khqr_cannot_carry_is_refused(overrides, said):
    with pytest.raises(emvco.PayloadError, match=said):
        khqr(**overrides)


def test_an_account_no_code_can_carry_is_reported_by_the_system_check(settings):
    """A merchant name too long or not in Latin letters would fail every payment with "the
    payment service did not answer": `manage.py check` says which setting is wrong."""
    from payments.checks import qr_accounts_check

    settings.KHQR_ACCOUNT_ID = "onedoor_owso@aclb"
    settings.KHQR_MERCHANT_NAME = "Daun Penh OWSO"
    settings.KHQR_OFFICE_ACCOUNTS = {}
    assert qr_accounts_check(None) == []
    settings.KHQR_MERCHANT_NAME = "Daun Penh One Window Service Office"
    settings.KHQR_OFFICE_ACCOUNTS = {"12": {"merchant_name": "ការិយាល័យ"}}
    errors = qr_accounts_check(None)
    said = " ".join(error.msg for error in errors)
    assert "KHQR_MERCHANT_NAME" in said and "longer than 25" in said
    assert "KHQR_OFFICE_ACCOUNTS" in said and "Latin letters" in said
