"""Fixtures shared by every test."""

import copy
import shutil
import time
from io import BytesIO

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from PIL import Image
from pypdf import PdfWriter
from wagtail.models import Locale, Page, Site

from tests.factories import HomePageFactory, SectorPageFactory, ServicePageFactory, UserFactory

# Property-based tests (hypothesis): enough examples to find what breaks a parser, few enough
# for a 2-core machine; no deadline, since a loaded machine is slow, not wrong. A test that
# reuses a function-scoped fixture (the database, a client) only reads through it.
hypothesis_settings.register_profile(
    "onedoor",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.load_profile("onedoor")


@pytest.fixture(scope="session", autouse=True)
def _clean_private_files():
    """Start every run with no stored files of an earlier one."""
    shutil.rmtree(settings.PRIVATE_STORAGE_ROOT, ignore_errors=True)
    yield
    shutil.rmtree(settings.PRIVATE_STORAGE_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached pages."""
    cache.clear()


@pytest.fixture(autouse=True)
def sms_outbox():
    """Texts sent during the test (the memory SMS sender), like pytest-django's mailoutbox."""
    from portal.notifications.sms import sms_outbox

    sms_outbox.clear()
    yield sms_outbox
    sms_outbox.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request in Lao or Khmer leaves its language active in the thread: reset it after."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def admin_user(db, django_user_model):
    """A superuser with two-step verification, as every staff member has."""
    from tests.factories import give_totp

    user = django_user_model.objects.create_superuser(
        email="admin@example.org", password="correct horse battery"
    )
    give_totp(user)
    return user


class Clock:
    """A clock that stands still unless the test moves it."""

    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def session_clock(monkeypatch):
    """The clock that signs idle sessions out, and writes a session's last-seen time at most
    once a minute, stands still: what a request does (and how many queries it takes) must not
    depend on how long the machine took to set up the test. ``session_clock.advance(s)``
    moves it."""
    from portal.accounts.middleware import SessionExpiryMiddleware

    clock = Clock(time.time())
    monkeypatch.setattr(SessionExpiryMiddleware, "clock", staticmethod(clock))
    return clock


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing stays real but cheap: tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _default_workflow():
    """The default workflow a data migration makes (a transactional test may have flushed it)."""
    import importlib

    from django.apps import apps

    from portal.applications.models import Workflow

    if not Workflow.objects.filter(is_default=True).exists():
        migration = importlib.import_module("portal.applications.migrations.0006_default_workflow")
        migration.create(apps, None)


@pytest.fixture
def home_page(db):
    # A transactional test before this one flushed the rows Wagtail's migrations make.
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.get_root_nodes().exists():
        Page.add_root(title="Root", locale=locale)
    _default_workflow()
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="public-services")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Onedoor"},
    )
    return home


@pytest.fixture
def service_page(home_page):
    sector = SectorPageFactory(parent=home_page, slug="business")
    return ServicePageFactory(parent=sector, slug="enterprise-registration")


@pytest.fixture
def service(service_page):
    from tests.forms.steps import THREE_STEPS

    service_page.application_form = copy.deepcopy(THREE_STEPS)
    service_page.save_revision().publish()
    return service_page


@pytest.fixture
def citizen(client):
    user = UserFactory(email="somchai@example.org")
    client.force_login(user)
    return user


def make_pdf(name: str = "id-card.pdf") -> SimpleUploadedFile:
    """A small valid PDF: one blank A4 page."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def make_png(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (20, 20), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
