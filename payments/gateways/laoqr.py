"""LaoQR: Laos's payment QR code, paid from any member bank's app through LAPNet. The portal
writes the code itself (``emvco.laoqr_code``): the receiving bank's IIN and the receiver's id.

Each Lao bank has its own API for payment status, where it has one at all. The gateway asks
``LAOQR_API_URL`` (with ``LAOQR_API_TOKEN``) one question, the same for every bank:

    POST {"bill_number": "...", "md5": "...", "amount": "50000", "currency": "LAK"}
    →    {"status": "paid", "transaction_id": "...", "amount": "50000", "currency": "LAK"}
         or {"status": "unpaid"} / {"status": "not_found"}

A small adapter in front of the receiving bank's own API answers it (README, "QR payments").
Without one, payments are confirmed by hand and by the bank statement."""

from django.utils.translation import gettext_lazy as _

from portal.core.money import CURRENCIES, money_to_major

from ..registry import register
from .base import GatewayResult, GatewayUnavailable
from .emvco import laoqr_code
from .qr import QRGateway, minor_units


@register
class LaoQRGateway(QRGateway):
    key = "laoqr"
    label = _("Pay by LaoQR")
    settings_prefix = "LAOQR"
    account_fields = ("iin", "receiver_id", "payment_type", "merchant_name", "merchant_city",
                      "mcc")  # fmt: skip
    demo_account = {
        "iin": "99990418",
        "receiver_id": "ONEDOORDEMO",
        "merchant_name": "Onedoor demo",
        "merchant_city": "Vientiane",
    }

    def currencies(self) -> set[str]:
        return {"LAK"}

    def configured(self, account: dict) -> bool:
        return bool(
            account.get("iin") and account.get("receiver_id") and account.get("merchant_name")
        )

    def make_code(self, *, payment, account, now):
        return laoqr_code(
            payment_id=payment.pk,
            amount=payment.amount,
            currency=payment.currency,
            iin=account["iin"],
            receiver_id=account["receiver_id"],
            payment_type=account.get("payment_type") or "002",
            merchant_name=account["merchant_name"],
            merchant_city=account.get("merchant_city") or "Vientiane",
            mcc=account.get("mcc") or "5999",
        )

    def ask_bank(self, *, payment) -> GatewayResult | None:
        answer = self.post(
            "",
            {
                "bill_number": payment.gateway_data["bill_number"],
                "md5": payment.gateway_data["md5"],
                "amount": str(money_to_major(payment.amount, payment.currency)),
                "currency": payment.currency,
            },
        )
        status = answer.get("status")
        if status in ("unpaid", "not_found"):
            return None
        if status != "paid":
            raise GatewayUnavailable(f"the bank's answer has no status we know: {status!r}")
        currency = str(answer.get("currency") or "").upper() or None
        amount = minor_units(answer.get("amount"), currency or "")
        transaction = str(answer.get("transaction_id") or "")
        problems = []
        if currency not in CURRENCIES:
            problems.append("the transaction has no currency we know")
        if amount is None:
            problems.append("the transaction has no amount")
        if not transaction:
            problems.append("the transaction has no id")
        return GatewayResult(
            status="paid",
            amount=amount,
            currency=currency,
            provider_reference=payment.provider_reference,
            event_id=f"laoqr:{transaction}" if transaction else "",
            raw={
                "transaction_id": transaction,
                "amount": answer.get("amount"),
                "currency": currency,
            },
            problem="; ".join(problems),
        )
