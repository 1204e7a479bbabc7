"""Fixtures shared by every test."""

import copy
import os
import shutil
import socket
import subprocess
import threading
import time
from io import BytesIO

import pytest
from django.conf import settings
from django.core.cache import cache, caches
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


@pytest.fixture(scope="session", autouse=True)
def _audit_trail_emptied_between_tests():
    """A transactional test is undone by emptying every table, with DELETE on SQLite, which
    the audit trail's trigger refuses (as it should): that emptying drops the triggers first
    and makes them again after. PostgreSQL empties with TRUNCATE, which row triggers ignore."""
    import importlib

    from django.db import connection

    if connection.vendor != "sqlite":
        yield
        return
    DatabaseOperations = type(connection.ops)
    migration = importlib.import_module("portal.audit.migrations.0002_append_only")
    sql_flush = DatabaseOperations.sql_flush

    def flush_around_triggers(self, style, tables, **kwargs):
        statements = sql_flush(self, style, tables, **kwargs)
        if migration.TABLE not in tables:
            return statements
        return [*migration.SQLITE_DROP, *statements, *migration.SQLITE_CREATE]

    DatabaseOperations.sql_flush = flush_around_triggers
    yield
    DatabaseOperations.sql_flush = sql_flush


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached pages, nor page parts or look-up answers kept in memory."""
    from cms.cache import PAGES_HERE
    from portal.tracking.views import LOOKUP_ANSWERS

    cache.clear()
    PAGES_HERE.clear()
    caches["fragments"].clear()
    LOOKUP_ANSWERS.clear()


def rate_limit_windows_end() -> None:
    """Every rate limit's window ends now, as if its time had passed: the next attempts count
    from one (in the database, or in Redis when ``REDIS_URL`` is set)."""
    from django.utils import timezone

    from portal.core.limits import REDIS_PREFIX, _redis
    from portal.core.models import RateLimitCounter

    RateLimitCounter.objects.update(expires_at=timezone.now())
    if settings.REDIS_URL:
        client = _redis(settings.REDIS_URL)
        for key in client.scan_iter(REDIS_PREFIX + "*"):
            client.delete(key)


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


def managers_group(name: str):
    """ "Managers" or "National managers" with their permissions, as the migrations make them
    (a transactional test before this one may have flushed the groups)."""
    import importlib

    from django.contrib.auth.models import Group, Permission

    group, created = Group.objects.get_or_create(name=name)
    if created:
        made = importlib.import_module("portal.dashboard.migrations.0002_managers").GROUPS[name]
        for app, codename in [*made, ("applications", "manage_personal_data")]:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app, codename=codename)
            )
    return group


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
    # What the page tells applicants to bring: the document its form's upload field takes.
    service_page.required_documents = [
        {
            "type": "document",
            "value": {
                "name": "Identity document",
                "original_or_copy": "copy",
                "copies": 1,
                "mandatory": True,
                "accepted_types": ["pdf", "jpeg", "png"],
                "note": "",
            },
        }
    ]
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


# --- ClamAV ------------------------------------------------------------------------------------

# Debian puts clamd in /usr/sbin, which an ordinary user's PATH may leave out.
CLAMAV_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])
# The EICAR test file: every virus scanner reports it, and it harms nothing.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _clamd_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(b"zPING\0")
            return connection.recv(16).startswith(b"PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def clamd_server(tmp_path_factory):
    """A real clamd on a loopback port, with a signature database made here (the EICAR test
    file's MD5: there is no internet for the published signatures); its address."""
    clamd, sigtool = shutil.which("clamd", path=CLAMAV_PATH), shutil.which("sigtool")
    if not clamd or not sigtool:
        pytest.skip("ClamAV is not installed (apt-get install clamav-daemon; .ci/run does it)")
    folder = tmp_path_factory.mktemp("clamd")
    (folder / "db").mkdir()
    (folder / "eicar.com").write_bytes(EICAR)
    signature = subprocess.run(
        [sigtool, "--md5", "eicar.com"], cwd=folder, capture_output=True, check=True
    ).stdout
    (folder / "db" / "eicar.hdb").write_bytes(signature)
    port = _free_port()
    (folder / "clamd.conf").write_text(
        f"DatabaseDirectory {folder / 'db'}\n"
        f"TCPSocket {port}\n"
        "TCPAddr 127.0.0.1\n"
        "Foreground yes\n"
        f"LogFile {folder / 'clamd.log'}\n"
        f"TemporaryDirectory {folder}\n"
        f"StreamMaxLength {settings.UPLOAD_MAX_MB + 1}M\n"
    )
    process = subprocess.Popen(
        [clamd, "-c", str(folder / "clamd.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not _clamd_answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                log = folder / "clamd.log"
                pytest.fail("clamd did not start: " + (log.read_text() if log.exists() else ""))
            time.sleep(0.2)
        yield f"tcp://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def clamd(settings, clamd_server):
    """Uploads scanned by the real clamd."""
    settings.CLAMD_ADDRESS = clamd_server
    return clamd_server


@pytest.fixture
def clamd_down(settings):
    """CLAMD_ADDRESS set, and nothing listening there (clamd stopped)."""
    settings.CLAMD_ADDRESS = f"tcp://127.0.0.1:{_free_port()}"
    return settings.CLAMD_ADDRESS


@pytest.fixture
def clamd_silent(settings):
    """A clamd that takes the connection and the file and never answers; a short timeout."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()
    held = []

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                continue
            held.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.CLAMD_ADDRESS = f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    settings.CLAMD_TIMEOUT = 1
    yield settings.CLAMD_ADDRESS
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


def make_eicar(name: str = "id-card.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, EICAR, content_type="application/pdf")
