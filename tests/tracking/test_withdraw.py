"""An applicant withdraws an application before its decision; officers see it leave their
queue; a fee already paid is put before finance, as the page says. And an answer that races
an officer's action is refused with a clear message, keeping what the applicant wrote."""

import pytest
from django.contrib.auth.models import Group, Permission

from payments.services import payment_record_cash
from portal.applications.models import Application, Event
from portal.applications.workflow import application_claim, application_return
from tests.factories import OfficeFactory, OfficerFactory, submit_application

S = Application.Status


@pytest.fixture
def office(db):
    return OfficeFactory()


def registrar(office):
    user = OfficerFactory(offices=[office])
    user.groups.add(Group.objects.get(name="Registration officers"))
    return user


@pytest.mark.django_db
def test_an_applicant_withdraws_and_it_leaves_the_queue(client, service_page, office):
    application = submit_application(service_page, office=office)
    officer = registrar(office)
    client.force_login(officer)
    assert (
        application.reference
        in client.get("/admin/applications/", {"queue": "mine"}).content.decode()
    )

    client.force_login(application.applicant)
    detail = f"/en/my/applications/{application.reference}/"
    assert "Withdraw this application" in client.get(detail).content.decode()
    url = f"/en/my/applications/{application.reference}/withdraw/"
    page = client.get(url).content.decode()
    assert "You have paid nothing, and you will not be asked to pay." in page
    done = client.post(url, {"reason": "I found the licence I already had."})
    assert done["Location"] == detail
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN and application.due_date is None
    event = application.events.get(kind=Event.Kind.WITHDRAWN)
    assert event.actor == application.applicant and event.visible_to_applicant
    after = client.get(detail).content.decode()
    assert "You withdrew this application" in after and "Withdraw this application" not in after
    # Once withdrawn, the page does not offer it again, and a second POST changes nothing.
    assert client.post(url)["Location"] == detail
    assert application.events.filter(kind=Event.Kind.WITHDRAWN).count() == 1

    client.force_login(officer)
    mine = client.get("/admin/applications/", {"queue": "mine"}).content.decode()
    assert application.reference not in mine
    assert client.post("/admin/applications/take-next/")["Location"] == "/admin/applications/"
    refused = client.post(
        f"/admin/applications/{application.pk}/act/forward/", {"version": application.version}
    )
    assert "Only an application in review moves on." in refused.content.decode()


@pytest.mark.django_db
def test_a_paid_fee_is_put_before_finance_when_the_application_is_withdrawn(
    client, service_page, office
):
    application = submit_application(service_page, office=office)
    cashier = OfficerFactory(offices=[office])
    payment = payment_record_cash(
        application_id=application.pk,
        amount=application.fee_total,
        fee_amount=application.fee_total,
        currency=application.fee_currency,
        cashier=cashier,
    )
    client.force_login(application.applicant)
    url = f"/en/my/applications/{application.reference}/withdraw/"
    page = client.get(url).content.decode()
    assert "You paid LAK\xa050,000. Withdrawing does not refund it by itself" in page
    client.post(url)

    finance = OfficerFactory(offices=[office])
    for codename in ("refund_payment", "view_reconciliation"):
        finance.user_permissions.add(Permission.objects.get(codename=codename))
    client.force_login(finance)
    review = client.get("/admin/payments/review/").content.decode()
    assert application.reference in review and "The application was withdrawn" in review
    payment.refresh_from_db()
    assert payment.flagged and payment.status == "paid"


@pytest.mark.django_db
def test_after_the_decision_it_cannot_be_withdrawn(client, service_page, office):
    application = submit_application(service_page, office=office)
    Application.objects.filter(pk=application.pk).update(status=S.APPROVED)
    client.force_login(application.applicant)
    detail = f"/en/my/applications/{application.reference}/"
    assert "Withdraw this application" not in client.get(detail).content.decode()
    url = f"/en/my/applications/{application.reference}/withdraw/"
    assert client.post(url)["Location"] == detail
    application.refresh_from_db()
    assert application.status == S.APPROVED


@pytest.mark.django_db
def test_an_answer_racing_an_officer_is_refused_and_keeps_the_text(
    client, monkeypatch, service_page, office
):
    application = submit_application(service_page, office=office)
    officer = registrar(office)
    application = application_return(
        application=application,
        officer=officer,
        expected_version=application.version,
        message="Upload the lease contract.",
    )
    client.force_login(application.applicant)
    url = f"/en/my/applications/{application.reference}/answer/"
    assert client.get(url).status_code == 200

    # The applicant's request reads the application just before an officer takes it.
    read_before = Application.objects.get(pk=application.pk)
    application_claim(
        application=application, officer=officer, expected_version=application.version
    )
    monkeypatch.setattr(
        "portal.tracking.views.application_get_for_applicant", lambda **kwargs: read_before
    )
    answer = client.post(url, {"message": "Here is the lease, signed by the owner."})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "The office changed your application while you were writing" in html
    assert "Here is the lease, signed by the owner." in html
    application.refresh_from_db()
    assert application.status == S.ACTION_REQUIRED
    assert not application.events.filter(kind=Event.Kind.RESUBMITTED).exists()
