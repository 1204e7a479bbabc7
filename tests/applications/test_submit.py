"""Submitting a draft happens once, even when two requests race for it."""

import threading

import pytest
from django.db import connection

from portal.applications.models import Application, Document, Event
from portal.applications.services import (
    NewDocument,
    application_draft_start,
    application_submit,
)
from tests.conftest import make_pdf
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_two_submits_of_one_draft_at_the_same_moment_give_one_application(service_page):
    draft = application_draft_start(
        applicant=UserFactory(), service_page_id=service_page.pk, service_title="Registration"
    )
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            results.append(
                application_submit(
                    application=Application.objects.get(pk=draft.pk),
                    form_schema=service_page.form_schema(),
                    answers={"full_name": "Somchai"},
                    documents=[NewDocument("identity_document", make_pdf(), "application/pdf")],
                )
            )
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(result.already_submitted for result in results) == [False, True]
    assert {result.pk for result in results} == {draft.pk}
    assert Application.objects.get().status == Application.Status.SUBMITTED
    assert Document.objects.count() == 1
    assert Event.objects.filter(kind=Event.Kind.SUBMITTED).count() == 1
