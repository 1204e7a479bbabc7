"""The person's own pages: their profile, their companies (members, invitations, documents)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from portal.audit.services import access_refused
from portal.core.http import private_file_response
from portal.core.ids import id_parse
from portal.core.limits import rate_limit_count
from portal.core.phone import phone_display

from . import selectors, services
from .forms import (
    CompanyDocumentForm,
    CompanyForm,
    InviteForm,
    PhoneCodeForm,
    ProfileForm,
    RoleForm,
)
from .models import CompanyMembership, PhoneConfirmation

Role = CompanyMembership.Role
INVITE_LIMIT = 20  # invitations a person may send in an hour: email is not for spamming


@login_required
@never_cache
def profile(request):
    """Name and phone number; links to email addresses, password, two-step verification."""
    form = ProfileForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        if phone and phone != request.user.phone and not _may_send_phone_code(request):
            form.add_error("phone", _too_many_codes())
        else:
            services.profile_update(
                user=request.user,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
            if services.phone_change_start(user=request.user, phone=phone, language=get_language()):
                messages.success(
                    request,
                    _("We have texted a code to %(phone)s: type it here to receive texts there.")
                    % {"phone": phone_display(phone)},
                )
                return redirect("accounts:phone_confirm")
            messages.success(request, _("Your details are saved."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": selectors.memberships_for_user(user=request.user),
            "pending_phone": services.phone_change_pending(user=request.user),
        },
    )


PHONE_CODES_PER_HOUR = 5


def _may_send_phone_code(request) -> bool:
    """Texts cost money and reach people: a few codes an hour per person, whatever address."""
    return rate_limit_count(
        f"phone-code:{request.user.pk}", limit=PHONE_CODES_PER_HOUR, window=3600
    )


def _too_many_codes() -> str:
    return _("You asked for several codes in the last hour. Wait a while, then try again.")


@login_required
@never_cache
def phone_confirm(request):
    """Type the code texted to the new number; or have a new code sent."""
    pending = services.phone_change_pending(user=request.user)
    if pending is None and request.method == "GET":
        return redirect("accounts:profile")
    form = PhoneCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and "resend" in request.POST:
        expired = PhoneConfirmation.objects.filter(user=request.user).first()
        if expired is None:
            return redirect("accounts:profile")
        if not _may_send_phone_code(request):
            messages.error(request, _too_many_codes())
        else:
            services.phone_change_start(
                user=request.user, phone=expired.phone, language=get_language()
            )
            messages.success(
                request,
                _("We have texted a new code to %(phone)s.")
                % {"phone": phone_display(expired.phone)},
            )
        return redirect("accounts:phone_confirm")
    if request.method == "POST" and form.is_valid():
        if services.phone_change_confirm(user=request.user, code=form.cleaned_data["code"]):
            messages.success(
                request,
                _("%(phone)s is confirmed: news about your applications is texted to it.")
                % {"phone": phone_display(request.user.phone)},
            )
            return redirect("accounts:profile")
        form.add_error(
            "code",
            _("The code is not right, or it is too old. Check the text, or have a new code sent."),
        )
    return render(request, "accounts/phone_confirm.html", {"form": form, "pending": pending})


@login_required
@never_cache
def company_list(request):
    """The person's companies, and invitations waiting for them."""
    invitations = selectors.invitations_for_user(user=request.user)
    if request.method == "POST":
        chosen = id_parse(request.POST.get("invitation", ""))
        invitation = invitations.filter(pk=chosen).first() if chosen is not None else None
        return _accept(request, invitation)
    return render(
        request,
        "accounts/company_list.html",
        {
            "memberships": selectors.memberships_for_user(user=request.user),
            "invitations": invitations,
        },
    )


@login_required
@never_cache
def company_create(request):
    form = CompanyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        company = services.company_create(user=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(company)s is created. Invite its members and add its documents.")
            % {"company": company.name},
        )
        return redirect("accounts:company_detail", company_id=company.pk)
    return render(request, "accounts/company_form.html", {"form": form, "company": None})


def _member_or_404(request, company_id):
    company, membership = selectors.company_get_for_member(user=request.user, company_id=company_id)
    if company is None:
        raise access_refused(request, object_type="accounts.company", object_id=company_id)
    return company, membership


def _owner_or_404(request, company_id):
    company, membership = _member_or_404(request, company_id)
    if membership.role != Role.OWNER:
        raise access_refused(
            request, object_type="accounts.company", object_id=company.pk, reference=company.name
        )
    return company, membership


@login_required
@never_cache
def company_detail(request, company_id):
    company, membership = _member_or_404(request, company_id)
    members = list(selectors.company_members(company=company))
    return render(
        request,
        "accounts/company_detail.html",
        {
            "company": company,
            "membership": membership,
            "is_owner": membership.role == Role.OWNER,
            "only_owner": [m.role for m in members].count(Role.OWNER) == 1
            and membership.role == Role.OWNER,
            "members": members,
            "invitations": selectors.company_open_invitations(company=company),
            "documents": selectors.company_documents(company=company),
        },
    )


@login_required
@never_cache
def company_edit(request, company_id):
    company, _membership = _owner_or_404(request, company_id)
    form = CompanyForm(request.POST if request.method == "POST" else None, instance=company)
    if request.method == "POST" and form.is_valid():
        # The form's instance holds the new values; the service applies and saves them.
        services.company_update(company=company, user=request.user, **form.cleaned_data)
        messages.success(request, _("The company's details are saved."))
        return redirect("accounts:company_detail", company_id=company.pk)
    return render(request, "accounts/company_form.html", {"form": form, "company": company})


