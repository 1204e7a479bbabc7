"""What an office may do to an application it reads but does not own: an office it was
referred to gives its opinion and nothing more (no fee set or waived, no cash taken, no result
revoked); the referring office reads it and may take it back. And money that arrives when the
application no longer wants it, or for a fee since changed, is put before finance."""

import pytest
from django.contrib.auth.models import Group, Permission

from payments.gateways.base import GatewayResult
from payments.models import FeeSettlement, Payment
from payments.services import payment_apply_result, payment_start
from portal.applications import workflow
from portal.applications.models import Application, Certificate, Event, Referral, Stage
from tests.factories import OfficeFactory, OfficerFactory, UserFactory, submit_application

S = Application.Status


def officer(office, *codenames, group=None):
    user = OfficerFactory(offices=[office])
    if group:
        user.groups.add(Group.objects.get(name=group))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def district(db):
    return OfficeFactory(name="Xaysetha District")


@pytest.fixture
def tax_branch(db):
    return OfficeFactory(name="Tax branch")


def referred(service_page, district, tax_branch):
    application = submit_application(service_page, office=district)
    technical = Stage.objects.get(workflow=application.workflow, name="Technical review")
    Application.objects.filter(pk=application.pk).update(stage=technical, status=S.IN_REVIEW)
    application.refresh_from_db()
    return workflow.application_refer(
        application=application,
        officer=officer(district, group="Technical officers"),
        expected_version=application.version,
        office=tax_branch,
    )


def answered(application, tax_branch):
    return workflow.application_receive_back(
        application=application,
        officer=officer(tax_branch),
        expected_version=application.version,
        note="No objection",
    )


@pytest.mark.django_db
def test_an_office_consulted_cannot_touch_the_fee_the_cash_or_the_result(
    client, service_page, district, tax_branch
):
    application = answered(referred(service_page, district, tax_branch), tax_branch)
    tax_chief = officer(tax_branch, "waive_fee", "set_fee", "assign_application", "record_cash")
    Certificate.objects.create(
        code="C-TEST-0001",
        application=application,
        holder="Noy",
        service_title="Licence",
        issued_by=officer(district),
    )
    client.force_login(tax_chief)
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "/fee/" not in page and "/act/revoke/" not in page  # it still reads the case
    waive = client.post(
        f"/admin/applications/{application.pk}/fee/waive/",
        {"version": application.version, "message": "Waived by another office"},
    )
    assert "You may not change the fee of this application." in waive.content.decode()
    revoke = client.post(
        f"/admin/applications/{application.pk}/act/revoke/",
        {"version": application.version, "message": "Revoked by another office"},
    )
    assert "Only a chief of the application" in revoke.content.decode()
    cash = client.post(f"/admin/cashier/?reference={application.reference}", {"amount": "50000"})
    assert cash.status_code == 404
    assert not Payment.objects.filter(application=application).exists()
    assert Certificate.objects.get(code="C-TEST-0001").revoked_at is None


@pytest.mark.django_db
def test_while_referred_the_fee_stays_as_it_is_and_the_stage_may_take_it_back(
    client, service_page, district, tax_branch
):
    application = referred(service_page, district, tax_branch)
    chief = officer(district, "set_fee", "waive_fee", group="Office chiefs")
    client.force_login(chief)
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "/fee/" not in page
    with pytest.raises(workflow.ActionRefused, match="with Tax branch for an opinion"):
        workflow.application_fee_waive(
            application=application,
            supervisor=chief,
            expected_version=application.version,
            message="Waived",
        )

    technician = officer(district, group="Technical officers")
    client.force_login(technician)
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert f"/admin/applications/{application.pk}/act/recall/" in page
    assert "/act/forward/" not in page
    back = client.post(
        f"/admin/applications/{application.pk}/act/recall/",
        {"version": application.version, "note": "Sent to the wrong office"},
    )
    assert back.status_code == 302
    application.refresh_from_db()
    assert application.referred_to is None and application.due_date is not None
    referral = Referral.objects.get(application=application)
    assert referral.recalled and referral.answered_by == technician
    assert (
        "/act/forward/"
        in client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    )

    # The other office no longer acts on it.
    client.force_login(officer(tax_branch))
    assert client.post("/admin/applications/take-next/")["Location"] == "/admin/applications/"


