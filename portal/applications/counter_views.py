"""The page the link of a walk-in application leads to: its owner, signed in with the address
the link went to, types the PIN of the slip to add the application to their account."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.accounts.selectors import user_has_verified_email

from .counter import ClaimRefused, counter_claim_confirm, counter_claim_get
from .forms import CounterClaimForm


@never_cache
def counter_claim(request, token):
    intake = counter_claim_get(token=token)
    if intake is None:
        return render(request, "applications/counter_claim.html", {"intake": None}, status=404)
    matches = request.user.is_authenticated and user_has_verified_email(
        user=request.user, email=intake.claim_email
    )
    form = CounterClaimForm(request.POST or None)
    if request.method == "POST" and matches and form.is_valid():
        try:
            application = counter_claim_confirm(
                intake=intake, user=request.user, pin=form.cleaned_data["pin"]
            )
        except ClaimRefused as refused:
            if counter_claim_get(token=token) is None:
                return render(
                    request, "applications/counter_claim.html", {"intake": None}, status=404
                )
            form.add_error("pin", str(refused))
        else:
            messages.success(
                request,
                _(
                    "The application is in your account. News about it now goes to your email "
                    "address, and by text to the phone number of your profile."
                )
                if request.user.phone
                else _(
                    "The application is in your account. News about it now goes to your email "
                    "address; add a mobile number to your profile to get texts too."
                ),
            )
            return redirect("tracking:application_detail", reference=application.reference)
    return render(
        request,
        "applications/counter_claim.html",
        {"intake": intake, "matches": matches, "form": form},
    )
