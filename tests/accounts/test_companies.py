"""Companies: a person creates one, invites members by email; members apply for it, follow its
applications and attach its documents without uploading them again."""

import copy
import datetime
import re
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone

from portal.accounts.models import Company, CompanyDocument, CompanyInvitation, CompanyMembership
from portal.accounts.services import CompanyActionRefused, membership_set_role
from portal.applications.models import Application, Document
from tests.conftest import make_eicar, make_pdf, make_png, rate_limit_windows_end
from tests.factories import (
    CompanyDocumentFactory,
    CompanyFactory,
    UserFactory,
    company_member,
    submit_application,
)
from tests.forms.steps import post_step, submit, url
from tests.forms.test_builder import field, step

Role = CompanyMembership.Role


def invitation_link(mail) -> str:
    return (
        re.search(r"http://[^\s]+/companies/join/[^\s/]+/", mail.body)
        .group(0)
        .removeprefix("http://127.0.0.1:8000")
    )


@pytest.mark.django_db
def test_a_person_creates_a_company_and_becomes_its_owner(client, citizen):
    form = client.get("/en/my/companies/new/").content.decode()
    assert "Company name (optional)" not in form and "Tax number (optional)" in form
    refused = client.post("/en/my/companies/new/", {"name": " ", "tax_number": "123456789012"})
    assert "Enter the company" in refused.content.decode()
    assert 'value="123456789012"' in refused.content.decode()  # nothing typed is lost
    response = client.post(
        "/en/my/companies/new/",
        {
            "name": "Mekong Coffee Co., Ltd",
            "registration_number": "01-000123",
            "tax_number": "123456789012",
            "address": "Ban Phonxay, Xaysetha, Vientiane",
        },
    )
    company = Company.objects.get()
    assert response["Location"] == f"/en/my/companies/{company.pk}/"
    assert company.memberships.get().user == citizen
    assert company.memberships.get().role == Role.OWNER
    page = client.get(response["Location"]).content.decode()
    assert "Mekong Coffee Co., Ltd" in page and "01-000123" in page and "Invite a member" in page
    assert "Mekong Coffee Co., Ltd" in client.get("/en/my/account/").content.decode()


@pytest.mark.django_db
def test_an_invited_person_signs_up_with_the_invited_address_and_joins(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    company = CompanyFactory(name="Mekong Coffee Co., Ltd")
    owner = company_member(company, role=Role.OWNER)
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/my/companies/{company.pk}/invite/", {"email": "Noy@Example.org"}
        )
    assert response.status_code == 302
    invitation_mail = mailoutbox[-1]
    assert invitation_mail.to == ["noy@example.org"]
    assert "Mekong Coffee Co., Ltd" in invitation_mail.subject
    link = invitation_link(invitation_mail)
    assert "noy@example.org" in client.get(f"/en/my/companies/{company.pk}/").content.decode()

    # A forwarded link is no use to someone signed in with another address.
    stranger = Client()
    stranger.force_login(UserFactory(email="someone.else@example.org"))
    page = stranger.get(link).content.decode()
    assert "sent to noy@example.org" in page
    stranger.post(link)
    assert company.memberships.count() == 1

    # The invited person has no account: the page sends them to sign up, then back.
    newcomer = Client()
    page = newcomer.get(link).content.decode()
    assert "Create an account" in page and f"next={link.replace('/', '%2F')}" in page
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.post(
            "/en/accounts/signup/",
            {
                "email": "noy@example.org",
                "password1": "a long and new passphrase",
                "password2": "a long and new passphrase",
                "next": link,
            },
        )
    confirm = re.search(r"/en/accounts/confirm-email/[^\s]+/", mailoutbox[-1].body).group(0)
    newcomer.get(confirm)
    response = newcomer.post(confirm)
    assert response.status_code == 302
    response = newcomer.post(link)
    assert response["Location"] == f"/en/my/companies/{company.pk}/"
    membership = company.memberships.get(user__email="noy@example.org")
    assert membership.role == Role.MEMBER
    # The link works once.
    assert newcomer.get(link).status_code == 404
    assert CompanyInvitation.objects.get().accepted_by == membership.user


