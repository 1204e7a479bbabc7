"""EMVCo merchant-presented QR codes, as Cambodia's KHQR (Bakong) and Laos's LaoQR (LAPNet)
write them: a string of tag, two-digit length and value, closed by a CRC-16/CCITT checksum.

Only what our gateways need: a dynamic code (one amount, one bill) for one payment. The bill
number (tag 62, sub-tag 01) carries the payment's id, so that a bank's record of the transfer
(its API's answer, a line of its statement) names the payment it pays.
"""

import hashlib
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal

from portal.core.money import money_to_major

# ISO 4217 numeric codes of the currencies the QR schemes take.
CURRENCY_NUMBERS = {"KHR": "116", "USD": "840", "LAK": "418"}
# The application identifier of LAPNet's LaoQR in its merchant account template (tag 38).
LAPNET_AID = "A005266284662577"
BILL_NUMBER_LENGTH = 25  # the longest bill number both schemes take
BILL_NUMBER = re.compile(r"[0-9A-Z]{25}")
_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class PayloadError(ValueError):
    """A value the QR code cannot carry (too long, the wrong currency ...)."""


def crc16_ccitt(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF), as EMVCo asks (tag 63)."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def tlv(tag: str, value: str) -> str:
    """One data object: its tag, the length of its value in two digits, the value."""
    if len(value) > 99:
        raise PayloadError(f"The value of tag {tag} is longer than 99 characters.")
    return f"{tag}{len(value):02d}{value}"


def with_crc(payload: str) -> str:
    """The payload closed by its checksum, computed over everything up to "6304"."""
    payload += "6304"
    return payload + f"{crc16_ccitt(payload.encode()):04X}"


def tlv_parse(text: str) -> dict[str, str]:
    """The data objects of a payload (or of a template's value), by tag."""
    objects, index = {}, 0
    while index < len(text):
        tag, length = text[index : index + 2], text[index + 2 : index + 4]
        if len(tag) < 2 or not length.isdigit():
            raise PayloadError(f"Not a tag and length at {index}.")
        value = text[index + 4 : index + 4 + int(length)]
        if len(value) != int(length):
            raise PayloadError(f"The value of tag {tag} is cut short.")
        objects[tag] = value
        index += 4 + int(length)
    return objects


def crc_valid(payload: str) -> bool:
    return len(payload) > 8 and with_crc(payload[:-8]) == payload


def bill_number(payment_id: uuid.UUID) -> str:
    """The payment's id in 25 characters of 0-9A-Z (a UUID's 128 bits fit in 25 of them)."""
    number, digits = payment_id.int, []
    for _position in range(BILL_NUMBER_LENGTH):
        number, digit = divmod(number, 36)
        digits.append(_DIGITS[digit])
    return "".join(reversed(digits))


def payment_id_of(bill: str) -> uuid.UUID | None:
    """The payment id a bill number carries, or None when it is not one of ours."""
    bill = bill.strip().upper()
    if not BILL_NUMBER.fullmatch(bill):
        return None
    number = int(bill, 36)
    return uuid.UUID(int=number) if number < 2**128 else None


def amount_text(amount: int, currency: str) -> str:
    """The amount in major units, as the code writes it: no grouping, no trailing zeros
    ("25", "25.5", "600000"). The riel and the kip are paid in whole units."""
    major = money_to_major(amount, currency)
    if currency in ("KHR", "LAK") and major != major.to_integral_value():
        raise PayloadError(f"{currency} is paid in whole units.")
    text = format(major.quantize(Decimal("0.01")), "f").rstrip("0").rstrip(".")
    if len(text) > 13:
        raise PayloadError("The amount is too large for a QR code.")
    return text


def ascii_text(value: str, limit: int, what: str) -> str:
    """A name or city as the code carries it: printable ASCII (banks' apps show the Latin
    name; our page prints the office's name in the payer's language beside the code)."""
    value = " ".join(value.split())
    if not value or not value.isascii() or not value.isprintable():
        raise PayloadError(f"The {what} must be written in Latin letters.")
    if len(value) > limit:
        raise PayloadError(f"The {what} is longer than {limit} characters.")
    return value


