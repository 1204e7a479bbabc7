"""Writes of the applicant's side: feedback on a completed service."""

from django.db import IntegrityError, transaction

from portal.applications.models import Application

from .models import Feedback


class FeedbackRefused(Exception):
    """No rating now: the application is not complete, or it was rated already."""


def feedback_give(*, application: Application, rating: int, comment: str = "") -> Feedback:
    """Rate the service once, after the application is complete."""
    if application.status != Application.Status.COMPLETED:
        raise FeedbackRefused("not complete")
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                application=application, rating=rating, comment=comment.strip()
            )
    except IntegrityError:
        raise FeedbackRefused("already given") from None
