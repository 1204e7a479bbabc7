"""Applying through the wizard: one URL per step, drafts, check your answers, one submission."""

import copy
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.test import Client

from forms.drafts import wizard_file_storage, wizard_state_files
from portal.applications.models import Application, Document, Event
from tests.conftest import make_eicar, make_pdf, make_png
from tests.factories import (
    CompanyFactory,
    OfficeFactory,
    UserFactory,
    company_member,
)
from tests.forms.steps import THREE_STEPS, fill_all, post_step, submit, url
from tests.forms.test_builder import EVERY_TYPE, GOOD, field, step


@pytest.mark.django_db
def test_an_anonymous_applicant_is_sent_to_sign_in(client, service):
    response = client.get(url(service, "step-1"))
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=" + url(service, "step-1")


@pytest.mark.django_db
def test_three_steps_each_at_its_own_url_then_check_then_one_application(client, service, citizen):
    office = OfficeFactory()
    service.office_links.create(office=office)
    service.save_revision().publish()
    assert client.get(url(service))["Location"] == url(service, "step-1")
    first = client.get(url(service, "step-1")).content.decode()
    assert "About you" in first and "Step 1<" in first
    assert "Full name (optional)" not in first
    fill_all(client, service)
    assert "Notes (optional)" in client.get(url(service, "step-3")).content.decode()

    fill_all(client, service)
    check = client.get(url(service, "check")).content.decode()
    for shown in ("Somchai", "Company", "Mekong Coffee", "id-card.pdf", "LAK\u00a050,000"):
        assert shown in check, shown
    assert check.count(">Change<") == 5
    assert f'href="{url(service, "step-2")}?change=1#id_step-2-company_name"' in check

    response = submit(client, service)
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/my/applications/{application.reference}/"
    assert application.status == Application.Status.SUBMITTED
    assert application.applicant == citizen
    assert application.office == office
    assert application.answers == {
        "full_name": "Somchai",
        "business_type": "company",
        "company_name": "Mekong Coffee",
    }
    assert [s["title"] for s in application.form_schema["steps"]] == [
        "About you",
        "Company details",
        "Documents",
    ]
    document = Document.objects.get()
    assert document.original_name == "id-card.pdf"
    assert document.field_name == "identity_document"
    assert document.source == Document.Source.FORM
    assert "id-card" not in document.file.name
    assert application.wizard_state == {}
    assert Event.objects.filter(application=application, kind=Event.Kind.SUBMITTED).count() == 1
    confirmation = client.get(response["Location"]).content.decode()
    assert application.reference in confirmation
    assert "10 working days" in confirmation and "LAK\u00a050,000" in confirmation


@pytest.mark.django_db
def test_the_declaration_must_be_made(client, service, citizen):
    fill_all(client, service)
    response = post_step(client, service, "check", {})
    assert response.status_code == 200
    assert "Confirm the declaration" in response.content.decode()
    assert Application.objects.get().status == Application.Status.DRAFT


@pytest.mark.django_db
def test_a_skipped_step_is_not_asked_and_its_earlier_answers_are_dropped(client, service, citizen):
    fill_all(client, service, business_type="company")
    # Change the answer that showed step 2: from the check page, back to step 1.
    client.get(url(service, "step-1") + "?change=1")
    response = post_step(
        client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"}
    )
    assert response["Location"] == url(service, "check")
    check = client.get(url(service, "check")).content.decode()
    assert "Mekong Coffee" not in check and "Company details" not in check
    assert client.get(url(service, "step-2"))["Location"] == url(service, "step-1")

    submit(client, service)
    assert Application.objects.get().answers == {"full_name": "Somchai", "business_type": "sole"}


@pytest.mark.django_db
def test_a_change_that_shows_a_new_step_asks_it_before_going_back_to_check(
    client, service, citizen
):
    fill_all(client, service, business_type="sole")
    client.get(url(service, "step-1") + "?change=1")
    response = post_step(
        client, service, "step-1", {"full_name": "Somchai", "business_type": "company"}
    )
    assert response["Location"] == url(service, "step-2")
    response = post_step(client, service, "step-2", {"company_name": "Mekong Coffee"})
    assert response["Location"] == url(service, "check")


