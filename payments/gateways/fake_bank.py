"""A fake bank for the demo (``PAYMENTS_FAKE_BANK``, DEBUG only): it answers the QR gateways'
questions inside the process, as Bakong's open API and our LaoQR contract do, and says a code
is paid ``PAYMENTS_FAKE_BANK_SECONDS`` after it was made, as if the payer had scanned it at
once. Nothing leaves the machine."""

import hashlib

from django.conf import settings
from django.utils import timezone

from portal.core.money import money_to_major

NOT_FOUND = {
    "responseCode": 1,
    "responseMessage": "Transaction could not be found. Please check and try again.",
    "errorCode": 1,
    "data": None,
}


def fake_bank_answer(*, gateway: str, path: str, body: dict) -> dict:
    from ..models import Payment

    payment = Payment.objects.filter(gateway=gateway, provider_reference=body.get("md5")).first()
    waited = payment and (timezone.now() - payment.created_at).total_seconds()
    paid = payment is not None and waited >= settings.PAYMENTS_FAKE_BANK_SECONDS
    transaction = hashlib.sha256(f"fake-bank:{body.get('md5')}".encode()).hexdigest()
    if gateway == "laoqr":
        if not paid:
            return {"status": "unpaid"}
        return {
            "status": "paid",
            "transaction_id": f"FAKE{transaction[:16].upper()}",
            "amount": str(money_to_major(payment.amount, payment.currency)),
            "currency": payment.currency,
        }
    if not paid:
        return NOT_FOUND
    return {
        "responseCode": 0,
        "responseMessage": "Getting transaction successfully.",
        "errorCode": None,
        "data": {
            "hash": transaction,
            "fromAccountId": "citizen_demo@fake",
            "toAccountId": payment.gateway_data.get("account"),
            "currency": payment.currency,
            "amount": float(money_to_major(payment.amount, payment.currency)),
            "description": "",
            "createdDateMs": int(timezone.now().timestamp() * 1000),
            "acknowledgedDateMs": int(timezone.now().timestamp() * 1000),
        },
    }
