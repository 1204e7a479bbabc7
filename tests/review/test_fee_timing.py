"""Every fee timing goes through the workflow to the result handed over, through the pages
officers and applicants use; the fee is asked for when it is due, and the result is never
issued while a due fee is unpaid, whatever the order of the workflow's stages."""

import pytest
from django.contrib.auth.models import Group

from portal.applications.models import Application, Stage, Workflow
from portal.notifications.models import OutboxMessage
from tests.factories import OfficeFactory, submit_application

S = Application.Status


def act(client, application, action, expect_error: str = "", **data):
    application.refresh_from_db()
    response = client.post(
        f"/admin/applications/{application.pk}/act/{action}/",
        {"version": application.version, **data},
    )
    application.refresh_from_db()
    if expect_error:
        assert expect_error in response.content.decode()
    else:
        assert response.status_code == 302, response.content.decode()[-2000:]
    return response


def forward_to_decision(client, application):
    while application.stage.kind != Stage.Kind.DECISION:
        act(client, application, "forward")


def pay_online(client, application):
    """The applicant presses "Pay now" and pays with the demo gateway."""
    client.force_login(application.applicant)
    detail = client.get(f"/en/my/applications/{application.reference}/").content.decode()
    assert "Pay now" in detail
    chosen = client.post(f"/en/my/applications/{application.reference}/pay/", {"method": "demo"})
    checkout = chosen["Location"]
    back = client.post(checkout, {"outcome": "succeed"})
    client.get(back["Location"])


@pytest.fixture
def office(db):
    return OfficeFactory(name="Xaysetha District")


def apply(service_page, office, *, due="submission", free=False):
    service_page.fee_due = due
    if free:
        service_page.fee = []
    service_page.save_revision().publish()
    return submit_application(service_page, office=office)


@pytest.mark.django_db
def test_a_fee_due_at_submission_is_taken_at_the_cashier_before_it_moves_on(
    client, admin_user, service_page, office
):
    application = apply(service_page, office)
    client.force_login(admin_user)
    act(client, application, "forward")
    assert application.stage.kind == Stage.Kind.PAYMENT
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "The fee is not paid yet." in page
    act(client, application, "forward", expect_error="The fee is not paid yet.")

    recorded = client.post(
        f"/admin/cashier/?reference={application.reference}", {"amount": "50000"}
    )
    assert recorded.status_code == 302
    application.refresh_from_db()
    assert application.stage.name == "Office chief's check"  # paid: on by itself

    forward_to_decision(client, application)
    act(client, application, "approve")
    act(client, application, "issue")
    act(client, application, "complete")
    assert application.status == S.COMPLETED


@pytest.mark.django_db
def test_a_fee_due_on_approval_is_asked_for_then_and_holds_the_result_until_paid(
    client, admin_user, service_page, office, django_capture_on_commit_callbacks
):
    application = apply(service_page, office, due="approval")
    client.force_login(application.applicant)
    detail = client.get(f"/en/my/applications/{application.reference}/").content.decode()
    assert "You pay it when your application is approved" in detail and "Pay now" not in detail

    client.force_login(admin_user)
    act(client, application, "forward")
    assert application.stage.name == "Office chief's check"  # nothing to collect yet
    # The cashier cannot take a fee that is not due yet.
    refused = client.post(f"/admin/cashier/?reference={application.reference}", {"amount": "50000"})
    assert "No fee is due now" in refused.content.decode()

    forward_to_decision(client, application)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, application, "approve", message="Granted.")
    assert application.status == S.APPROVED and application.stage.kind == Stage.Kind.ISSUANCE
    email = OutboxMessage.objects.filter(recipient=application.applicant.email).last()
    assert "The fee of LAK\xa050,000 is due now." in email.body
    assert f"/en/my/applications/{application.reference}/pay/" in email.body

    act(client, application, "issue", expect_error="The fee is not paid yet.")
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "The fee is not paid yet." in page

    pay_online(client, application)
    client.force_login(admin_user)
    act(client, application, "issue")
    act(client, application, "complete")
    assert application.status == S.COMPLETED


@pytest.mark.django_db
def test_a_free_service_goes_through_without_stopping_at_the_cashier(
    client, admin_user, service_page, office
):
    application = apply(service_page, office, free=True)
    client.force_login(admin_user)
    act(client, application, "forward")
    assert application.stage.name == "Office chief's check"
    forward_to_decision(client, application)
    act(client, application, "approve")
    act(client, application, "issue")
    act(client, application, "complete")
    assert application.status == S.COMPLETED


@pytest.mark.django_db
def test_a_payment_stage_after_the_decision_waits_for_the_fee(
    client, admin_user, service_page, office
):
    default = Workflow.objects.get(is_default=True)
    stages = {stage.kind: stage for stage in default.stages.all()}
    workflow = Workflow.objects.create(name="Decide, then pay")
    for order, kind in enumerate(["intake", "decision", "payment", "issuance"]):
        Stage.objects.create(
            workflow=workflow,
            sort_order=order,
            name=stages[kind].name,
            kind=kind,
            group=Group.objects.get(pk=stages[kind].group_id),
        )
    service_page.workflow = workflow
    application = apply(service_page, office, due="approval")
    client.force_login(admin_user)
    act(client, application, "forward")
    act(client, application, "approve")
    assert application.status == S.APPROVED and application.stage.kind == Stage.Kind.PAYMENT
    act(client, application, "forward", expect_error="The fee is not paid yet.")
    pay_online(client, application)
    application.refresh_from_db()
    assert application.stage.kind == Stage.Kind.ISSUANCE  # paid: on by itself
    client.force_login(admin_user)
    act(client, application, "issue")
    act(client, application, "complete")
    assert application.status == S.COMPLETED
