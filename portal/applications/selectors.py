"""Reads of applications, with the rule of who may see what."""

from django.db.models import Case, Q, QuerySet, When

from portal.accounts.models import Company, Office, User

from .models import Application, Certificate, Document, Event

OFFICER_PERMISSION = "applications.view_application"


def user_is_officer(user: User) -> bool:
    """Whether the user works applications in the back office."""
    return user.is_active and user.has_perm(OFFICER_PERMISSION)


def application_list_for_applicant(*, user: User) -> QuerySet[Application]:
    """The applications a citizen or business person made: drafts first, then newest first."""
    return (
        Application.objects.filter(applicant=user)
        .select_related("service_page")
        .order_by(
            Case(When(status=Application.Status.DRAFT, then=0), default=1),
            "-updated_at",
        )
    )


def application_get_for_applicant(*, user: User, reference: str) -> Application | None:
    """The user's own application with this reference, or None."""
    return (
        Application.objects.filter(applicant=user, reference=reference)
        .select_related("company")
        .prefetch_related("documents")
        .first()
    )


def application_draft_get(*, applicant: User, service_page_ids: list[int]) -> Application | None:
    """The person's draft for this service, started in any of its languages (the pages'
    translations share the form's steps and machine names), if they started one."""
    if not applicant.is_authenticated:
        return None
    return (
        Application.objects.filter(
            applicant=applicant,
            service_page_id__in=service_page_ids,
            status=Application.Status.DRAFT,
        )
        .order_by("-updated_at")
        .first()
    )


def companies_for_applicant(*, user: User) -> QuerySet[Company]:
    """The companies this person may apply for."""
    if not user.is_authenticated:
        return Company.objects.none()
    return Company.objects.filter(memberships__user=user).order_by("name")


def _officer_scope(user: User) -> Q:
    """The applications of the offices an officer serves (any language copy of the office);
    everything for a superuser."""
    if user.is_superuser:
        return Q()
    # A short list of office ids, read first: the database then filters applications on their
    # own column (no join), which lets it read the queue in the order of its index.
    keys = user.offices.values("translation_key")
    return Q(
        office_id__in=list(
            Office.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
        )
    )


def application_list_for_officer(*, user: User) -> QuerySet[Application]:
    """Submitted applications of the offices an officer serves."""
    if not user_is_officer(user):
        return Application.objects.none()
    return (
        Application.objects.exclude(status=Application.Status.DRAFT)
        .filter(_officer_scope(user))
        .select_related("applicant")
    )


def application_visible_to_officer(*, user: User, application: Application) -> bool:
    return (
        user_is_officer(user)
        and application.status != Application.Status.DRAFT
        and Application.objects.filter(_officer_scope(user), pk=application.pk).exists()
    )


def document_get_for_user(*, user: User, document_id) -> Document | None:
    """The document if this user may download it, else None: its applicant, a member of the
    company the application was made for, or an officer of the responsible office."""
    if not user.is_authenticated:
        return None
    document = Document.objects.select_related("application").filter(pk=document_id).first()
    if document is None:
        return None
    application = document.application
    if application.applicant_id == user.pk:
        return document
    if (
        application.company_id
        and Company.objects.filter(pk=application.company_id, memberships__user=user).exists()
    ):
        return document
    if application_visible_to_officer(user=user, application=application):
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


def certificate_get(*, code: str) -> Certificate | None:
    """The certificate with this verification code, for its public check."""
    return Certificate.objects.filter(code=code).first()


def last_request(*, application: Application) -> Event | None:
    """What the officer asked when they last returned the application, while it waits."""
    if application.status != Application.Status.ACTION_REQUIRED:
        return None
    return application.events.filter(kind=Event.Kind.RETURNED).order_by("-created_at").first()
