"""Reads of the account side: companies and who belongs to them, offices in a language."""

from django.db.models import Count, QuerySet
from django.utils import timezone

from .models import (
    Company,
    CompanyDocument,
    CompanyInvitation,
    CompanyMembership,
    Office,
    User,
)


def membership_get(*, company: Company, user: User) -> CompanyMembership | None:
    if not user.is_authenticated:
        return None
    return CompanyMembership.objects.filter(company=company, user=user).first()


def user_has_verified_email(*, user: User, email: str) -> bool:
    """Whether the person proved they own this address (allauth keeps the proof)."""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def memberships_for_user(*, user: User) -> QuerySet[CompanyMembership]:
    """The companies a person belongs to, with their role and how many members each has."""
    return (
        CompanyMembership.objects.filter(user=user)
        .select_related("company")
        .annotate(member_count=Count("company__memberships"))
        .order_by("company__name")
    )


def company_get_for_member(*, user: User, company_id: int) -> tuple[Company, CompanyMembership]:
    """The company and the person's membership, or (None, None) if they are not a member."""
    membership = (
        CompanyMembership.objects.filter(user=user, company_id=company_id)
        .select_related("company")
        .first()
    )
    return (membership.company, membership) if membership else (None, None)


def company_members(*, company: Company) -> QuerySet[CompanyMembership]:
    return company.memberships.select_related("user").order_by("-role", "user__email")


def company_open_invitations(*, company: Company) -> QuerySet[CompanyInvitation]:
    return company.invitations.filter(
        accepted_at=None, cancelled_at=None, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def invitations_for_user(*, user: User) -> QuerySet[CompanyInvitation]:
    """Open invitations to an address the person has proved: they may accept them from their
    companies page too, since the proof of the address is what the token's link stands for."""
    from allauth.account.models import EmailAddress

    emails = EmailAddress.objects.filter(user=user, verified=True).values("email")
    return CompanyInvitation.objects.filter(
        email__in=emails, accepted_at=None, cancelled_at=None, expires_at__gt=timezone.now()
    ).select_related("company", "invited_by")


def company_documents(*, company: Company) -> QuerySet[CompanyDocument]:
    return company.documents.select_related("uploaded_by")


def company_document_get_for_member(*, user: User, document_id) -> CompanyDocument | None:
    """A company document, if the person is a member of its company."""
    if not user.is_authenticated:
        return None
    return (
        CompanyDocument.objects.filter(pk=document_id, company__memberships__user=user)
        .select_related("company")
        .first()
    )


def office_in_language(*, office: Office | None, language: str) -> Office | None:
    """The office as it is written in ``language`` (its Lao name on a paper printed in Lao)
    where it has that version, else the office itself."""
    if office is None:
        return None
    translated = (
        Office.objects.filter(
            translation_key=office.translation_key, locale__language_code=language
        )
        .select_related("locale")
        .first()
    )
    return translated or office