@dataclass(frozen=True)
class Code:
    """A QR code's text, and the MD5 by which Bakong finds the transaction that paid it."""

    payload: str
    bill_number: str

    @property
    def md5(self) -> str:
        return hashlib.md5(self.payload.encode(), usedforsecurity=False).hexdigest()


def _code(
    *,
    account: str,
    payment_id: uuid.UUID,
    amount: int,
    currency: str,
    country: str,
    name: str,
    city: str,
    mcc: str,
    extra: str = "",
) -> Code:
    """A dynamic merchant-presented code: its format and kind (dynamic: for one amount), the
    merchant account template ``account``, what the payer's app shows, the bill number, then
    ``extra`` (a scheme's own tags) and the checksum."""
    if currency not in CURRENCY_NUMBERS:
        raise PayloadError(f"{currency} cannot be paid by this QR code.")
    if not (mcc.isdigit() and len(mcc) == 4):
        raise PayloadError("The merchant category code is four digits.")
    bill = bill_number(payment_id)
    payload = (
        tlv("00", "01")
        + tlv("01", "12")
        + account
        + tlv("52", mcc)
        + tlv("53", CURRENCY_NUMBERS[currency])
        + tlv("54", amount_text(amount, currency))
        + tlv("58", country)
        + tlv("59", ascii_text(name, 25, "merchant name"))
        + tlv("60", ascii_text(city, 15, "merchant city"))
        + tlv("62", tlv("01", bill))
        + extra
    )
    return Code(payload=with_crc(payload), bill_number=bill)


def khqr_code(
    *,
    payment_id: uuid.UUID,
    amount: int,
    currency: str,
    account_id: str,
    merchant_name: str,
    merchant_city: str,
    created_ms: int,
    expires_ms: int,
    merchant_id: str = "",
    acquiring_bank: str = "",
    mcc: str = "5999",
) -> Code:
    """A dynamic KHQR (NBC's KHQR specification): a Bakong account of an individual (tag 29:
    the account id) or of a merchant (tag 30: the account id, the merchant id and the
    acquiring bank), then the amount and bill, and tag 99 (when it was made and when it
    expires, in milliseconds since 1970)."""
    if currency not in ("KHR", "USD"):
        raise PayloadError("KHQR takes KHR and USD only.")
    if not account_id or len(account_id) > 32 or "@" not in account_id:
        raise PayloadError("A Bakong account id looks like name@bank (at most 32 characters).")
    if merchant_id:
        account = tlv(
            "30",
            tlv("00", account_id) + tlv("01", merchant_id[:32]) + tlv("02", acquiring_bank[:32]),
        )
    else:
        account = tlv("29", tlv("00", account_id))
    return _code(
        account=account,
        payment_id=payment_id,
        amount=amount,
        currency=currency,
        country="KH",
        name=merchant_name,
        city=merchant_city,
        mcc=mcc,
        extra=tlv("99", tlv("00", str(created_ms)) + tlv("01", str(expires_ms))),
    )


def laoqr_code(
    *,
    payment_id: uuid.UUID,
    amount: int,
    currency: str,
    iin: str,
    receiver_id: str,
    merchant_name: str,
    merchant_city: str,
    payment_type: str = "002",
    mcc: str = "5999",
) -> Code:
    """A dynamic LaoQR (LAPNet): its merchant account template (tag 38: LAPNet's AID, the
    receiving bank's IIN, the payment type, the receiver's id at that bank), then the amount
    and bill."""
    if currency != "LAK":
        raise PayloadError("LaoQR takes LAK only.")
    if not (iin.isdigit() and len(iin) == 8):
        raise PayloadError("The bank's IIN in LAPNet is eight digits.")
    if not receiver_id or len(receiver_id) > 32:
        raise PayloadError("The receiver id is 1 to 32 characters.")
    account = tlv(
        "38",
        tlv("00", LAPNET_AID) + tlv("01", iin) + tlv("02", payment_type) + tlv("03", receiver_id),
    )
    return _code(
        account=account,
        payment_id=payment_id,
        amount=amount,
        currency=currency,
        country="LA",
        name=merchant_name,
        city=merchant_city,
        mcc=mcc,
    )
