"""A citizen without an account looks up their application in Khmer on a phone: a wrong PIN is
told next to the form, the right one shows the status and timeline, and looking again (the
answer kept in memory) shows the same page."""

import pytest
from playwright.sync_api import expect

from tests.factories import submit_application

from .test_apply import no_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def look_up(page, reference, pin):
    page.goto("/km/track/")
    page.fill("input[name=reference]", reference)
    page.fill("input[name=pin]", pin)
    page.click("main form button[type=submit]")


def test_the_look_up_in_khmer_on_a_phone(page, service_page):
    application = submit_application(service_page)
    wrong = "000000" if application.tracking_pin != "000000" else "111111"

    look_up(page, application.reference, wrong)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.input_value("input[name=reference]") == application.reference
    no_violations(page, True)

    look_up(page, application.reference, application.tracking_pin)
    timeline = page.locator("ol.onedoor-timeline")
    expect(timeline).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "km"
    assert application.reference in page.locator("main").inner_text()
    assert "វឌ្ឍនភាព" in page.locator("main").inner_text()  # "Progress": the answer in Khmer
    no_violations(page, True)
    first = page.locator("main").inner_html()

    look_up(page, application.reference, application.tracking_pin)
    expect(timeline).to_be_visible()
    assert page.locator("main").inner_html() == first
