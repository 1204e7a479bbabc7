"""Bank statements in the reconciliation: the receiving account's export (CSV or XLSX) read line
by line, each line matched to a QR payment by the bill number its code carried, its amount and
its time.

A line that proves a payment not yet recorded is applied through ``payment_apply_result``
(once: the line's transaction id is the event's id), so a payment confirmed only by the
statement is recorded, and one paid after its code expired is flagged. What does not match is
listed for follow-up; a payment confirmed by hand that the statement does not show is flagged.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import User
from portal.core.money import money_format, money_to_major

from .gateways.base import GatewayResult
from .gateways.emvco import payment_id_of
from .gateways.qr import minor_units
from .ledger import COLLECTED
from .models import Payment, PaymentEvent
from .registry import gateway_get
from .services import (
    bank_transaction_event_id,
    bank_transaction_owner,
    payment_apply_result,
    payment_flag,
)

MAX_LINES = 20_000
MAX_ERRORS = 10
# What a workbook may hold once unpacked (an XLSX is a ZIP: a few MB can unpack to GBs, and
# openpyxl reads the shared strings whole, even read-only).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
BILL_TOKEN = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{25}(?![0-9A-Za-z])")

# What banks call each column (lower case, spaces for _ and -).
COLUMNS = {
    "bill": {"bill number", "bill no", "bill", "reference", "description", "remark", "remarks",
             "memo", "narrative", "details", "purpose"},
    "amount": {"amount", "credit", "credit amount", "amount received", "cr amount", "deposit"},
    "currency": {"currency", "ccy", "cur"},
    "time": {"date", "time", "date time", "datetime", "transaction date", "transaction time",
             "value date", "posting date", "posted", "created", "timestamp"},
    "transaction": {"transaction id", "transaction", "txn id", "trx id", "hash",
                    "reference number", "ref no", "transaction reference", "external ref"},
}  # fmt: skip
DATE_FORMATS = [
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M",
    "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y",
]  # fmt: skip


class StatementError(ValueError):
    """The file cannot be read as a statement; nothing was imported. ``messages`` say why."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class StatementLine:
    number: int  # the line in the file (the header is line 1)
    time: datetime.datetime
    amount: Decimal
    currency: str
    bill: str
    transaction: str
    text: str  # the line as read, to show


@dataclass
class StatementReport:
    start: datetime.date | None = None
    end: datetime.date | None = None
    matched: list = field(default_factory=list)  # (line, payment)
    recorded: list = field(default_factory=list)  # (line, payment): applied by this import
    late: list = field(default_factory=list)  # (line, payment)
    amount_differs: list = field(default_factory=list)  # (line, payment)
    duplicates: list = field(default_factory=list)  # (line, the line it repeats)
    transaction_used: list = field(default_factory=list)  # (line, the payment it confirmed)
    unmatched: list = field(default_factory=list)  # lines
    without_line: list = field(default_factory=list)  # payments
    by_hand_missing: list = field(default_factory=list)  # payments (flagged)


