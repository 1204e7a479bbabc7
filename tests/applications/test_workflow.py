"""The workflow engine: stages, who may act, working-day due dates, and one winner per race."""

import datetime
import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from payments.services import payment_record_cash
from portal.applications.models import Application, Event, Stage, Workflow
from portal.applications.workflow import (
    ActionRefused,
    AlreadyHandled,
    application_approve,
    application_claim,
    application_forward,
    application_reject,
    application_resubmit,
    application_return,
    application_take_next,
    officer_may_act,
    queue_for_officer,
)
from portal.notifications.models import OutboxMessage
from tests.factories import OfficeFactory, OfficerFactory, submit_application

S = Application.Status


def officer(group: str, *offices):
    user = OfficerFactory(offices=list(offices))
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def office(db):
    return OfficeFactory(country="KH", time_zone="Asia/Phnom_Penh")


@pytest.fixture
def application(service_page, office):
    return submit_application(service_page, office=office)


def stage_names(workflow):
    return list(workflow.stages.order_by("sort_order").values_list("name", flat=True))


@pytest.mark.django_db
def test_the_default_workflow_is_the_one_window_chain():
    workflow = Workflow.objects.get(is_default=True)
    assert stage_names(workflow) == [
        "Registration",
        "Cashier",
        "Office chief's check",
        "Technical review",
        "Office chief's opinion",
        "Administrative director's opinion",
        "Authorised decision",
        "Returned to the customer",
    ]
    assert workflow.stages.get(kind=Stage.Kind.PAYMENT).name_in("km") == "បេឡា"


@pytest.mark.django_db
def test_a_submitted_application_waits_at_the_first_stage_with_a_due_date(application):
    assert application.stage.name == "Registration"
    assert application.due_date is not None
    assert application.due_date >= timezone.localdate() - datetime.timedelta(days=1)


@pytest.mark.django_db
def test_one_application_walks_the_whole_chain(application, office):
    def act(group, action=application_forward, **extra):
        nonlocal application
        user = officer(group, office)
        application = action(
            application=application, officer=user, expected_version=application.version, **extra
        )
        return user

    act("Registration officers", note="Documents complete")
    assert application.stage.kind == Stage.Kind.PAYMENT and application.status == S.IN_REVIEW
    cashier = officer("Cashiers", office)
    with pytest.raises(ActionRefused, match="fee is not paid"):
        application_forward(
            application=application, officer=cashier, expected_version=application.version
        )
    payment_record_cash(
        application_id=application.pk,
        amount=application.fee_total,
        fee_amount=application.fee_total,
        currency=application.fee_currency,
        cashier=cashier,
    )
    application.refresh_from_db()
    # Paid: nothing is left to do at the cashier's, so it moves on by itself.
    assert application.stage.name == "Office chief's check"
    act("Office chiefs")
    act("Technical officers")
    act("Office chiefs")
    act("Administrative directors")
    assert application.stage.kind == Stage.Kind.DECISION
    with pytest.raises(ActionRefused, match="approve or reject"):
        act("Decision-makers")
    act("Decision-makers", action=application_approve, note="Granted")
    assert application.status == S.APPROVED
    assert application.stage.kind == Stage.Kind.ISSUANCE
    kinds = list(application.events.values_list("kind", flat=True))
    assert kinds.count(Event.Kind.FORWARDED) == 6 and Event.Kind.APPROVED in kinds
    by_itself = application.events.get(kind=Event.Kind.FORWARDED, actor=None)
    assert by_itself.to_stage.name == "Office chief's check" and not by_itself.visible_to_applicant
    timeline = application.events.filter(visible_to_applicant=True)
    assert timeline.count() == 1 + 5 + 1 + 1  # submitted, five moves, fee paid, approved


