"""What the QR gateways share: a code for exactly the fee, shown on a page of ours; the bank
asked about it by our task worker and the payer's page; confirmation by hand and by the bank
statement where the bank has no API.

A gateway here never calls a third-party relay: only the bank's own address from settings
(or, with ``PAYMENTS_FAKE_BANK``, the fake bank in ``fake_bank.py``, inside the process).
"""

import datetime
import http.client
import json
import logging
import urllib.error
import urllib.request
from abc import abstractmethod
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from portal.core.money import CURRENCIES, money_to_minor

from .base import Gateway, GatewayResult, GatewayUnavailable, StartResult
from .emvco import Code

logger = logging.getLogger(__name__)


class QRGateway(Gateway):
    """A gateway whose payer scans a code: subclasses make the code and read the bank."""

    # Its payments are asked about by the task worker (payments.tasks.poll_payment).
    polled = True
    # A finance officer may confirm a payment by hand with the bank's transaction id.
    confirmed_by_hand = True
    settings_prefix = ""
    demo_account: dict = {}

    # --- settings ------------------------------------------------------------------------------

    def setting(self, name: str, default=None):
        return getattr(settings, f"{self.settings_prefix}_{name}", default)

    def account(self, office=None) -> dict:
        """The receiving account for a fee paid to ``office``: its own when the settings give
        it one (by the id or name of any of its language versions), else the portal's."""
        account = {name: self.setting(name.upper(), "") for name in self.account_fields}
        if settings.PAYMENTS_FAKE_BANK and not self.configured(account):
            account.update(self.demo_account)
        by_office = self.setting("OFFICE_ACCOUNTS", {}) or {}
        if office is not None and by_office:
            from portal.accounts.models import Office

            versions = Office.objects.filter(translation_key=office.translation_key)
            for version in versions.values("pk", "name"):
                own = by_office.get(str(version["pk"])) or by_office.get(version["name"])
                if own:
                    account.update({key: str(value) for key, value in own.items()})
                    break
        return account

    account_fields: tuple[str, ...] = ()

    @abstractmethod
    def configured(self, account: dict) -> bool:
        """Whether ``account`` holds all the scheme needs to make a code for it."""

    def is_enabled(self) -> bool:
        return self.configured(self.account()) or settings.PAYMENTS_FAKE_BANK

    def lifetime(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=max(self.setting("EXPIRY_MINUTES", 15), 1))

    # --- starting --------------------------------------------------------------------------

    @abstractmethod
    def make_code(self, *, payment, account: dict, now: datetime.datetime) -> Code:
        """The scheme's code for the payment's amount, paid into ``account``."""

    def start(self, *, payment, return_url: str) -> StartResult:
        now = timezone.now()
        account = self.account(payment.office)
        expires_at = now + self.lifetime()
        code = self.make_code(payment=payment, account=account, now=now)
        return StartResult(
            redirect_url=reverse("checkout:qr_checkout", args=[payment.pk]),
            provider_reference=code.md5,
            expires_at=expires_at,
            data={
                "return_url": return_url,
                "payload": code.payload,
                "bill_number": code.bill_number,
                "md5": code.md5,
                "merchant_name": account.get("merchant_name", ""),
                "account": account.get("account_id") or account.get("receiver_id", ""),
            },
        )

    # --- asking the bank -------------------------------------------------------------------

    def api_url(self) -> str:
        return self.setting("API_URL", "")

    def can_ask(self) -> bool:
        return bool(settings.PAYMENTS_FAKE_BANK or (self.api_url() and self.setting("API_TOKEN")))

    def post(self, path: str, body: dict) -> dict:
        """POST ``body`` as JSON to the bank's API with the token; its JSON answer. Raises
        GatewayUnavailable when the bank cannot be asked or answers nonsense."""
        if settings.PAYMENTS_FAKE_BANK:
            from .fake_bank import fake_bank_answer

            return fake_bank_answer(gateway=self.key, path=path, body=body)
        request = urllib.request.Request(  # noqa: S310 - an https address from settings
            self.api_url() + path,
            data=json.dumps(body).encode(),
            headers={
                "Authorization": f"Bearer {self.setting('API_TOKEN')}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.QR_API_TIMEOUT) as response:  # noqa: S310
                answer = response.read(1_000_000)
        except urllib.error.HTTPError as error:
            # Bakong answers some refusals with a JSON body that says what went wrong.
            answer = error.read(1_000_000)
            try:
                parsed = json.loads(answer)
            except ValueError:
                parsed = None
            if isinstance(parsed, dict) and "responseCode" in parsed:
                return parsed
            raise GatewayUnavailable(f"the bank answered HTTP {error.code}") from error
        except (OSError, http.client.HTTPException, ValueError) as error:
            # Not reached, cut off, not HTTP at all (http.client's errors are not OSErrors),
            # or an address urllib cannot use.
            raise GatewayUnavailable(f"the bank could not be reached: {error!r}") from error
        try:
            parsed = json.loads(answer)
        except (ValueError, RecursionError) as error:
            raise GatewayUnavailable("the bank's answer is not JSON") from error
        if not isinstance(parsed, dict):
            raise GatewayUnavailable("the bank's answer is not a JSON object")
        return parsed

    @abstractmethod
    def ask_bank(self, *, payment) -> GatewayResult | None:
        """What the bank says about the payment's code: paid (a result), or not yet (None)."""

    def fetch(self, *, payment) -> GatewayResult | None:
        if not self.can_ask() or not payment.gateway_data.get("payload"):
            return None
        try:
            return self.ask_bank(payment=payment)
        except GatewayUnavailable as error:
            # Asked again on the poller's next round; the page says it is still waiting.
            logger.warning("Payment %s: %s", payment.pk, error)
            return None


def minor_units(amount, currency: str) -> int | None:
    """An amount the bank wrote in major units (a number or text), in minor units, exactly;
    None when it is not one (not a number, negative, or finer than the currency's minor unit:
    "25.004" dollars is not 25.00, and is not rounded into it)."""
    if isinstance(amount, bool) or currency not in CURRENCIES:
        return None
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0:
        return None
    try:
        minor = money_to_minor(value, currency)
    except (ValueError, ArithmeticError):
        return None
    return minor if Decimal(minor) == value.scaleb(CURRENCIES[currency].exponent) else None
