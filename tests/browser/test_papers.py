"""The papers printed for a Lao or Khmer citizen (the counter's slip, the cash receipt, the
certificate) in real Chromium, as printed: every line of Lao or Khmer text has room for the
marks above and below its letters, so no line runs into the one above it.

Screenshots of each paper, in print, at 1280 and 360 pixels, go to ``$PAPER_SCREENSHOTS``
when it is set (a folder), to look at."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Locale

from cms.models import ServicePage
from payments.services import payment_record_cash
from portal.applications.models import Application, Certificate
from tests.factories import OfficeFactory, OfficerFactory, submit_application
from tests.languages import WORDS, service_in_lao_and_khmer

from .test_apply import sign_in as applicant_signs_in
from .test_back_office import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OFFICE = {
    "en": "One Door Service Centre, Xaysetha District",
    "lo": "ສູນບໍລິການຜ່ານປະຕູດຽວ ເມືອງໄຊເສດຖາ",
    "km": "ការិយាល័យច្រកចេញចូលតែមួយ ស្រុកសៃសេដ្ឋា",
}
FONT = {"lo": "Noto Sans Lao", "km": "Noto Sans Khmer"}

# Every element whose own text is in Lao or Khmer, with its line height over its font size.
LINES = r"""() => {
  const script = /[\u0e80-\u0eff\u1780-\u17ff]/;
  const found = [];
  for (const el of document.querySelectorAll("main *")) {
    const own = [...el.childNodes]
      .filter((n) => n.nodeType === 3)
      .map((n) => n.textContent)
      .join("");
    if (!script.test(own) || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    const line = style.lineHeight === "normal" ? 0 : parseFloat(style.lineHeight);
    found.push({tag: el.tagName, text: own.trim().slice(0, 30), ratio: line / size});
  }
  return found;
}"""
FONT_LOADED = """async (family) => {
  await document.fonts.ready;
  return [...document.fonts].some((f) => f.family.includes(family) && f.status === "loaded");
}"""


@pytest.fixture
def papers(service_page):
    """For each of Lao and Khmer: a walk-in application with a document, its fee paid in cash
    and its certificate issued; and the officer who prints them."""
    office = OfficeFactory(name=OFFICE["en"])
    for language in ("lo", "km"):
        locale, _created = Locale.objects.get_or_create(language_code=language)
        translation = office.copy_for_translation(locale)
        translation.name = OFFICE[language]
        translation.save()
    pages = service_in_lao_and_khmer(service_page)
    clerk = OfficerFactory(offices=[office], email="clerk@example.org")
    clerk.groups.add(Group.objects.get(name="Registration officers"))
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["register_at_counter", "record_cash"])
    )
    made = {}
    for language in ("lo", "km"):
        application = submit_application(
            ServicePage.objects.get(pk=pages[language].pk),
            office=office,
            language=language,
            answers={"full_name": "Noy Sisouk"},
        )
        Application.objects.filter(pk=application.pk).update(
            channel=Application.Channel.COUNTER, status=Application.Status.APPROVED
        )
        application.documents.create(
            field_name="identity_document",
            file="documents/scan.pdf",
            original_name="passport-scan.pdf",
            content_type="application/pdf",
            size=1000,
            sha256="0" * 64,
        )
        payment = payment_record_cash(
            application_id=application.pk,
            amount=application.fee_total,
            fee_amount=application.fee_total,
            currency=application.fee_currency,
            cashier=clerk,
            office_id=office.pk,
        )
        Certificate.objects.create(
            code=f"C-{application.reference}",
            application=application,
            holder="Noy Sisouk",
            service_title=application.service_title,
            issued_by=clerk,
        )
        made[language] = (application, payment)
    return clerk, made, pages


def shoot(page, name):
    folder = os.environ.get("PAPER_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def test_lao_and_khmer_papers_print_with_room_for_their_marks(browser, live_server, papers):
    clerk, made, _pages = papers
    context, page = sign_in(browser, live_server, clerk)
    page.emulate_media(media="print")
    for language, (application, payment) in made.items():
        for name, path in (
            ("slip", f"/admin/counter/slips/{application.pk}/"),
            ("receipt", f"/admin/cashier/receipts/{payment.pk}/"),
            ("certificate", f"/admin/applications/{application.pk}/certificate/"),
        ):
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == language
            assert page.evaluate(FONT_LOADED, FONT[language]), (name, language)
            main = page.locator("main").inner_text()
            assert WORDS[language]["title"] in main and OFFICE[language] in main, (name, language)
            lines = page.evaluate(LINES)
            assert lines, (name, language)
            cramped = [line for line in lines if line["ratio"] < 1.5]
            assert not cramped, (name, language, cramped)
            shoot(page, f"{name}-{language}")
    context.close()


def test_a_lao_title_on_an_english_paper_keeps_its_room(page, papers):
    """The service has no English page any more: an English reader's certificate shows the
    title it was submitted under, in Lao, marked as Lao, so it gets Lao's line height."""
    _clerk, made, pages = papers
    application, _payment = made["lo"]
    pages["en"].unpublish()
    applicant_signs_in(page, application.applicant)
    page.wait_for_url("**/en/**")
    page.goto(f"/en/my/applications/{application.reference}/certificate/")
    page.emulate_media(media="print")
    assert page.locator("html").get_attribute("lang") == "en"
    title = page.locator("h1")
    assert title.inner_text() == WORDS["lo"]["title"]
    assert title.get_attribute("lang") == "lo"
    assert page.evaluate(FONT_LOADED, FONT["lo"])
    cramped = [line for line in page.evaluate(LINES) if line["ratio"] < 1.5]
    assert not cramped, cramped
    shoot(page, "certificate-lo-title-on-en")
