"""Payments tests: the Stripe gateway on, talking to our fake; an application with a fee."""

import pytest

from payments.gateways.stripe import StripeGateway
from tests.factories import OfficeFactory, submit_application
from tests.payments.fake_stripe import WEBHOOK_SECRET, FakeStripe


@pytest.fixture
def fake_stripe(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = "sk_test_onedoor"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_CURRENCIES = ["USD"]
    fake = FakeStripe()
    monkeypatch.setattr(StripeGateway, "http_client", fake)
    return fake


@pytest.fixture
def usd_service(service_page):
    service_page.fee_currency = "USD"
    service_page.fee = [{"type": "fixed", "value": {"amount": "25.00"}}]
    service_page.save_revision().publish()
    return service_page


@pytest.fixture
def application(usd_service, citizen):
    """A submitted application by the signed-in citizen, with a USD 25.00 fee."""
    return submit_application(usd_service, applicant=citizen, office=OfficeFactory())


@pytest.fixture
def fake_bank():
    from tests.payments.fake_bank import FakeBank

    bank = FakeBank().start()
    yield bank
    bank.stop()


@pytest.fixture
def khqr_settings(settings, fake_bank):
    """KHQR configured against the fake bank on loopback."""
    from tests.payments.fake_bank import TOKEN

    settings.KHQR_ACCOUNT_ID = "onedoor_owso@aclb"
    settings.KHQR_MERCHANT_NAME = "Daun Penh OWSO"
    settings.KHQR_MERCHANT_CITY = "Phnom Penh"
    settings.KHQR_API_URL = fake_bank.url
    settings.KHQR_API_TOKEN = TOKEN
    settings.KHQR_EXPIRY_MINUTES = 15
    settings.QR_API_TIMEOUT = 2
    settings.QR_CHECK_SECONDS = 0
    return settings


@pytest.fixture
def riel_service(service_page):
    service_page.fee_currency = "KHR"
    service_page.fee = [{"type": "fixed", "value": {"amount": "600000"}}]
    service_page.save_revision().publish()
    return service_page


@pytest.fixture
def riel_application(riel_service, citizen):
    """A submitted application by the signed-in citizen, with a fee of 600,000 riel."""
    return submit_application(riel_service, applicant=citizen, office=OfficeFactory())
