"""Who may stay signed in, and how: staff set up two-step verification before they reach the
admin; sessions end after idle time and after an absolute time."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.core.middleware import session_signed_in


def is_staff_member(user) -> bool:
    """Officers, editors, managers and admins: everyone who may open the Wagtail admin."""
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


class StaffMFAMiddleware:
    """Staff without a second factor are sent to set one up before any admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path_info.startswith("/admin/")
            and request.user.is_authenticated
            and is_staff_member(request.user)
        ):
            from allauth.mfa.utils import is_mfa_enabled

            if not is_mfa_enabled(request.user):
                messages.warning(
                    request,
                    _(
                        "Set up two-step verification before you use the back office: an "
                        "authenticator app or a security key."
                    ),
                )
                return redirect("mfa_index")
        return self.get_response(request)


class SessionExpiryMiddleware:
    """Sign out after a time without activity (shorter for staff) and after an absolute time
    since signing in, whatever the activity. The server ends the session, not only the cookie."""

    touch_every = 60  # seconds between writes of the last-seen time
    # Seconds since the epoch. Tests pin it: how much a request does (a session write once a
    # minute) must not depend on how long the test took to get there.
    clock = staticmethod(time.time)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if session_signed_in(request):
            now = self.clock()
            session = request.session
            signed_in = session.setdefault("auth_at", now)
            last_seen = session.get("last_seen", now)
            if self._idle_too_long(request, now - last_seen) or (
                now - signed_in > settings.SESSION_ABSOLUTE_SECONDS
            ):
                logout(request)
                messages.info(request, _("You were signed out after a while. Sign in again."))
                return redirect_to_login(request.get_full_path(), reverse("account_login"))
            if now - last_seen > self.touch_every or "last_seen" not in session:
                session["last_seen"] = now
        return self.get_response(request)

    @staticmethod
    def _idle_too_long(request, idle: float) -> bool:
        """Whether ``idle`` seconds is more than the signed-in person may stay idle; who they
        are and whether they are staff (queries) is asked only when the answer depends on it."""
        staff, others = settings.SESSION_IDLE_SECONDS_STAFF, settings.SESSION_IDLE_SECONDS
        if idle <= min(staff, others):
            return False
        user = request.user
        return idle > (staff if user.is_authenticated and is_staff_member(user) else others)
