"""A fee paid online moves the application on from the cashier's stage by itself (with an Event
in its history); when it must still wait there, its page says why."""

import pytest
from django.contrib.auth.models import Group, Permission

from portal.applications.models import Application, Event, Stage
from portal.core.money import money_format
from tests.factories import OfficeFactory, OfficerFactory, submit_application


def officer(office, group, *codenames):
    user = OfficerFactory(offices=[office])
    user.groups.add(Group.objects.get(name=group))
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def office(db):
    return OfficeFactory(name="Xaysetha District")


def forward(client, application):
    application.refresh_from_db()
    response = client.post(
        f"/admin/applications/{application.pk}/act/forward/", {"version": application.version}
    )
    assert response.status_code == 302
    application.refresh_from_db()


def start_paying(client, application):
    """The applicant presses "Pay now", chooses the demo gateway, and lands on its page."""
    client.force_login(application.applicant)
    chosen = client.post(f"/en/my/applications/{application.reference}/pay/", {"method": "demo"})
    return chosen["Location"]


def admin_page(client, application, officer) -> str:
    client.force_login(officer)
    return client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()


@pytest.mark.django_db
def test_paid_online_at_the_cashiers_stage_it_moves_on_by_itself(client, service_page, office):
    application = submit_application(service_page, office=office)
    clerk = officer(office, "Registration officers")
    client.force_login(clerk)
    forward(client, application)
    assert application.stage.kind == Stage.Kind.PAYMENT
    cashier = officer(office, "Cashiers")
    assert "The fee is not paid yet." in admin_page(client, application, cashier)

    checkout = start_paying(client, application)
    client.get(client.post(checkout, {"outcome": "succeed"})["Location"])

    page = admin_page(client, application, cashier)
    application.refresh_from_db()
    assert application.stage.name == "Office chief's check"
    assert "Waiting for: Office chiefs of Xaysetha District" in page
    assert "The fee is not paid yet." not in page
    moved = application.events.get(kind=Event.Kind.FORWARDED, actor=None)
    assert moved.to_stage == application.stage
    assert "No fee to collect at this stage now." in page  # the history says why it moved
    assert application.events.filter(kind=Event.Kind.FEE_PAID).count() == 1
    # Nothing is left for the cashier: it is not in their queue any more.
    client.force_login(cashier)
    queue = client.get("/admin/applications/", {"queue": "mine"}).content.decode()
    assert application.reference not in queue


@pytest.mark.django_db
def test_paid_online_before_it_reached_the_cashier_it_passes_straight_through(
    client, service_page, office
):
    application = submit_application(service_page, office=office)
    checkout = start_paying(client, application)
    client.post(checkout, {"outcome": "succeed"})
    client.force_login(officer(office, "Registration officers"))
    forward(client, application)
    assert application.stage.name == "Office chief's check"


@pytest.mark.django_db
def test_while_a_payment_is_under_way_the_page_says_so(client, service_page, office):
    application = submit_application(service_page, office=office)
    client.force_login(officer(office, "Registration officers"))
    forward(client, application)
    start_paying(client, application)  # and the applicant is still on the gateway's page

    cashier = officer(office, "Cashiers")
    page = admin_page(client, application, cashier)
    assert "A payment of the fee is under way online" in page
    assert "The fee is not paid yet." not in page


@pytest.mark.django_db
def test_a_payment_of_an_amount_that_is_not_the_fee_keeps_it_and_says_why(
    client, service_page, office
):
    application = submit_application(service_page, office=office)
    client.force_login(officer(office, "Registration officers"))
    forward(client, application)
    checkout = start_paying(client, application)  # LAK 50,000
    chief = officer(office, "Office chiefs", "set_fee", "waive_fee")
    paying = application.fee_total
    Application.objects.filter(pk=application.pk).update(
        fee_snapshot={**application.fee_snapshot, "total": paying * 2, "set_by_office": True}
    )
    client.force_login(application.applicant)
    client.post(checkout, {"outcome": "succeed"})

    page = admin_page(client, application, chief)
    application.refresh_from_db()
    assert application.stage.kind == Stage.Kind.PAYMENT
    paid, fee = (money_format(amount, "LAK") for amount in (paying, paying * 2))
    assert f"{paid} was paid, but the fee is {fee}" in page
    assert "Payments to review" in page
