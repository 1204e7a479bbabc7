"""KHQR: Cambodia's payment QR code, paid from any bank's app through Bakong, the National
Bank of Cambodia's system. The portal writes the code itself (``emvco.khqr_code``) and asks the
National Bank's open API for the transaction by the MD5 of the code's text
(``/v1/check_transaction_by_md5``, with the developer token from settings)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.core.money import CURRENCIES

from ..registry import register
from .base import GatewayResult, GatewayUnavailable
from .emvco import khqr_code
from .qr import QRGateway, minor_units

# Bakong's answer when it knows no transaction for the MD5: not paid (yet).
NOT_FOUND = 1


@register
class KHQRGateway(QRGateway):
    key = "khqr"
    label = _("Pay by KHQR")
    settings_prefix = "KHQR"
    account_fields = ("account_id", "merchant_id", "acquiring_bank", "merchant_name",
                      "merchant_city", "mcc")  # fmt: skip
    demo_account = {
        "account_id": "onedoor_demo@fake",
        "merchant_name": "Onedoor demo",
        "merchant_city": "Phnom Penh",
    }

    def currencies(self) -> set[str]:
        taken = {code for code in settings.KHQR_CURRENCIES if code in CURRENCIES}
        return taken & {"KHR", "USD"}

    def configured(self, account: dict) -> bool:
        return bool(account.get("account_id") and account.get("merchant_name"))

    def make_code(self, *, payment, account, now):
        made = int(now.timestamp() * 1000)
        return khqr_code(
            payment_id=payment.pk,
            amount=payment.amount,
            currency=payment.currency,
            account_id=account["account_id"],
            merchant_id=account.get("merchant_id", ""),
            acquiring_bank=account.get("acquiring_bank", ""),
            merchant_name=account["merchant_name"],
            merchant_city=account.get("merchant_city") or "Phnom Penh",
            mcc=account.get("mcc") or "5999",
            created_ms=made,
            expires_ms=made + int(self.lifetime().total_seconds() * 1000),
        )

    def ask_bank(self, *, payment) -> GatewayResult | None:
        md5 = payment.gateway_data["md5"]
        answer = self.post("/v1/check_transaction_by_md5", {"md5": md5})
        code = answer.get("responseCode")
        data = answer.get("data")
        if code != 0 or not isinstance(data, dict):
            if answer.get("errorCode") == NOT_FOUND or (code == 1 and data is None):
                return None
            said = str(answer.get("responseMessage") or answer)[:200]
            raise GatewayUnavailable(f"Bakong did not answer about the code: {said}")
        currency = str(data.get("currency") or "").upper() or None
        amount = minor_units(data.get("amount"), currency or "")
        transaction = str(data.get("hash") or "")
        problems = []
        if currency not in CURRENCIES:
            problems.append("the transaction has no currency we know")
        if amount is None:
            problems.append("the transaction has no amount")
        if not transaction:
            problems.append("the transaction has no hash")
        to_account = data.get("toAccountId")
        expected = payment.gateway_data.get("account")
        if to_account and expected and to_account != expected:
            problems.append(f"the money went to {to_account}, not {expected}")
        return GatewayResult(
            status="paid",
            amount=amount,
            currency=currency,
            provider_reference=md5,
            event_id=f"bakong:{transaction}" if transaction else "",
            raw={
                name: data.get(name)
                for name in (
                    "hash",
                    "fromAccountId",
                    "toAccountId",
                    "amount",
                    "currency",
                    "createdDateMs",
                    "acknowledgedDateMs",
                    "externalRef",
                )
            },
            problem="; ".join(problems),
        )
