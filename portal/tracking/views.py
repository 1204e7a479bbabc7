"""The applicant's own applications."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from portal.applications.selectors import (
    application_get_for_applicant,
    application_list_for_applicant,
)


@login_required
def application_list(request):
    applications = application_list_for_applicant(user=request.user)
    return render(request, "tracking/application_list.html", {"applications": applications})


@login_required
def application_detail(request, reference):
    application = application_get_for_applicant(user=request.user, reference=reference)
    if application is None:
        raise Http404
    pin = request.session.pop(f"tracking-pin:{reference}", None)
    return render(
        request, "tracking/application_detail.html", {"application": application, "pin": pin}
    )
