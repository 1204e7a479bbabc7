"""Proving again that it is them, before a person does what cannot be undone or takes away
everything held about them (deleting their account, downloading their data), and before a
manager exports or removes someone's personal data.

allauth asks for the password (or the second factor) again, and lets through, with no step,
an account that has neither: a guest (an email proven by a code) or a person who signs in
only with the national identity. Here every account takes a step: such an account must have
signed in within ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` (allauth's records of how this session
authenticated say when), or sign in again: a guest by a new email code, a national-identity
account through its provider.
"""

import time
from functools import wraps

from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.internal.flows.reauthentication import (
    did_recently_reauthenticate,
    get_reauthentication_flows,
    suspend_request,
)
from allauth.core.exceptions import ReauthenticationRequired
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

#: What a guest's sign-in by email code is recorded as (beside allauth's "password", "mfa",
#: "socialaccount").
GUEST_CODE = "guest_code"


def _recent(record: dict) -> bool:
    return time.time() - record.get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT


def recently_authenticated(request) -> bool:
    """Whether the signed-in person proved it is them a moment ago: with their password or
    second factor when they have one (allauth's reauthentication), else by signing in."""
    user = request.user
    if not user.is_authenticated:
        return False
    if get_reauthentication_flows(user):
        return did_recently_reauthenticate(request)
    records = get_authentication_records(request, user)
    return bool(records) and _recent(records[-1])


def second_factor_recently_used(request) -> bool:
    """Whether this session passed its second factor (at sign-in or since) a moment ago."""
    user = request.user
    if not user.is_authenticated:
        return False
    return any(
        record.get("method") == "mfa" and _recent(record)
        for record in get_authentication_records(request, user)
    )


def sign_in_again_url(request) -> str:
    """Where a person without a password or second factor proves it is them again, coming
    back to this page: their national identity provider, or the guest's email code."""
    from allauth.socialaccount.models import SocialAccount

    account = SocialAccount.objects.filter(user=request.user).order_by("pk").first()
    if account is not None:
        start = reverse("openid_connect_login", kwargs={"provider_id": account.provider})
        return f"{start}?{urlencode({'process': 'login', 'next': request.path})}"
    return f"{reverse('guest_start')}?{urlencode({'next': request.path})}"


def recent_authentication_required(view):
    """The view only for a person who proved it is them a moment ago (``recently_authenticated``);
    others sign in again and come back (a form sent to allauth's password page is sent on once
    the password is given)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if recently_authenticated(request):
            return view(request, *args, **kwargs)
        if get_reauthentication_flows(request.user):
            raise ReauthenticationRequired()  # allauth's middleware: its page, then back
        return redirect(sign_in_again_url(request))

    return wrapper


def second_factor_required(view):
    """The view only for staff who passed their second factor a moment ago; others give it
    again (allauth's page), and what they sent is sent on once they have."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if second_factor_recently_used(request):
            return view(request, *args, **kwargs)
        return suspend_request(request, reverse("mfa_reauthenticate"))

    return wrapper
