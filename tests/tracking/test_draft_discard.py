"""Deleting a draft that another tab submits meanwhile: the application and its files stay,
and the person is told it was submitted."""

import threading

import pytest
from django.db import connection
from django.db.models.deletion import Collector

from forms.drafts import wizard_state_files
from portal.applications.models import Application, Document
from portal.applications.services import (
    DraftGone,
    NewDocument,
    application_draft_discard,
    application_draft_start,
    application_submit,
)
from tests.conftest import make_pdf
from tests.factories import UserFactory
from tests.forms.steps import fill_all, submit, url


@pytest.mark.django_db
def test_deleting_a_draft_submitted_in_another_tab_says_it_was_submitted(client, service, citizen):
    fill_all(client, service)
    draft = Application.objects.get()
    delete_url = f"/en/my/applications/{draft.reference}/delete/"
    assert "Delete this draft?" in client.get(delete_url).content.decode()  # first tab
    submit(client, service)  # second tab
    [document] = Document.objects.filter(application=draft)

    response = client.post(delete_url, follow=True)  # first tab again

    assert response.redirect_chain == [(f"/en/my/applications/{draft.reference}/", 302)]
    assert "was already submitted, so it was not deleted" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED
    assert document.file.storage.exists(document.file.name)


@pytest.mark.django_db
def test_a_discard_that_read_the_draft_before_it_was_submitted_changes_nothing(
    client, service, citizen
):
    fill_all(client, service)
    stale = Application.objects.get()  # read by the discard, still a draft with its files
    assert wizard_state_files(stale.wizard_state)
    submit(client, service)
    [document] = Document.objects.filter(application=stale)

    assert application_draft_discard(application=stale) is False

    assert Application.objects.get().status == Application.Status.SUBMITTED
    assert document.file.storage.exists(document.file.name)


@pytest.mark.django_db(transaction=True)
def test_a_submission_that_comes_while_the_draft_is_being_deleted_waits_and_is_refused(
    service_page, monkeypatch
):
    """The discard has read the draft; a submission comes before its rows are deleted. The
    discard holds the row, so the submission waits, then finds no draft: a submitted
    application is never deleted under its owner."""
    draft = application_draft_start(
        applicant=UserFactory(), service_page_id=service_page.pk, service_title="Enterprise"
    )
    outcome = {}

    def submit_meanwhile():
        try:
            outcome["submitted"] = application_submit(
                application=Application.objects.get(pk=draft.pk),
                form_schema=service_page.form_schema(),
                answers={"full_name": "Somchai"},
                documents=[NewDocument("identity_document", make_pdf(), "application/pdf")],
            )
        except DraftGone:
            outcome["refused"] = True
        finally:
            connection.close()

    submitting = threading.Thread(target=submit_meanwhile)
    original_delete = Collector.delete

    def delete_after_a_submission(self):
        if threading.current_thread() is not submitting and not submitting.ident:
            submitting.start()
            submitting.join(timeout=3)  # done at once, unless the discard holds the row
        return original_delete(self)

    monkeypatch.setattr(Collector, "delete", delete_after_a_submission)
    assert application_draft_discard(application=draft) is True
    submitting.join()

    assert outcome == {"refused": True}
    assert not Application.objects.exists()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_submitting_a_draft_deleted_in_another_tab_says_so(client, service, citizen):
    fill_all(client, service)
    draft = Application.objects.get()
    assert client.get(url(service, "check")).status_code == 200  # first tab
    client.post(f"/en/my/applications/{draft.reference}/delete/")  # second tab

    response = submit(client, service, draft=draft.reference)  # first tab again

    assert response["Location"] == url(service, "step-1")
    page = client.get(response["Location"]).content.decode()
    assert "This draft was deleted, in another tab or window, so nothing was submitted" in page
    assert not Application.objects.exists()


def test_submitting_a_draft_deleted_meanwhile_is_refused(db, service_page):
    draft = application_draft_start(
        applicant=UserFactory(), service_page_id=service_page.pk, service_title="Enterprise"
    )
    Application.objects.filter(pk=draft.pk).delete()
    with pytest.raises(DraftGone):
        application_submit(
            application=draft,
            form_schema=service_page.form_schema(),
            answers={"full_name": "Somchai"},
            documents=[NewDocument("identity_document", make_pdf(), "application/pdf")],
        )
    assert not Document.objects.exists()