@pytest.mark.django_db
def test_lowering_a_fee_the_rule_priced_or_setting_none_is_a_supervisors_waiver(
    service_page, district
):
    application = submit_application(service_page, office=district)
    cashier = officer(district, "set_fee", group="Cashiers")
    for lines, refused in (
        ([("Less", 100)], "only a supervisor may lower it"),
        ([("Nothing", 0)], "A fee of nothing is a waiver"),
    ):
        with pytest.raises(workflow.ActionRefused, match=refused):
            workflow.application_fee_set(
                application=application,
                officer=cashier,
                expected_version=application.version,
                lines=lines,
                message="Assessed",
            )
    raised = workflow.application_fee_set(
        application=application,
        officer=cashier,
        expected_version=application.version,
        lines=[("Licence", application.fee_total), ("Inspection", 2_000_000)],
        message="An inspection is needed.",
    )
    assert raised.fee_total == 7_000_000


@pytest.mark.django_db
def test_no_withdrawal_while_a_payment_is_under_way(client, service_page, district):
    application = submit_application(service_page, office=district)
    client.force_login(application.applicant)
    reference = application.reference
    chosen = client.post(f"/en/my/applications/{reference}/pay/", {"method": "demo"})
    url = f"/en/my/applications/{reference}/withdraw/"
    assert "A payment of the fee is under way." in client.get(url).content.decode()
    refused = client.post(url, {"reason": "Changed my mind"})
    assert "A payment of the fee is under way." in refused.content.decode()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    client.post(chosen["Location"], {"outcome": "succeed"})  # the checkout ends normally
    assert Payment.objects.get(application=application).status == "paid"


@pytest.mark.django_db
def test_money_for_a_withdrawn_application_is_put_before_finance(service_page, district):
    application = submit_application(service_page, office=district)
    payment, _url = payment_start(
        application_id=application.pk,
        amount=application.fee_total,
        currency=application.fee_currency,
        gateway_key="demo",
        user=application.applicant,
        return_url="/",
    )
    payment_apply_result(
        payment_id=payment.pk, result=GatewayResult(status="expired"), source="poll"
    )
    workflow.application_withdraw(application=application, applicant=application.applicant)
    late = payment_apply_result(
        payment_id=payment.pk,
        result=GatewayResult(
            status="paid", amount=application.fee_total, currency=application.fee_currency
        ),
        source="webhook",
    )
    assert late.status == "paid" and late.flagged


@pytest.mark.django_db
def test_a_payment_of_an_old_amount_does_not_settle_a_fee_changed_since(service_page, district):
    application = submit_application(service_page, office=district)
    read_before = Application.objects.get(pk=application.pk)  # what the pay page read
    cashier_stage = Stage.objects.get(workflow=application.workflow, kind=Stage.Kind.PAYMENT)
    Application.objects.filter(pk=application.pk).update(stage=cashier_stage, status=S.IN_REVIEW)
    application.refresh_from_db()
    application = workflow.application_fee_set(
        application=application,
        officer=officer(district, "set_fee"),
        expected_version=application.version,
        lines=[("Licence, large enterprise", 90_000_000)],
        message="Assessed",
    )
    payment, _url = payment_start(
        application_id=read_before.pk,
        amount=read_before.fee_total,
        currency=read_before.fee_currency,
        gateway_key="demo",
        user=read_before.applicant,
        return_url="/",
    )
    paid = payment_apply_result(
        payment_id=payment.pk,
        result=GatewayResult(
            status="paid", amount=read_before.fee_total, currency=read_before.fee_currency
        ),
        source="user",
    )
    assert paid.flagged and "the fee is now" in paid.review_reason
    application.refresh_from_db()
    assert application.stage.kind == Stage.Kind.PAYMENT  # still waiting for the right fee
    assert FeeSettlement.objects.filter(application=application).exists()
    assert not application.events.filter(kind=Event.Kind.FORWARDED, actor=None).exists()


@pytest.mark.django_db
def test_the_queue_export_keeps_formulas_as_text(client, service_page, district):
    applicant = UserFactory(first_name='=HYPERLINK("http://example.invalid","x")', last_name="")
    submit_application(service_page, office=district, applicant=applicant)
    client.force_login(officer(district))
    response = client.get("/admin/applications/?export=csv")
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(" in body
    assert ",=HYPERLINK(" not in body and '"=HYPERLINK(' not in body
