"""Applying as a guest: the pages that prove an email address with a code."""

from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.core.limits import rate_limit_allows

from .forms import GuestCodeForm, GuestEmailForm
from .guests import (
    GuestCodeUsed,
    guest_code_pending,
    guest_code_send,
    guest_code_verify,
    guest_signs_in_by_code,
)

SEND_LIMIT = 5  # codes per address of the requester
SEND_WINDOW = 15 * 60  # seconds
VERIFY_LIMIT = 20  # code tries per address of the requester


def _next_url(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return "/"


@never_cache
def guest_start(request):
    """Ask for the email address a guest applies with, and send a code to it; for a guest
    signed in already, who must prove it is them again, send a code to their address."""
    next_url = _next_url(request)
    confirming = request.user.is_authenticated
    if confirming and not guest_signs_in_by_code(request.user):
        return redirect(next_url)
    data = request.POST if request.method == "POST" else None
    if confirming and data is not None:
        # A signed-in guest proves it is them again: the code goes to their own address.
        data = {"email": request.user.email}
    form = GuestEmailForm(data)
    if request.method == "POST" and form.is_valid():
        if not rate_limit_allows(request, scope="guest-code", limit=SEND_LIMIT, window=SEND_WINDOW):
            form.add_error(
                None if confirming else "email",
                _("Too many codes were asked for from here. Try again in 15 minutes."),
            )
        else:
            guest_code_send(request=request, email=form.cleaned_data["email"], next_url=next_url)
            return redirect("guest_verify")
    return render(
        request,
        "applications/guest_start.html",
        {"form": form, "next": next_url, "confirming": confirming},
    )


@never_cache
def guest_verify(request):
    """Check the code; a right one signs the guest in and goes on to the form."""
    pending = guest_code_pending(request)
    if pending is None:
        return redirect("guest_start")
    form = GuestCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not rate_limit_allows(
        request, scope="guest-verify", limit=VERIFY_LIMIT, window=SEND_WINDOW
    ):
        form.is_valid()
        form.add_error("code", _("Too many tries from here. Try again in 15 minutes."))
    elif request.method == "POST" and form.is_valid():
        try:
            next_url = guest_code_verify(request=request, code=form.cleaned_data["code"])
        except GuestCodeUsed:
            form.add_error(
                "code",
                _(
                    "This code was used a moment ago, in another tab or window. Carry on "
                    "there, or ask for a new code."
                ),
            )
            return render(
                request, "applications/guest_verify.html", {"form": form, "email": pending["email"]}
            )
        if next_url:
            return redirect(next_url)
        if guest_code_pending(request) is None:
            return redirect("guest_start")
        form.add_error("code", _("The code is not right. Check the latest email we sent you."))
    return render(
        request, "applications/guest_verify.html", {"form": form, "email": pending["email"]}
    )
