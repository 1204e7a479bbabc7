"""URL map. Public pages carry the language prefix (/en/, /lo/, /km/); the admin does not."""

from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, re_path, reverse
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import routing as page_routing
from payments.urls import checkout_urlpatterns
from portal.api.v1 import api as api_v1
from portal.api.v1 import docs_view as api_docs
from portal.api.v1 import schema_view as api_schema
from portal.applications import counter_views, guest_views
from portal.applications.views import document_download
from portal.dashboard import public_views as statistics_views
from portal.tracking import views as tracking_views


def admin_login(request):
    """The admin's sign-in is allauth's (throttled, with two-step verification)."""
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return redirect(reverse("account_login") + query)


urlpatterns = [
    path("admin/login/", admin_login, name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("files/<uuid:document_id>/", document_download, name="document_download"),
    path("payments/", include("payments.urls")),
    path("api/v1/", api_v1.urls),
    path("api/schema/", api_schema, name="api_schema"),
    path("api/docs/", api_docs, name="api_docs"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("favicon.ico", lambda request: redirect(static("onedoor/images/favicon.svg"))),
]

if settings.BENCH_ENDPOINTS:
    from django.http import HttpResponse

    def minimal_view(request):
        """The smallest Django response: the yardstick for `make bench`."""
        return HttpResponse("Hello")

    urlpatterns.append(path("_bench/minimal/", minimal_view))

if settings.DEBUG:
    from django.conf.urls.static import static as serve_files

    urlpatterns += serve_files(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/guest/", guest_views.guest_start, name="guest_start"),
    path("accounts/guest/code/", guest_views.guest_verify, name="guest_verify"),
    path("accounts/", include("allauth.urls")),
    path("my/walk-in/<str:token>/", counter_views.counter_claim, name="counter_claim"),
    path("my/", include("portal.tracking.urls")),
    path("my/", include("portal.accounts.urls")),
    path("track/", tracking_views.status_lookup, name="status_lookup"),
    path("verify/", tracking_views.verify, name="verify_form"),
    path("verify/<str:code>/", tracking_views.verify, name="verify"),
    path("statistics/", statistics_views.statistics, name="statistics"),
    path(
        "statistics/figures.<str:export>",
        statistics_views.statistics_download,
        name="statistics_download",
    ),
    path(
        "statistics/<uuid:office_key>/",
        statistics_views.statistics,
        name="statistics_office",
    ),
    path(
        "statistics/<uuid:office_key>/figures.<str:export>",
        statistics_views.statistics_download,
        name="statistics_office_download",
    ),
    path("payments/", include((checkout_urlpatterns, "checkout"))),
    # Wagtail's own addresses, then its page view routed from memory (cms.routing).
    path("", include(wagtail_urls.urlpatterns[:-1])),
    re_path(wagtail_urls.serve_pattern, page_routing.serve, name="wagtail_serve"),
)

# One callback address for the identity provider to know, whatever the language: listed after
# the language-prefixed copy, so that it is the one allauth's reverse() gives.
urlpatterns.append(
    path(
        "accounts/oidc/<str:provider_id>/login/callback/",
        oidc_views.callback,
        name="openid_connect_callback",
    )
)