@pytest.mark.django_db
def test_invitations_can_be_cancelled_expire_and_are_sent_only_by_owners(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    company = CompanyFactory()
    owner = company_member(company, role=Role.OWNER)
    member = company_member(company)
    client.force_login(member)
    assert client.get(f"/en/my/companies/{company.pk}/invite/").status_code == 404
    client.force_login(owner)
    refused = client.post(f"/en/my/companies/{company.pk}/invite/", {"email": member.email})
    assert "already a member" in refused.content.decode()

    invitee = UserFactory(email="dara@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/my/companies/{company.pk}/invite/", {"email": invitee.email})
        again = client.post(f"/en/my/companies/{company.pk}/invite/", {"email": invitee.email})
        assert "one to this address a few minutes ago" in again.content.decode()
        rate_limit_windows_end()  # ten minutes later
        client.post(f"/en/my/companies/{company.pk}/invite/", {"email": invitee.email})
    first, second = (invitation_link(mail) for mail in mailoutbox[-2:])
    assert CompanyInvitation.objects.count() == 1  # a new link replaces the old one
    invited = Client()
    invited.force_login(invitee)
    assert invited.get(first).status_code == 404
    assert invited.get(second).status_code == 200

    invitation = CompanyInvitation.objects.get()
    CompanyInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert invited.get(second).status_code == 404
    CompanyInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    # The invitee also sees it on their companies page, and may join from there.
    assert "invites you to join" in invited.get("/en/my/companies/").content.decode()
    client.post(f"/en/my/companies/{company.pk}/invitations/{invitation.pk}/cancel/")
    assert invited.get(second).status_code == 404
    invited.post("/en/my/companies/", {"invitation": invitation.pk})
    assert not company.memberships.filter(user=invitee).exists()


@pytest.mark.django_db
def test_owners_remove_members_and_the_last_owner_stays(client):
    company = CompanyFactory()
    owner = company_member(company, role=Role.OWNER)
    member = company_member(company)
    own = company.memberships.get(user=owner)
    theirs = company.memberships.get(user=member)

    other = Client()
    other.force_login(member)
    assert other.post(f"/en/my/companies/{company.pk}/members/{own.pk}/remove/").status_code == 404

    client.force_login(owner)
    response = client.post(f"/en/my/companies/{company.pk}/members/{own.pk}/remove/", follow=True)
    assert "needs an owner" in response.content.decode()
    client.post(f"/en/my/companies/{company.pk}/members/{theirs.pk}/role/", {"role": "owner"})
    theirs.refresh_from_db()
    assert theirs.role == Role.OWNER
    client.post(f"/en/my/companies/{company.pk}/members/{own.pk}/remove/")
    assert not company.memberships.filter(user=owner).exists()
    assert client.get(f"/en/my/companies/{company.pk}/").status_code == 404


@pytest.mark.django_db
def test_members_follow_the_company_applications_and_outsiders_do_not(client, service_page):
    company = CompanyFactory(name="Mekong Coffee Co., Ltd")
    applicant = company_member(company)
    colleague = company_member(company)
    application = submit_application(service_page, applicant=applicant, company=company)
    own = submit_application(service_page, applicant=applicant)

    client.force_login(colleague)
    listing = client.get("/en/my/applications/").content.decode()
    assert application.reference in listing and own.reference not in listing
    assert client.get(f"/en/my/applications/{application.reference}/").status_code == 200
    assert client.get(f"/en/my/applications/{own.reference}/").status_code == 404
    company_page = client.get(f"/en/my/applications/?company={company.pk}").content.decode()
    assert application.reference in company_page and "The company" in company_page

    client.force_login(UserFactory())
    assert client.get(f"/en/my/applications/{application.reference}/").status_code == 404
    assert client.get(f"/en/my/applications/?company={company.pk}").status_code == 404


@pytest.mark.django_db
def test_a_company_document_is_kept_once_and_attached_to_a_second_application(client, service):
    company = CompanyFactory(name="Mekong Coffee Co., Ltd")
    uploader = company_member(company, role=Role.OWNER)
    client.force_login(uploader)

    refused = client.post(
        f"/en/my/companies/{company.pk}/documents/new/",
        {
            "kind": "identity",
            "title": "Passport of the director",
            "file": SimpleUploadedFile("notes.pdf", b"not a pdf", "application/pdf"),
        },
    )
    assert "named like a PDF but is not one" in refused.content.decode()
    assert 'value="Passport of the director"' in refused.content.decode()
    client.post(
        f"/en/my/companies/{company.pk}/documents/new/",
        {"kind": "identity", "title": "Passport of the director", "file": make_pdf("reg.pdf")},
    )
    kept = CompanyDocument.objects.get()
    assert kept.uploaded_by == uploader and kept.content_type == "application/pdf"
    download = client.get(f"/en/my/company-documents/{kept.pk}/")
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"

    # Another member applies for the company twice and attaches it, uploading nothing.
    member = company_member(company)
    client.force_login(member)
    for attempt in range(2):
        post_step(client, service, "applicant", {"on_behalf_of": str(company.pk)})
        post_step(client, service, "step-1", {"full_name": "Noy", "business_type": "sole"})
        step = client.get(url(service, "step-3")).content.decode()
        assert "Or attach a document Mekong Coffee Co., Ltd keeps" in step
        assert "Passport of the director · reg.pdf" in step
        response = post_step(
            client,
            service,
            "step-3",
            {"identity_document--company-document": str(kept.pk)},
        )
        assert response["Location"] == url(service, "check"), attempt
        assert "reg.pdf" in client.get(url(service, "check")).content.decode()
        submit(client, service)
    applications = Application.objects.filter(company=company)
    assert applications.count() == 2
    for document in Document.objects.filter(application__in=applications):
        assert document.original_name == "reg.pdf"
        assert document.sha256 == kept.sha256
        assert document.file.name != kept.file.name  # the application keeps its own copy
        assert document.source == Document.Source.COMPANY  # and says where it came from

    # Removing it from the company leaves the applications' copies.
    client.force_login(uploader)
    client.post(f"/en/my/company-documents/{kept.pk}/delete/")
    assert not CompanyDocument.objects.exists()
    assert Document.objects.filter(application__in=applications).count() == 2


@pytest.mark.django_db
def test_only_the_company_applied_for_lends_its_documents(client, service):
    company = CompanyFactory()
    other = CompanyFactory()
    member = company_member(company)
    company_member(other, user=member)
    theirs = CompanyDocumentFactory(original_name="secret.pdf")  # another company's
    expired = CompanyDocumentFactory(
        company=company,
        kind="licence",
        original_name="old.png",
        content_type="image/png",
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    client.force_login(member)
    post_step(client, service, "applicant", {"on_behalf_of": str(company.pk)})
    post_step(client, service, "step-1", {"full_name": "Noy", "business_type": "sole"})
    step = client.get(url(service, "step-3")).content.decode()
    assert "Or attach a document" not in step  # the only one it has expired
    for forged in (theirs, expired):
        response = post_step(
            client, service, "step-3", {"identity_document--company-document": str(forged.pk)}
        )
        assert response.status_code == 200
        assert "Choose a file for" in response.content.decode()
    # An upload still works, and is what the step keeps.
    response = post_step(client, service, "step-3", {"identity_document": make_png()})
    assert response["Location"] == url(service, "check")


@pytest.mark.django_db
def test_company_documents_are_for_members_only(client):
    company = CompanyFactory()
    company_member(company, role=Role.OWNER)
    document = CompanyDocumentFactory(company=company)
    client.force_login(UserFactory())
    assert client.get(f"/en/my/company-documents/{document.pk}/").status_code == 404
    assert client.post(f"/en/my/company-documents/{document.pk}/delete/").status_code == 404
    assert client.get(f"/en/my/companies/{company.pk}/").status_code == 404
    assert CompanyDocument.objects.filter(pk=document.pk).exists()
    # A member who did not upload it may not remove it; an owner may.
    member = company_member(company)
    client.force_login(member)
    client.post(f"/en/my/company-documents/{document.pk}/delete/")
    assert CompanyDocument.objects.filter(pk=document.pk).exists()


@pytest.mark.django_db
def test_invitations_are_limited_per_hour(client, monkeypatch):
    from portal.accounts import views

    monkeypatch.setattr(views, "INVITE_LIMIT", 2)
    company = CompanyFactory()
    client.force_login(company_member(company, role=Role.OWNER))
    for number in range(2):
        response = client.post(
            f"/en/my/companies/{company.pk}/invite/", {"email": f"p{number}@example.org"}
        )
        assert response.status_code == 302
    refused = client.post(f"/en/my/companies/{company.pk}/invite/", {"email": "p9@example.org"})
    assert "many invitations" in refused.content.decode()
    assert 'value="p9@example.org"' in refused.content.decode()
    assert CompanyInvitation.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_owners_demoting_each_other_at_once_leave_one_owner():
    company = CompanyFactory()
    first = company_member(company, role=Role.OWNER)
    second = company_member(company, role=Role.OWNER)
    barrier = threading.Barrier(2)
    refused = []

    def demote(actor, target):
        try:
            barrier.wait()
            membership_set_role(
                membership=CompanyMembership.objects.get(company=company, user=target),
                user=actor,
                role=Role.MEMBER,
            )
        except CompanyActionRefused as refusal:
            refused.append(str(refusal))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=demote, args=(first, second)),
        threading.Thread(target=demote, args=(second, first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert company.memberships.filter(role=Role.OWNER).count() == 1
    assert len(refused) == 1


@pytest.mark.django_db
def test_a_company_document_goes_only_into_an_application_for_that_company(client, service):
    company = CompanyFactory()
    member = company_member(company)
    company_member(CompanyFactory(), user=member)
    kept = CompanyDocumentFactory(
        company=company,
        kind="identity",
        original_name="reg.pdf",
        content_type="application/pdf",
        size=1,
    )
    kept.file.save("reg.pdf", make_pdf("reg.pdf"))
    client.force_login(member)
    post_step(client, service, "applicant", {"on_behalf_of": str(company.pk)})
    post_step(client, service, "step-1", {"full_name": "Noy", "business_type": "sole"})
    post_step(client, service, "step-3", {"identity_document--company-document": str(kept.pk)})
    assert "reg.pdf" in client.get(url(service, "check")).content.decode()

    # Now for themselves: the company's document is no longer attached.
    post_step(client, service, "applicant", {"on_behalf_of": "myself"})
    step = client.get(url(service, "step-3")).content.decode()
    assert "reg.pdf" not in step
    response = submit(client, service)
    assert response["Location"] == url(service, "step-3")  # sent back to choose a file
    assert not Application.objects.exclude(status=Application.Status.DRAFT).exists()


@pytest.mark.django_db
def test_who_leaves_a_company_leaves_its_applications_behind(client, service_page):
    company = CompanyFactory()
    applicant = company_member(company)
    application = submit_application(
        service_page, applicant=applicant, company=company, documents=[]
    )
    client.force_login(applicant)
    assert client.get(f"/en/my/applications/{application.reference}/").status_code == 200
    company.memberships.filter(user=applicant).delete()
    assert client.get(f"/en/my/applications/{application.reference}/").status_code == 404
    assert application.reference not in client.get("/en/my/applications/").content.decode()
    assert client.post("/en/my/companies/", {"invitation": "abc"}).status_code == 302


@pytest.mark.django_db
def test_only_the_applicant_rates_a_company_application(client, service_page):
    from portal.applications.models import Application as App

    company = CompanyFactory()
    applicant = company_member(company)
    colleague = company_member(company)
    application = submit_application(service_page, applicant=applicant, company=company)
    App.objects.filter(pk=application.pk).update(status=App.Status.COMPLETED)
    client.force_login(colleague)
    page = client.get(f"/en/my/applications/{application.reference}/").content.decode()
    assert "Rate this service" not in page
    feedback = f"/en/my/applications/{application.reference}/feedback/"
    assert client.post(feedback, {"rating": "1"}).status_code == 404
    client.force_login(applicant)
    assert client.post(feedback, {"rating": "5"}).status_code == 302


@pytest.mark.django_db
def test_a_company_document_is_held_to_the_portal_upload_ceiling(client, settings):
    settings.UPLOAD_MAX_MB = 1
    company = CompanyFactory()
    client.force_login(company_member(company, role=Role.OWNER))
    url = f"/en/my/companies/{company.pk}/documents/new/"
    assert "at most 1.0\u00a0MB." in client.get(url).content.decode()
    big = SimpleUploadedFile("reg.pdf", b"%PDF-1.4\n" + b" " * (3 * 1024 * 1024 // 2))
    refused = client.post(url, {"kind": "registration", "file": big})
    assert "The selected file must be smaller than 1.0\u00a0MB." in refused.content.decode()
    assert not CompanyDocument.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "²", "9" * 25])
def test_accepting_an_invitation_that_cannot_exist_says_it_is_no_longer_valid(client, value):
    client.force_login(UserFactory())
    response = client.post("/en/my/companies/", {"invitation": value}, follow=True)
    assert response.redirect_chain == [("/en/my/companies/", 302)]
    assert "This invitation is no longer valid" in response.content.decode()


TYPED_UPLOADS = [
    step(
        "Documents",
        [
            field(
                "file_upload",
                "id_card",
                label="ID card or passport",
                accepted_types=["pdf", "png"],
                max_size_mb=1,
                document_types=["identity"],
            ),
            field(
                "file_upload",
                "certificate",
                label="Enterprise registration certificate",
                accepted_types=["pdf"],
                max_size_mb=1,
                document_types=["registration"],
            ),
            field("file_upload", "site_photo", accepted_types=["pdf", "png"], max_size_mb=1),
        ],
    )
]


@pytest.mark.django_db
def test_each_upload_offers_only_the_company_documents_of_the_types_it_takes(client, service):
    service.application_form = copy.deepcopy(TYPED_UPLOADS)
    service.save_revision().publish()
    company = CompanyFactory(name="Mekong Coffee Co., Ltd")
    member = company_member(company)
    documents = {}
    for kind, name in (("registration", "reg.pdf"), ("identity", "director-id.pdf")):
        documents[kind] = CompanyDocumentFactory(
            company=company, kind=kind, original_name=name, size=1
        )
        documents[kind].file.save(name, make_pdf(name))
    client.force_login(member)
    post_step(client, service, "applicant", {"on_behalf_of": str(company.pk)})
    html = client.get(url(service, "step-1")).content.decode()
    offered = {
        name: re.findall(
            r"· ([\w.-]+\.pdf)", html.split(f'name="step-1-{name}"')[1].split("</select>")[0]
        )
        for name in ("id_card", "certificate")
    }
    assert offered == {"id_card": ["director-id.pdf"], "certificate": ["reg.pdf"]}
    # A field that names no document type offers none.
    assert 'name="step-1-site_photo--company-document"' not in html

    # The certificate sent for the ID card (a forged or stale choice) is not attached.
    refused = post_step(
        client,
        service,
        "step-1",
        {
            "id_card--company-document": str(documents["registration"].pk),
            "certificate--company-document": str(documents["registration"].pk),
            "site_photo": make_png(),
        },
    )
    assert refused.status_code == 200
    assert "Choose a file for “ID card or passport”" in refused.content.decode()


@pytest.mark.django_db
def test_a_company_document_with_a_virus_is_refused_and_not_kept(client, clamd):
    company = CompanyFactory()
    client.force_login(company_member(company, role=Role.OWNER))
    url = f"/en/my/companies/{company.pk}/documents/new/"
    refused = client.post(
        url, {"kind": "registration", "title": "Certificate", "file": make_eicar("reg.pdf")}
    )
    html = refused.content.decode()
    assert "refused because our virus check found it unsafe" in html
    assert 'value="Certificate"' in html
    assert not CompanyDocument.objects.exists()
    client.post(url, {"kind": "registration", "title": "Certificate", "file": make_png("reg.png")})
    assert CompanyDocument.objects.get().content_type == "image/png"
