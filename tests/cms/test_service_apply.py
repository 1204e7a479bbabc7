import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.applications.models import Application, Document, Event
from tests.conftest import make_pdf, make_png
from tests.factories import UserFactory


def apply_url(service_page):
    return service_page.url + "apply/"


@pytest.mark.django_db
def test_an_anonymous_applicant_is_sent_to_sign_in(client, service_page):
    response = client.get(apply_url(service_page))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert "apply" in response["Location"]


@pytest.mark.django_db
def test_submitting_creates_one_application_with_a_stored_document(client, service_page):
    citizen = UserFactory()
    client.force_login(citizen)
    form_page = client.get(apply_url(service_page))
    assert form_page.status_code == 200
    token = form_page.context["submission_token"]

    response = client.post(
        apply_url(service_page),
        {
            "full_name": "Somchai Phommachanh",
            "identity_document": make_pdf(),
            "submission_token": token,
        },
    )

    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/my/applications/{application.reference}/"
    assert application.applicant == citizen
    assert application.status == Application.Status.SUBMITTED
    assert application.answers == {"full_name": "Somchai Phommachanh"}
    assert application.form_schema["steps"][0]["fields"][0]["name"] == "full_name"
    assert application.service_page_id == service_page.pk
    document = Document.objects.get()
    assert document.application == application
    assert document.original_name == "id-card.pdf"
    assert document.content_type == "application/pdf"
    assert "id-card" not in document.file.name
    assert document.file.storage.exists(document.file.name)
    assert Event.objects.filter(application=application, kind=Event.Kind.SUBMITTED).count() == 1

    confirmation = client.get(response["Location"])
    assert application.reference in confirmation.content.decode()


@pytest.mark.django_db
def test_a_resent_submission_gives_one_application(client, service_page):
    client.force_login(UserFactory())
    token = str(uuid.uuid4())
    for _ in range(2):
        response = client.post(
            apply_url(service_page),
            {"full_name": "Somchai", "identity_document": make_pdf(), "submission_token": token},
        )
        assert response.status_code == 302
    assert Application.objects.count() == 1
    assert Document.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("letter.pdf", b"MZ\x90\x00 not a pdf"), "must be one of: PDF"),
        (
            SimpleUploadedFile("page.pdf", b"<html><script>alert(1)</script></html>"),
            "must be one of",
        ),
        (SimpleUploadedFile("empty.pdf", b""), "empty"),
        (
            SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1)),
            "smaller than 1.0",
        ),
    ],
)
def test_a_bad_upload_is_refused_next_to_the_field_and_other_answers_stay(
    client, service_page, upload, message
):
    client.force_login(UserFactory())
    response = client.post(
        apply_url(service_page),
        {
            "full_name": "Somchai",
            "identity_document": upload,
            "submission_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'id="id_identity_document-error"' in html
    assert 'value="Somchai"' in html
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_a_png_is_accepted_by_its_content(client, service_page):
    client.force_login(UserFactory())
    client.post(
        apply_url(service_page),
        {
            "full_name": "Somchai",
            "identity_document": make_png("scan.jpg"),
            "submission_token": str(uuid.uuid4()),
        },
    )
    assert Document.objects.get().content_type == "image/png"


@pytest.mark.django_db
def test_a_failure_during_submit_leaves_nothing(client, service_page, monkeypatch):
    from portal.applications import services

    client.force_login(UserFactory())
    stored = []
    real_save = Document.save

    def failing_save(self, *args, **kwargs):
        stored.append(self.file.name)
        raise RuntimeError("disk full")

    monkeypatch.setattr(Document, "save", failing_save)
    with pytest.raises(RuntimeError):
        services.application_submit(
            applicant=UserFactory(),
            service_page_id=service_page.pk,
            service_title=service_page.title,
            form_schema=service_page.form_schema(),
            answers={"full_name": "Somchai"},
            documents=[services.NewDocument("identity_document", make_pdf(), "application/pdf")],
            submission_token=uuid.uuid4(),
        )
    monkeypatch.setattr(Document, "save", real_save)
    assert Application.objects.count() == 0
    assert stored and not Document._meta.get_field("file").storage.exists(stored[0])


@pytest.mark.django_db
def test_every_field_type_renders_and_submits_through_the_service_page(client, service_page):
    from tests.forms.test_builder import EVERY_TYPE, GOOD

    service_page.application_form = EVERY_TYPE
    service_page.save_revision().publish()
    client.force_login(UserFactory())
    page = client.get(apply_url(service_page))
    html = page.content.decode()
    for control in (
        'type="radio"',
        'type="checkbox"',
        "<select",
        "<textarea",
        'type="date"',
        'type="tel"',
        'type="email"',
        'inputmode="numeric"',
        'name="address_0"',
        'type="file"',
    ):
        assert control in html, control

    bad = client.post(
        apply_url(service_page),
        {**GOOD, "email": "nope", "submission_token": page.context["submission_token"]},
    )
    assert "such as name@example.com" in bad.content.decode()
    assert 'value="ສົມໃຈ ພົມມະຈັນ"' in bad.content.decode()

    response = client.post(
        apply_url(service_page),
        {**GOOD, "id_card": make_pdf(), "submission_token": page.context["submission_token"]},
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.answers["address"]["district"] == "Xaysetha"
    assert application.answers["has_premises"] is True


@pytest.mark.django_db
def test_the_applicant_gets_a_confirmation_email_with_reference_pin_and_fee_in_their_language(
    client, service_page, django_capture_on_commit_callbacks, mailoutbox
):
    from portal.applications.services import tracking_pin_matches

    client.force_login(UserFactory(email="somjai@example.org"))
    lao_url = apply_url(service_page).replace("/en/", "/lo/", 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            lao_url,
            {
                "full_name": "ສົມໃຈ",
                "identity_document": make_pdf(),
                "submission_token": str(uuid.uuid4()),
            },
        )
    application = Application.objects.get()
    assert application.language == "lo"
    assert application.fee_snapshot == {
        "currency": "LAK",
        "lines": [{"label": "", "amount": 5000000}],
    }
    assert application.service_standard_days == 10

    confirmation = client.get(response["Location"]).content.decode()
    pin = confirmation.split('class="onedoor-reference">')[2].split("<")[0]
    assert len(pin) == 6 and pin.isdigit()
    assert tracking_pin_matches(application=application, pin=pin)
    assert pin not in application.tracking_pin_hash
    assert pin not in client.get(response["Location"]).content.decode()  # shown once

    [mail] = mailoutbox
    assert mail.to == ["somjai@example.org"]
    assert application.reference in mail.subject
    assert application.reference in mail.body and pin in mail.body
    assert "LAK\u00a050,000" in mail.body
    assert "ເລກລະຫັດຄຳຮ້ອງ" in mail.body  # "reference code" in Lao
    assert f"/lo/my/applications/{application.reference}/" in mail.body
