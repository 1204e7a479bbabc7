"""The officers' queue in the admin: filters, due flags, take next, and acting on a page."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from portal.applications.models import Application, Event
from tests.factories import OfficeFactory, OfficerFactory, submit_application


def registrar(*offices):
    user = OfficerFactory(offices=list(offices))
    user.groups.add(Group.objects.get(name="Registration officers"))
    return user


@pytest.fixture
def office(db):
    return OfficeFactory()


@pytest.fixture
def application(service_page, office):
    return submit_application(service_page, office=office)


@pytest.mark.django_db
def test_the_queue_shows_stage_due_date_and_flags_overdue(client, application, office):
    Application.objects.filter(pk=application.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(registrar(office))
    html = client.get("/admin/applications/").content.decode()
    assert application.reference in html and "Registration" in html and "Overdue" in html
    mine = client.get("/admin/applications/", {"queue": "mine", "due": "overdue"})
    assert application.reference in mine.content.decode()
    soon = client.get("/admin/applications/", {"due": "soon"})
    assert application.reference not in soon.content.decode()
    assigned = client.get("/admin/applications/", {"queue": "assigned"})
    assert application.reference not in assigned.content.decode()


@pytest.mark.django_db
def test_take_next_then_forward_with_a_note_from_the_admin(client, application, office):
    officer = registrar(office)
    client.force_login(officer)
    taken = client.post("/admin/applications/take-next/")
    assert taken["Location"] == f"/admin/applications/inspect/{application.pk}/"
    page = client.get(taken["Location"]).content.decode()
    assert "Send to the next stage" in page and "Return to the applicant" in page
    application.refresh_from_db()
    assert application.assignee == officer

    url = f"/admin/applications/{application.pk}/act/forward/"
    assert "Send to the next stage" in client.get(url).content.decode()
    moved = client.post(url, {"version": application.version, "note": "All documents there"})
    assert moved["Location"] == f"/admin/applications/inspect/{application.pk}/"
    application.refresh_from_db()
    assert application.stage.name == "Cashier"
    assert client.post("/admin/applications/take-next/")["Location"] == "/admin/applications/"


@pytest.mark.django_db
def test_acting_on_an_old_copy_says_who_acted_and_keeps_the_note(client, application, office):
    first, second = registrar(office), registrar(office)
    read_version = application.version
    client.force_login(first)
    client.post(f"/admin/applications/{application.pk}/act/forward/", {"version": read_version})
    client.force_login(second)
    late = client.post(
        f"/admin/applications/{application.pk}/act/return/",
        {"version": read_version, "message": "Missing the lease contract"},
    )
    html = late.content.decode()
    assert late.status_code == 200
    assert "already handled by" in html and str(first) in html
    assert "Missing the lease contract" in html
    assert not Event.objects.filter(kind=Event.Kind.RETURNED).exists()


@pytest.mark.django_db
def test_officers_of_another_office_get_404_and_other_groups_cannot_act(
    client, application, office
):
    client.force_login(registrar(OfficeFactory()))
    assert client.get(f"/admin/applications/inspect/{application.pk}/").status_code == 404
    assert (
        client.post(
            f"/admin/applications/{application.pk}/act/forward/",
            {"version": application.version},
        ).status_code
        == 404
    )
    cashier = OfficerFactory(offices=[office])
    cashier.groups.add(Group.objects.get(name="Cashiers"))
    client.force_login(cashier)
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "Send to the next stage" not in page
    refused = client.post(
        f"/admin/applications/{application.pk}/act/forward/", {"version": application.version}
    )
    assert "Only officers of this stage" in refused.content.decode()


@pytest.mark.django_db
def test_a_return_needs_a_message_and_the_applicant_sees_it(client, application, office):
    client.force_login(registrar(office))
    url = f"/admin/applications/{application.pk}/act/return/"
    empty = client.post(url, {"version": application.version, "note": "x", "message": " "})
    assert "Write what the applicant" in empty.content.decode()
    client.post(url, {"version": application.version, "message": "Upload a clearer ID scan"})
    application.refresh_from_db()
    assert application.status == Application.Status.ACTION_REQUIRED
    listing = client.get("/admin/applications/").content.decode()
    assert "Paused" in listing


@pytest.mark.django_db
def test_the_queue_at_100000_applications_takes_as_many_queries_as_at_10(
    client, service_page, office
):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ServicePageOffice = __import__("cms.models", fromlist=["ServicePageOffice"]).ServicePageOffice
    ServicePageOffice.objects.create(page=service_page, office=office)
    officer = registrar(office)
    client.force_login(officer)

    def queries(**params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/applications/", params).status_code == 200
        return len(captured)

    # The session's first visit writes its times once; later ones within the minute do not,
    # and the session clock stands still however long seeding 100,000 rows takes.
    client.get("/admin/applications/")
    call_command("seed_applications", 10, "--not-production", stdout=__import__("io").StringIO())
    Application.objects.update(office=office)
    few = queries(queue="mine")
    found_in_few = queries(q="seed")  # every seeded applicant's address: rows to show
    call_command(
        "seed_applications", 100_000, "--not-production", stdout=__import__("io").StringIO()
    )
    Application.objects.update(office=office)
    many = queries(queue="mine")
    many_per_page = queries(queue="mine", per_page=100)
    overdue = queries(queue="mine", due="overdue", per_page=100)
    found_in_many = queries(q="seed")
    counts = (few, many, many_per_page, overdue, found_in_few, found_in_many)
    assert len(set(counts)) == 1, counts


@pytest.mark.django_db
def test_a_chief_assigns_to_an_officer_of_the_stage(client, application, office):
    from django.contrib.auth.models import Permission

    chief = registrar(office)
    chief.user_permissions.add(Permission.objects.get(codename="assign_application"))
    clerk = registrar(office)
    outsider = registrar(OfficeFactory())
    client.force_login(chief)
    url = f"/admin/applications/{application.pk}/act/assign/"
    page = client.get(url).content.decode()
    assert str(clerk) in page and str(outsider) not in page
    client.post(url, {"version": application.version, "officer": clerk.pk})
    application.refresh_from_db()
    assert application.assignee == clerk
    client.force_login(clerk)
    mine = client.get("/admin/applications/", {"queue": "assigned"}).content.decode()
    assert application.reference in mine
    assert (
        "/act/assign/"
        not in client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    )
