"""An officer walks one application through every stage of the default chain in the admin."""

import pytest
from django.contrib.auth.models import Group, Permission

from portal.applications.models import Application
from tests.factories import OfficeFactory, OfficerFactory, submit_application, totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STAGE_GROUPS = [
    "Registration officers",
    "Cashiers",
    "Office chiefs",
    "Technical officers",
    "Administrative directors",
    "Decision-makers",
]


def act(page, application, label, **fields):
    page.goto(f"/admin/applications/inspect/{application.pk}/")
    page.click(f"main a.button:has-text('{label}')")
    for name, value in fields.items():
        if name == "office":
            page.select_option(f"[name={name}]", value)
        else:
            page.fill(f"[name={name}]", value)
    page.click(f"main form button[type=submit]:has-text('{label}')")
    page.wait_for_url(f"**/admin/applications/inspect/{application.pk}/")


def sign_in(browser, live_server, user):
    """A browser of the officer's own, signed in with the password and the second factor."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/admin/")  # to the portal's sign-in, then the second factor
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", "correct horse battery")
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    # A slow machine may take seconds from typing to checking: a code that lasts that long.
    page.fill("input[name=code]", totp_code(lasting=15))
    page.click("main button[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


def chain_officer(office, email):
    officer = OfficerFactory(offices=[office], email=email)
    officer.groups.add(*Group.objects.filter(name__in=STAGE_GROUPS))
    officer.user_permissions.add(
        *Permission.objects.filter(codename__in=["record_cash", "access_admin"])
    )
    return officer


def record_cash(page, application):
    page.goto(f"/admin/cashier/?reference={application.reference}")
    page.fill("input[name=amount]", "50000")
    page.click("button:has-text('Record cash payment')")
    page.wait_for_url("**/admin/cashier/receipts/*/")
    assert "R-" in page.content()


def test_one_application_through_every_stage_and_a_referral_in_the_admin(
    browser, live_server, service_page
):
    office = OfficeFactory(name="Xaysetha District")
    tax_branch = OfficeFactory(name="Tax branch")
    application = submit_application(service_page, office=office)
    officer = chain_officer(office, "officer@onedoor.test")
    at_tax = OfficerFactory(offices=[tax_branch], email="tax@onedoor.test")
    context, page = sign_in(browser, live_server, officer)
    try:
        page.goto("/admin/applications/")
        assert application.reference in page.content()
        act(page, application, "Send to the next stage", note="Documents complete")
        record_cash(page, application)  # paid: on to the chief's check by itself

        act(page, application, "Send to the next stage")  # chief's check
        act(
            page,
            application,
            "Refer to another office",
            note="Is the tax registration in order?",
            office=str(tax_branch.pk),
        )
        assert "Referred to Tax branch on" in page.content()
        # Read only here now, but for taking it back.
        assert page.locator("main a.button").all_inner_texts() == [
            "Take it back from the other office"
        ]

        tax_context, tax_page = sign_in(browser, live_server, at_tax)
        try:
            tax_page.goto("/admin/applications/?queue=mine")
            assert application.reference in tax_page.content()
            tax_page.click("button:has-text('Take next')")
            tax_page.wait_for_url(f"**/admin/applications/inspect/{application.pk}/")
            act(
                tax_page,
                application,
                "Give your office",
                note="Registered; nothing owed.",
            )
        finally:
            tax_context.close()

        page.goto(f"/admin/applications/inspect/{application.pk}/")
        assert "Registered; nothing owed." in page.content()
        for _stage in range(3):  # technical review, the chief's and the director's opinions
            act(page, application, "Send to the next stage")
        act(page, application, "Approve", note="Granted")
        act(page, application, "Issue the result")
        page.goto(f"/admin/applications/{application.pk}/certificate/")
        assert "<svg" in page.content()
        act(page, application, "Record that the result was collected or delivered")
    finally:
        context.close()

    application.refresh_from_db()
    assert application.status == Application.Status.COMPLETED
    assert application.stage.name == "Returned to the customer"
    assert application.events.filter(kind="forwarded").count() == 6
    assert application.events.filter(kind="received_back", actor=at_tax).count() == 1


def test_a_fee_due_on_approval_is_taken_after_the_decision(browser, live_server, service_page):
    service_page.fee_due = "approval"
    service_page.save_revision().publish()
    office = OfficeFactory()
    application = submit_application(service_page, office=office)
    officer = chain_officer(office, "officer@onedoor.test")
    context, page = sign_in(browser, live_server, officer)
    try:
        act(page, application, "Send to the next stage")  # nothing to take at the cashier yet
        application.refresh_from_db()
        assert application.stage.name == "Office chief's check"
        for _stage in range(4):
            act(page, application, "Send to the next stage")
        act(page, application, "Approve", message="Granted: pay the fee to get your licence.")

        page.goto(f"/admin/applications/inspect/{application.pk}/")
        page.click("main a.button:has-text('Issue the result')")
        page.click("main form button[type=submit]:has-text('Issue the result')")
        page.wait_for_selector("main .help-critical:has-text('The fee is not paid yet.')")

        record_cash(page, application)
        act(page, application, "Issue the result")
        act(page, application, "Record that the result was collected or delivered")
    finally:
        context.close()
    application.refresh_from_db()
    assert application.status == Application.Status.COMPLETED
