"""A fee the service's rule cannot price is set by an officer who may set fees; a supervisor
may waive a fee; no application leaves its payment stage, or gets its result, with a fee that
is unknown or unpaid. Through the admin pages and the applicant's pages."""

import pytest
from django.contrib.auth.models import Group, Permission

from payments.models import FeeSettlement, Payment, PaymentEvent
from portal.applications.models import Application, Event, Stage
from portal.notifications.models import OutboxMessage
from tests.factories import OfficeFactory, OfficerFactory, submit_application

S = Application.Status

BY_OPTION = [
    {
        "type": "options",
        "value": {
            "option_field": "business_size",
            "options": [
                {"label": "Small", "value": "small", "amount": "100000"},
                {"label": "Large", "value": "large", "amount": "900000"},
            ],
        },
    }
]


def staff(office, *codenames, group="Cashiers"):
    user = OfficerFactory(offices=[office])
    user.groups.add(Group.objects.get(name=group))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def at_cashier(service_page, office):
    """An application whose answers the rule cannot price, at the cashier's stage."""
    service_page.fee = BY_OPTION
    service_page.save_revision().publish()
    application = submit_application(service_page, office=office, answers={"full_name": "Noy"})
    assert application.fee_total is None
    cashier = Stage.objects.get(workflow=application.workflow, kind=Stage.Kind.PAYMENT)
    Application.objects.filter(pk=application.pk).update(stage=cashier, status=S.IN_REVIEW)
    application.refresh_from_db()
    return application


@pytest.fixture
def office(db):
    return OfficeFactory(name="Xaysetha District")


@pytest.mark.django_db
def test_an_officer_sets_a_fee_the_rule_cannot_price_and_the_applicant_pays_it(
    client, service_page, office, django_capture_on_commit_callbacks
):
    application = at_cashier(service_page, office)
    inspect = f"/admin/applications/inspect/{application.pk}/"
    cashier = staff(office)  # a cashier who may not set fees
    client.force_login(cashier)
    page = client.get(inspect).content.decode()
    assert "Not set yet" in page and "The fee is not set yet" in page
    assert "/fee/" not in page
    refused = client.post(
        f"/admin/applications/{application.pk}/act/forward/", {"version": application.version}
    )
    assert "The fee is not set yet" in refused.content.decode()
    # Wagtail sends staff without the permission back to the dashboard.
    assert client.get(f"/admin/applications/{application.pk}/fee/")["Location"] == "/admin/"

    assessor = staff(office, "set_fee")
    client.force_login(assessor)
    assert f"/admin/applications/{application.pk}/fee/" in client.get(inspect).content.decode()
    url = f"/admin/applications/{application.pk}/fee/"
    form = client.get(url).content.decode()
    assert "Small" in form and "Large" in form  # the rule, for reference
    data = {
        "line-TOTAL_FORMS": "3",
        "line-INITIAL_FORMS": "0",
        "line-0-label": "Licence, large enterprise",
        "line-0-amount": "900000",
        "line-1-label": "Inspection visit",
        "line-1-amount": "1e999999999",
        "version": application.version,
        "message": "",
    }
    bad = client.post(url, data).content.decode()
    assert "Tell the applicant how the fee was set." in bad
    assert "Ensure that there are no more than" in bad  # the absurd amount, next to it
    assert "Licence, large enterprise" in bad  # nothing typed is lost
    data.update({"line-1-amount": "50000", "message": "Your enterprise has 120 workers."})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    application.refresh_from_db()
    assert application.fee_total == 95_000_000  # minor units: LAK 950,000
    assert [line["label"] for line in application.fee_snapshot["lines"]] == [
        "Licence, large enterprise",
        "Inspection visit",
    ]
    event = application.events.get(kind=Event.Kind.FEE_SET)
    assert event.actor == assessor and event.visible_to_applicant
    email = OutboxMessage.objects.filter(recipient=application.applicant.email).last()
    assert "Your enterprise has 120 workers." in email.body
    assert "The fee of LAK\xa0950,000 is due now." in email.body
    assert application.stage.kind == Stage.Kind.PAYMENT  # still waiting for the money

    client.force_login(application.applicant)
    detail = client.get(f"/en/my/applications/{application.reference}/").content.decode()
    assert "LAK\xa0950,000" in detail and "Pay now" in detail
    assert "Your enterprise has 120 workers." in detail
    chosen = client.post(f"/en/my/applications/{application.reference}/pay/", {"method": "demo"})
    back = client.post(chosen["Location"], {"outcome": "succeed"})
    client.get(back["Location"])
    application.refresh_from_db()
    assert Payment.objects.get(application=application, status="paid").amount == 95_000_000
    assert application.stage.name == "Office chief's check"  # paid: on by itself


@pytest.mark.django_db
def test_a_supervisor_waives_the_fee_in_the_ledger_and_the_history(client, service_page, office):
    application = at_cashier(service_page, office)
    cashier = staff(office)
    client.force_login(cashier)
    assert client.get(f"/admin/applications/{application.pk}/fee/waive/")["Location"] == "/admin/"

    chief = staff(office, "waive_fee", group="Office chiefs")
    client.force_login(chief)
    url = f"/admin/applications/{application.pk}/fee/waive/"
    assert url in client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    empty = client.post(url, {"version": application.version, "message": " "})
    assert "Tell the applicant why the fee is waived." in empty.content.decode()
    done = client.post(
        url,
        {
            "version": application.version,
            "message": "Fees are waived for cooperatives this year.",
            "note": "Decision 12/2026 of the governor",
        },
    )
    assert done.status_code == 302
    application.refresh_from_db()
    waiver = Payment.objects.get(application=application)
    assert waiver.gateway == "waiver" and waiver.status == "waived"
    assert waiver.receipt_number is None and waiver.created_by == chief
    assert FeeSettlement.objects.get(application=application).payment == waiver
    assert PaymentEvent.objects.filter(payment=waiver, to_status="waived", actor=chief).exists()
    event = application.events.get(kind=Event.Kind.FEE_WAIVED)
    assert event.message == "Fees are waived for cooperatives this year."
    assert application.stage.name == "Office chief's check"  # nothing to collect: on

    client.force_login(application.applicant)
    detail = client.get(f"/en/my/applications/{application.reference}/").content.decode()
    assert "Waived" in detail and "Pay now" not in detail
    assert "Fees are waived for cooperatives this year." in detail
    assert "Decision 12/2026" not in detail

    # A waived fee cannot be refunded, nor waived or set again.
    client.force_login(chief)
    again = client.post(url, {"version": application.version, "message": "Again"})
    assert "This fee is paid already." in again.content.decode()


@pytest.mark.django_db
def test_no_result_with_an_unknown_fee_whatever_the_stage_order(client, service_page, office):
    application = at_cashier(service_page, office)
    issuance = Stage.objects.get(workflow=application.workflow, kind=Stage.Kind.ISSUANCE)
    Application.objects.filter(pk=application.pk).update(stage=issuance, status=S.APPROVED)
    application.refresh_from_db()
    clerk = staff(office, group="Registration officers")
    client.force_login(clerk)
    refused = client.post(
        f"/admin/applications/{application.pk}/act/issue/", {"version": application.version}
    )
    assert "The fee is not set yet" in refused.content.decode()
    assert not Application.objects.get(pk=application.pk).certificates.exists()
