"""The result an office issues: never born expired, and issued again by a chief when it was
wrong (a new code; the old one revoked with the reason; the holder told once)."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from portal.applications.models import Application, Certificate, Event
from portal.applications.workflow import application_issue
from portal.notifications.models import OutboxMessage
from tests.applications.test_workflow import walk_to_issuance
from tests.factories import OfficeFactory, OfficerFactory, submit_application


def officer(group, office, *codenames):
    user = OfficerFactory(offices=[office])
    user.groups.add(Group.objects.get(name=group))
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def office(db):
    return OfficeFactory(name="Xaysetha District")


@pytest.fixture
def approved(service_page, office):
    """An application approved, its fee paid, at the stage that issues its result."""
    return walk_to_issuance(submit_application(service_page, office=office), office)


def days(count: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=count)).isoformat()


@pytest.mark.django_db
def test_a_result_valid_until_a_day_gone_is_refused_next_to_the_field(client, approved, office):
    client.force_login(officer("Registration officers", office))
    url = f"/admin/applications/{approved.pk}/act/issue/"
    refused = client.post(
        url,
        {"version": approved.version, "valid_until": days(-1), "message": "Collect it Monday"},
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "A result cannot end before the day it is issued" in html
    # Next to the field, and what was typed is still there.
    field = html[html.index('name="valid_until"') - 2500 : html.index('name="valid_until"') + 200]
    assert "A result cannot end before the day it is issued" in field
    assert "Collect it Monday" in html
    assert not Certificate.objects.exists()

    done = client.post(url, {"version": approved.version, "valid_until": days(0)})
    assert done.status_code == 302
    assert Certificate.objects.get().is_valid


@pytest.mark.django_db
def test_the_workflow_itself_refuses_a_result_born_expired(approved, office):
    from portal.applications.workflow import ActionRefused

    with pytest.raises(ActionRefused, match="cannot end before the day it is issued"):
        application_issue(
            application=approved,
            officer=officer("Registration officers", office),
            expected_version=approved.version,
            valid_until=timezone.localdate() - datetime.timedelta(days=30),
        )


@pytest.fixture
def born_expired(approved, office):
    """A result issued before dates in the past were refused: expired from its first day."""
    certificate = application_issue(
        application=approved,
        officer=officer("Registration officers", office),
        expected_version=approved.version,
    )
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=datetime.date(2020, 1, 1))
    certificate.refresh_from_db()
    return certificate


@pytest.mark.django_db
def test_a_chief_issues_the_result_again_and_the_holder_is_told_once(client, born_expired, office):
    application = born_expired.application
    application.refresh_from_db()
    assert "Expired" in client.get(f"/en/verify/{born_expired.code}/").content.decode()

    clerk = officer("Registration officers", office)
    client.force_login(clerk)
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "/act/reissue/" not in page
    url = f"/admin/applications/{application.pk}/act/reissue/"
    refused = client.post(url, {"version": application.version, "message": "x"})
    assert "Only a chief of the application&#x27;s office" in refused.content.decode()

    chief = officer("Office chiefs", office, "assign_application")
    client.force_login(chief)
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "Issue the result again" in page
    form = client.get(url).content.decode()
    assert 'name="valid_until"' in form and 'name="message"' in form

    past = client.post(
        url, {"version": application.version, "valid_until": days(-1), "message": "Wrong date"}
    )
    assert "A result cannot end before the day it is issued" in past.content.decode()
    no_reason = client.post(url, {"version": application.version, "valid_until": days(365)})
    assert "Give the reason" in no_reason.content.decode()
    assert Certificate.objects.count() == 1

    before = OutboxMessage.objects.filter(recipient=application.applicant.email).count()
    done = client.post(
        url,
        {
            "version": application.version,
            "valid_until": days(365),
            "message": "The validity date was typed wrong.",
            "note": "Caught at the counter",
        },
    )
    assert done["Location"] == f"/admin/applications/inspect/{application.pk}/"

    old, new = (
        Certificate.objects.get(pk=born_expired.pk),
        Certificate.objects.exclude(pk=born_expired.pk).get(),
    )
    assert new.code != old.code and new.is_valid and new.valid_until.isoformat() == days(365)
    assert old.revoked_at and old.revoked_reason == "The validity date was typed wrong."
    assert new.issued_by == chief and new.holder == old.holder

    # The public check: the old code says revoked and why; the new one is valid.
    checked_old = client.get(f"/en/verify/{old.code}/").content.decode()
    assert "Revoked" in checked_old and "The validity date was typed wrong." in checked_old
    assert "Valid" in client.get(f"/en/verify/{new.code}/").content.decode()

    # The holder is told once, with the reason, and their page gives the new result.
    told = OutboxMessage.objects.filter(recipient=application.applicant.email)
    assert told.count() == before + 1
    assert "The validity date was typed wrong." in told.last().body
    assert "Caught at the counter" not in told.last().body
    event = application.events.get(kind=Event.Kind.REISSUED)
    assert event.actor == chief and old.code in event.note and new.code in event.note

    client.force_login(application.applicant)
    mine = client.get(f"/en/my/applications/{application.reference}/").content.decode()
    assert new.code in mine and old.code not in mine

    # Officers print the new one, and see the old one revoked on the application's page.
    client.force_login(chief)
    printed = client.get(f"/admin/applications/{application.pk}/certificate/").content.decode()
    assert new.code in printed and old.code not in printed
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert new.code in page and old.code in page


@pytest.mark.django_db
def test_a_revoked_result_can_be_issued_again_and_the_application_handed_over(
    client, born_expired, office
):
    from portal.applications.workflow import certificate_revoke

    chief = officer("Office chiefs", office, "assign_application")
    certificate_revoke(certificate=born_expired, officer=chief, reason="Wrong holder name")
    application = Application.objects.get(pk=born_expired.application_id)
    client.force_login(officer("Registration officers", office))
    complete = f"/admin/applications/{application.pk}/act/complete/"
    refused = client.post(complete, {"version": application.version})
    assert "Issue the result first" in refused.content.decode()

    client.force_login(chief)
    client.post(
        f"/admin/applications/{application.pk}/act/reissue/",
        {"version": application.version, "message": "Holder's name corrected"},
    )
    assert Certificate.objects.filter(application=application, revoked_at=None).count() == 1
    # The old one keeps the reason it was revoked for.
    assert Certificate.objects.get(pk=born_expired.pk).revoked_reason == "Wrong holder name"
    application.refresh_from_db()
    client.force_login(officer("Registration officers", office))
    assert client.post(complete, {"version": application.version}).status_code == 302