@pytest.mark.django_db
def test_a_draft_is_kept_across_sign_out_and_another_device(client, service, citizen):
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "company"})
    client.logout()

    other_device = Client()
    other_device.force_login(citizen)
    listing = other_device.get("/en/my/applications/").content.decode()
    assert "Draft" in listing and service.title in listing
    assert f'href="{url(service)}"' in listing
    assert other_device.get(url(service))["Location"] == url(service, "step-2")
    back = other_device.get(url(service, "step-1")).content.decode()
    assert 'value="Somchai"' in back
    assert 'value="company" checked' in back


@pytest.mark.django_db
def test_an_uploaded_file_stays_when_the_step_is_sent_again_without_a_new_one(
    client, service, citizen
):
    fill_all(client, service)
    page = client.get(url(service, "step-3")).content.decode()
    assert "Uploaded" in page and "id-card.pdf" in page
    response = post_step(client, service, "step-3", {"notes": "Second visit"})
    assert response["Location"] == url(service, "check")
    submit(client, service)
    assert Document.objects.get().original_name == "id-card.pdf"
    assert Application.objects.get().answers["notes"] == "Second visit"


@pytest.mark.django_db
def test_temporary_files_have_random_names_in_private_storage_and_go_after_submit(
    client, service, citizen
):
    fill_all(client, service)
    [temporary] = wizard_state_files(Application.objects.get().wizard_state)
    storage = wizard_file_storage()
    assert temporary.startswith("wizard/") and "id-card" not in temporary
    assert storage.exists(temporary)
    with pytest.raises(ValueError):
        storage.url(temporary)
    submit(client, service)
    assert not storage.exists(temporary)


@pytest.mark.django_db
def test_a_double_submit_gives_one_application(client, service, citizen):
    fill_all(client, service)
    draft = Application.objects.get()
    first = submit(client, service, draft=draft.reference)
    again = submit(client, service, draft=draft.reference)
    assert Application.objects.count() == 1
    assert Document.objects.count() == 1
    assert first["Location"] == again["Location"] == f"/en/my/applications/{draft.reference}/"


