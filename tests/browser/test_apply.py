"""An applicant fills a three-step form with an upload in real Chromium, and submits it."""

import copy

import pytest
from playwright.sync_api import expect

from portal.applications.models import Application
from tests.conftest import make_pdf
from tests.factories import UserFactory
from tests.forms.steps import THREE_STEPS

from .test_accessibility import AXE, RUN_AXE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, user):
    page.goto("/en/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", "correct horse battery")
    page.click("main button[type=submit]")


def at(page, path):
    """Wait until the browser shows this path (a fragment may stay from a "Change" link)."""
    page.wait_for_url(lambda url: path.rstrip("*") in url)


def no_violations(page, javascript):
    """Nothing is wider than the phone, and axe (which needs JavaScript) finds nothing."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    if javascript:
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(RUN_AXE) == []


def apply_through_three_steps(page, service_page, tmp_path, *, javascript=True):
    scan = tmp_path / "passport scan.pdf"
    scan.write_bytes(make_pdf().read())

    page.goto(service_page.url)
    page.click("a.govuk-button--start")
    at(page, "/apply/step-1/")
    page.fill("input[name='step-1-full_name']", "Somchai Phommachanh")
    page.check("input[value=company]")
    page.click("text=Save and continue")

    at(page, "/apply/step-2/")
    page.click("text=Save and continue")  # nothing typed: told what is missing
    # The same address comes back: wait for the answer, not for the address.
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    no_violations(page, javascript)
    page.fill("input[name='step-2-company_name']", "Mekong Coffee")
    page.click("text=Save and continue")

    at(page, "/apply/step-3/")
    page.set_input_files("input[type=file]", str(scan))
    if javascript:
        # The file goes by XMLHttpRequest, whose progress the page shows.
        with page.expect_request(lambda request: request.method == "POST") as sent:
            page.click("text=Save and continue")
        assert sent.value.resource_type == "xhr"
    else:
        page.click("text=Save and continue")
    at(page, "/apply/check/")
    no_violations(page, javascript)
    summary = page.locator("main").inner_text()
    for answer in ("Somchai Phommachanh", "Mekong Coffee", "passport scan.pdf"):
        assert answer in summary

    # Change one answer: back to the check page straight after.
    page.click("a[href*='step-2'] >> text=Change")
    at(page, "/apply/step-2/?change=1")
    page.fill("input[name='step-2-company_name']", "Mekong Coffee Export")
    page.click("text=Save and continue")
    at(page, "/apply/check/")
    assert "Mekong Coffee Export" in page.locator("main").inner_text()

    page.click("text=Accept and submit")  # without the declaration
    assert "Confirm the declaration" in page.locator(".govuk-error-summary").inner_text()
    page.check("input[name='check-declaration']")
    page.click("text=Accept and submit")
    at(page, "/my/applications/")
    panel = page.locator(".govuk-panel--confirmation")
    assert panel.is_visible()
    application = Application.objects.get()
    assert application.reference in panel.inner_text()
    assert application.answers["company_name"] == "Mekong Coffee Export"
    assert application.documents.get().original_name == "passport scan.pdf"
    no_violations(page, javascript)


@pytest.fixture
def three_step_service(service_page):
    service_page.application_form = copy.deepcopy(THREE_STEPS)
    service_page.save_revision().publish()
    return service_page


def test_a_three_step_form_with_an_upload_is_filled_and_submitted(
    page, three_step_service, tmp_path
):
    sign_in(page, UserFactory())
    apply_through_three_steps(page, three_step_service, tmp_path)


def test_the_same_journey_works_with_javascript_off(
    browser, live_server, three_step_service, tmp_path
):
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 360, "height": 740},
    )
    page = context.new_page()
    try:
        sign_in(page, UserFactory())
        apply_through_three_steps(page, three_step_service, tmp_path, javascript=False)
    finally:
        context.close()
