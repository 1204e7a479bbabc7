""" "What happens next" says what is true where the application stands, on the applicant's page
and on the public look-up, in their language."""

import re

import pytest
from bs4 import BeautifulSoup

from payments.services import payment_waive
from portal.applications.models import Application, Certificate
from tests.factories import OfficerFactory, UserFactory, submit_application

S = Application.Status

# (status, the fee: "due" (unpaid, due on submission), "on_approval" (unpaid, due then),
# "settled", "unknown" (the office sets it) or "free"; a result issued?) -> what it says.
CASES = [
    (S.SUBMITTED, "free", False, "An officer will check your application and documents."),
    (S.SUBMITTED, "due", False, "Pay the fee: the office goes on with your application"),
    (S.IN_REVIEW, "settled", False, "Officers are reviewing your application."),
    (S.IN_REVIEW, "on_approval", False, "Officers are reviewing your application."),
    (S.ACTION_REQUIRED, "due", False, "It is your turn: answer what the office asked."),
    (S.APPROVED, "on_approval", False, "approved. Pay the fee: the office issues your result"),
    (S.APPROVED, "unknown", False, "approved. The office will tell you the fee"),
    (S.APPROVED, "settled", False, "approved. The office is preparing your result"),
    (S.APPROVED, "free", False, "approved. The office is preparing your result"),
    (S.APPROVED, "settled", True, "Your result is ready. Collect it at the office"),
    (S.COMPLETED, "settled", True, "Your application is complete and its result was handed"),
    (S.REJECTED, "due", False, "The office rejected your application: its reason is under"),
    (S.WITHDRAWN, "due", False, "You withdrew this application"),
]
NOT_TRUE_ONCE_DECIDED = "An officer will check your application"
SCRIPT = {"lo": re.compile("[\u0e80-\u0eff]"), "km": re.compile("[\u1780-\u17ff]")}


def in_state(service_page, applicant, status, fee, issued) -> Application:
    application = submit_application(service_page, applicant=applicant)
    snapshot = dict(application.fee_snapshot)
    if fee == "free":
        snapshot.update(total=0, lines=[])
    elif fee == "unknown":
        snapshot.update(total=None)
    elif fee == "on_approval":
        snapshot.update(due="approval")
    Application.objects.filter(pk=application.pk).update(status=status, fee_snapshot=snapshot)
    application.refresh_from_db()
    if fee == "settled":
        payment_waive(
            application_id=application.pk,
            amount=application.fee_total,
            currency=application.fee_currency,
            supervisor=OfficerFactory(),
            reason="Test",
        )
    if issued:
        Certificate.objects.create(
            code=f"C-{application.reference}",
            application=application,
            holder="Noy Sisouk",
            service_title=application.service_title,
            issued_by=OfficerFactory(),
        )
    return application


def next_step(response) -> str:
    found = BeautifulSoup(response.content, "html.parser").select_one("#next-step")
    return " ".join(found.get_text(" ").split()) if found else ""


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "fee", "issued", "says"), CASES)
def test_what_happens_next_is_true_at_each_status(client, service_page, status, fee, issued, says):
    applicant = UserFactory()
    application = in_state(service_page, applicant, status, fee, issued)
    client.force_login(applicant)
    page = client.get(f"/en/my/applications/{application.reference}/")
    assert says in next_step(page)
    if status not in (S.SUBMITTED, S.IN_REVIEW):
        assert NOT_TRUE_ONCE_DECIDED not in next_step(page)
    for language, script in SCRIPT.items():
        translated = next_step(client.get(f"/{language}/my/applications/{application.reference}/"))
        assert script.search(translated) and not re.search("[A-Za-z]{4}", translated), (
            language,
            translated,
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "fee", "issued", "says"), [case for case in CASES if case[0] != S.ACTION_REQUIRED]
)
def test_the_look_up_says_what_happens_next_too(client, service_page, status, fee, issued, says):
    application = in_state(service_page, UserFactory(), status, fee, issued)
    found = {"reference": application.reference, "pin": application.tracking_pin}
    assert says in next_step(client.post("/en/track/", found))
    assert SCRIPT["lo"].search(next_step(client.post("/lo/track/", found)))
