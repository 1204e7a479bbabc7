"""Reads of applications, with the rule of who may see what."""

from django.db.models import QuerySet

from portal.accounts.models import User

from .models import Application, Document

OFFICER_PERMISSION = "applications.view_application"


def user_is_officer(user: User) -> bool:
    """Whether the user works applications in the back office."""
    return user.is_active and user.has_perm(OFFICER_PERMISSION)


def application_list_for_applicant(*, user: User) -> QuerySet[Application]:
    """The applications a citizen or business person made, newest first."""
    return Application.objects.filter(applicant=user).order_by("-created_at")


def application_get_for_applicant(*, user: User, reference: str) -> Application | None:
    """The user's own application with this reference, or None."""
    return (
        Application.objects.filter(applicant=user, reference=reference)
        .prefetch_related("documents")
        .first()
    )


def application_list_for_officer(*, user: User) -> QuerySet[Application]:
    """Submitted applications an officer may see."""
    if not user_is_officer(user):
        return Application.objects.none()
    return Application.objects.exclude(status=Application.Status.DRAFT).select_related("applicant")


def document_get_for_user(*, user: User, document_id) -> Document | None:
    """The document if this user may download it: its applicant or an officer; else None."""
    if not user.is_authenticated:
        return None
    document = Document.objects.select_related("application").filter(pk=document_id).first()
    if document is None:
        return None
    if document.application.applicant_id == user.pk or user_is_officer(user):
        return document
    return None


def application_lookup(*, reference: str, pin: str) -> Application | None:
    """The application with this reference if the PIN is its own; None for any mismatch.

    The same work is done whether or not the reference exists, so the answer's timing does not
    tell which of the two was wrong.
    """
    from .services import tracking_pin_hash, tracking_pin_matches

    application = Application.objects.filter(reference=reference).first()
    if application is None:
        tracking_pin_hash(reference=reference, pin=pin)
        return None
    return application if tracking_pin_matches(application=application, pin=pin) else None
