"""A person's rights from their account: download everything held about them as one archive,
and delete their account, each after proving again that it is them (a password, a second
factor, an email code for a guest, the national identity for who signs in with it). Deletion
waits while an application still needs the person; drafts go; finished applications stay with
the office, detached from the login. Purged applications still read well on their pages."""

import io
import json
import tempfile
import zipfile

import pytest
from django.utils import timezone
from django.utils.http import urlencode

from payments.models import Payment
from portal.accounts.models import Company, CompanyDocument, CompanyMembership, User
from portal.applications import archive as archive_module
from portal.applications.models import Application, Certificate, Document
from portal.applications.retention import application_personal_data_remove
from portal.applications.selectors import application_list_for_applicant
from portal.applications.services import (
    NewDocument,
    application_draft_save,
    application_draft_start,
)
from portal.audit.models import AuditRecord
from portal.tracking.models import Feedback
from tests.conftest import make_pdf
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    OfficeFactory,
    OfficerFactory,
    ServicePageFactory,
    UserFactory,
    company_member,
    submit_application,
)

PASSWORD = "correct horse battery"
DATA = "/en/my/account/data/"
DELETE = "/en/my/account/delete/"


@pytest.fixture
def person(service, client):
    """A citizen with a submitted application (with a document and a payment), a draft for
    another service, and a company with a document; signed in."""
    user = UserFactory(email="somchai@example.org", first_name="Somchai", phone="+8562055551234")
    company = CompanyFactory(name="Mekong Rice Co.", address="12 Rue Setthathirath")
    company_member(company, user, role=CompanyMembership.Role.OWNER)
    certificate = CompanyDocument(
        company=company,
        kind=CompanyDocument.Kind.TAX,
        original_name="tax-2026.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    certificate.file.save("tax-2026.pdf", make_pdf(), save=True)
    application = submit_application(
        service,
        applicant=user,
        answers={"full_name": "Somchai Phommasak", "business_type": "person"},
        documents=[
            NewDocument(
                field_name="identity_document",
                file=make_pdf("passport.pdf"),
                content_type="application/pdf",
            )
        ],
        office=OfficeFactory(),
    )
    Payment.objects.create(
        application=application, amount=5_000_000, currency="LAK", gateway="demo", status="paid"
    )
    other = ServicePageFactory(parent=service.get_parent(), slug="driving-licence")
    draft = application_draft_start(
        applicant=user, service_page_id=other.pk, service_title="Driving licence"
    )
    application_draft_save(
        application=draft,
        wizard_state={
            "step": "step-1",
            "step_data": {
                "step-1": {
                    "csrfmiddlewaretoken": ["secret-token"],
                    f"service-{other.pk}-current_step": ["step-1"],
                    "step-1-full_name": ["Som"],
                }
            },
        },
        language="en",
    )
    client.force_login(user)
    return {"user": user, "application": application, "draft": draft, "company": company}


def finish(application, status=Application.Status.COMPLETED):
    Application.objects.filter(pk=application.pk).update(status=status, finished_at=timezone.now())
    application.refresh_from_db()


def reauthenticate(client, path):
    """The page asks for the password again: follow allauth's page back."""
    asked = client.get(path)
    assert asked.status_code == 302 and "reauthenticate" in asked["Location"]
    back = client.post(asked["Location"], {"password": PASSWORD})
    assert back.status_code == 302, back.content.decode()[:2000]


def download(client) -> zipfile.ZipFile:
    return zip_of(client.post(DATA))


def zip_of(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def folders(archive: zipfile.ZipFile) -> set[str]:
    return {name.split("/")[1] for name in archive.namelist() if name.startswith("applications/")}


@pytest.mark.django_db
def test_a_person_downloads_everything_held_about_them_as_one_archive(client, person):
    user, application = person["user"], person["application"]
    finish(application)
    Feedback.objects.create(application=application, rating=5, comment="Quick and kind.")
    Certificate.objects.create(
        code="C-TEST-1",
        application=application,
        holder="Somchai Phommasak",
        service_title=application.service_title,
        issued_by=OfficerFactory(),
    )
    profile = client.get("/en/my/account/").content.decode()
    assert "Download my data" in profile and "Delete my account" in profile
    assert f'action="{DATA}"' in profile and 'method="post"' in profile  # a button, not a link
    asked = client.post(DATA)  # not before signing in again; then the download goes on
    assert asked.status_code == 302 and "reauthenticate" in asked["Location"]
    archive = zip_of(client.post(asked["Location"], {"password": PASSWORD}))
    names = archive.namelist()
    me = json.loads(archive.read("profile.json"))
    assert me["email"] == "somchai@example.org" and me["phone"] == "+8562055551234"
    assert me["sign_ins"] and {"at", "address", "what"} <= set(me["sign_ins"][0])
    reference = application.reference
    submitted = json.loads(archive.read(f"applications/{reference}/application.json"))
    assert submitted["answers"]["full_name"] == "Somchai Phommasak"
    assert submitted["payments"][0]["amount"] == 5_000_000
    assert submitted["feedback"] == {
        "rating": 5,
        "comment": "Quick and kind.",
        "given_at": submitted["feedback"]["given_at"],
    }
    assert submitted["results"][0]["code"] == "C-TEST-1"
    assert submitted["results"][0]["issued_to"] == "Somchai Phommasak"
    document = submitted["documents"][0]
    assert document["name"] == "passport.pdf"
    assert archive.read(document["file"]).startswith(b"%PDF")
    # A PDF is compressed already: stored as it is; the JSON is compressed.
    assert archive.getinfo(document["file"]).compress_type == zipfile.ZIP_STORED
    assert archive.getinfo("profile.json").compress_type == zipfile.ZIP_DEFLATED
    draft = json.loads(archive.read(f"applications/{person['draft'].reference}/application.json"))
    assert draft["status"] == "draft"
    assert draft["draft_answers"] == {"full_name": "Som"}  # the form's fields, nothing else
    company = json.loads(archive.read(f"companies/{person['company'].pk}/company.json"))
    assert company["name"] == "Mekong Rice Co." and company["role"] == "owner"
    assert any(name.startswith(f"companies/{person['company'].pk}/documents/") for name in names)
    record = AuditRecord.objects.get(action=AuditRecord.Action.DATA_EXPORTED)
    assert record.user_id == user.pk


@pytest.mark.django_db
def test_the_archive_holds_what_my_applications_shows_and_the_persons_own_drafts(
    client, person, service
):
    user, company = person["user"], person["company"]
    former = CompanyFactory(name="Former Employer Co.")
    company_member(former, user)
    left_behind = submit_application(service, applicant=user, company=former)
    draft_for_former = ApplicationFactory(
        applicant=user, company=former, status=Application.Status.DRAFT, submitted_at=None
    )
    CompanyMembership.objects.filter(company=former, user=user).delete()  # they left it
    colleague = company_member(company)
    colleagues = submit_application(service, applicant=colleague, company=company)
    colleagues_draft = ApplicationFactory(
        applicant=colleague, company=company, status=Application.Status.DRAFT, submitted_at=None
    )
    strangers = submit_application(service)

    reauthenticate(client, DATA)
    archive = download(client)
    shown = {application.reference for application in application_list_for_applicant(user=user)}
    assert folders(archive) == shown | {draft_for_former.reference}
    assert colleagues.reference in folders(archive)
    assert left_behind.reference not in folders(archive)
    assert colleagues_draft.reference not in folders(archive)
    assert strangers.reference not in folders(archive)


@pytest.mark.django_db
def test_the_archive_is_asked_for_by_a_button_a_few_times_an_hour_and_recorded_once_built(
    client, person, monkeypatch
):
    reauthenticate(client, DATA)
    page = client.get(DATA)
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "Download my data" in page.content.decode()
    built = []
    person_archive = archive_module.person_archive

    def spy(**kwargs):
        buffer = person_archive(**kwargs)
        built.append(buffer)
        return buffer

    monkeypatch.setattr("portal.tracking.my_data.person_archive", spy)
    for _attempt in range(3):
        download(client)
    # Written to a file on disk, not kept in memory.
    assert not isinstance(built[0], tempfile.SpooledTemporaryFile | io.BytesIO)
    refused = client.post(DATA)
    assert refused.status_code == 429
    assert "You downloaded your data 3 times in the last hour" in refused.content.decode()
    assert AuditRecord.objects.filter(action=AuditRecord.Action.DATA_EXPORTED).count() == 3

    def broken(**kwargs):
        raise OSError("storage unavailable")

    monkeypatch.setattr("portal.tracking.my_data.person_archive", broken)
    client.raise_request_exception = False
    other = UserFactory()
    client.force_login(other)
    reauthenticate(client, DATA)
    assert client.post(DATA).status_code == 500
    assert not AuditRecord.objects.filter(
        action=AuditRecord.Action.DATA_EXPORTED, user_id=other.pk
    ).exists()  # nothing was given: nothing recorded as given


def guest(email="noy@example.org") -> User:
    user = User(email=email, first_name="Noy")
    user.set_unusable_password()
    user.save()
    return user


def code_in(mail) -> str:
    import re

    return re.search(r"\b(\d{6})\b", mail.body).group(1)


def age_sign_ins(client, seconds=3600):
    """Make every sign-in of this session ``seconds`` older."""
    session = client.session
    records = session["account_authentication_methods"]
    for record in records:
        record["at"] -= seconds
    session["account_authentication_methods"] = records
    session.save()


@pytest.mark.django_db
def test_a_guest_proves_their_address_again_before_deleting_or_downloading(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    noy = guest()
    client.force_login(noy)
    for path in (DELETE, DATA):
        asked = client.get(path)
        assert asked.status_code == 302, path
        assert asked["Location"] == "/en/accounts/guest/?" + urlencode({"next": path})
    assert client.post(DELETE).status_code == 302
    assert User.objects.get(pk=noy.pk).is_active  # nothing deleted without the step

    page = client.get("/en/accounts/guest/?" + urlencode({"next": DELETE})).content.decode()
    assert "Confirm it is you" in page and "noy@example.org" in page
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            "/en/accounts/guest/", {"email": "someone.else@example.org", "next": DELETE}
        )
    assert sent["Location"] == "/en/accounts/guest/code/"
    [mail] = mailoutbox
    assert mail.to == ["noy@example.org"]  # always their own address
    back = client.post("/en/accounts/guest/code/", {"code": code_in(mail)})
    assert back["Location"] == DELETE
    assert client.get(DELETE).status_code == 200

    age_sign_ins(client)  # an hour later: again
    assert client.get(DELETE)["Location"].startswith("/en/accounts/guest/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/guest/", {"email": "noy@example.org", "next": DELETE})
    client.post("/en/accounts/guest/code/", {"code": code_in(mailoutbox[-1])})
    assert client.post(DELETE).status_code == 302
    assert not User.objects.filter(pk=noy.pk).exists()


@pytest.mark.django_db
def test_a_person_deletes_their_account_after_signing_in_again(client, person):
    user, application = person["user"], person["application"]
    finish(application)
    pin = application.tracking_pin
    reauthenticate(client, DELETE)
    page = client.get(DELETE)
    html = page.content.decode()
    assert page.status_code == 200
    assert "What is deleted" in html and "What stays" in html and "cannot undo" in html
    assert "(1 draft)" in html and "(1)" in html
    lao = client.get("/lo/my/account/delete/").content.decode()
    assert "ລຶບ" in lao  # the page in the person's language

    done = client.post(DELETE)
    assert done.status_code == 302 and done["Location"] == "/en/"  # home, in their language
    assert "_auth_user_id" not in client.session
    assert not Application.objects.filter(pk=person["draft"].pk).exists()  # the draft went
    application.refresh_from_db()  # the finished one stays with the office
    assert application.answers["full_name"] == "Somchai Phommasak"
    assert Document.objects.filter(application=application).exists()
    detached = User.objects.get(pk=user.pk)
    assert detached.email.endswith(".invalid") and not detached.is_active
    assert (detached.first_name, detached.last_name, detached.phone) == ("", "", "")
    assert not detached.has_usable_password()
    assert not CompanyMembership.objects.filter(user=detached).exists()
    assert not client.login(email="somchai@example.org", password=PASSWORD)
    record = AuditRecord.objects.get(action=AuditRecord.Action.ACCOUNT_DELETED)
    assert record.user_email == "somchai@example.org"  # the trail keeps who did it
    # Its reference and tracking PIN still show it; its officers still read it.
    looked = client.post("/en/track/", {"reference": application.reference, "pin": pin})
    assert application.service_title in looked.content.decode()
    officer = OfficerFactory(offices=[application.office], is_staff=True)
    client.force_login(officer)
    inspect = client.get(f"/admin/applications/inspect/{application.pk}/")
    assert inspect.status_code == 200


@pytest.mark.django_db
def test_deletion_waits_while_an_application_still_needs_the_person(client, person, service):
    open_one = person["application"]
    waiting = submit_application(service, applicant=person["user"])
    Application.objects.filter(pk=waiting.pk).update(status=Application.Status.ACTION_REQUIRED)
    reauthenticate(client, DELETE)
    page = client.get(DELETE)
    html = page.content.decode()
    assert "You cannot delete your account yet" in html
    for application in (open_one, waiting):
        assert f'href="/en/my/applications/{application.reference}/"' in html
    assert "withdraw it, or finish it" in html
    assert "Yes, delete my account" not in html
    refused = client.post(DELETE)
    assert refused.status_code == 409
    assert User.objects.get(pk=person["user"].pk).is_active
    assert Application.objects.filter(pk=person["draft"].pk).exists()

    finish(open_one)
    finish(waiting, Application.Status.WITHDRAWN)
    assert "Yes, delete my account" in client.get(DELETE).content.decode()
    assert client.post(DELETE).status_code == 302
    assert not Application.objects.filter(pk=person["draft"].pk).exists()


@pytest.mark.django_db
def test_a_company_of_one_goes_with_its_member_and_its_documents(
    client, person, service, django_capture_on_commit_callbacks
):
    """Mekong Rice (no application) goes whole; Lao Coffee (an application refers to it) keeps
    its name and registration number and loses its address, tax number and documents."""
    user = person["user"]
    finish(person["application"])
    mekong = person["company"]
    mekong_file = CompanyDocument.objects.get(company=mekong).file
    coffee = CompanyFactory(name="Lao Coffee", registration_number="01-123", address="Pakse")
    company_member(coffee, user, role=CompanyMembership.Role.OWNER)
    coffee_document = CompanyDocument(
        company=coffee,
        kind=CompanyDocument.Kind.TAX,
        original_name="tax.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    coffee_document.file.save("tax.pdf", make_pdf(), save=True)
    coffee_file = coffee_document.file
    applied = submit_application(service, applicant=user, company=coffee)
    finish(applied)

    reauthenticate(client, DELETE)
    html = client.get(DELETE).content.decode()
    assert "Mekong Rice Co." in html and "Lao Coffee" in html
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(DELETE).status_code == 302

    assert not Company.objects.filter(pk=mekong.pk).exists()
    assert not mekong_file.storage.exists(mekong_file.name)
    coffee.refresh_from_db()
    assert (coffee.name, coffee.registration_number) == ("Lao Coffee", "01-123")
    assert (coffee.address, coffee.tax_number) == ("", "")
    assert not CompanyDocument.objects.filter(company=coffee).exists()
    assert not coffee_file.storage.exists(coffee_file.name)
    applied.refresh_from_db()
    assert applied.company_id == coffee.pk


@pytest.mark.django_db
def test_the_only_owner_of_a_company_with_members_names_another_owner_first(client, person):
    finish(person["application"])
    company = person["company"]
    colleague = company_member(company)
    reauthenticate(client, DELETE)
    html = client.get(DELETE).content.decode()
    assert "Make another member an owner first" in html
    assert f'href="/en/my/companies/{company.pk}/"' in html
    assert client.post(DELETE).status_code == 409
    assert CompanyMembership.objects.get(company=company, user=colleague).role == "member"

    CompanyMembership.objects.filter(company=company, user=colleague).update(role="owner")
    assert client.post(DELETE).status_code == 302
    company.refresh_from_db()  # it stays with its other owner, its documents too
    assert CompanyDocument.objects.filter(company=company).exists()
    assert list(company.memberships.values_list("user_id", "role")) == [(colleague.pk, "owner")]


@pytest.mark.django_db
def test_an_account_with_nothing_to_keep_is_deleted_whole(client, db):
    user = UserFactory()
    client.force_login(user)
    reauthenticate(client, DELETE)
    assert client.post(DELETE).status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()


@pytest.mark.django_db
def test_staff_do_not_delete_their_own_accounts(client, db):
    officer = OfficerFactory(is_staff=True)
    client.force_login(officer)
    reauthenticate(client, DELETE)
    assert client.post(DELETE).status_code == 403
    assert User.objects.get(pk=officer.pk).is_active


@pytest.mark.django_db
def test_a_purged_application_reads_well_to_its_applicant_and_on_the_look_up(client, person):
    application = person["application"]
    finish(application)
    manager = UserFactory(is_superuser=True, is_staff=True)
    assert application_personal_data_remove(
        application=application, user=manager, reason="Asked at the counter on 2 December"
    )
    detail = client.get(f"/en/my/applications/{application.reference}/")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Personal data removed on" in html and "passport.pdf" not in html
    listing = client.get("/en/my/applications/")
    assert listing.status_code == 200
    client.logout()
    looked = client.post(
        "/en/track/", {"reference": application.reference, "pin": application.tracking_pin}
    )
    assert looked.status_code == 200
    assert "Personal data removed on" in looked.content.decode()
