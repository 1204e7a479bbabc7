"""What the applicant reads of what officers write: each action's internal note stays with
officers, and its message to the applicant reaches the applicant's page, the public look-up,
the email and the text message."""

import pytest
from django.contrib.auth.models import Group

from payments.services import payment_record_cash
from portal.applications.models import Application, Stage
from portal.notifications.models import OutboxMessage
from tests.factories import OfficeFactory, OfficerFactory, UserFactory, submit_application


def act(client, application, action, **data):
    application.refresh_from_db()
    response = client.post(
        f"/admin/applications/{application.pk}/act/{action}/",
        {"version": application.version, **data},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    application.refresh_from_db()


def told(note: str, message: str) -> dict:
    return {"note": note, "message": message}


def what_the_applicant_reads(client, application, pin, sms_outbox) -> str:
    """Everything the applicant can read: their page, the public look-up, emails, texts."""
    client.force_login(application.applicant)
    own = client.get(f"/en/my/applications/{application.reference}/").content.decode()
    client.logout()
    lookup = client.post(
        "/en/track/", {"reference": application.reference, "pin": pin}
    ).content.decode()
    emails = "\n".join(
        OutboxMessage.objects.filter(recipient=application.applicant.email).values_list(
            "body", flat=True
        )
    )
    texts = "\n".join(sms["text"] for sms in sms_outbox)
    stored_texts = "\n".join(
        OutboxMessage.objects.filter(channel="sms").values_list("body", flat=True)
    )
    return "\n".join([own, lookup, emails, texts, stored_texts])


@pytest.mark.django_db
def test_each_action_keeps_its_note_internal_and_delivers_its_message(
    client, admin_user, service_page, sms_outbox, django_capture_on_commit_callbacks
):
    office = OfficeFactory(name="Xaysetha District")
    other = OfficeFactory(name="Tax branch")
    applicant = UserFactory(phone="+8562055551234")
    application = submit_application(service_page, applicant=applicant, office=office)
    pin = application.tracking_pin
    client.force_login(admin_user)

    page = client.get(f"/admin/applications/{application.pk}/act/forward/").content.decode()
    assert "Internal note" in page and "Message to the applicant" in page
    page = client.get(f"/admin/applications/{application.pk}/act/claim/").content.decode()
    assert "Internal note" not in page and "Message to the applicant" not in page

    with django_capture_on_commit_callbacks(execute=True):
        act(client, application, "forward", **told("INTERNAL-forward", "MESSAGE-forward"))
        payment_record_cash(
            application_id=application.pk,
            amount=application.fee_total,
            fee_amount=application.fee_total,
            currency=application.fee_currency,
            cashier=admin_user,
        )
        act(client, application, "forward", **told("INTERNAL-check", ""))
        assert application.stage.name == "Technical review"
        act(
            client, application, "refer", office=other.pk, **told("INTERNAL-refer", "MESSAGE-refer")
        )
        act(client, application, "receive_back", note="INTERNAL-opinion")
        act(client, application, "return", **told("INTERNAL-return", "MESSAGE-return"))
        client.force_login(applicant)
        answer = client.post(
            f"/en/my/applications/{application.reference}/answer/",
            {"message": "MESSAGE-answer"},
        )
        assert answer.status_code == 302
        client.force_login(admin_user)
        for _stage in range(3):
            act(client, application, "forward", **told("INTERNAL-forward2", ""))
        assert application.stage.kind == Stage.Kind.DECISION
        act(client, application, "approve", **told("INTERNAL-approve", "MESSAGE-approve"))
        act(client, application, "issue", **told("INTERNAL-issue", "MESSAGE-issue"))
        act(client, application, "complete", **told("INTERNAL-complete", "MESSAGE-complete"))
        act(client, application, "revoke", message="MESSAGE-revoke")
        act(client, application, "note", note="INTERNAL-note")
    assert application.status == Application.Status.COMPLETED

    officers_page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    read = what_the_applicant_reads(client, application, pin, sms_outbox)
    assert "INTERNAL-" not in read
    for action in ("forward", "refer", "return", "approve", "issue", "complete", "revoke"):
        assert f"MESSAGE-{action}" in read, action
        assert f"MESSAGE-{action}" in officers_page, action
    for note in ("forward", "check", "refer", "opinion", "return", "approve", "issue", "note"):
        assert f"INTERNAL-{note}" in officers_page, note
    assert "MESSAGE-answer" in officers_page  # what the applicant wrote, to the officers


@pytest.mark.django_db
def test_a_rejection_tells_the_applicant_the_reason_and_not_the_note(
    client, service_page, sms_outbox, django_capture_on_commit_callbacks
):
    office = OfficeFactory()
    application = submit_application(
        service_page, applicant=UserFactory(phone="+8562055551234"), office=office
    )
    decision = Stage.objects.get(workflow=application.workflow, kind=Stage.Kind.DECISION)
    Application.objects.filter(pk=application.pk).update(stage=decision, status="in_review")
    decider = OfficerFactory(offices=[office])
    decider.groups.add(Group.objects.get(name="Decision-makers"))
    client.force_login(decider)
    url = f"/admin/applications/{application.pk}/act/reject/"
    application.refresh_from_db()
    no_reason = client.post(url, {"version": application.version, "note": "Forged, I think"})
    assert "Tell the applicant why the application is rejected." in no_reason.content.decode()
    assert "Forged, I think" in no_reason.content.decode()  # what was typed stays
    with django_capture_on_commit_callbacks(execute=True):
        act(
            client,
            application,
            "reject",
            **told("Forged, I think", "The deed does not match the land register."),
        )
    assert application.status == Application.Status.REJECTED
    read = what_the_applicant_reads(client, application, application.tracking_pin, sms_outbox)
    assert "The deed does not match the land register." in read
    assert "Forged, I think" not in read
