"""Reads of applications, with the rule of who may see what."""

import re

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Subquery, When
from django.utils import timezone

from payments.models import FeeSettlement
from portal.accounts.models import Company, CompanyDocument, Office, User

from .models import Application, Certificate, Document, Event, Referral, Stage
from .pins import tracking_pin_hash, tracking_pin_matches

OFFICER_PERMISSION = "applications.view_application"
CERTIFICATE_CODE = re.compile(r"[A-Z0-9-]{1,32}")  # "C-7KQ2-M9XA-C", as verify upper-cases it


def user_is_officer(user: User) -> bool:
    """Whether the user works applications in the back office."""
    return user.is_active and user.has_perm(OFFICER_PERMISSION)


def _applicant_scope(user: User) -> Q:
    """What a person sees as theirs: what they applied for themselves, and, while they are a
    member of a company, what anyone applied for on its behalf (not others' drafts). Who
    leaves a company leaves its applications behind, their own included."""
    member = Q(company__memberships__user=user)
    return (Q(applicant=user) & (Q(company=None) | member)) | (
        member & ~Q(status=Application.Status.DRAFT)
    )


def application_acting_allowed(*, user: User, application: Application) -> bool:
    """Whether the person may act on the application as its applicant (answer, pay, get its
    documents): they made it for themselves, or they are a member of the company it is for."""
    if application.company_id is None:
        return application.applicant_id == user.pk
    return Company.objects.filter(pk=application.company_id, memberships__user=user).exists()


def application_list_for_applicant(
    *, user: User, company_id: int | None = None
) -> QuerySet[Application]:
    """The person's applications (and their companies'), drafts first, then the latest
    changed first; with what the list shows of each: whether the fee is settled, what the
    office asked while it waits for an answer, whether a result was issued and rated."""
    scope = _applicant_scope(user)
    if company_id is not None:
        scope &= Q(company_id=company_id, company__memberships__user=user)
    asked = Event.objects.filter(application=OuterRef("pk"), kind=Event.Kind.RETURNED).order_by(
        "-created_at", "-id"
    )
    return (
        Application.objects.filter(pk__in=Application.objects.filter(scope).values("pk"))
        .select_related("service_page", "company")
        .annotate(
            fee_settled=Exists(FeeSettlement.objects.filter(application_id=OuterRef("pk"))),
            asked_note=Subquery(asked.values("message")[:1]),
            has_result=Exists(
                Certificate.objects.filter(application=OuterRef("pk"), revoked_at=None)
            ),
        )
        .order_by(
            Case(When(status=Application.Status.DRAFT, then=0), default=1),
            "-updated_at",
        )
    )


def application_get_for_applicant(*, user: User, reference: str) -> Application | None:
    """The person's application with this reference (or their company's), or None."""
    if not user.is_authenticated:
        return None
    return (
        Application.objects.filter(
            pk__in=Application.objects.filter(_applicant_scope(user), reference=reference).values(
                "pk"
            )
        )
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


def company_documents_for_applicant(*, user: User, company_id: int) -> list[CompanyDocument]:
    """The documents of a company the person may attach to an application for it (they are a
    member), except expired ones."""
    if not user.is_authenticated:
        return []
    return list(
        CompanyDocument.objects.filter(company_id=company_id, company__memberships__user=user)
        .exclude(valid_until__lt=timezone.localdate())
        .order_by("kind", "-uploaded_at")
    )


def officer_office_ids(user: User) -> list[int]:
    """The ids of the offices an officer serves, in every language copy. Read once per
    request (kept on the user object): the queue then filters applications on their own
    columns, which lets the database read it in the order of its index."""
    cached = getattr(user, "_office_ids", None)
    if cached is None:
        keys = user.offices.values("translation_key")
        cached = list(Office.objects.filter(translation_key__in=keys).values_list("pk", flat=True))
        user._office_ids = cached
    return cached


def _officer_scope(user: User) -> Q:
    """The applications an officer may read: those of the offices they serve, those at a stage
    their office acts on, and those referred to their office (open or answered); everything
    for a superuser."""
    if user.is_superuser:
        return Q()
    offices = officer_office_ids(user)
    scope = Q(office_id__in=offices) | Q(referred_to_id__in=offices)
    stages = list(Stage.objects.filter(office_id__in=offices).values_list("pk", flat=True))
    if stages:
        scope |= Q(stage_id__in=stages)
    referred = Referral.objects.filter(to_office_id__in=offices).values("application_id")
    if offices:
        scope |= Q(pk__in=referred)
    return scope


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
    if application_acting_allowed(user=user, application=application):
        return document
    if application_visible_to_officer(user=user, application=application):
        return document
    return None


def application_lookup(*, reference: str, pin: str) -> Application | None:
    """The application with this reference if the PIN is its own; None for any mismatch.

    The same work is done whether or not the reference exists, so the answer's timing does not
    tell which of the two was wrong.
    """
    application = Application.objects.filter(reference=reference).first()
    if application is None:
        tracking_pin_hash(reference=reference, pin=pin)
        return None
    return application if tracking_pin_matches(application=application, pin=pin) else None


def certificate_get(*, code: str) -> Certificate | None:
    """The certificate with this verification code, for its public check. Text that cannot be
    a code (anything but letters, digits and dashes, such as a NUL byte that PostgreSQL
    refuses) finds nothing, without asking the database."""
    if not CERTIFICATE_CODE.fullmatch(code):
        return None
    return Certificate.objects.filter(code=code).first()


def issued_result(*, application: Application) -> Certificate | None:
    """The certificate or licence issued for the application, unless it was revoked."""
    return Certificate.objects.filter(application=application, revoked_at=None).first()


def last_request(*, application: Application) -> Event | None:
    """What the officer asked when they last returned the application, while it waits."""
    if application.status != Application.Status.ACTION_REQUIRED:
        return None
    return application.events.filter(kind=Event.Kind.RETURNED).order_by("-created_at").first()
