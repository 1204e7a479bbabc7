"""A person's rights over what the portal holds about them: download it all as one archive,
and delete their account. Both only right after proving again that it is them
(``recent_authentication_required``: the password or second factor, a new email code for a
guest, the national identity for who signs in with it)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal.accounts.models import CompanyMembership
from portal.accounts.reauthentication import recent_authentication_required
from portal.accounts.retention import companies_of_one, user_is_staff_like
from portal.applications.archive import person_archive
from portal.applications.models import Application
from portal.applications.retention import (
    AccountStillNeeded,
    StaffAccount,
    account_delete,
    account_deletion_obstacles,
)
from portal.audit.models import AuditRecord
from portal.audit.services import audit_record
from portal.core.limits import rate_limit_count

#: How many archives a person may build in ``ARCHIVE_WINDOW`` seconds: each one copies every
#: document they have, so asking in a loop would load the storage and the server.
ARCHIVE_LIMIT = 3
ARCHIVE_WINDOW = 3600


@require_http_methods(["GET", "POST"])
@never_cache
@recent_authentication_required
def data_download(request):
    """What the archive holds, with the button that builds it (a POST): everything held about
    the signed-in person, as one ZIP file. Recorded in the audit trail once built."""
    if request.method == "GET":
        return render(request, "tracking/data_download.html")
    if not rate_limit_count(
        f"data-archive:{request.user.pk}", limit=ARCHIVE_LIMIT, window=ARCHIVE_WINDOW
    ):
        return render(
            request, "tracking/data_download.html", {"limited": ARCHIVE_LIMIT}, status=429
        )
    archive = person_archive(user=request.user)
    audit_record(
        action=AuditRecord.Action.DATA_EXPORTED,
        request=request,
        object_type="accounts.user",
        object_id=request.user.pk,
        detail="their own data (zip)",
    )
    name = f"my-data-{timezone.localdate():%Y-%m-%d}.zip"
    return FileResponse(archive, as_attachment=True, filename=name, content_type="application/zip")


def _page(request, *, obstacles: AccountStillNeeded | None = None, status=200):
    user = request.user
    applications = Application.objects.filter(applicant=user)
    context = {
        "drafts": applications.filter(status=Application.Status.DRAFT).count(),
        "submitted": applications.exclude(status=Application.Status.DRAFT).count(),
        "companies": CompanyMembership.objects.filter(user=user).count(),
        "closing": list(companies_of_one(user)),
        "obstacles": obstacles,
    }
    return render(request, "tracking/account_delete.html", context, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
@recent_authentication_required
def account_delete_view(request):
    """Say what goes and what stays (or what must be done first), then delete the account
    when confirmed."""
    user = request.user
    if user_is_staff_like(user):
        return render(request, "tracking/account_delete.html", {"staff": True}, status=403)
    if request.method == "POST":
        try:
            account_delete(user=user, request=request)
        except StaffAccount:
            return render(request, "tracking/account_delete.html", {"staff": True}, status=403)
        except AccountStillNeeded as obstacles:
            return _page(request, obstacles=obstacles, status=409)
        logout(request)
        messages.success(request, _("Your account is deleted."))
        return redirect(f"/{get_language()}/")  # the home page in the language they read
    return _page(request, obstacles=account_deletion_obstacles(user=user))
