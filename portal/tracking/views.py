"""What applicants see of their applications: their own list, and the look-up by reference
code and tracking PIN that needs no account."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from portal.applications.selectors import (
    application_get_for_applicant,
    application_list_for_applicant,
    application_lookup,
)
from portal.core.http import rate_limit_allows

from .forms import StatusLookupForm


@login_required
def application_list(request):
    applications = application_list_for_applicant(user=request.user)
    return render(request, "tracking/application_list.html", {"applications": applications})


@login_required
def application_detail(request, reference):
    application = application_get_for_applicant(user=request.user, reference=reference)
    if application is None:
        raise Http404
    if application.status == application.Status.DRAFT and application.service_page:
        return redirect(application.service_page.url + "apply/")
    pin = request.session.pop(f"tracking-pin:{reference}", None)
    return render(
        request, "tracking/application_detail.html", {"application": application, "pin": pin}
    )


LOOKUP_LIMIT = 10  # attempts per address
LOOKUP_WINDOW = 15 * 60  # seconds


@never_cache
def status_lookup(request):
    """Anyone with a reference code and its tracking PIN sees where the application is.

    A wrong reference and a wrong PIN get the same answer; each address may try a few times.
    """
    application = None
    not_found = False
    if request.method == "POST":
        # A POST keeps the PIN out of addresses, browser history and server logs.
        if not rate_limit_allows(
            request, scope="tracking-lookup", limit=LOOKUP_LIMIT, window=LOOKUP_WINDOW
        ):
            response = render(request, "tracking/status_lookup.html", {"limited": True}, status=429)
            response["Retry-After"] = str(LOOKUP_WINDOW)
            return response
        form = StatusLookupForm(request.POST)
        if form.is_valid():
            application = application_lookup(
                reference=form.cleaned_data["reference"], pin=form.cleaned_data["pin"]
            )
            not_found = application is None
    else:
        # A link or QR code may carry the reference code; the PIN is always typed.
        form = StatusLookupForm(initial={"reference": request.GET.get("reference", "")[:20]})
    events = (
        application.events.filter(visible_to_applicant=True).order_by("created_at")
        if application
        else []
    )
    return render(
        request,
        "tracking/status_lookup.html",
        {"form": form, "application": application, "events": events, "not_found": not_found},
    )