@pytest.mark.django_db
def test_a_failure_during_submit_stores_nothing_and_keeps_the_draft(
    client, service, citizen, monkeypatch
):
    fill_all(client, service)
    stored = []
    real_create = Event.objects.create
    real_save = Document.save

    def remember_save(self, *args, **kwargs):
        stored.append(self.file.name)
        return real_save(self, *args, **kwargs)

    def failing_create(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(Document, "save", remember_save)
    monkeypatch.setattr(Event.objects, "create", failing_create)
    response = submit(client, service)
    assert response["Location"] == url(service, "check")
    draft = Application.objects.get()
    assert draft.status == Application.Status.DRAFT
    assert Document.objects.count() == 0
    assert stored and not Document._meta.get_field("file").storage.exists(stored[0])
    [temporary] = wizard_state_files(draft.wizard_state)
    assert wizard_file_storage().exists(temporary)
    assert "could not submit" in client.get(url(service, "check")).content.decode()

    monkeypatch.setattr(Event.objects, "create", real_create)
    submit(client, service)
    assert Application.objects.get().status == Application.Status.SUBMITTED
    assert Document.objects.count() == 1


BAD_UPLOADS = [
    (make_png("scan.pdf"), "must be one of: PDF", ["pdf"]),
    # Downloaded as scan.pdf, it would not open: the name says one type, the content another.
    (make_png("scan.pdf"), "is a PNG image, but its name ends in “.pdf”", None),
    (make_png("scan.jpg"), "Rename it to end in “.png”", None),
    (SimpleUploadedFile("virus.jpg", b"MZ\x90\x00\x03 program"), "named like a JPEG", None),
    (
        SimpleUploadedFile("page.pdf", b"<html><script>alert(1)</script></html>"),
        "named like a PDF but is not one",
        None,
    ),
    (
        SimpleUploadedFile("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        "named like a PNG image but is not one",
        None,
    ),
    (SimpleUploadedFile("broken.pdf", b"%PDF-1.4\n1 0 obj garbage"), "damaged", None),
    (SimpleUploadedFile("empty.pdf", b""), "empty", None),
    (
        SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1)),
        "smaller than 1.0",
        None,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("upload", "message", "accepted"), BAD_UPLOADS)
def test_a_bad_upload_is_refused_next_to_the_field_and_other_answers_stay(
    client, service, citizen, upload, message, accepted
):
    if accepted:
        form = copy.deepcopy(THREE_STEPS)
        form[2]["value"]["fields"][0]["value"]["accepted_types"] = accepted
        service.application_form = form
        service.save_revision().publish()
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"})
    upload.seek(0)
    response = post_step(
        client, service, "step-3", {"identity_document": upload, "notes": "Ground floor"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'id="id_step-3-identity_document-error"' in html
    assert "Ground floor" in html
    assert 'value="Somchai"' in client.get(url(service, "step-1")).content.decode()
    assert not wizard_state_files(Application.objects.get().wizard_state)


@pytest.mark.django_db
def test_a_png_is_accepted_by_its_content_and_stored_re_encoded(client, service, citizen):
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"})
    post_step(client, service, "step-3", {"identity_document": make_png("scan.png")})
    submit(client, service)
    document = Document.objects.get()
    assert document.content_type == "image/png"
    assert document.file.name.endswith(".png")


@pytest.mark.django_db
def test_every_field_type_through_the_wizard(client, service, citizen):
    service.application_form = EVERY_TYPE
    service.save_revision().publish()
    html = client.get(url(service, "step-1")).content.decode()
    for control in (
        'type="radio"',
        'type="checkbox"',
        "<select",
        "<textarea",
        'type="date"',
        'type="tel"',
        'type="email"',
        'inputmode="numeric"',
        'name="step-1-address_0"',
        'type="file"',
    ):
        assert control in html, control
    good = {**GOOD, "id_card": make_pdf()}
    bad = post_step(client, service, "step-1", {**good, "email": "nope"})
    assert "such as name@example.com" in bad.content.decode()
    assert 'value="ສົມໃຈ ພົມມະຈັນ"' in bad.content.decode()
    good["id_card"] = make_pdf()
    assert post_step(client, service, "step-1", good)["Location"] == url(service, "check")
    check = client.get(url(service, "check")).content.decode()
    main = check[check.find("<main") :]
    assert "Vientiane Capital, Xaysetha, Phonxay" in main, main[:4000]
    submit(client, service)
    application = Application.objects.get()
    assert application.answers["address"]["district"] == "Xaysetha"
    assert application.answers["has_premises"] is True
    assert application.answers["sectors"] == ["sole", "company"]


@pytest.mark.django_db
def test_a_member_applies_for_their_company(client, service):
    company = CompanyFactory(name="Mekong Coffee Co., Ltd")
    member = company_member(company)
    client.force_login(member)
    assert client.get(url(service))["Location"] == url(service, "applicant")
    page = client.get(url(service, "applicant")).content.decode()
    assert "Mekong Coffee Co., Ltd" in page and "Myself" in page
    other_company = CompanyFactory()
    refused = post_step(client, service, "applicant", {"on_behalf_of": str(other_company.pk)})
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    post_step(client, service, "applicant", {"on_behalf_of": str(company.pk)})
    fill_all(client, service)
    assert "Mekong Coffee Co., Ltd" in client.get(url(service, "check")).content.decode()
    submit(client, service)
    assert Application.objects.get().company == company


@pytest.mark.django_db
def test_start_again_discards_the_answers(client, service, citizen):
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"})
    assert client.get(url(service) + "?reset=1")["Location"] == url(service, "step-1") + "?reset=1"
    assert 'value="Somchai"' not in client.get(url(service, "step-1")).content.decode()


@pytest.mark.django_db
def test_the_applicant_gets_a_confirmation_email_with_reference_pin_and_fee_in_their_language(
    client, service, citizen, django_capture_on_commit_callbacks, mailoutbox
):
    from wagtail.models import Locale

    from portal.applications.pins import tracking_pin_matches

    lao_service = service.copy_for_translation(
        Locale.objects.create(language_code="lo"), copy_parents=True
    )
    lao_service.save_revision().publish()
    lao = lao_service.url
    assert lao.startswith("/lo/")
    lao += "apply/"
    first = client.post(
        lao + "step-1/",
        {
            f"service-{lao_service.pk}-current_step": "step-1",
            "step-1-full_name": "ສົມໃຈ",
            "step-1-business_type": "sole",
        },
    )
    assert first["Location"] == lao + "step-3/", first.content.decode()[-3000:]
    client.post(
        lao + "step-3/",
        {
            f"service-{lao_service.pk}-current_step": "step-3",
            "step-3-identity_document": make_pdf(),
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            lao + "check/",
            {f"service-{lao_service.pk}-current_step": "check", "check-declaration": "on"},
        )
    application = Application.objects.get()
    assert application.language == "lo"
    assert application.fee_snapshot == {
        "currency": "LAK",
        "lines": [{"label": "", "amount": 5000000}],
        "total": 5000000,
        "due": "submission",
        "pay_online": True,
        "pay_at_counter": True,
    }
    assert application.service_standard_days == 10

    confirmation = client.get(response["Location"]).content.decode()
    pin = confirmation.split('class="onedoor-reference">')[2].split("<")[0]
    assert len(pin) == 6 and pin.isdigit()
    assert tracking_pin_matches(application=application, pin=pin)
    assert pin not in client.get(response["Location"]).content.decode()  # shown once

    [mail] = mailoutbox
    assert mail.to == ["somchai@example.org"]
    assert application.reference in mail.subject
    assert application.reference in mail.body and pin in mail.body
    assert "LAK\u00a050,000" in mail.body
    assert "ເລກລະຫັດຄຳຮ້ອງ" in mail.body  # "reference code" in Lao
    assert f"/lo/my/applications/{application.reference}/" in mail.body


@pytest.mark.django_db
def test_a_step_opened_by_its_address_before_any_answer_is_the_step_answered(client, service):
    client.force_login(company_member(CompanyFactory()))
    client.get(url(service, "step-1"))
    response = post_step(
        client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"}
    )
    assert response["Location"] == url(service, "step-3")
    # The company question still has to be answered before submitting.
    post_step(client, service, "step-3", {"identity_document": make_pdf()})
    assert submit(client, service)["Location"] == url(service, "applicant")


TWO_UPLOADS = [
    step(
        "Documents",
        [
            field("file_upload", "id_card", accepted_types=["pdf"], max_size_mb=1),
            field("file_upload", "photo", accepted_types=["png", "jpeg"], max_size_mb=1),
        ],
    )
]


@pytest.mark.django_db
def test_a_good_file_stays_chosen_when_another_file_of_the_step_is_refused(
    client, service, citizen
):
    service.application_form = copy.deepcopy(TWO_UPLOADS)
    service.save_revision().publish()
    refused = post_step(client, service, "step-1", {"id_card": make_pdf(), "photo": make_pdf()})
    html = refused.content.decode()
    assert "must be one of: PNG image, JPEG image" in html
    assert "Uploaded" in html and "id-card.pdf" in html
    # Only the refused file is sent again.
    assert post_step(client, service, "step-1", {"photo": make_png()})["Location"] == url(
        service, "check"
    )
    submit(client, service)
    assert sorted(Document.objects.values_list("field_name", flat=True)) == ["id_card", "photo"]


@pytest.mark.django_db
def test_the_upload_field_says_its_types_and_size_and_tells_the_browser(client, service, citizen):
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"})
    html = client.get(url(service, "step-3")).content.decode()
    assert "PDF or JPEG image or PNG image, at most 1.0\u00a0MB." in html
    assert 'accept="application/pdf,.pdf,image/jpeg,.jpg,.jpeg,image/png,.png"' in html
    assert 'data-max-bytes="1048576"' in html


@pytest.mark.django_db
def test_a_draft_started_in_english_continues_in_lao(client, service, citizen):
    from wagtail.models import Locale

    lao = service.copy_for_translation(Locale.objects.create(language_code="lo"), copy_parents=True)
    lao.save_revision().publish()
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"})
    lao_step = client.get(lao.url + "apply/step-1/").content.decode()
    assert 'value="Somchai"' in lao_step
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_a_draft_continues_in_a_language_the_service_gets_after_it_was_started(
    client, service, citizen
):
    from wagtail.models import Locale

    # The service's pages in each language are kept in memory (cms.routing) from here...
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"})
    # ...and a translation published since is one of them at once.
    lao = service.copy_for_translation(Locale.objects.create(language_code="lo"), copy_parents=True)
    lao.save_revision().publish()
    lao_step = client.get(lao.url + "apply/step-1/").content.decode()
    assert 'value="Somchai"' in lao_step
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_the_check_page_with_nothing_answered_sends_to_the_first_step(client, service, citizen):
    assert client.get(url(service, "check"))["Location"] == url(service, "step-1")
    fill_all(client, service)
    submit(client, service)
    # The browser's Back button after submitting: no empty page to submit again.
    assert client.get(url(service, "check"))["Location"] == url(service, "step-1")
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_a_draft_can_be_deleted_with_its_files(client, service, citizen):
    fill_all(client, service)
    draft = Application.objects.get()
    [temporary] = wizard_state_files(draft.wizard_state)
    listing = client.get("/en/my/applications/").content.decode()
    assert f"/en/my/applications/{draft.reference}/delete/" in listing
    assert (
        "Delete this draft?"
        in client.get(f"/en/my/applications/{draft.reference}/delete/").content.decode()
    )
    response = client.post(f"/en/my/applications/{draft.reference}/delete/")
    assert response["Location"] == "/en/my/applications/"
    assert not Application.objects.exists()
    assert not wizard_file_storage().exists(temporary)
    other = UserFactory()
    fill_all(client, service)
    client.force_login(other)
    draft = Application.objects.get()
    assert client.post(f"/en/my/applications/{draft.reference}/delete/").status_code == 404


@pytest.mark.django_db
def test_an_editors_help_text_is_shown_as_text_never_run(client, service, citizen):
    """Help text is plain text in the editor: markup in it reaches the applicant as words."""
    hostile = '<script>alert("x")</script><img src=x onerror="alert(1)"> Use & as written'
    form = copy.deepcopy(THREE_STEPS)
    form[0]["value"]["fields"][0]["value"]["help_text"] = hostile
    form[2]["value"]["fields"][0]["value"]["help_text"] = hostile
    service.application_form = form
    service.save_revision().publish()

    first = client.get(url(service, "step-1")).content.decode()
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"})
    documents = client.get(url(service, "step-3")).content.decode()
    for html in (first, documents):
        assert "<script>alert" not in html
        assert re.search(r"<[^>]*\sonerror\s*=", html) is None  # no element with the handler
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Use &amp; as written" in html


@pytest.mark.django_db
def test_the_step_counter_never_shows_a_total_that_later_changes(client, service, citizen):
    """Step 2 ("Company details") is asked only of companies: its answer on step 1 is not known
    yet when step 1 shows, so step 1 says no total; after it, the total is the steps to see."""
    first = client.get(url(service, "step-1")).content.decode()
    assert "Step 1" in first and "Step 1 of" not in first
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "company"})
    assert "Step 2 of 4" in client.get(url(service, "step-2")).content.decode()
    assert "Step 3 of 4" in client.get(url(service, "step-3")).content.decode()
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"})
    assert "Step 2 of 3" in client.get(url(service, "step-3")).content.decode()
    service.application_form = copy.deepcopy(TWO_UPLOADS)
    service.save_revision().publish()
    assert "Step 1 of 2" in client.get(url(service, "step-1")).content.decode()


FEE_BY_OPTION = [
    {
        "type": "options",
        "value": {
            "option_field": "business_type",
            "options": [
                {"label": "Sole trader", "amount": "200000", "value": "sole"},
                {"label": "Company", "amount": "600000", "value": "company"},
                {"label": "Public company", "amount": "2000000", "value": "public"},
            ],
        },
    }
]


@pytest.mark.django_db
def test_check_your_answers_shows_the_fee_of_the_option_chosen(client, service, citizen):
    service.fee = FEE_BY_OPTION
    service.save_revision().publish()
    fill_all(client, service, business_type="sole")
    check = client.get(url(service, "check")).content.decode()
    fee = check.split(">Fee</h2>")[1].split("</dl>")[0]
    assert "Sole trader" in fee and "LAK\u00a0200,000" in fee
    assert "600,000" not in fee and "2,000,000" not in fee


@pytest.mark.django_db
def test_the_confirmation_email_gives_the_fee_of_the_option_chosen(
    client, service, citizen, django_capture_on_commit_callbacks, mailoutbox
):
    service.fee = FEE_BY_OPTION
    service.save_revision().publish()
    fill_all(client, service, business_type="company")
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, service)
    [mail] = mailoutbox
    fee = next(line for line in mail.body.splitlines() if line.startswith("Fee:"))
    assert fee == "Fee: LAK\u00a0600,000"
    assert "200,000" not in mail.body and "2,000,000" not in mail.body


@pytest.mark.django_db
def test_the_confirmation_email_says_the_office_decides_a_fee_the_answers_do_not(
    client, service, citizen, django_capture_on_commit_callbacks, mailoutbox
):
    service.fee = [{**FEE_BY_OPTION[0], "value": {**FEE_BY_OPTION[0]["value"], "option_field": ""}}]
    service.save_revision().publish()
    fill_all(client, service, business_type="company")
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, service)
    [mail] = mailoutbox
    assert "Sole trader: LAK\u00a0200,000; Company: LAK\u00a0600,000" in mail.body
    assert "The office will tell you which fee applies." in mail.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "choose", "size"),
    [("lo", "ເລືອກໄຟລ໌", "ໄບຕ໌"), ("km", "ជ្រើសរើសឯកសារ", "បៃ")],
)
def test_the_upload_control_and_file_sizes_speak_the_readers_language(
    client, service, citizen, language, choose, size
):
    from tests.factories import translate_service

    translated = translate_service(service, language, "Enterprise registration")
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"})
    post_step(client, service, "step-3", {"identity_document": make_png()})  # a few hundred bytes
    html = client.get(translated.url + "apply/step-3/").content.decode()
    assert not re.search(r"\d\s?bytes?\b", html) and re.search(rf"\d+\s{size}", html)
    # The enhanced control's words are ours (the browser's "Choose file" shows without
    # JavaScript only).
    assert 'data-module="govuk-file-upload"' in html
    assert f'data-i18n.choose-files-button="{choose}"' in html


