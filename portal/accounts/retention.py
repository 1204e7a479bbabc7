"""What accounts keep, and for how long: expired codes, closed invitations and expired sessions
are deleted on a schedule; a deleted account is detached from everything it signed in with,
and a company it leaves with no member is closed.

Each purge deletes what is due in one statement (or a few), so running it twice deletes
nothing the second time.
"""

import datetime
import secrets
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from portal.core.storage import stored_files_delete_each

from .models import (
    Company,
    CompanyDocument,
    CompanyInvitation,
    CompanyMembership,
    GuestCode,
    PhoneConfirmation,
    User,
)

#: The domain of the address a deleted account is left with: ``.invalid`` receives nothing.
DELETED_EMAIL_DOMAIN = "@deleted.invalid"


def _days_ago(days: int, now: datetime.datetime | None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=days)


def codes_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete guest codes and phone confirmations expired more than ``CODE_RETENTION_DAYS``
    ago; how many."""
    cutoff = _days_ago(settings.CODE_RETENTION_DAYS, now)
    guests, _by_model = GuestCode.objects.filter(expires_at__lt=cutoff).delete()
    phones, _by_model = PhoneConfirmation.objects.filter(expires_at__lt=cutoff).delete()
    return guests + phones


def invitations_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete company invitations accepted, cancelled or expired more than
    ``INVITATION_RETENTION_DAYS`` ago; how many. Open ones stay."""
    cutoff = _days_ago(settings.INVITATION_RETENTION_DAYS, now)
    deleted, _by_model = CompanyInvitation.objects.filter(
        Q(accepted_at__lt=cutoff) | Q(cancelled_at__lt=cutoff) | Q(expires_at__lt=cutoff)
    ).delete()
    return deleted


def sessions_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete sessions kept in the database that expired more than ``SESSION_RETENTION_DAYS``
    ago; how many (none with sessions in Redis, which expire by themselves)."""
    if not issubclass(import_module(settings.SESSION_ENGINE).SessionStore, DatabaseSessionStore):
        return 0
    cutoff = _days_ago(settings.SESSION_RETENTION_DAYS, now)
    deleted, _by_model = Session.objects.filter(expire_date__lt=cutoff).delete()
    return deleted


def user_is_staff_like(user: User) -> bool:
    """Staff, or someone given groups, permissions or offices: such accounts are closed by an
    administrator, not by their holder."""
    return (
        user.is_staff
        or user.is_superuser
        or user.groups.exists()
        or user.user_permissions.exists()
        or user.offices.exists()
    )


def companies_only_owned_with_members(user: User) -> list[Company]:
    """The companies ``user`` is the only owner of while others are members: their account
    is not deleted before another member is made an owner (nobody is promoted silently)."""
    owned = CompanyMembership.objects.filter(user=user, role=CompanyMembership.Role.OWNER)
    return list(
        Company.objects.filter(pk__in=owned.values("company_id"))
        .annotate(
            owners=Count("memberships", filter=Q(memberships__role=CompanyMembership.Role.OWNER)),
            people=Count("memberships"),
        )
        .filter(owners=1, people__gt=1)
        .order_by("name", "pk")
    )


def companies_of_one(user: User) -> QuerySet[Company]:
    """The companies whose only member is ``user``."""
    mine = CompanyMembership.objects.filter(user=user).values("company_id")
    return (
        Company.objects.filter(pk__in=mine)
        .annotate(people=Count("memberships"))
        .filter(people=1)
        .order_by("name", "pk")
    )


def _company_of_one_close(company: Company) -> list[str]:
    """A company left with no member: nobody can reach its documents and details any more.
    Its documents and invitations go; the company goes too when no application refers to it,
    else it keeps its name and registration number (the applications' history and figures
    name it) and loses its address and tax number. The names of the files to delete."""
    documents = CompanyDocument.objects.filter(company=company)
    files = list(documents.values_list("file", flat=True))
    documents.delete()
    CompanyInvitation.objects.filter(company=company).delete()
    CompanyMembership.objects.filter(company=company).delete()
    try:
        with transaction.atomic():
            Company.objects.filter(pk=company.pk).delete()
    except ProtectedError:  # applications for it keep its name
        Company.objects.filter(pk=company.pk).update(address="", tax_number="")
    return files


def user_anonymise(*, user: User) -> None:
    """Detach ``user`` from every way of signing in and from their name and contacts: an
    address under ``.invalid`` (it receives nothing), no name, no phone, no password, no
    verified addresses, national identity or second factor, no company membership. A company
    they were the only member of is closed (``_company_of_one_close``); the caller has made
    sure they are not the only owner of a company with other members. What the account
    applied for stays with the offices, under the retention rule. Then the row itself is
    deleted if nothing refers to it any more."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    with transaction.atomic():
        old_email = user.email
        EmailAddress.objects.filter(user=user).delete()
        SocialAccount.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        PhoneConfirmation.objects.filter(user=user).delete()
        GuestCode.objects.filter(email__iexact=old_email).delete()
        files = []
        for company in companies_of_one(user):
            files += _company_of_one_close(company)
        CompanyDocument.objects.filter(uploaded_by=user).update(uploaded_by=None)
        CompanyMembership.objects.filter(user=user).delete()
        user.email = f"deleted-{secrets.token_hex(8)}{DELETED_EMAIL_DOMAIN}"
        user.first_name = user.last_name = user.phone = ""
        user.is_active = False
        user.set_unusable_password()  # every session it had no longer matches
        user.save()
        storage = CompanyDocument._meta.get_field("file").storage
        transaction.on_commit(lambda: stored_files_delete_each(storage, files))
    try:
        with transaction.atomic():
            User.objects.filter(pk=user.pk).delete()
    except ProtectedError:
        pass  # its applications, events or payments keep the (now empty) row