def _rows(content: bytes, name: str) -> list[list]:
    if zipfile.is_zipfile(io.BytesIO(content)):
        from openpyxl import load_workbook

        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                unpacked = sum(entry.file_size for entry in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise StatementError(
                [_("The file is not an XLSX workbook that can be read.")]
            ) from error
        # zipfile reads no entry beyond the size it declares, so the sum bounds the work.
        if unpacked > MAX_UNPACKED_BYTES:
            raise StatementError(
                [_("The workbook is too large once unpacked: import it in parts.")]
            )
        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise StatementError(
                [_("The file is not an XLSX workbook that can be read.")]
            ) from error
        sheet = book.worksheets[0]
        rows = [
            list(row)
            for _row, row in zip(
                range(MAX_LINES + 2), sheet.iter_rows(values_only=True), strict=False
            )
        ]
        book.close()
        return rows
    # UTF-16 only with its byte-order mark (Excel's "Unicode text"): without one, almost any
    # bytes decode as UTF-16. Then UTF-8 (with or without a mark), then Windows-1252, which
    # Excel writes its "CSV" in on Western Windows.
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise StatementError([_("The file is neither CSV (text) nor XLSX.")])
    if "\x00" in text:
        raise StatementError([_("The file is neither CSV (text) nor XLSX.")])
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [
            row
            for row, _n in zip(
                csv.reader(io.StringIO(text), dialect), range(MAX_LINES + 2), strict=False
            )
        ]
    except csv.Error as error:  # a field over csv's limit, a quote never closed ...
        raise StatementError(
            [_("The file cannot be read as CSV: a field is too long, or it is not text.")]
        ) from error


def _column_key(value) -> str:
    return " ".join(str(value or "").strip().lower().replace("_", " ").replace("-", " ").split())


def _parse_time(value) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    else:
        text = str(value or "").strip()
        for form in DATE_FORMATS:
            try:
                moment = datetime.datetime.strptime(text, form)
                break
            except ValueError:
                continue
        else:
            return None
    if timezone.is_naive(moment):
        # A bank writes its statement in the country's time.
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def _parse_amount(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        text = str(value)
    else:
        text = str(value or "").strip().replace(",", "").replace(" ", "")
        text = re.sub(r"^(KHR|USD|LAK)|(KHR|USD|LAK)$", "", text, flags=re.IGNORECASE)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount > 0 else None


def statement_read(*, content: bytes, name: str = "") -> list[StatementLine]:
    """The lines of a statement file; StatementError (nothing read) when it cannot be."""
    if not content.strip():
        raise StatementError([_("The file is empty.")])
    rows = [row for row in _rows(content, name) if any(str(cell or "").strip() for cell in row)]
    if len(rows) > MAX_LINES + 1:
        raise StatementError([_("The file has more than %(count)s lines: import it in parts.")
                              % {"count": MAX_LINES}])  # fmt: skip
    if len(rows) < 2:
        raise StatementError([_("The file has no lines under its header.")])
    header = [_column_key(cell) for cell in rows[0]]
    where = {
        role: [index for index, name in enumerate(header) if name in names]
        for role, names in COLUMNS.items()
    }
    missing = [
        label
        for role, label in (("amount", _("an amount")), ("time", _("a date")))
        if not where[role]
    ]
    if missing:
        raise StatementError([
            _("The first line must name the columns; none is %(what)s (such as Amount, Date, "
              "Bill number, Currency, Transaction id).") % {"what": _(" or ").join(missing)}
        ])  # fmt: skip
    lines, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        cells = list(row) + [""] * (len(header) - len(row))
        time = _parse_time(cells[where["time"][0]])
        amount = _parse_amount(cells[where["amount"][0]])
        if time is None:
            errors.append(_("Line %(line)s: “%(value)s” is not a date.")
                          % {"line": number, "value": cells[where["time"][0]]})  # fmt: skip
        if amount is None:
            errors.append(_("Line %(line)s: “%(value)s” is not an amount.")
                          % {"line": number, "value": cells[where["amount"][0]]})  # fmt: skip
        if len(errors) >= MAX_ERRORS:
            break
        if time is None or amount is None:
            continue
        searched = where["bill"] or range(len(cells))
        bills = [
            token.upper()
            for index in searched
            for token in BILL_TOKEN.findall(str(cells[index] or ""))
            if payment_id_of(token) is not None
        ]
        lines.append(
            StatementLine(
                number=number,
                time=time,
                amount=amount,
                currency=str(cells[where["currency"][0]] or "").strip().upper()
                if where["currency"]
                else "",
                bill=bills[0] if bills else "",
                transaction=str(cells[where["transaction"][0]] or "").strip()
                if where["transaction"]
                else "",
                text=" · ".join(str(cell) for cell in row if str(cell or "").strip())[:300],
            )
        )
    if errors:
        raise StatementError(errors)
    return lines


def _flag_once(payment: Payment, reason: str) -> Payment:
    """Flag the payment, unless it is flagged already (its reason is kept) or finance resolved
    this very reason (importing the same statement again reopens nothing)."""
    if payment.flagged or payment.review_reason == reason[:255]:
        return payment
    return payment_flag(payment=payment, reason=reason)


def _line_currency(line: StatementLine, gateway: str) -> str | None:
    """The line's currency; a line that does not say takes the gateway's only currency, and
    has none when the gateway takes several (KHQR: riel and dollars)."""
    if line.currency:
        return line.currency
    taken = gateway_get(gateway).currencies()
    return next(iter(taken)) if len(taken) == 1 else None


def statement_import(*, gateway: str, lines: list[StatementLine], actor: User) -> StatementReport:
    """Match the lines to the gateway's payments and record what they prove (see the module).
    One transaction: an import that fails records nothing."""
    with transaction.atomic():
        return _statement_import(gateway=gateway, lines=lines, actor=actor)


def _statement_import(*, gateway: str, lines: list[StatementLine], actor: User) -> StatementReport:
    report = StatementReport()
    if not lines:
        return report
    zone = timezone.get_default_timezone()
    report.start = min(line.time for line in lines).astimezone(zone).date()
    report.end = max(line.time for line in lines).astimezone(zone).date()
    ids = {payment_id_of(line.bill) for line in lines if line.bill}
    payments = {p.pk: p for p in Payment.objects.filter(pk__in=ids, gateway=gateway)}
    seen_transactions, seen_payments, matched_ids = {}, {}, set()
    for line in lines:
        if line.transaction and line.transaction in seen_transactions:
            report.duplicates.append((line, seen_transactions[line.transaction]))
            continue
        if line.transaction:
            seen_transactions[line.transaction] = line
        payment = payments.get(payment_id_of(line.bill)) if line.bill else None
        if payment is None:
            report.unmatched.append(line)
            continue
        if payment.pk in seen_payments:
            # The same bill paid twice: the second transfer is money to give back.
            report.duplicates.append((line, seen_payments[payment.pk]))
            continue
        if line.transaction:
            owner = bank_transaction_owner(gateway=gateway, transaction_id=line.transaction)
            if owner is not None and owner.pk != payment.pk:
                # The bank's transaction confirmed another payment (by hand, or by another
                # statement's line): it does not pay this one too.
                report.transaction_used.append((line, owner))
                continue
        seen_payments[payment.pk] = line
        matched_ids.add(payment.pk)
        currency = _line_currency(line, gateway)
        amount = minor_units(line.amount, currency) if currency else None
        if amount != payment.amount or currency != payment.currency:
            report.amount_differs.append((line, payment))
            shown = (
                money_format(amount, currency)
                if amount is not None
                else f"{line.currency or '(no currency)'} {line.amount}"
            )
            _flag_once(
                payment,
                f"Bank statement line {line.number} shows {shown}, "
                f"but the fee is {payment.amount_display}: nothing was recorded from it.",
            )
            continue
        if payment.expires_at and line.time > payment.expires_at:
            report.late.append((line, payment))
        else:
            report.matched.append((line, payment))
        if payment.status not in COLLECTED:
            if line.transaction:
                event = bank_transaction_event_id(line.transaction)
            else:
                event = f"statement:{line.bill}"
            after = payment_apply_result(
                payment_id=payment.pk,
                result=GatewayResult(
                    status=Payment.Status.PAID,
                    amount=amount,
                    currency=currency,
                    event_id=event,
                    raw={
                        "statement_line": line.text,
                        "transaction": line.transaction,
                        "amount": str(money_to_major(amount, currency)),
                    },
                ),
                source=PaymentEvent.Source.STATEMENT,
                actor=actor,
                note=f"Bank statement line {line.number}: {line.text}"[:2000],
            )
            if after.status != payment.status:
                report.recorded.append((line, after))
            payment = after
        if report.late and report.late[-1][0] is line:
            # Paid after the code expired, though nobody had marked it expired yet.
            _flag_once(
                payment,
                f"Paid after its code expired (bank statement line {line.number}): "
                "check the fee was not paid twice.",
            )
    start = datetime.datetime.combine(report.start, datetime.time(), tzinfo=zone)
    end = datetime.datetime.combine(report.end, datetime.time(), tzinfo=zone)
    end += datetime.timedelta(days=1)
    unseen = (
        Payment.objects.filter(gateway=gateway, status__in=COLLECTED)
        .filter(paid_at__gte=start, paid_at__lt=end)
        .exclude(pk__in=matched_ids)
        .select_related("application")
        .order_by("paid_at")
    )
    for payment in unseen:
        report.without_line.append(payment)
        by_hand = payment.gateway_data.get("confirmed_by_hand")
        if by_hand:
            report.by_hand_missing.append(
                _flag_once(
                    payment,
                    f"Confirmed by hand (bank transaction {by_hand.get('transaction_id')}) "
                    f"but not in the bank statement of {report.start} to {report.end}.",
                )
            )
    return report