@login_required
@never_cache
def company_invite(request, company_id):
    company, _membership = _owner_or_404(request, company_id)
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        # Per person (whatever their address), and once in ten minutes per invited address.
        if not (
            rate_limit_count(f"invite:{request.user.pk}", limit=INVITE_LIMIT, window=3600)
            and rate_limit_count(f"invite:{company.pk}:{email}", limit=1, window=600)
        ):
            form.add_error(
                "email",
                _(
                    "You have sent many invitations, or one to this address a few minutes ago. "
                    "Wait a while, then try again."
                ),
            )
            return render(
                request, "accounts/company_invite.html", {"form": form, "company": company}
            )
        try:
            replaced = services.company_invite(
                company=company, inviter=request.user, email=email, language=get_language()
            )
        except services.CompanyActionRefused as refused:
            form.add_error("email", str(refused))
        else:
            messages.success(
                request,
                _(
                    "We have emailed a new invitation to %(email)s. The link in the earlier "
                    "email no longer works."
                )
                % {"email": email}
                if replaced
                else _("We have emailed an invitation to %(email)s.") % {"email": email},
            )
            return redirect("accounts:company_detail", company_id=company.pk)
    return render(request, "accounts/company_invite.html", {"form": form, "company": company})


@login_required
@require_POST
def invitation_cancel(request, company_id, invitation_id):
    company, _membership = _owner_or_404(request, company_id)
    invitation = get_object_or_404(company.invitations, pk=invitation_id)
    services.invitation_cancel(invitation=invitation, user=request.user)
    messages.success(
        request, _("The invitation to %(email)s is cancelled.") % {"email": invitation.email}
    )
    return redirect("accounts:company_detail", company_id=company.pk)


@never_cache
def invitation(request, token):
    """The page the invitation email links to: sign in (or create an account) with the
    invited address, then join."""
    found = services.invitation_get(token=token)
    if request.method == "POST" and request.user.is_authenticated:
        return _accept(request, found)
    matches = (
        found is not None
        and request.user.is_authenticated
        and selectors.user_has_verified_email(user=request.user, email=found.email)
    )
    return render(
        request,
        "accounts/invitation.html",
        {"invitation": found, "matches": matches},
        status=200 if found else 404,
    )


def _accept(request, invitation):
    try:
        company = services.invitation_accept(invitation=invitation, user=request.user)
    except services.CompanyActionRefused as refused:
        messages.error(request, str(refused))
        return redirect("accounts:company_list")
    messages.success(
        request,
        _("You are a member of %(company)s: you can apply for it and use its documents.")
        % {"company": company.name},
    )
    return redirect("accounts:company_detail", company_id=company.pk)


@login_required
@never_cache
def membership_remove(request, company_id, membership_id):
    """An owner removes a member, or a member leaves (asked first)."""
    company, own = _member_or_404(request, company_id)
    membership = get_object_or_404(company.memberships.select_related("user"), pk=membership_id)
    leaving = membership.pk == own.pk
    if not leaving and own.role != Role.OWNER:
        raise access_refused(
            request, object_type="accounts.company", object_id=company.pk, reference=company.name
        )
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership, user=request.user)
        except services.CompanyActionRefused as refused:
            messages.error(request, str(refused))
            return redirect("accounts:company_detail", company_id=company.pk)
        if leaving:
            messages.success(request, _("You left %(company)s.") % {"company": company.name})
            return redirect("accounts:company_list")
        messages.success(
            request,
            _("%(person)s is no longer a member.") % {"person": membership.user},
        )
        return redirect("accounts:company_detail", company_id=company.pk)
    return render(
        request,
        "accounts/membership_remove.html",
        {"company": company, "membership": membership, "leaving": leaving},
    )


@login_required
@require_POST
def membership_role(request, company_id, membership_id):
    company, _own = _owner_or_404(request, company_id)
    membership = get_object_or_404(company.memberships, pk=membership_id)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set_role(
                membership=membership, user=request.user, role=form.cleaned_data["role"]
            )
        except services.CompanyActionRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The member's role is changed."))
    return redirect("accounts:company_detail", company_id=company.pk)


@login_required
@never_cache
def company_document_add(request, company_id):
    company, _membership = _member_or_404(request, company_id)
    form = CompanyDocumentForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    if request.method == "POST" and form.is_valid():
        file, content_type = form.cleaned_data["file"]
        document = services.company_document_add(
            company=company,
            user=request.user,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            valid_until=form.cleaned_data["valid_until"],
            checked=services.CheckedFile(file=file, content_type=content_type),
        )
        messages.success(
            request,
            _(
                "%(document)s is kept: attach it to the company's applications without "
                "uploading it again."
            )
            % {"document": document.name},
        )
        return redirect("accounts:company_detail", company_id=company.pk)
    return render(
        request, "accounts/company_document_form.html", {"form": form, "company": company}
    )


def _document_or_404(request, document_id):
    document = selectors.company_document_get_for_member(user=request.user, document_id=document_id)
    if document is None:
        raise access_refused(request, object_type="accounts.companydocument", object_id=document_id)
    return document


@login_required
@require_GET
@never_cache
def company_document_download(request, document_id):
    """A company document, as an attachment, to the company's members only."""
    document = _document_or_404(request, document_id)
    return private_file_response(
        document.file, filename=document.original_name, content_type=document.content_type
    )


@login_required
@never_cache
def company_document_delete(request, document_id):
    document = _document_or_404(request, document_id)
    company = document.company
    if request.method == "POST":
        try:
            services.company_document_delete(document=document, user=request.user)
        except services.CompanyActionRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("%(document)s is removed.") % {"document": document.name})
        return redirect("accounts:company_detail", company_id=company.pk)
    return render(
        request,
        "accounts/company_document_delete.html",
        {"document": document, "company": company},
    )
