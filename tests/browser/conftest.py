"""Real Chromium (Debian's package) driven by Playwright, against the live test server."""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run does it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django must allow its ORM calls beside it,
    # for these tests only.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((live_server.url, "data:", "blob:"))
            else None
        ),
    )
    yield page
    context.close()
    assert not outside, f"requests left the machine: {outside}"


@pytest.fixture(autouse=True)
def _wagtail_base(transactional_db):
    """The rows Wagtail's migrations make (default locale, root page): a transactional test
    before this one flushed them."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.get_root_nodes().exists():
        Page.add_root(title="Root", locale=locale)