@pytest.mark.django_db
def test_only_officers_of_the_group_and_office_may_act(application, office):
    right = officer("Registration officers", office)
    wrong_group = officer("Cashiers", office)
    wrong_office = officer("Registration officers", OfficeFactory())
    assert officer_may_act(user=right, application=application)
    for user in (wrong_group, wrong_office, OfficerFactory(offices=[office])):
        assert not officer_may_act(user=user, application=application)
        with pytest.raises(ActionRefused, match="Only officers of this stage"):
            application_forward(
                application=application, officer=user, expected_version=application.version
            )
    assert list(queue_for_officer(user=right)) == [application]
    assert not queue_for_officer(user=wrong_office).exists()


@pytest.mark.django_db
def test_returning_for_information_pauses_the_clock_and_the_answer_resumes_it(application, office):
    registrar = officer("Registration officers", office)
    with pytest.raises(ActionRefused, match="Say what"):
        application_return(
            application=application,
            officer=registrar,
            expected_version=application.version,
            message=" ",
            note="An internal note is not a request",
        )
    returned = application_return(
        application=application,
        officer=registrar,
        expected_version=application.version,
        message="The passport copy is unreadable: upload a clearer scan.",
    )
    assert returned.status == S.ACTION_REQUIRED
    assert returned.due_date is None and returned.paused_days_left >= 1
    assert OutboxMessage.objects.filter(body__contains="passport copy is unreadable").exists()
    resumed = application_resubmit(
        application=returned, applicant=returned.applicant, note="A clearer scan is attached."
    )
    assert resumed.status == S.IN_REVIEW
    assert resumed.stage == application.stage  # back to the same stage
    assert resumed.due_date is not None and resumed.paused_days_left is None


@pytest.mark.django_db
def test_a_rejection_needs_a_reason_and_tells_the_applicant(application, office):
    registrar = officer("Registration officers", office)
    with pytest.raises(ActionRefused, match="cannot reject"):
        application_reject(
            application=application,
            officer=registrar,
            expected_version=application.version,
            message="No",
        )
    Stage.objects.filter(pk=application.stage_id).update(can_reject=True)
    application.refresh_from_db()
    with pytest.raises(ActionRefused, match="why the application is rejected"):
        application_reject(
            application=application,
            officer=registrar,
            expected_version=application.version,
            message="  ",
            note="Looks forged to me",
        )
    assert application.events.filter(kind=Event.Kind.REJECTED).count() == 0
    rejected = application_reject(
        application=application,
        officer=registrar,
        expected_version=application.version,
        message="The land title belongs to someone else.",
        note="Checked with the land office by phone",
    )
    assert rejected.status == S.REJECTED
    told = OutboxMessage.objects.filter(recipient=application.applicant.email).last()
    assert "Rejected" in told.subject
    assert "The land title belongs to someone else." in told.body
    assert "land office by phone" not in told.body


@pytest.mark.django_db(transaction=True)
def test_two_officers_acting_at_once_make_exactly_one_transition(application, office):
    first, second = (
        officer("Registration officers", office),
        officer("Registration officers", office),
    )
    barrier = threading.Barrier(2)
    outcomes = {}

    def forward(user):
        try:
            barrier.wait()
            application_forward(
                application=Application.objects.get(pk=application.pk),
                officer=user,
                expected_version=application.version,
                note=f"by {user.email}",
            )
            outcomes[user.pk] = "moved"
        except AlreadyHandled as handled:
            outcomes[user.pk] = str(handled)
        finally:
            connection.close()

    threads = [threading.Thread(target=forward, args=(user,)) for user in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome == "moved" for outcome in outcomes.values()) == [False, True]
    loser = next(outcome for outcome in outcomes.values() if outcome != "moved")
    assert "already handled by" in loser
    assert Event.objects.filter(kind=Event.Kind.FORWARDED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_take_next_never_gives_one_application_to_two_officers(service_page, office):
    for _ in range(3):
        submit_application(service_page, office=office)
    officers = [officer("Registration officers", office) for _ in range(5)]
    barrier = threading.Barrier(5)
    taken = []

    def take(user):
        try:
            barrier.wait()
            got = application_take_next(officer=user)
            taken.append(got.pk if got else None)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(user,)) for user in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    got = [pk for pk in taken if pk]
    assert len(got) == 3 and len(set(got)) == 3
    assert taken.count(None) == 2


