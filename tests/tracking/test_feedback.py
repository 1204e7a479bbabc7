"""Applicants rate the service once, only after their application is complete."""

import pytest

from portal.applications.models import Application
from portal.tracking.models import Feedback
from tests.factories import UserFactory, submit_application


@pytest.fixture
def completed(service_page, citizen):
    application = submit_application(service_page, applicant=citizen)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.COMPLETED)
    application.refresh_from_db()
    return application


@pytest.mark.django_db
def test_a_rating_is_accepted_once_after_completion(client, completed):
    detail = f"/en/my/applications/{completed.reference}/"
    assert "Rate this service" in client.get(detail).content.decode()
    url = f"/en/my/applications/{completed.reference}/feedback/"
    empty = client.post(url, {})  # nothing chosen at all: still told what to do
    assert "Choose a rating from 1 to 5." in empty.content.decode()
    missing = client.post(url, {"comment": "Quick"})
    assert "Choose a rating from 1 to 5." in missing.content.decode()
    assert "Quick" in missing.content.decode()
    client.post(url, {"rating": "5", "comment": "Fast and friendly"})
    client.post(url, {"rating": "1", "comment": "Changed my mind"})
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.comment) == (5, "Fast and friendly")
    assert "You rated this service 5 out of 5" in client.get(detail).content.decode()


@pytest.mark.django_db
def test_no_rating_before_completion_or_for_someone_else(client, service_page, citizen, completed):
    open_one = submit_application(service_page, applicant=citizen)
    client.post(f"/en/my/applications/{open_one.reference}/feedback/", {"rating": "4"})
    assert not Feedback.objects.exists()
    client.force_login(UserFactory())
    response = client.post(f"/en/my/applications/{completed.reference}/feedback/", {"rating": "1"})
    assert response.status_code == 404
    assert not Feedback.objects.exists()
