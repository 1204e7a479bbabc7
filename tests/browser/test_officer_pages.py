"""The officers' pages in a real browser: "Take next" on the queue, their work on the admin's
home, and no problem axe-core finds on the admin pages we made, on the certificate, or on the
public pages with a back link."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from payments.models import Payment
from portal.applications.models import Application
from portal.applications.workflow import application_issue
from tests.applications.test_workflow import walk_to_issuance
from tests.browser.test_accessibility import AXE
from tests.browser.test_back_office import chain_officer, sign_in
from tests.factories import OfficeFactory, submit_application

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# WCAG 2.2 A and AA, and axe's best practices (content outside a landmark, empty table headers).
# One finding is Wagtail's own, not ours: its filters button, named "Show filters", shows the
# number of filters in use, which axe reads as a visible label missing from the name.
RUN_AXE_AND_BEST_PRACTICE = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}});
  const wagtails = (v, n) => v.id === "label-content-name-mismatch"
    && n.target.join(" ") === ".w-slim-header-action-button";
  return result.violations
    .map((v) => [v.id, v.nodes.filter((n) => !wagtails(v, n)).map((n) => n.target).join(" ")])
    .filter(([id, targets]) => targets)
    .map(([id, targets]) => `${id}: ${targets}`);
}"""
# The admin shows its messages after a short delay, fading them in: axe reads the page once
# they are in and nothing moves any more (a half-faded message is no contrast problem). A
# repeating animation (the pulse of Wagtail's badge on a new feature) is not waited for.
SETTLED = """() => {
  const box = document.querySelector('[data-controller~="w-messages"]');
  const coming = box && box.querySelector("li") && !box.classList.contains("appear");
  return !coming && document.getAnimations().every(
    (a) => a.playState !== "running" || a.effect.getTiming().iterations > 1
  );
}"""


def problems(page, url) -> list[str]:
    page.goto(url)
    page.wait_for_function(SETTLED)
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE_AND_BEST_PRACTICE)


def test_take_next_is_on_the_queue_and_opens_an_application(browser, live_server, service_page):
    office = OfficeFactory(name="Xaysetha District")
    application = submit_application(service_page, office=office)
    officer = chain_officer(office, "officer@onedoor.test")
    context, page = sign_in(browser, live_server, officer)
    try:
        page.goto("/admin/applications/")
        button = page.locator("main button:has-text('Take next')")
        assert button.is_visible()
        button.click()
        page.wait_for_url(f"**/admin/applications/inspect/{application.pk}/")
        assert f"{application.reference} is yours now." in page.content()
    finally:
        context.close()
    application.refresh_from_db()
    assert application.assignee == officer


def test_the_officers_home_shows_their_work_and_leads_into_the_queue(
    browser, live_server, service_page
):
    office = OfficeFactory(name="Xaysetha District")
    late, later = (submit_application(service_page, office=office) for _ in range(2))
    today = timezone.localdate()
    Application.objects.filter(pk=late.pk).update(due_date=today - datetime.timedelta(days=2))
    Application.objects.filter(pk=later.pk).update(due_date=today + datetime.timedelta(days=4))
    officer = chain_officer(office, "officer@onedoor.test")
    context, page = sign_in(browser, live_server, officer)
    try:
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto("/admin/")
        work = page.locator("#officer-work-section")
        assert work.is_visible()
        assert "Search all pages" not in page.content()
        assert work.locator("a:has-text('waiting at your stages')").inner_text().startswith("2")
        page.screenshot(path="/tmp/officer-home-360.png", full_page=True)
        work.locator("a:has-text('overdue')").click()
        page.wait_for_url("**/admin/applications/?queue=mine&due=overdue")
        listing = page.locator("main table").inner_text()
        assert late.reference in listing and later.reference not in listing
        page.go_back()
        page.locator("#officer-work-section button:has-text('Take next')").click()
        page.wait_for_url(f"**/admin/applications/inspect/{late.pk}/")
    finally:
        context.close()


def test_the_admin_pages_we_made_have_no_accessibility_problems(browser, live_server, service_page):
    from portal.review.actions import ACTIONS

    office = OfficeFactory(name="Xaysetha District")
    application = submit_application(service_page, office=office)
    issued = walk_to_issuance(submit_application(service_page, office=office), office)
    officer = chain_officer(office, "officer@onedoor.test")
    officer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "register_at_counter",
                "assign_application",
                "set_fee",
                "waive_fee",
                "refund_payment",
                "view_reconciliation",
            ]
        )
    )
    application_issue(application=issued, officer=officer, expected_version=issued.version)
    payment = Payment.objects.get(application_id=issued.pk)
    pages = [
        "/admin/",
        "/admin/applications/",
        "/admin/applications/?queue=mine&due=overdue",
        f"/admin/applications/inspect/{application.pk}/",
        f"/admin/applications/inspect/{issued.pk}/",
        *(f"/admin/applications/{application.pk}/act/{action}/" for action in ACTIONS),
        f"/admin/applications/{application.pk}/fee/",
        f"/admin/applications/{application.pk}/fee/waive/",
        "/admin/cashier/",
        f"/admin/cashier/?reference={application.reference}",
        "/admin/cashier/till/",
        f"/admin/cashier/receipts/{payment.pk}/",
        "/admin/payments/review/",
        "/admin/payments/reconciliation/",
        "/admin/counter/",
        f"/admin/counter/{service_page.pk}/",
        f"/admin/counter/slips/{application.pk}/",
        f"/admin/applications/{issued.pk}/certificate/",
    ]
    context, page = sign_in(browser, live_server, officer)
    try:
        found = {url: problems(page, url) for url in pages}
        # A page that shows a message (cash recorded: the receipt) is read with it.
        page.goto(f"/admin/cashier/?reference={application.reference}")
        page.fill("input[name=amount]", "50000")
        page.click("button:has-text('Record cash payment')")
        page.wait_for_url("**/admin/cashier/receipts/*/")
        found["the receipt with its message"] = problems(page, page.url)
        found["the page after it"] = problems(page, f"/admin/applications/inspect/{issued.pk}/")
    finally:
        context.close()
    assert {url: found for url, found in found.items() if found} == {}


def test_the_certificate_and_the_pages_with_a_back_link_have_no_accessibility_problems(
    page, service_page
):
    office = OfficeFactory(name="Xaysetha District")
    application = walk_to_issuance(submit_application(service_page, office=office), office)
    certificate = application_issue(
        application=application,
        officer=chain_officer(office, "clerk@onedoor.test"),
        expected_version=application.version,
    )
    payment = Payment.objects.get(application_id=application.pk)
    page.goto("/en/accounts/login/")
    page.fill("input[name=login]", application.applicant.email)
    page.fill("input[name=password]", "correct horse battery")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    mine = f"/en/my/applications/{application.reference}/"
    found = {
        url: problems(page, url)
        for url in (
            f"{mine}certificate/",
            f"/en/verify/{certificate.code}/",
            mine,
            f"{mine}receipts/{payment.pk}/",
            f"{mine}feedback/",
            service_page.url + "apply/",
        )
    }
    assert {url: found for url, found in found.items() if found} == {}
    page.goto(f"{mine}certificate/")
    assert page.get_by_role("img", name="QR code that opens the check of this result").is_visible()
