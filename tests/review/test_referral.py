"""A referral to another office, through the admin pages officers use: the other office
works it (queue, take next, documents, opinion), the referring office reads it and gets it
back; and a stage that names its own office works the same way."""

import datetime
import re
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.formats import date_format

from portal.applications.models import Application, Event, Referral, Stage
from portal.applications.services import NewDocument
from portal.applications.workflow import application_forward, application_refer
from tests.conftest import make_pdf
from tests.factories import OfficeFactory, OfficerFactory, submit_application

S = Application.Status


def officer(group, *offices):
    user = OfficerFactory(offices=list(offices))
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def district(db):
    return OfficeFactory(name="Xaysetha District", country="LA", time_zone="Asia/Vientiane")


@pytest.fixture
def tax_branch(db):
    return OfficeFactory(name="Tax branch", country="KH", time_zone="Asia/Phnom_Penh")


def at_technical_review(service_page, district):
    """A submitted application (with a document), walked to the technical review stage."""
    application = submit_application(
        service_page,
        office=district,
        documents=[NewDocument("identity_document", make_pdf("deed.pdf"), "application/pdf")],
    )
    technical = Stage.objects.get(workflow=application.workflow, name="Technical review")
    Application.objects.filter(pk=application.pk).update(stage=technical, status=S.IN_REVIEW)
    application.refresh_from_db()
    return application


@pytest.mark.django_db
def test_a_referral_round_trip_through_the_admin(client, service_page, district, tax_branch):
    application = at_technical_review(service_page, district)
    technician = officer("Technical officers", district)
    at_tax = officer(None, tax_branch)  # any officer of the tax branch gives its opinion
    inspect = f"/admin/applications/inspect/{application.pk}/"

    # The technician refers it to the tax branch, with a question and a deadline.
    client.force_login(technician)
    assert "Refer to another office" in client.get(inspect).content.decode()
    refer = client.post(
        f"/admin/applications/{application.pk}/act/refer/",
        {
            "version": application.version,
            "office": tax_branch.pk,
            "days": 3,
            "note": "Is the tax registration in order?",
        },
    )
    assert refer.status_code == 302
    referral = Referral.objects.get(application=application)
    assert referral.to_office == tax_branch and referral.from_office == district
    application.refresh_from_db()
    assert application.referred_to == tax_branch and application.due_date == referral.due_date

    # The referring office reads it, says where it is, and cannot act.
    page = client.get(inspect).content.decode()
    date = date_format(timezone.localdate(referral.referred_at), "DATE_FORMAT")
    due = date_format(referral.due_date, "DATE_FORMAT")
    assert f"Referred to Tax branch on {date}, due {due}." in page
    assert "Only officers of Tax branch act on it" in page
    # Nothing to do but take it back.
    assert re.findall(r"/act/(\w+)/", page) == ["recall"]
    refused = client.post(
        f"/admin/applications/{application.pk}/act/forward/", {"version": application.version}
    )
    assert "Only officers of this stage" in refused.content.decode()
    assert client.post("/admin/applications/take-next/")["Location"] == "/admin/applications/"

    # The tax branch finds it in its queue, takes it, reads it and its documents.
    client.force_login(at_tax)
    mine = client.get("/admin/applications/", {"queue": "mine"}).content.decode()
    assert application.reference in mine
    taken = client.post("/admin/applications/take-next/")
    assert taken["Location"] == inspect
    page = client.get(inspect).content.decode()
    assert "Is the tax registration in order?" in page
    assert "Give your office&#x27;s opinion and send it back" in page
    assert "/act/forward/" not in page and "/act/reject/" not in page
    document = application.documents.get()
    download = client.get(f"/files/{document.pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    forward = client.post(
        f"/admin/applications/{application.pk}/act/forward/",
        {"version": Application.objects.get(pk=application.pk).version},
    )
    assert "only sending it back is possible" in forward.content.decode()

    # It sends its opinion back; an opinion is required.
    application.refresh_from_db()
    url = f"/admin/applications/{application.pk}/act/receive_back/"
    empty = client.post(url, {"version": application.version, "note": " "})
    assert "Write your office&#x27;s opinion." in empty.content.decode()
    back = client.post(
        url, {"version": application.version, "note": "Registered, no tax owed: no objection."}
    )
    assert back.status_code == 302
    application.refresh_from_db()
    assert application.referred_to is None and application.stage.name == "Technical review"
    referral.refresh_from_db()
    assert referral.answered_by == at_tax and referral.opinion.startswith("Registered")
    # The tax branch keeps reading what it answered, but no longer acts.
    assert "/act/" not in client.get(inspect).content.decode()
    assert client.post("/admin/applications/take-next/")["Location"] == "/admin/applications/"

    # Back home: the technician reads the opinion, takes it next and moves it on.
    client.force_login(technician)
    page = client.get(inspect).content.decode()
    assert "Registered, no tax owed: no objection." in page and "/act/forward/" in page
    assert client.post("/admin/applications/take-next/")["Location"] == inspect
    application.refresh_from_db()
    moved = client.post(
        f"/admin/applications/{application.pk}/act/forward/", {"version": application.version}
    )
    assert moved.status_code == 302
    application.refresh_from_db()
    assert application.stage.name == "Office chief's opinion"

    # The applicant saw it leave and come back, not what the offices wrote to each other.
    timeline = list(
        application.events.filter(visible_to_applicant=True).values_list("kind", "message")
    )
    assert (Event.Kind.REFERRED, "") in timeline and (Event.Kind.RECEIVED_BACK, "") in timeline


@pytest.mark.django_db
def test_the_referral_is_due_in_working_days_of_the_office_it_went_to(
    monkeypatch, service_page, district, tax_branch
):
    application = at_technical_review(service_page, district)
    # Friday 20 November 2026, 9:00 in Vientiane. Cambodia's water festival closes its offices
    # on Monday 23 to Wednesday 25; Laos works those days.
    friday = datetime.datetime(2026, 11, 20, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Vientiane"))
    monkeypatch.setattr(timezone, "now", lambda: friday)
    referred = application_refer(
        application=application,
        officer=officer("Technical officers", district),
        expected_version=application.version,
        office=tax_branch,
        days=2,
    )
    assert referred.due_date == datetime.date(2026, 11, 26)  # not Monday 23, as in Laos


@pytest.mark.django_db
def test_a_stage_with_its_own_office_is_worked_there(client, service_page, district):
    province = OfficeFactory(name="Provincial planning department")
    application = at_technical_review(service_page, district)
    Stage.objects.filter(workflow=application.workflow, name="Office chief's opinion").update(
        office=province
    )
    technician = officer("Technical officers", district)
    application = application_forward(
        application=application, officer=technician, expected_version=application.version
    )
    chief_at_home = officer("Office chiefs", district)
    chief_there = officer("Office chiefs", province)
    inspect = f"/admin/applications/inspect/{application.pk}/"

    client.force_login(chief_there)
    assert application.reference in client.get("/admin/applications/").content.decode()
    assert client.post("/admin/applications/take-next/")["Location"] == inspect
    assert "/act/forward/" in client.get(inspect).content.decode()

    client.force_login(chief_at_home)
    page = client.get(inspect).content.decode()
    assert "Waiting for: Office chiefs of Provincial planning department" in page
    assert "/act/" not in page
    assert client.post("/admin/applications/take-next/")["Location"] == "/admin/applications/"
