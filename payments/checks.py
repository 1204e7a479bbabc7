"""System checks of the payments' settings (``manage.py check``, run on start): a QR account
whose code cannot be written would fail every payment with "the payment service did not
answer", so it is reported, by setting, before anyone pays."""

import uuid

from django.core.checks import Error, register
from django.utils import timezone

from .gateways.emvco import PayloadError
from .registry import gateway_get

# A payment that stands for any (one whole unit of the gateway's first currency).
_SAMPLE = uuid.UUID(int=0)


class _Sample:
    pk = _SAMPLE
    amount = 100
    office = None

    def __init__(self, currency: str):
        self.currency = currency


@register()
def qr_accounts_check(app_configs, **kwargs) -> list[Error]:
    errors = []
    for key in ("khqr", "laoqr"):
        gateway = gateway_get(key)
        prefix = gateway.settings_prefix
        portal_wide = {name: gateway.setting(name.upper(), "") for name in gateway.account_fields}
        accounts = []
        if gateway.configured(portal_wide):
            accounts.append((f"{prefix}_*", portal_wide))
        for office, own in (gateway.setting("OFFICE_ACCOUNTS", {}) or {}).items():
            account = {**portal_wide, **{name: str(value) for name, value in own.items()}}
            accounts.append((f"{prefix}_OFFICE_ACCOUNTS[{office}]", account))
        currency = sorted(gateway.currencies())[:1]
        for where, account in accounts:
            if not currency:
                break
            try:
                gateway.make_code(payment=_Sample(currency[0]), account=account,
                                  now=timezone.now())  # fmt: skip
            except (PayloadError, KeyError) as error:
                name = where if where.endswith("]") else _setting_named(prefix, error)
                errors.append(
                    Error(
                        f"{name}: no {gateway.key.upper()} code can be written with it: {error}",
                        id="payments.E001",
                    )
                )
    return errors


def _setting_named(prefix: str, error: Exception) -> str:
    said = str(error)
    for field, setting in (("merchant name", "MERCHANT_NAME"), ("merchant city", "MERCHANT_CITY"),
                           ("category", "MCC"), ("Bakong account", "ACCOUNT_ID"),
                           ("IIN", "IIN"), ("receiver", "RECEIVER_ID")):  # fmt: skip
        if field in said:
            return f"{prefix}_{setting}"
    return f"{prefix}_* settings"
