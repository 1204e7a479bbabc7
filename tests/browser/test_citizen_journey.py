"""A citizen's journey in Lao in real Chromium, at 360 px: create an account, confirm the email,
apply with a document, and follow the application's stages on its timeline."""

import copy
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from portal.applications.models import Application
from portal.applications.workflow import application_forward
from tests.conftest import make_pdf
from tests.factories import OfficeFactory, OfficerFactory, translate_service
from tests.forms.steps import THREE_STEPS

from .test_accessibility import AXE, RUN_AXE
from .test_apply import at

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def lao_service(service_page):
    """The service, its sector and the home page in Lao, with the three-step form."""
    office = OfficeFactory(country="LA", name="ສູນບໍລິການຜ່ານປະຕູດຽວ ນະຄອນຫຼວງ")
    service_page.application_form = copy.deepcopy(THREE_STEPS)
    service_page.office_links.create(office=office)
    service_page.save_revision().publish()
    return translate_service(service_page, "lo", "ການຈົດທະບຽນວິສາຫະກິດ"), office


def fine_at_360(page):
    """Nothing is wider than the phone, and axe finds nothing."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE) == []


def test_a_citizen_signs_up_applies_and_follows_the_timeline_in_lao(
    page, live_server, lao_service, tmp_path, sms_outbox
):
    service, office = lao_service
    scan = tmp_path / "ບັດປະຈຳຕົວ.pdf"
    scan.write_bytes(make_pdf().read())

    # Create an account, in Lao.
    page.goto("/lo/accounts/signup/")
    assert page.locator("html").get_attribute("lang") == "lo"
    assert "ລົງທະບຽນ" in page.locator("h1").inner_text()
    fine_at_360(page)
    page.fill("input[name=email]", "somjai@example.la")
    page.fill("input[name=password1]", "a long and new passphrase")
    page.fill("input[name=password2]", "a long and new passphrase")
    page.click("main button[type=submit]")
    at(page, "/lo/accounts/confirm-email/")

    # Confirm the address from the email, which is in Lao too.
    message = mail.outbox[-1]
    link = re.search(r"https?://[^\s]+(/lo/accounts/confirm-email/[^\s]+/)", message.body)
    page.goto(link.group(1))
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    # A phone number for text messages, confirmed by the code texted to it.
    page.goto("/lo/my/account/")
    page.fill("input[name=phone]", "020 5555 1234")
    page.click("main form button[type=submit]")
    at(page, "/lo/my/account/phone/")
    code = re.search(r"\b(\d{6})\b", sms_outbox[-1]["text"]).group(1)
    page.fill("input[name=code]", code)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: url.endswith("/lo/my/account/"))
    assert "+856 20 55 551 234" in page.input_value("input[name=phone]")

    # Apply.
    page.goto(service.url)
    assert page.locator("h1").inner_text() == "ການຈົດທະບຽນວິສາຫະກິດ"
    page.click("a.govuk-button--start")
    at(page, "/apply/step-1/")
    page.fill("input[name='step-1-full_name']", "ສົມໃຈ ພົມມະຈັນ")
    page.check("input[value=sole]")
    page.click("main form button[type=submit]")
    at(page, "/apply/step-3/")
    page.set_input_files("input[type=file]", str(scan))
    page.click("main form button[type=submit]")
    at(page, "/apply/check/")
    fine_at_360(page)
    page.check("input[name='check-declaration']")
    page.click("main form button[type=submit]")
    at(page, "/lo/my/applications/")
    application = Application.objects.get()
    assert application.language == "lo"
    assert application.reference in page.locator(".govuk-panel--confirmation").inner_text()

    # The office moves it on; the timeline shows the stage in Lao, with its date.
    registrar = OfficerFactory(offices=[office])
    registrar.groups.add(Group.objects.get(name="Registration officers"))
    application_forward(
        application=application, officer=registrar, expected_version=application.version
    )
    page.goto("/lo/my/applications/")
    page.click(f"a[href='/lo/my/applications/{application.reference}/']")
    timeline = page.locator(".onedoor-timeline").inner_text()
    assert "ການເກັບຄ່າທຳນຽມ" in timeline  # the cashier stage, in Lao
    assert "ຍື່ນແລ້ວ" in timeline  # submitted
    assert "ການເກັບຄ່າທຳນຽມ" in page.locator(".onedoor-whereabouts").inner_text()  # now at
    fine_at_360(page)
    page.screenshot(path=str(tmp_path / "timeline-lo.png"), full_page=True)
