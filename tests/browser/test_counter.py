"""At the counter, in a real browser: a form sent back for one missing answer keeps the scan the
officer chose, so it is not chosen again."""

import pytest
from django.contrib.auth.models import Permission

from cms.models import ServicePageOffice
from portal.applications.models import Application
from tests.browser.test_back_office import sign_in
from tests.conftest import make_pdf
from tests.factories import OfficeFactory, OfficerFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_scan_stays_chosen_when_the_form_comes_back_with_an_error(
    browser, live_server, service_page
):
    office = OfficeFactory()
    ServicePageOffice.objects.create(page=service_page, office=office)
    clerk = OfficerFactory(offices=[office], email="clerk@onedoor.test")
    clerk.user_permissions.add(Permission.objects.get(codename="register_at_counter"))
    scan = make_pdf("passport-scan.pdf")
    context, page = sign_in(browser, live_server, clerk)
    try:
        page.goto(f"/admin/counter/{service_page.pk}/")
        page.fill("[name=form-full_name]", "Noy Sisouk")
        page.set_input_files(
            "[name=form-identity_document]",
            files=[{"name": scan.name, "mimeType": "application/pdf", "buffer": scan.read()}],
        )
        page.click("button:has-text('Register and print the slip')")
        page.wait_for_selector("text=Some answers need your attention")
        kept = page.locator(".onedoor-stored-file")
        assert "passport-scan.pdf" in kept.inner_text()
        page.screenshot(path="/tmp/counter-kept-scan.png", full_page=True)

        page.fill("[name=citizen-full_name]", "Noy Sisouk")
        page.click("button:has-text('Register and print the slip')")
        page.wait_for_url("**/admin/counter/slips/*/")
    finally:
        context.close()
    application = Application.objects.get()
    assert application.documents.get().original_name == "passport-scan.pdf"
