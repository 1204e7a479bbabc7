"""An application reads in the language of whoever reads it, whatever language it was made in:
the service's title from the service's pages in each language, the documents' labels from the
form's words in each language kept at submission; the language it was made in where there is
no other."""

import re

import pytest
from bs4 import BeautifulSoup

from cms.models import ServicePage
from portal.applications.models import Application
from tests.conftest import make_pdf
from tests.factories import UserFactory, submit_application
from tests.forms.steps import post_step, submit
from tests.languages import ENGLISH, KHMER, LAO, WORDS, form_in, service_in_lao_and_khmer


@pytest.fixture
def pages(service_page):
    return service_in_lao_and_khmer(service_page)


def text(response, selector="main") -> str:
    found = BeautifulSoup(response.content, "html.parser").select_one(selector)
    return " ".join(found.get_text(" ").split())


def apply_in(client, page) -> tuple[Application, str]:
    """Apply through the service's form in its language; the application and its PIN."""
    name = {"full_name": "Noy Sisouk", "identity_document": make_pdf("passport.pdf")}
    assert post_step(client, page, "step-1", name).status_code == 302
    done = submit(client, page)
    application = Application.objects.get(status=Application.Status.SUBMITTED)
    assert done["Location"].endswith(f"/my/applications/{application.reference}/")
    return application, client.session[f"tracking-pin:{application.reference}"]


@pytest.mark.django_db
def test_a_lao_application_reads_in_english_and_khmer_on_the_look_up_page(client, pages):
    applicant = UserFactory()
    client.force_login(applicant)
    application, pin = apply_in(client, pages["lo"])
    assert application.service_title == LAO["title"] and application.language == "lo"
    client.logout()

    found = {"reference": application.reference, "pin": pin}
    for language, words in WORDS.items():
        page = client.post(f"/{language}/track/", found)
        assert text(page, "h1") == words["title"], language
    english = text(client.post("/en/track/", found))
    assert LAO["title"] not in english and KHMER["title"] not in english


@pytest.mark.django_db
def test_the_documents_are_named_in_the_readers_language_as_the_form_said_then(
    client, pages, service_page
):
    client.force_login(UserFactory())
    application, _pin = apply_in(client, pages["en"])
    # The form changes later: the application keeps the words it was made with.
    service_page.application_form = form_in({**ENGLISH, "identity_document": "Passport"})
    service_page.save_revision().publish()

    for language, words in WORDS.items():
        page = client.get(f"/{language}/my/applications/{application.reference}/")
        shown = text(page)
        assert f"{words['identity_document']} passport.pdf" in shown, language
        assert f"Service {words['title']}" in shown or words["title"] in shown, language
    lao = text(client.get(f"/lo/my/applications/{application.reference}/"))
    assert ENGLISH["identity_document"] not in lao and "Passport" not in lao


@pytest.mark.django_db
def test_an_application_made_before_the_words_were_kept_reads_as_it_was_made(client, pages):
    """Submitted with the form alone (no words in other languages): the labels of the
    service's current form in the reader's language, never a blank, and the service's title
    still comes from the service."""
    applicant = UserFactory()
    application = submit_application(
        pages["en"].specific,
        applicant=applicant,
        form_schema=pages["en"].specific.form_schema(),
        documents=[],
    )
    Application.objects.filter(pk=application.pk).update(
        service_page=pages["lo"], status=Application.Status.IN_REVIEW
    )
    application.documents.create(
        field_name="identity_document",
        file="documents/x.pdf",
        original_name="old.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    client.force_login(applicant)
    khmer = client.get(f"/km/my/applications/{application.reference}/")
    assert text(khmer, "h1") == KHMER["title"]
    assert f"{KHMER['identity_document']} old.pdf" in text(khmer)


@pytest.mark.django_db
def test_my_applications_and_each_page_of_one_name_the_service_in_the_readers_language(
    client, pages
):
    applicant = UserFactory()
    lao_page = ServicePage.objects.get(pk=pages["lo"].pk)
    made_in_lao = submit_application(lao_page, applicant=applicant, language="lo")
    Application.objects.filter(pk=made_in_lao.pk).update(status=Application.Status.ACTION_REQUIRED)
    client.force_login(applicant)
    listing = text(client.get("/km/my/applications/"))
    assert KHMER["title"] in listing and LAO["title"] not in listing
    reference = made_in_lao.reference
    for path in ("", "answer/", "withdraw/"):
        page = client.get(f"/en/my/applications/{reference}/{path}")
        assert ENGLISH["title"] in text(page), path
        assert not re.search("[\u0e80-\u0eff]", text(page, "main")), path


@pytest.mark.django_db
def test_the_emails_name_the_service_in_the_language_they_are_written_in(pages):
    """Started on the English page and sent in Lao (or registered at an English counter for a
    Lao citizen): the email is in Lao, and so is the service's title in it."""
    from portal.notifications.models import OutboxMessage

    applicant = UserFactory()
    submit_application(pages["en"].specific, applicant=applicant, language="lo")
    email = OutboxMessage.objects.get(recipient=applicant.email)
    assert email.language == "lo"
    assert LAO["title"] in email.body and ENGLISH["title"] not in email.body
