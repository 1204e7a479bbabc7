"""Writes of the account side: a person's profile, the companies they act for, the invitations
that bring members in, and the documents a company keeps for its applications."""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.core.codes import code_generate, code_hash, code_matches
from portal.core.uploads import upload_sha256
from portal.notifications.services import notification_send

from .models import (
    Company,
    CompanyDocument,
    CompanyInvitation,
    CompanyMembership,
    PhoneConfirmation,
    User,
)
from .selectors import membership_get, user_has_verified_email

Role = CompanyMembership.Role


class CompanyActionRefused(Exception):
    """What the person asked cannot be done; the message says why, in their language."""


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise CompanyActionRefused(message)


def _require_owner(company: Company, user: User) -> None:
    membership = membership_get(company=company, user=user)
    _require(
        membership is not None and membership.role == Role.OWNER,
        _("Only an owner of the company can do this."),
    )


def _require_member(company: Company, user: User) -> None:
    _require(
        membership_get(company=company, user=user) is not None,
        _("You are not a member of this company."),
    )


# --- profile -----------------------------------------------------------------------------------


def profile_update(*, user: User, first_name: str, last_name: str) -> User:
    """A person's name."""
    user.first_name = first_name.strip()[:150]
    user.last_name = last_name.strip()[:150]
    user.save(update_fields=["first_name", "last_name"])
    return user


PHONE_CODE_LIFETIME = datetime.timedelta(minutes=15)
PHONE_CODE_TRIES = 5