@pytest.mark.django_db
def test_the_step_counter_of_someone_who_may_apply_for_a_company(client, service):
    client.force_login(company_member(CompanyFactory()))
    page = client.get(url(service, "applicant")).content.decode()
    assert "Step 1<" in page and "Step 1 of" not in page


# --- The virus scan and the request size ---------------------------------------------------


@pytest.mark.django_db
def test_a_file_with_a_virus_is_refused_next_to_its_field_and_nothing_of_it_is_kept(
    client, service, citizen, clamd
):
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"})
    response = post_step(
        client, service, "step-3", {"identity_document": make_eicar(), "notes": "Ground floor"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "refused because our virus check found it unsafe" in html
    assert 'id="id_step-3-identity_document-error"' in html
    assert "Ground floor" in html
    assert 'value="Somchai"' in client.get(url(service, "step-1")).content.decode()
    assert not wizard_state_files(Application.objects.get().wizard_state)


@pytest.mark.django_db
def test_a_file_with_a_virus_is_refused_in_the_applicants_language(client, service, citizen, clamd):
    from tests.factories import translate_service

    lao = translate_service(service, "lo", "ການຈົດທະບຽນວິສາຫະກິດ")
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"})
    response = client.post(
        lao.url + "apply/step-3/",
        {f"service-{lao.pk}-current_step": "step-3", "step-3-identity_document": make_eicar()},
    )
    assert "ການກວດໄວຣັສພົບວ່າບໍ່ປອດໄພ" in response.content.decode()


@pytest.mark.django_db
def test_clean_files_are_scanned_accepted_and_submitted(client, service, citizen, clamd):
    service.application_form = copy.deepcopy(TWO_UPLOADS)
    service.save_revision().publish()
    response = post_step(client, service, "step-1", {"id_card": make_pdf(), "photo": make_png()})
    assert response["Location"] == url(service, "check")
    submit(client, service)
    assert Application.objects.get().status == Application.Status.SUBMITTED
    assert sorted(Document.objects.values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/png",
    ]


@pytest.mark.django_db
def test_with_clamd_stopped_an_upload_is_refused_asking_to_retry_and_nothing_is_lost(
    client, service, citizen, settings, clamd_server, clamd_down
):
    service.application_form = copy.deepcopy(TWO_UPLOADS)
    service.save_revision().publish()
    settings.CLAMD_ADDRESS = clamd_server
    # The ID card is accepted; the photo is not a PNG.
    post_step(client, service, "step-1", {"id_card": make_pdf(), "photo": make_pdf("photo.pdf")})

    settings.CLAMD_ADDRESS = clamd_down  # clamd stopped: nothing listens there
    refused = post_step(client, service, "step-1", {"photo": make_png()})
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "could not be checked for viruses just now" in html
    assert "Try again in a few minutes" in html
    assert 'id="id_step-1-photo-error"' in html
    assert "Uploaded" in html and "id-card.pdf" in html  # the file accepted before stays

    settings.CLAMD_ADDRESS = clamd_server
    assert post_step(client, service, "step-1", {"photo": make_png()})["Location"] == url(
        service, "check"
    )
    # Files accepted are not scanned again on submitting: clamd stopping now stops nothing.
    settings.CLAMD_ADDRESS = clamd_down
    submit(client, service)
    assert Application.objects.get().status == Application.Status.SUBMITTED
    assert Document.objects.count() == 2


@pytest.mark.django_db
def test_a_clamd_that_never_answers_refuses_the_upload_after_the_timeout(
    client, service, citizen, clamd_silent
):
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"})
    response = post_step(
        client, service, "step-3", {"identity_document": make_pdf(), "notes": "Ground floor"}
    )
    html = response.content.decode()
    assert "could not be checked for viruses just now" in html and "Ground floor" in html
    assert not wizard_state_files(Application.objects.get().wizard_state)


@pytest.mark.django_db
def test_a_request_larger_than_the_largest_upload_is_refused_before_it_is_read(
    client, service, citizen, settings
):
    """A 300 MB POST to a 1 MB field: refused from its length alone. (Its body here is a few
    bytes: reading past them would fail the test.)"""
    post_step(client, service, "step-1", {"full_name": "Somchai", "business_type": "sole"})
    response = client.generic(
        "POST",
        url(service, "step-3"),
        b"--x--",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "The files you sent are too large" in html
    assert f"smaller than {settings.UPLOAD_REQUEST_MAX_MB}.0\u00a0MB" in html
    # The draft is as it was.
    assert 'value="Somchai"' in client.get(url(service, "step-1")).content.decode()