@pytest.mark.django_db
def test_claiming_what_someone_else_holds_is_refused(application, office):
    first, second = (
        officer("Registration officers", office),
        officer("Registration officers", office),
    )
    claimed = application_claim(
        application=application, officer=first, expected_version=application.version
    )
    with pytest.raises(ActionRefused, match="already working on it"):
        application_claim(application=claimed, officer=second, expected_version=claimed.version)


def walk_to_issuance(application, office):
    """Through every stage up to issuance, the fee paid at the cashier."""
    from payments.services import payment_record_cash as record

    for group in (
        "Registration officers",
        "Cashiers",
        "Office chiefs",
        "Technical officers",
        "Office chiefs",
        "Administrative directors",
    ):
        user = officer(group, office)
        if group == "Cashiers":
            record(
                application_id=application.pk,
                amount=application.fee_total,
                fee_amount=application.fee_total,
                currency=application.fee_currency,
                cashier=user,
            )
            application.refresh_from_db()  # paid: it moved on by itself
            continue
        application = application_forward(
            application=application, officer=user, expected_version=application.version
        )
    return application_approve(
        application=application,
        officer=officer("Decision-makers", office),
        expected_version=application.version,
    )


@pytest.mark.django_db
def test_issuing_the_result_gives_a_code_the_public_page_checks(client, application, office):
    from django.contrib.auth.models import Permission

    from portal.applications.workflow import (
        application_complete,
        application_issue,
        certificate_revoke,
    )

    application = walk_to_issuance(application, office)
    clerk = officer("Registration officers", office)
    certificate = application_issue(
        application=application, officer=clerk, expected_version=application.version
    )
    assert certificate.code.startswith("C-") and certificate.is_valid
    valid = client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert "Valid" in valid and certificate.holder in valid and application.service_title in valid
    assert client.get("/en/verify/C-NOPE-NOPE-X/").status_code == 404
    assert "Not found" in client.get("/en/verify/", {"code": "C-NOPE-NOPE-X"}).content.decode()

    application.refresh_from_db()
    done = application_complete(
        application=application, officer=clerk, expected_version=application.version
    )
    assert done.status == S.COMPLETED

    chief = officer("Office chiefs", office)
    chief.user_permissions.add(Permission.objects.get(codename="assign_application"))
    certificate_revoke(certificate=certificate, officer=chief, reason="Issued on a forged deed")
    revoked = client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert "Revoked" in revoked and "Issued on a forged deed" in revoked
    assert "Do not accept it" in revoked
    told = OutboxMessage.objects.filter(recipient=application.applicant.email).last()
    assert "Issued on a forged deed" in told.body and "Result revoked" in told.subject

    # Once: a second revocation changes nothing and tells nobody.
    messages = OutboxMessage.objects.count()
    again = certificate_revoke(certificate=certificate, officer=chief, reason="Another reason")
    assert again.revoked_reason == "Issued on a forged deed"
    assert OutboxMessage.objects.count() == messages
    assert application.events.filter(kind=Event.Kind.REVOKED).count() == 1


@pytest.mark.django_db
def test_the_certificate_prints_with_a_qr_code_to_its_check(client, application, office):
    application = walk_to_issuance(application, office)
    clerk = officer("Registration officers", office)
    client.force_login(clerk)
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "Issue the result" in page
    client.post(
        f"/admin/applications/{application.pk}/act/issue/",
        {"version": application.version, "valid_until": "2031-12-31"},
    )
    application.refresh_from_db()
    printed = client.get(f"/admin/applications/{application.pk}/certificate/").content.decode()
    result = application.certificates.get()
    assert result.code in printed and "<svg" in printed
    assert f"/en/verify/{result.code}/" in printed
    assert result.valid_until.year == 2031