def phone_change_start(*, user: User, phone: str, language: str) -> bool:
    """Change the number texts go to. An empty number stops texts at once; a new one gets a
    code by text and is used once the code is typed (``phone_change_confirm``). Returns
    whether a code was sent."""
    if not phone:
        with transaction.atomic():
            PhoneConfirmation.objects.filter(user=user).delete()
            User.objects.filter(pk=user.pk).update(phone="")
        user.phone = ""
        return False
    if phone == user.phone:
        PhoneConfirmation.objects.filter(user=user).delete()
        return False
    code = code_generate()
    with transaction.atomic():
        PhoneConfirmation.objects.update_or_create(
            user=user,
            defaults={
                "phone": phone,
                "code_hash": code_hash(purpose="phone", subject=phone, code=code),
                "tries": 0,
                "expires_at": timezone.now() + PHONE_CODE_LIFETIME,
            },
        )
        notification_send(
            template="phone_code",
            context={"minutes": int(PHONE_CODE_LIFETIME.total_seconds() // 60)},
            language=language,
            phone=phone,
            secrets={"code": code},
        )
    return True


def phone_change_pending(*, user: User) -> PhoneConfirmation | None:
    """The number waiting for its code, while the code can still be used."""
    return PhoneConfirmation.objects.filter(
        user=user, tries__lt=PHONE_CODE_TRIES, expires_at__gt=timezone.now()
    ).first()


def phone_change_confirm(*, user: User, code: str) -> bool:
    """Use the pending number if the code is right. Each try counts, in one atomic update,
    before the code is compared; a few wrong tries or an old code need a new code."""
    counted = PhoneConfirmation.objects.filter(
        user=user, tries__lt=PHONE_CODE_TRIES, expires_at__gt=timezone.now()
    ).update(tries=F("tries") + 1)
    pending = PhoneConfirmation.objects.filter(user=user).first()
    if not counted or pending is None:
        return False
    if not code_matches(
        purpose="phone", subject=pending.phone, code=code, expected=pending.code_hash
    ):
        return False
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(phone=pending.phone)
        pending.delete()
    user.phone = pending.phone
    return True


# --- companies ---------------------------------------------------------------------------------


def company_create(
    *, user: User, name: str, registration_number: str = "", tax_number: str = "", address: str = ""
) -> Company:
    """A company profile; the person who creates it is its first owner."""
    with transaction.atomic():
        company = Company.objects.create(
            name=name.strip(),
            registration_number=registration_number.strip(),
            tax_number=tax_number.strip(),
            address=address.strip(),
        )
        CompanyMembership.objects.create(company=company, user=user, role=Role.OWNER)
    return company


def company_update(*, company: Company, user: User, **fields) -> Company:
    """An owner corrects the company's name, numbers or address."""
    _require_owner(company, user)
    for name in ("name", "registration_number", "tax_number", "address"):
        if name in fields:
            setattr(company, name, fields[name].strip())
    company.save()
    return company


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def company_invite(*, company: Company, inviter: User, email: str, language: str) -> bool:
    """Invite an email address to join the company, by an email in ``language`` with a link
    that works for ``CompanyInvitation.LIFETIME_DAYS``. Inviting the same address again sends
    a new link and makes the old one useless. Returns whether an earlier link was replaced."""
    _require_owner(company, inviter)
    email = User.objects.normalize_email(email.strip()).lower()
    _require(
        not company.memberships.filter(user__email__iexact=email).exists(),
        _("%(email)s is already a member of this company.") % {"email": email},
    )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        _invitation, created = CompanyInvitation.objects.update_or_create(
            company=company,
            email=email,
            accepted_at=None,
            cancelled_at=None,
            defaults={
                "invited_by": inviter,
                "token_hash": _token_hash(token),
                "created_at": now,
                "expires_at": now + datetime.timedelta(days=CompanyInvitation.LIFETIME_DAYS),
            },
        )
        with translation.override(language):
            url = settings.PORTAL_BASE_URL + reverse("accounts:invitation", args=[token])
        notification_send(
            template="company_invitation",
            context={
                "company": company,
                "inviter": inviter,
                "days": CompanyInvitation.LIFETIME_DAYS,
            },
            language=language,
            email=email,
            secrets={"url": url},
        )
    return not created


def invitation_get(*, token: str) -> CompanyInvitation | None:
    """The invitation a link's token opens, if it is still open."""
    invitation = (
        CompanyInvitation.objects.select_related("company", "invited_by")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    return invitation if invitation and invitation.is_open else None


def invitation_accept(*, invitation: CompanyInvitation | None, user: User) -> Company:
    """Join the company the invitation is for. Only the person whose verified email address
    was invited can: a forwarded link is no use to anyone else."""
    _require(
        invitation is not None and invitation.is_open,
        _("This invitation is no longer valid. Ask for a new one."),
    )
    _require(
        user_has_verified_email(user=user, email=invitation.email),
        _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
        % {"email": invitation.email},
    )
    with transaction.atomic():
        taken = CompanyInvitation.objects.filter(
            pk=invitation.pk, accepted_at=None, cancelled_at=None
        ).update(accepted_at=timezone.now(), accepted_by=user)
        _require(bool(taken), _("This invitation is no longer valid. Ask for a new one."))
        CompanyMembership.objects.get_or_create(
            company=invitation.company, user=user, defaults={"role": Role.MEMBER}
        )
    return invitation.company


def invitation_cancel(*, invitation: CompanyInvitation, user: User) -> None:
    _require_owner(invitation.company, user)
    CompanyInvitation.objects.filter(pk=invitation.pk, accepted_at=None).update(
        cancelled_at=timezone.now()
    )


def _lock_members(company_id: int) -> None:
    """Inside a transaction: one change of a company's members at a time. PostgreSQL locks the
    company's row; on SQLite every writing transaction takes the database's lock at BEGIN."""
    list(Company.objects.select_for_update().filter(pk=company_id).values_list("pk", flat=True))


def _last_owner(company_id: int, membership: CompanyMembership) -> bool:
    return (
        membership.role == Role.OWNER
        and CompanyMembership.objects.filter(company_id=company_id, role=Role.OWNER).count() < 2
    )


def membership_remove(*, membership: CompanyMembership, user: User) -> None:
    """An owner removes a member, or a member leaves. The last owner stays: a company
    always has someone who can invite."""
    company_id = membership.company_id
    with transaction.atomic():
        _lock_members(company_id)
        # Read again under the lock: roles may have changed since the page was shown.
        membership = CompanyMembership.objects.filter(pk=membership.pk).first()
        _require(membership is not None, _("This person is no longer a member."))
        if membership.user_id != user.pk:
            _require_owner(membership.company, user)
        _require(
            not _last_owner(company_id, membership),
            _("A company needs an owner: make another member an owner first."),
        )
        membership.delete()


def membership_set_role(*, membership: CompanyMembership, user: User, role: str) -> None:
    """An owner makes a member an owner, or an owner a member (never the last owner)."""
    _require(role in Role.values, _("Choose owner or member."))
    company_id = membership.company_id
    with transaction.atomic():
        _lock_members(company_id)
        membership = CompanyMembership.objects.filter(pk=membership.pk).first()
        _require(membership is not None, _("This person is no longer a member."))
        _require_owner(membership.company, user)
        if role != Role.OWNER:
            _require(
                not _last_owner(company_id, membership),
                _("A company needs an owner: make another member an owner first."),
            )
        CompanyMembership.objects.filter(pk=membership.pk).update(role=role)


# --- the company's documents -------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the upload checks, with the type read from its content."""

    file: UploadedFile
    content_type: str


def company_document_add(
    *,
    company: Company,
    user: User,
    kind: str,
    checked: CheckedFile,
    title: str = "",
    valid_until: datetime.date | None = None,
) -> CompanyDocument:
    """Keep a document for the company's applications."""
    _require_member(company, user)
    document = CompanyDocument(
        company=company,
        kind=kind,
        title=title.strip(),
        original_name=checked.file.name[:255],
        content_type=checked.content_type,
        size=checked.file.size,
        sha256=upload_sha256(checked.file),
        valid_until=valid_until,
        uploaded_by=user,
    )
    document.file.save(checked.file.name, checked.file, save=False)
    try:
        document.save()
    except BaseException:
        document.file.delete(save=False)  # no row, no file
        raise
    return document


def company_document_delete(*, document: CompanyDocument, user: User) -> None:
    """Remove a document from the company's documents: by an owner, or by who uploaded it.
    Applications it was attached to keep their own copy."""
    membership = membership_get(company=document.company, user=user)
    _require(
        membership is not None
        and (membership.role == Role.OWNER or document.uploaded_by_id == user.pk),
        _("Only an owner, or the member who uploaded it, can remove this document."),
    )
    storage, name = document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
