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
        page.fill(f"[name={name}]", value)
    page.click(f"main form button[type=submit]:has-text('{label}')")
    page.wait_for_url(f"**/admin/applications/inspect/{application.pk}/")


def test_one_application_through_every_stage_in_the_admin(browser, live_server, service_page):
    office = OfficeFactory()
    application = submit_application(service_page, office=office)
    officer = OfficerFactory(offices=[office], email="officer@onedoor.test")
    officer.groups.add(*Group.objects.filter(name__in=STAGE_GROUPS))
    officer.user_permissions.add(
        *Permission.objects.filter(codename__in=["record_cash", "access_admin"])
    )
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto("/admin/")  # to the portal's sign-in, then the second factor
        page.fill("input[name=login]", officer.email)
        page.fill("input[name=password]", "correct horse battery")
        page.click("main button[type=submit]")
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.fill("input[name=code]", totp_code())
        page.click("main button[type=submit]")
        page.wait_for_url("**/admin/")

        page.goto("/admin/applications/")
        assert application.reference in page.content()
        act(page, application, "Send to the next stage", note="Documents complete")

        page.goto(f"/admin/cashier/?reference={application.reference}")
        page.fill("input[name=amount]", "50000")
        page.click("button:has-text('Record cash payment')")
        page.wait_for_url("**/admin/cashier/receipts/*/")
        assert "R-" in page.content()

        for _stage in range(5):  # cashier, chief's check, technical review, two opinions
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
